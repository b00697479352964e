import Foundation
import Testing
@testable import AgonCore

/// The one CSV scanner gives battles and ratings the same reading of the same bytes.
struct CSVScannerTests {
    func rows(_ text: String) -> (rows: [[String]], problems: [CSVScanner.Problem?], lines: [Int]) {
        let bytes = Array(text.utf8)
        return bytes.withUnsafeBufferPointer { buffer in
            var scanner = CSVScanner(base: buffer.baseAddress!, end: buffer.count)
            var rows: [[String]] = [], problems: [CSVScanner.Problem?] = [], lines: [Int] = []
            while true {
                scanner.skipBlankLines()
                if scanner.atEnd { break }
                lines.append(scanner.line)
                var row: [String] = []
                problems.append(scanner.readRow { _, field in
                    row.append(CSVScanner.text(buffer.baseAddress! + field.start, field.count, field.escaped))
                })
                rows.append(row)
            }
            return (rows, problems, lines)
        }
    }

    @Test func quotedFieldsSpanLinesAndEscapeQuotes() {
        let read = rows("a,\"b, \"\"c\"\"\r\nd\",e\n\nf,,\n")
        #expect(read.rows == [["a", "b, \"c\"\r\nd", "e"], ["f", "", ""]])
        #expect(read.problems == [nil, nil])
        #expect(read.lines == [1, 4])
    }

    @Test func blanksAroundQuotesAreAllowedTextAfterAQuoteIsNot() {
        #expect(rows("  \"x\"  ,y\n").rows == [["x", "y"]])
        #expect(rows("\"x\" z,y\nnext\n").problems == [.textAfterClosingQuote, nil])
        #expect(rows("a,\"never closed\nb\n").problems == [.unclosedQuote])
    }

    @Test func unquotedRowsEightBytesAtATimeMatchTheCursor() {
        var random = SeededRandom(seed: 9)
        for _ in 0..<200 {
            var text = ""
            for _ in 0..<random.below(12) {
                let fields = (0..<(1 + random.below(5))).map { _ in String(repeating: "x", count: random.below(11)) }
                text += fields.joined(separator: ",") + (random.below(4) == 0 ? "\r\n" : "\n")
            }
            if random.below(2) == 0, text.hasSuffix("\n") { text.removeLast() }
            let bytes = Array(text.utf8)
            guard !bytes.isEmpty else { continue }
            var fast: [Int] = []
            bytes.withUnsafeBufferPointer { buffer in
                let commas = UnsafeMutablePointer<Int>.allocate(capacity: 64)
                defer { commas.deallocate() }
                CSVScanner.forEachUnquotedRow(buffer.baseAddress!, from: 0, end: buffer.count, firstLine: 1, commas: commas, maxCommas: 64) { start, newline, _, commaCount in
                    var end = newline
                    if end > start, buffer[end - 1] == 0x0D { end -= 1 }
                    if end > start { fast.append(commaCount + 1) }
                    return true
                }
            }
            #expect(fast == rows(text).rows.map(\.count), "\(text.debugDescription)")
        }
    }

    @Test func theCheapFirstByteTestFindsTheSameFirstByteAsTheExactOne() {
        var random = SeededRandom(seed: 3)
        let alphabet: [UInt8] = [0x2C, 0x0A, 0x0D, 0x2B, 0x2D, 0x0B, 0x41, 0x00, 0xFF, 0x2C &+ 0x80]
        for _ in 0..<20_000 {
            var word: UInt64 = 0
            for index in 0..<8 { word |= UInt64(alphabet[random.below(alphabet.count)]) << (8 * UInt64(index)) }
            let exact = CSVScanner.bytes(word, equalTo: 0x2C) | CSVScanner.bytes(word, equalTo: 0x0A) | CSVScanner.bytes(word, equalTo: 0x0D)
            let cheap = CSVScanner.firstByte(word, equalTo: 0x2C) | CSVScanner.firstByte(word, equalTo: 0x0A) | CSVScanner.firstByte(word, equalTo: 0x0D)
            #expect((exact == 0) == (cheap == 0))
            #expect(exact == 0 || exact.trailingZeroBitCount == cheap.trailingZeroBitCount, "\(String(word, radix: 16))")
        }
    }

    @Test func bothReadersReportTheSameQuotingProblems() {
        func battleProblems(_ text: String) -> [String] {
            do { _ = try BattleFileReader.parseCSV(Data(text.utf8), file: "b.csv"); return [] } catch { return error.diagnostics.map(\.description) }
        }
        func ratingProblems(_ text: String) -> [String] {
            do { _ = try RatingsFileReader.parse(Data(text.utf8), name: "r.csv"); return [] } catch { return error.diagnostics.map(\.description) }
        }
        #expect(battleProblems("model_a,model_b,winner\nx,\"y\" z,model_a\n") == ["b.csv:2: unexpected text after a closing quote"])
        #expect(ratingProblems("unit,rater,value\nu,\"a\" z,1\n") == ["r.csv:2: unexpected text after a closing quote"])
        #expect(battleProblems("model_a,model_b,winner\nx,y,model_a\nx,\"y,model_b\n")
                == ["b.csv:3: a quoted field is not closed (its closing quote is missing before the end of the file)"])
        // A quoted name with a line break, and blanks before a quote, read alike in both.
        let battles = try? BattleFileReader.parseCSV(Data("model_a,model_b,winner\n \"two\nlines\",y,model_a\n".utf8), file: "b.csv")
        #expect(battles?.counts.systems == ["two\nlines", "y"])
        let ratings = try? RatingsFileReader.parse(Data("unit,rater,value\n \"two\nlines\",a,1\n".utf8), name: "r.csv")
        #expect(ratings?.unitIDs == ["two\nlines"])
    }
}
