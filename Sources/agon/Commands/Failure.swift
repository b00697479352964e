import AgonCore
import ArgumentParser
import Foundation

/// Ends a command with problems a person can act on: printed to standard error one a line, exit 1,
/// never a stack trace.
struct Failure: Error, CustomStringConvertible {
    var lines: [String]

    init(_ message: String) {
        lines = [message]
    }

    init(lines: [String]) {
        self.lines = lines
    }

    init(diagnostics: [Diagnostic]) {
        lines = diagnostics.sorted().map(\.description)
        if diagnostics.count > 1 { lines.append("\(diagnostics.count) problems found.") }
    }

    var description: String { lines.joined(separator: "\n") }
}
