import Foundation

/// A result handed from an async task to the synchronous command waiting for it.
public final class BlockingResult<T: Sendable>: @unchecked Sendable {
    private let semaphore = DispatchSemaphore(value: 0)
    private var value: T?

    public init() {}

    public func set(_ result: T) {
        value = result
        semaphore.signal()
    }

    public func wait() -> T {
        semaphore.wait()
        return value!
    }

    /// Runs `body` to completion from synchronous code.
    public static func run(_ body: @escaping @Sendable () async -> T) -> T {
        let result = BlockingResult<T>()
        Task.detached { result.set(await body()) }
        return result.wait()
    }
}
