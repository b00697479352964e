import Foundation

/// Reads ratings in long format, one rating a row — the format most tools export:
///
///     unit,rater,value
///     essay-1,ann,4
///     essay-1,bob,        ← empty value: a missing rating (NA and NaN too, as R and pandas write them)
///
/// The header names the columns (any order, other columns ignored). Fields may be quoted with `"`
/// as RFC 4180 says (`CSVScanner`: a doubled `""` inside quotes is one quote, a quoted field may
/// span lines); blanks around a field outside its quotes are dropped. Values are numbers (categories sorted by value) or
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
            guard let base = bytes.baseAddress?.assumingMemoryBound(to: UInt8.self) else { return }
            let count = bytes.count
            // Room for a unit every few dozen bytes, so the unit table rarely needs to grow.
            units = ByteInterner(capacity: max(1024, count / 48))
            var scanner = CSVScanner(base: base, end: count)
            scanner.skipByteOrderMark()
            // Most files have no quotes at all: then a row is a line, whatever it holds, and the rows
            // after the header can be scanned eight bytes at a time.
            let fileHasQuotes = memchr(base, 0x22, count) != nil
            while true {
                scanner.skipBlankLines()
                guard !scanner.atEnd else { return }
                if columns != nil, !fileHasQuotes {
                    let commas = UnsafeMutablePointer<Int>.allocate(capacity: Self.maxCommas)
                    defer { commas.deallocate() }
                    CSVScanner.forEachUnquotedRow(base, from: scanner.position, end: count, firstLine: scanner.line,
                                                  commas: commas, maxCommas: Self.maxCommas) { start, newline, number, commaCount in
                        handleLine(bytes, start, newline, number: number, commas: commas, commaCount: commaCount)
                    }
                    return
                }
                guard readRow(&scanner, base) else { return }
            }
        }

        static let maxCommas = 64

        /// One row through the scanner (the header, and every row of a file with quotes), its
        /// fields copied to `unquoted`; false when reading should stop.
        mutating func readRow(_ scanner: inout CSVScanner, _ base: UnsafePointer<UInt8>) -> Bool {
            let number = scanner.line
            fields.removeAll(keepingCapacity: true)
            unquoted.removeAll(keepingCapacity: true)
            let rowProblem = scanner.readRow { _, field in
                let start = unquoted.count
                CSVScanner.appendContents(base, field, to: &unquoted)
                var range = (start: start, end: unquoted.count)
                if !field.quoted {
                    while range.start < range.end, CSVScanner.isBlank(unquoted[range.start]) { range.start += 1 }
                    while range.end > range.start, CSVScanner.isBlank(unquoted[range.end - 1]) { range.end -= 1 }
                }
                fields.append(range)
            }
            if let rowProblem {
                problem(number, rowProblem.message)
            } else {
                let copy = unquoted
                copy.withUnsafeBytes { record(from: $0, number: number) }
            }
            return !stopped && diagnostics.count <= RatingsFileReader.maxDiagnostics
        }

        /// One line of a file without quotes, from `start` to its newline (excluded); false when
        /// reading should stop.
        mutating func handleLine(_ bytes: UnsafeRawBufferPointer, _ start: Int, _ newline: Int, number: Int,
                                 commas: UnsafeMutablePointer<Int>, commaCount: Int) -> Bool {
            var lineEnd = newline
            if lineEnd > start, bytes[lineEnd - 1] == 0x0D { lineEnd -= 1 }
            guard lineEnd > start, let columns else { return true }
            func field(_ index: Int) -> (start: Int, end: Int) {
                trimmed(bytes, index == 0 ? start : commas[index - 1] + 1, index == commaCount ? lineEnd : commas[index])
            }
            if commaCount >= Self.maxCommas {
                // More commas than the fast path keeps: split the line again, field by field.
                fields.removeAll(keepingCapacity: true)
                var fieldStart = start
                for index in start..<lineEnd where bytes[index] == 0x2C {
                    fields.append(trimmed(bytes, fieldStart, index))
                    fieldStart = index + 1
                }
                fields.append(trimmed(bytes, fieldStart, lineEnd))
                record(from: bytes, number: number)
            } else if commaCount + 1 != columns.count {
                problem(number, fieldCountMessage(expected: columns.count, found: commaCount + 1))
            } else {
                store(bytes, unit: field(columns.unit), rater: field(columns.rater), value: field(columns.value),
                      number: number, cacheable: true)
            }
            return diagnostics.count <= RatingsFileReader.maxDiagnostics
        }

        func fieldCountMessage(expected: Int, found: Int) -> String {
            "expected \(expected) fields (\(expected == 3 ? "unit,rater,value" : "as in the header")), found \(found)"
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
            while start < end, CSVScanner.isBlank(bytes[start]) { start += 1 }
            while end > start, CSVScanner.isBlank(bytes[end - 1]) { end -= 1 }
            return (start, end)
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
