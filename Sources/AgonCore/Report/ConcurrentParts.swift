import Dispatch

/// Parts of a report that depend on nothing of each other's, computed at once on the machine's
/// cores; each part writes only its own slot, and the results come back in the order given. Parts
/// start in that order as cores come free: the longest first keeps a core from idling at the end.
enum ConcurrentParts {
    private final class Slots<A, B, C, D>: @unchecked Sendable {
        var a: A?
        var b: B?
        var c: C?
        var d: D?
    }

    static func run<A, B, C, D>(_ a: @Sendable () -> A, _ b: @Sendable () -> B, _ c: @Sendable () -> C,
                                _ d: @Sendable () -> D) -> (A, B, C, D) {
        let slots = Slots<A, B, C, D>()
        DispatchQueue.concurrentPerform(iterations: 4) { part in
            switch part {
            case 0: slots.a = a()
            case 1: slots.b = b()
            case 2: slots.c = c()
            default: slots.d = d()
            }
        }
        return (slots.a!, slots.b!, slots.c!, slots.d!)
    }
}
