import Foundation

/// Reads ratings in long format, one rating a row — the format most tools export:
///
///     unit,rater,value
///     essay-1,ann,4
///     essay-1,bob,        ← empty value: a missing rating (NA and NaN too, as R and pandas write them)
///
/// The header names the columns (any order, other columns ignored). Fields may be quoted with `"`
/// (a doubled `""` inside quotes is one quote). Values are numbers (categories sorted by value) or
/// labels (unordered, sorted by name); `scale` fixes the categories and their order, including ones
/// nobody used, which weighted statistics need.
///
/// Every problem is reported as `file:line: message` (up to `maxDiagnostics`), never a crash.
/// Parsing works on bytes and interns unit and rater names, so a million rows cost tens of
/// milliseconds.
public enum RatingsFileReader {
    public static let maxDiagnostics = 20

    public static func read(file: URL, displayName: String, scale: [String]? = nil) throws(DiagnosticsError) -> RatingsTable {
        let data: Data
        do {
            data = try Data(contentsOf: file, options: .mappedIfSafe)
        } catch {
            throw DiagnosticsError([Diagnostic(file: displayName, line: nil, message: "cannot read the file (\((error as NSError).localizedDescription))")])
        }
        return try parse(data, name: displayName, scale: scale)
    }

    public static func parse(_ data: Data, name: String, scale: [String]? = nil) throws(DiagnosticsError) -> RatingsTable {
        var parser = Parser(name: name)
        data.withUnsafeBytes { parser.run($0) }
        if parser.diagnostics.isEmpty, !parser.stopped { parser.checkHeaderSeen() }
        // Rows that parsed are still checked (duplicates, values off the scale), so one run reports
        // every problem it can.
        if parser.columns == nil || parser.stopped || parser.diagnostics.count > maxDiagnostics { throw DiagnosticsError(parser.diagnostics) }
        return try parser.table(scale: scale)
    }

    private struct Parser {
        let name: String
        var diagnostics: [Diagnostic] = []
        var columns: (unit: Int, rater: Int, value: Int, count: Int)?
        var units = ByteInterner(capacity: 1024)
        var raters = ByteInterner()
        var values = ByteInterner()
        /// The table as it is read: value ids (−1: none) and the line each came from (0: none),
        /// units × `stride` columns; the stride doubles when a new rater does not fit.
        var grid: [Int32] = []
        var gridLine: [Int32] = []
        var stride = 2
        var gridUnits = 0
        /// Units the grid has room for (it grows by doubling, a block at a time).
        var gridCapacity = 0
        /// Fields of the current line as byte ranges into the file, or into `unquoted` when the line
        /// had quotes.
        var fields: [(start: Int, end: Int)] = []
        var unquoted: [UInt8] = []
        var lastUnit: (start: Int, end: Int, id: Int32)?
        var lastRater: Int32 = -1
        /// Set when the header is unusable: no row can be read.
        var stopped = false
        var valueByByte = [Int32](repeating: -1, count: 256)

        init(name: String) {
            self.name = name
        }

        mutating func problem(_ line: Int?, _ message: String) {
            if diagnostics.count < RatingsFileReader.maxDiagnostics {
                diagnostics.append(Diagnostic(file: name, line: line, message: message))
            } else if diagnostics.count == RatingsFileReader.maxDiagnostics {
                diagnostics.append(Diagnostic(file: name, line: line, message: "more problems follow; fix these first"))
            }
        }

        mutating func checkHeaderSeen() {
            if columns == nil { problem(1, "the file is empty: expected a header `unit,rater,value` and one rating a row") }
        }

