import Foundation

/// A cursor over CSV bytes (RFC 4180): fields separated by commas, rows by LF or CRLF, fields in
/// double quotes may hold commas, newlines and `""` for a quote. Counts physical lines for messages.
struct CSVScanner {
    let base: UnsafePointer<UInt8>
    let end: Int
    var position = 0
    var line = 1

    init(base: UnsafePointer<UInt8>, end: Int) {
        self.base = base
        self.end = end
    }

    var atEnd: Bool { position >= end }

    mutating func skipBlankLines() {
        while position < end {
            let byte = base[position]
            if byte == 0x0A {
                line += 1
                position += 1
            } else if byte == 0x0D {
                position += 1
            } else {
                return
            }
        }
    }

    /// Reads a quoted field whose opening quote is at `position`: the contents' start and length,
    /// and whether they hold `""` escapes. Leaves `position` after the closing quote and any stray
    /// bytes before the next separator, and counts the line breaks inside the quotes.
    @inline(__always)
    static func scanQuotedField(_ base: UnsafePointer<UInt8>, position: inout Int, end: Int,
                                line: inout Int) -> (start: Int, count: Int, escaped: Bool) {
        position += 1
        let start = position
        var escaped = false
        while position < end {
            let byte = base[position]
            if byte == 0x22 {
                if position + 1 < end, base[position + 1] == 0x22 {
                    escaped = true
                    position += 2
                    continue
                }
                break
            }
            if byte == 0x0A { line += 1 }
            position += 1
        }
        let count = position - start
        if position < end { position += 1 }  // closing quote
        while position < end, base[position] != 0x2C, base[position] != 0x0A, base[position] != 0x0D {
            position += 1  // stray bytes after a closing quote are ignored
        }
        return (start, count, escaped)
    }

    /// Reads one row, calling `field(index, start, count, escaped)` for each field's contents.
    @inline(__always)
    mutating func readRow(_ field: (Int, Int, Int, Bool) -> Void) {
        var index = 0
        while true {
            var start = position
            var count = 0
            var escaped = false
            if position < end, base[position] == 0x22 {
                (start, count, escaped) = Self.scanQuotedField(base, position: &position, end: end, line: &line)
            } else {
                while position < end {
                    let byte = base[position]
                    if byte == 0x2C || byte == 0x0A || byte == 0x0D { break }
                    position += 1
                }
                count = position - start
            }
            field(index, start, count, escaped)
            index += 1
            if position >= end { return }
            let byte = base[position]
            position += 1
            if byte == 0x2C { continue }
            if byte == 0x0D {
                // A lone CR ends the row but not the line: lines are counted as editors and
                // `grep -n` count them, by LF.
                guard position < end, base[position] == 0x0A else { return }
                position += 1
            }
            line += 1
            return
        }
    }

    static func text(_ start: UnsafePointer<UInt8>, _ count: Int, _ escaped: Bool) -> String {
        let text = String(decoding: UnsafeBufferPointer(start: start, count: count), as: UTF8.self)
        return escaped ? text.replacingOccurrences(of: "\"\"", with: "\"") : text
    }
}
