/// One problem found in a file a person wrote, located so that they can go and fix it.
public struct Diagnostic: Equatable, Sendable, CustomStringConvertible, Comparable {
    public var file: String
    /// 1-based; `nil` when the problem concerns the file as a whole (it is missing, say).
    public var line: Int?
    public var message: String

    public init(file: String, line: Int?, message: String) {
        self.file = file
        self.line = line
        self.message = message
    }

    public var description: String {
        if let line { return "\(file):\(line): \(message)" }
        return "\(file): \(message)"
    }

    public static func < (lhs: Diagnostic, rhs: Diagnostic) -> Bool {
        if lhs.file != rhs.file { return lhs.file < rhs.file }
        return (lhs.line ?? 0) < (rhs.line ?? 0)
    }
}

/// Thrown when a file cannot be used; carries every problem found, not just the first.
public struct DiagnosticsError: Error, Sendable, CustomStringConvertible {
    public var diagnostics: [Diagnostic]

    public init(_ diagnostics: [Diagnostic]) {
        self.diagnostics = diagnostics
    }

    public var description: String {
        diagnostics.map(\.description).joined(separator: "\n")
    }
}