        mutating func run(_ bytes: UnsafeRawBufferPointer) {
            let count = bytes.count
            var lineStart = 0
            var lineNumber = 0
            // Skip a UTF-8 byte order mark.
            if count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { lineStart = 3 }
            // Room for a unit every few dozen bytes, so the unit table rarely needs to grow.
            units = ByteInterner(capacity: max(1024, count / 48))
            let commas = UnsafeMutablePointer<Int>.allocate(capacity: Self.maxCommas)
            defer { commas.deallocate() }
            guard let base = bytes.baseAddress?.assumingMemoryBound(to: UInt8.self) else { return }
            // Most files have no quotes at all: then a line ends at the next newline, whatever it
            // holds, and the rows after the header can be scanned eight bytes at a time.
            let fileHasQuotes = memchr(base, 0x22, count) != nil
            while lineStart < count {
                if columns != nil, !fileHasQuotes {
                    scanWithoutQuotes(bytes, from: lineStart, lineNumber: lineNumber + 1, commas: commas)
                    return
                }
                lineNumber += 1
                let newline = memchr(base + lineStart, 0x0A, count - lineStart)
                let lineEnd = newline.map { UnsafePointer($0.assumingMemoryBound(to: UInt8.self)) - base } ?? count
                var commaCount = 0
                for index in lineStart..<lineEnd where base[index] == 0x2C {
                    if commaCount < Self.maxCommas { commas[commaCount] = index }
                    commaCount += 1
                }
                let quoted = fileHasQuotes && memchr(base + lineStart, 0x22, lineEnd - lineStart) != nil
                guard handleLine(bytes, lineStart, lineEnd, number: lineNumber, quoted: quoted, commas: commas, commaCount: commaCount) else { return }
                lineStart = lineEnd + 1
            }
        }

        static let maxCommas = 64

        /// The rows of a file without quotes: commas and newlines found with word-at-a-time
        /// comparisons (the exact zero-byte test of "Bit Twiddling Hacks", on each 8-byte word).
        mutating func scanWithoutQuotes(_ bytes: UnsafeRawBufferPointer, from start: Int, lineNumber first: Int,
                                        commas: UnsafeMutablePointer<Int>) {
            guard let raw = bytes.baseAddress else { return }
            let base = raw.assumingMemoryBound(to: UInt8.self)
            let count = bytes.count
            let ones: UInt64 = 0x0101_0101_0101_0101
            let low7: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
            @inline(__always) func matches(_ word: UInt64, _ byte: UInt8) -> UInt64 {
                let x = word ^ (ones &* UInt64(byte))
                return ~(((x & low7) &+ low7) | x | low7)
            }
            var lineStart = start
            var lineNumber = first
            var commaCount = 0
            var index = start
            while index + 8 <= count {
                let word = UInt64(littleEndian: (raw + index).loadUnaligned(as: UInt64.self))
                var events = matches(word, 0x2C) | matches(word, 0x0A)
                while events != 0 {
                    let position = index + events.trailingZeroBitCount >> 3
                    events &= events - 1
                    if base[position] == 0x0A {
                        guard handleLine(bytes, lineStart, position, number: lineNumber, quoted: false, commas: commas, commaCount: commaCount) else { return }
                        lineNumber += 1
                        lineStart = position + 1
                        commaCount = 0
                    } else {
                        if commaCount < Self.maxCommas { commas[commaCount] = position }
                        commaCount += 1
                    }
                }
                index += 8
            }
            while index < count {
                if base[index] == 0x0A {
                    guard handleLine(bytes, lineStart, index, number: lineNumber, quoted: false, commas: commas, commaCount: commaCount) else { return }
                    lineNumber += 1
                    lineStart = index + 1
                    commaCount = 0
                } else if base[index] == 0x2C {
                    if commaCount < Self.maxCommas { commas[commaCount] = index }
                    commaCount += 1
                }
                index += 1
            }
            if lineStart < count {
                _ = handleLine(bytes, lineStart, count, number: lineNumber, quoted: false, commas: commas, commaCount: commaCount)
            }
        }

