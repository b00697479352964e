import Foundation

/// The one CSV scanner behind every CSV file Agon reads (Arena battles, long ratings): a cursor
/// over bytes following RFC 4180 — fields separated by commas, rows by LF or CRLF, fields in double
/// quotes may hold commas, line breaks and `""` for a quote. Two leniencies that hand-written files
/// need: blanks (space, tab) before an opening quote or after a closing one are allowed. Counts
/// physical lines for messages. It finds fields; what a field means is the reader's business.
struct CSVScanner {
    /// A field's contents as a byte range from `base`; `escaped` when they hold `""` escapes.
    struct Field {
        var start: Int
        var count: Int
        var escaped: Bool
        var quoted = false
    }

    /// What makes a row unreadable; the reader reports it on the row's first line.
    enum Problem: Equatable {
        case unclosedQuote
        case textAfterClosingQuote

        var message: String {
            switch self {
            case .unclosedQuote: "a quoted field is not closed (its closing quote is missing before the end of the file)"
            case .textAfterClosingQuote: "unexpected text after a closing quote"
            }
        }
    }

    let base: UnsafePointer<UInt8>
    let end: Int
    var position = 0
    var line = 1

    init(base: UnsafePointer<UInt8>, end: Int) {
        self.base = base
        self.end = end
    }

    var atEnd: Bool { position >= end }

    mutating func skipByteOrderMark() {
        if position == 0, end >= 3, base[0] == 0xEF, base[1] == 0xBB, base[2] == 0xBF { position = 3 }
    }

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

    @inline(__always) static func isBlank(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 }

    /// Where the opening quote is when the field starting at `position` is quoted (after any blanks).
    @inline(__always)
    static func openingQuote(_ base: UnsafePointer<UInt8>, at position: Int, end: Int) -> Int? {
        var index = position
        while index < end, isBlank(base[index]) { index += 1 }
        return index < end && base[index] == 0x22 ? index : nil
    }

    /// Reads a quoted field whose opening quote is at `position`: the contents, whether they hold
    /// `""` escapes, and the problem if any. Leaves `position` at the separator after the field (or
    /// the end), and counts the line breaks inside the quotes.
    @inline(__always)
    static func scanQuotedField(_ base: UnsafePointer<UInt8>, position: inout Int, end: Int,
                                line: inout Int) -> (field: Field, problem: Problem?) {
        position += 1
        let start = position
        var escaped = false
        var closed = false
        while position < end {
            let byte = base[position]
            if byte == 0x22 {
                if position + 1 < end, base[position + 1] == 0x22 {
                    escaped = true
                    position += 2
                    continue
                }
                closed = true
                break
            }
            if byte == 0x0A { line += 1 }
            position += 1
        }
        let field = Field(start: start, count: position - start, escaped: escaped)
        guard closed else { return (field, .unclosedQuote) }
        position += 1
        var problem: Problem?
        while position < end, base[position] != 0x2C, base[position] != 0x0A, base[position] != 0x0D {
            if !isBlank(base[position]) { problem = .textAfterClosingQuote }
            position += 1
        }
        return (field, problem)
    }

    /// Reads one row, calling `field(index, contents)` for each field; returns the first problem
    /// met (the rest of the row is still consumed, so reading can go on after it).
    @inline(__always) @discardableResult
    mutating func readRow(_ field: (Int, Field) -> Void) -> Problem? {
        var index = 0
        var problem: Problem?
        while true {
            var contents = Field(start: position, count: 0, escaped: false)
            if let quote = Self.openingQuote(base, at: position, end: end) {
                position = quote
                let scanned = Self.scanQuotedField(base, position: &position, end: end, line: &line)
                contents = scanned.field
                contents.quoted = true
                problem = problem ?? scanned.problem
            } else {
                while position < end {
                    let byte = base[position]
                    if byte == 0x2C || byte == 0x0A || byte == 0x0D { break }
                    position += 1
                }
                contents.count = position - contents.start
            }
            field(index, contents)
            index += 1
            if position >= end { return problem }
            let byte = base[position]
            position += 1
            if byte == 0x2C { continue }
            if byte == 0x0D {
                // A lone CR ends the row but not the line: lines are counted as editors and
                // `grep -n` count them, by LF.
                guard position < end, base[position] == 0x0A else { return problem }
                position += 1
            }
            line += 1
            return problem
        }
    }

    static func text(_ start: UnsafePointer<UInt8>, _ count: Int, _ escaped: Bool) -> String {
        let text = String(decoding: UnsafeBufferPointer(start: start, count: count), as: UTF8.self)
        return escaped ? text.replacingOccurrences(of: "\"\"", with: "\"") : text
    }

    /// Appends a field's contents to `buffer`, a doubled quote becoming one.
    static func appendContents(_ base: UnsafePointer<UInt8>, _ field: Field, to buffer: inout [UInt8]) {
        var index = field.start
        let stop = field.start + field.count
        while index < stop {
            buffer.append(base[index])
            index += field.escaped && base[index] == 0x22 ? 2 : 1
        }
    }

    // MARK: Rows without quotes, eight bytes at a time

    /// The bytes of `word` equal to `byte`, as the high bit of each byte (the exact zero-byte test
    /// of "Bit Twiddling Hacks", which never marks a byte that differs).
    @inline(__always) static func bytes(_ word: UInt64, equalTo byte: UInt8) -> UInt64 {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let low7: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
        let x = word ^ (ones &* UInt64(byte))
        return ~(((x & low7) &+ low7) | x | low7)
    }

    /// The same test, cheaper, for finding only the *first* byte equal to `byte`: it marks that byte
    /// exactly, but may also mark a byte above it (a borrow carries), so only the lowest mark counts.
    @inline(__always) static func firstByte(_ word: UInt64, equalTo byte: UInt8) -> UInt64 {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let x = word ^ (ones &* UInt64(byte))
        return (x &- ones) & ~x & 0x8080_8080_8080_8080
    }

    /// Calls `row(start, newline, line, commaCount)` for every line of a region that holds no
    /// quote (the usual file: then a row is exactly a line), with the first `maxCommas` comma
    /// positions in `commas`; stops when `row` returns false. A last line without a newline ends at
    /// `end`.
    static func forEachUnquotedRow(_ base: UnsafePointer<UInt8>, from start: Int, end: Int, firstLine: Int,
                                   commas: UnsafeMutablePointer<Int>, maxCommas: Int,
                                   _ row: (Int, Int, Int, Int) -> Bool) {
        let raw = UnsafeRawPointer(base)
        var lineStart = start
        var lineNumber = firstLine
        var commaCount = 0
        var index = start
        while index + 8 <= end {
            let word = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: index, as: UInt64.self))
            var events = bytes(word, equalTo: 0x2C) | bytes(word, equalTo: 0x0A)
            while events != 0 {
                let position = index + events.trailingZeroBitCount >> 3
                events &= events - 1
                if base[position] == 0x0A {
                    guard row(lineStart, position, lineNumber, commaCount) else { return }
                    lineNumber += 1
                    lineStart = position + 1
                    commaCount = 0
                } else {
                    if commaCount < maxCommas { commas[commaCount] = position }
                    commaCount += 1
                }
            }
            index += 8
        }
        while index < end {
            if base[index] == 0x0A {
                guard row(lineStart, index, lineNumber, commaCount) else { return }
                lineNumber += 1
                lineStart = index + 1
                commaCount = 0
            } else if base[index] == 0x2C {
                if commaCount < maxCommas { commas[commaCount] = index }
                commaCount += 1
            }
            index += 1
        }
        if lineStart < end { _ = row(lineStart, end, lineNumber, commaCount) }
    }
}
