import Foundation

/// Cuts a byte stream into lines (newline-delimited JSON), whatever the chunk boundaries.
struct LineSplitter {
    private var pending: [UInt8] = []

    mutating func feed(_ bytes: some Collection<UInt8>) -> [String] {
        pending.append(contentsOf: bytes)
        var lines: [String] = []
        var start = 0
        while let end = pending[start...].firstIndex(of: UInt8(ascii: "\n")) {
            let line = String(decoding: pending[start..<end], as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            if !line.isEmpty { lines.append(line) }
            start = end + 1
        }
        pending.removeFirst(start)
        return lines
    }

    /// What followed the last newline, if anything.
    func rest() -> String? {
        let line = String(decoding: pending, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        return line.isEmpty ? nil : line
    }
}