        /// One line from `start` to its newline (excluded); false when reading should stop.
        mutating func handleLine(_ bytes: UnsafeRawBufferPointer, _ start: Int, _ newline: Int, number: Int, quoted: Bool,
                                 commas: UnsafeMutablePointer<Int>, commaCount: Int) -> Bool {
            var lineEnd = newline
            if lineEnd > start, bytes[lineEnd - 1] == 0x0D { lineEnd -= 1 }
            guard lineEnd > start else { return true }
            guard let columns, !quoted, commaCount < Self.maxCommas else {
                line(bytes, start, lineEnd, number: number, quoted: quoted)
                return !stopped && diagnostics.count <= RatingsFileReader.maxDiagnostics
            }
            guard commaCount + 1 == columns.count else {
                problem(number, fieldCountMessage(expected: columns.count, found: commaCount + 1))
                return diagnostics.count <= RatingsFileReader.maxDiagnostics
            }
            func field(_ index: Int) -> (start: Int, end: Int) {
                trimmed(bytes, index == 0 ? start : commas[index - 1] + 1, index == commaCount ? lineEnd : commas[index])
            }
            store(bytes, unit: field(columns.unit), rater: field(columns.rater), value: field(columns.value),
                  number: number, cacheable: true)
            return diagnostics.count <= RatingsFileReader.maxDiagnostics
        }

        func fieldCountMessage(expected: Int, found: Int) -> String {
            "expected \(expected) fields (\(expected == 3 ? "unit,rater,value" : "as in the header")), found \(found)"
        }

        /// A line with quotes, or the header.
        mutating func line(_ bytes: UnsafeRawBufferPointer, _ start: Int, _ end: Int, number: Int, quoted: Bool) {
            fields.removeAll(keepingCapacity: true)
            if quoted {
                guard splitQuoted(bytes, start, end, number: number) else { return }
                let copy = unquoted
                copy.withUnsafeBytes { record(from: $0, number: number) }
            } else {
                var fieldStart = start
                for index in start..<end where bytes[index] == 0x2C {
                    fields.append(trimmed(bytes, fieldStart, index))
                    fieldStart = index + 1
                }
                fields.append(trimmed(bytes, fieldStart, end))
                record(from: bytes, number: number)
            }
        }

        mutating func record(from source: UnsafeRawBufferPointer, number: Int) {
            guard let columns else {
                header(source, number: number)
                return
            }
            guard fields.count == columns.count else {
                problem(number, fieldCountMessage(expected: columns.count, found: fields.count))
                return
            }
            store(source, unit: fields[columns.unit], rater: fields[columns.rater], value: fields[columns.value],
                  number: number, cacheable: false)
        }

        /// Interns one row's names. Caches make the usual layouts cheap: rows grouped by unit (same
        /// unit as the previous row), raters in a repeating order (the next rater after the
        /// previous one), one-byte values (a 256-entry table).
        mutating func store(_ source: UnsafeRawBufferPointer, unit unitField: (start: Int, end: Int),
                            rater raterField: (start: Int, end: Int), value valueField: (start: Int, end: Int),
                            number: Int, cacheable: Bool) {
            guard unitField.end > unitField.start else { problem(number, "the unit is empty"); return }
            guard raterField.end > raterField.start else { problem(number, "the rater is empty"); return }
            let unitID: Int32
            if cacheable, let last = lastUnit, last.end - last.start == unitField.end - unitField.start,
               sameBytes(source, last.start, unitField.start, unitField.end - unitField.start) {
                unitID = last.id
            } else {
                unitID = units.intern(UnsafeRawBufferPointer(rebasing: source[unitField.start..<unitField.end]))
                lastUnit = cacheable ? (unitField.start, unitField.end, unitID) : nil
            }
            let raterBytes = UnsafeRawBufferPointer(rebasing: source[raterField.start..<raterField.end])
            let predicted = lastRater + 1 < Int32(raters.count) ? lastRater + 1 : 0
            let raterID: Int32
            if predicted < Int32(raters.count), raters.matches(predicted, raterBytes) {
                raterID = predicted
            } else {
                raterID = raters.intern(raterBytes)
            }
            lastRater = raterID
            var valueID: Int32 = -1
            let valueBytes = UnsafeRawBufferPointer(rebasing: source[valueField.start..<valueField.end])
            if valueBytes.count == 1 {
                let byte = Int(valueBytes[0])
                valueID = valueByByte[byte]
                if valueID < 0 {
                    valueID = values.intern(valueBytes)
                    valueByByte[byte] = valueID
                }
            } else if !valueBytes.isEmpty, !isMissingMarker(valueBytes) {
                valueID = values.intern(valueBytes)
            }
            if Int(unitID) == gridUnits {
                if gridUnits == gridCapacity { growGrid() }
                gridUnits += 1
            }
            if Int(raterID) >= stride { widen(to: Int(raterID) + 1) }
            guard valueID >= 0 else { return }
            let cell = Int(unitID) * stride + Int(raterID)
            let earlier = gridLine[cell]
            if earlier != 0 {
                problem(number, "unit `\(units.string(unitID))` already has a rating by `\(raters.string(raterID))` (line \(earlier))")
                return
            }
            grid[cell] = valueID
            gridLine[cell] = Int32(truncatingIfNeeded: number)
        }

        /// Re-lays the grid out with room for `raters` columns.
        mutating func widen(to raters: Int) {
            var newStride = stride
            while newStride < raters { newStride *= 2 }
            var newGrid = [Int32](repeating: -1, count: gridCapacity * newStride)
            var newLines = [Int32](repeating: 0, count: gridCapacity * newStride)
            for u in 0..<gridUnits {
                for r in 0..<stride {
                    newGrid[u * newStride + r] = grid[u * stride + r]
                    newLines[u * newStride + r] = gridLine[u * stride + r]
                }
            }
            grid = newGrid
            gridLine = newLines
            stride = newStride
        }

        mutating func growGrid() {
            let added = max(1024, gridCapacity)
            grid.append(contentsOf: [Int32](repeating: -1, count: added * stride))
            gridLine.append(contentsOf: [Int32](repeating: 0, count: added * stride))
            gridCapacity += added
        }

        func sameBytes(_ source: UnsafeRawBufferPointer, _ a: Int, _ b: Int, _ length: Int) -> Bool {
            for offset in 0..<length where source[a + offset] != source[b + offset] { return false }
            return true
        }

        func isMissingMarker(_ bytes: UnsafeRawBufferPointer) -> Bool {
            (bytes.count == 2 && bytes[0] == 0x4E && bytes[1] == 0x41)
                || (bytes.count == 3 && bytes[0] == 0x4E && bytes[1] == 0x61 && bytes[2] == 0x4E)
        }

        mutating func header(_ source: UnsafeRawBufferPointer, number: Int) {
            let names = fields.map {
                String(decoding: UnsafeRawBufferPointer(rebasing: source[$0.start..<$0.end]), as: UTF8.self).lowercased()
            }
            guard let unit = names.firstIndex(of: "unit"), let rater = names.firstIndex(of: "rater"),
                  let value = names.firstIndex(of: "value") else {
                problem(number, "the header must name the columns unit, rater and value (found: \(names.joined(separator: ",")))")
                stopped = true
                return
            }
            columns = (unit, rater, value, names.count)
        }

        func trimmed(_ bytes: UnsafeRawBufferPointer, _ start: Int, _ end: Int) -> (start: Int, end: Int) {
            var start = start, end = end
            while start < end, bytes[start] == 0x20 || bytes[start] == 0x09 { start += 1 }
            while end > start, bytes[end - 1] == 0x20 || bytes[end - 1] == 0x09 { end -= 1 }
            return (start, end)
        }

        /// Splits a line with quotes into `unquoted`, with field ranges into it.
        mutating func splitQuoted(_ bytes: UnsafeRawBufferPointer, _ start: Int, _ end: Int, number: Int) -> Bool {
            unquoted.removeAll(keepingCapacity: true)
            var index = start
            while true {
                while index < end, bytes[index] == 0x20 || bytes[index] == 0x09 { index += 1 }
                let fieldStart = unquoted.count
                if index < end, bytes[index] == 0x22 {
                    index += 1
                    var closed = false
                    while index < end {
                        if bytes[index] == 0x22 {
                            if index + 1 < end, bytes[index + 1] == 0x22 {
                                unquoted.append(0x22)
                                index += 2
                                continue
                            }
                            closed = true
                            index += 1
                            break
                        }
                        unquoted.append(bytes[index])
                        index += 1
                    }
                    guard closed else { problem(number, "a quoted field is not closed (fields cannot span lines)"); return false }
                    while index < end, bytes[index] == 0x20 || bytes[index] == 0x09 { index += 1 }
                    if index < end, bytes[index] != 0x2C {
                        problem(number, "unexpected text after a closing quote")
                        return false
                    }
                    fields.append((fieldStart, unquoted.count))
                } else {
                    while index < end, bytes[index] != 0x2C { unquoted.append(bytes[index]); index += 1 }
                    var fieldEnd = unquoted.count
                    while fieldEnd > fieldStart, unquoted[fieldEnd - 1] == 0x20 || unquoted[fieldEnd - 1] == 0x09 { fieldEnd -= 1 }
                    unquoted.removeLast(unquoted.count - fieldEnd)
                    fields.append((fieldStart, fieldEnd))
                }
                if index >= end { break }
                index += 1 // the comma
                if index == end { fields.append((unquoted.count, unquoted.count)); break }
            }
            return true
        }

        mutating func table(scale: [String]?) throws(DiagnosticsError) -> RatingsTable {
            let valueNames = values.strings
            // Map each distinct value spelling to a category code.
            var categories: [String]
            var numeric: [Double]?
            var codeOf = [Int32](repeating: -1, count: valueNames.count)
            var ordered: Bool
            if let scale {
                categories = scale
                let scaleNumbers = scale.map { Double($0) }
                numeric = scaleNumbers.allSatisfy { $0 != nil && $0!.isFinite } ? scaleNumbers.map { $0! } : nil
                ordered = true
                for (id, spelling) in valueNames.enumerated() {
                    if let position = scale.firstIndex(of: spelling) {
                        codeOf[id] = Int32(position)
                    } else if let number = Double(spelling), let position = scaleNumbers.firstIndex(of: number) {
                        codeOf[id] = Int32(position)
                    }
                }
            } else {
                let numbers = valueNames.map { Double($0) }
                if numbers.allSatisfy({ $0 != nil && $0!.isFinite }) {
                    let distinct = Array(Set(numbers.map { $0! })).sorted()
                    var position: [Double: Int32] = [:]
                    for (index, value) in distinct.enumerated() { position[value] = Int32(index) }
                    for (id, number) in numbers.enumerated() { codeOf[id] = position[number!]! }
                    categories = distinct.map(RatingsTable.label)
                    numeric = distinct
                    ordered = true
                } else {
                    categories = valueNames.sorted()
                    var position: [String: Int32] = [:]
                    for (index, label) in categories.enumerated() { position[label] = Int32(index) }
                    for (id, label) in valueNames.enumerated() { codeOf[id] = position[label]! }
                    numeric = nil
                    ordered = false
                }
            }
            let raterCount = raters.count
            var cells = [Int32](repeating: -1, count: gridUnits * raterCount)
            grid.withUnsafeBufferPointer { grid in
                cells.withUnsafeMutableBufferPointer { cells in
                    for u in 0..<gridUnits {
                        for r in 0..<raterCount {
                            let valueID = grid[u * stride + r]
                            guard valueID >= 0 else { continue }
                            cells[u * raterCount + r] = codeOf[Int(valueID)]
                        }
                    }
                }
            }
            if codeOf.contains(-1) {
                for u in 0..<gridUnits {
                    for r in 0..<raterCount {
                        let valueID = grid[u * stride + r]
                        guard valueID >= 0, codeOf[Int(valueID)] < 0 else { continue }
                        problem(Int(gridLine[u * stride + r]), "value `\(valueNames[Int(valueID)])` is not on the scale (\(scale?.joined(separator: ", ") ?? ""))")
                    }
                }
            }
            if !diagnostics.isEmpty { throw DiagnosticsError(diagnostics) }
            return RatingsTable(unitIDs: units.strings, raterIDs: raters.strings, categories: categories,
                                numericValues: numeric, isOrdered: ordered, cells: cells)
        }
    }
}
