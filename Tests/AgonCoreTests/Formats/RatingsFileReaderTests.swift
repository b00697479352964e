import Foundation
import Testing
@testable import AgonCore

struct RatingsFileReaderTests {
    func parse(_ text: String, scale: [String]? = nil) throws(DiagnosticsError) -> RatingsTable {
        try RatingsFileReader.parse(Data(text.utf8), name: "r.csv", scale: scale)
    }

    func problems(_ text: String, scale: [String]? = nil) -> [String] {
        do {
            _ = try parse(text, scale: scale)
            return []
        } catch {
            return error.diagnostics.map(\.description)
        }
    }

    @Test func readsLongFormatWithMissingValues() throws {
        let table = try parse("unit,rater,value\nu1,ann,3\nu1,bob,\nu2,ann,5\r\nu2,bob,NA\nu3,bob,4\n\n")
        #expect(table.unitIDs == ["u1", "u2", "u3"])
        #expect(table.raterIDs == ["ann", "bob"])
        #expect(table.categories == ["3", "4", "5"])
        #expect(table.numericValues == [3, 4, 5])
        #expect(table.cells == [0, -1, 2, -1, -1, 1])
        #expect(table.isOrdered)
    }

    @Test func columnsInAnyOrderQuotedFieldsAndExtraColumns() throws {
        let table = try parse("Rater,comment,Unit,Value\n\"Smith, J.\",\"said \"\"fine\"\"\",\"essay 1\",A\nlee,,essay 1,\"B\"\n")
        #expect(table.raterIDs == ["Smith, J.", "lee"])
        #expect(table.unitIDs == ["essay 1"])
        #expect(table.categories == ["A", "B"])
        #expect(table.numericValues == nil)
        #expect(!table.isOrdered)
    }

    @Test func numbersAreCategoriesByValue() throws {
        let table = try parse("unit,rater,value\n1,a,1\n1,b,1.0\n2,a,10\n2,b,2\n")
        #expect(table.categories == ["1", "2", "10"])
        #expect(table.cells == [0, 0, 2, 1])
    }

    @Test func scaleAddsUnusedCategoriesAndOrder() throws {
        let table = try parse("unit,rater,value\n1,a,2\n1,b,3\n", scale: ["1", "2", "3", "4", "5", "6", "7"])
        #expect(table.categoryCount == 7)
        #expect(table.cells == [1, 2])
        let words = try parse("unit,rater,value\n1,a,high\n1,b,low\n", scale: ["low", "mid", "high"])
        #expect(words.isOrdered)
        #expect(words.cells == [2, 0])
        #expect(problems("unit,rater,value\n1,a,9\n", scale: ["1", "2"]) == ["r.csv:2: value `9` is not on the scale (1, 2)"])
    }

    @Test func malformedRowsAreReportedByLine() {
        #expect(problems("unit,rater,value\n1,a,2\n1,b\n2,,3\n,a,1\n") == [
            "r.csv:3: expected 3 fields (unit,rater,value), found 2",
            "r.csv:4: the rater is empty",
            "r.csv:5: the unit is empty",
        ])
        #expect(problems("unit,rater,value\n1,a,2\n1,a,3\n") == ["r.csv:3: unit `1` already has a rating by `a` (line 2)"])
        #expect(problems("item,judge,score\n1,a,2\n").first?.hasPrefix("r.csv:1: the header must name the columns unit, rater and value") == true)
        #expect(problems("") == ["r.csv:1: the file is empty: expected a header `unit,rater,value` and one rating a row"])
        #expect(problems("unit,rater,value\n1,\"a,2\n") == ["r.csv:2: a quoted field is not closed (its closing quote is missing before the end of the file)"])
    }

    @Test func tooManyProblemsStopEarly() {
        let text = "unit,rater,value\n" + String(repeating: "1\n", count: 100)
        let found = problems(text)
        #expect(found.count == RatingsFileReader.maxDiagnostics + 1)
        #expect(found.last?.contains("more problems follow") == true)
    }

    @Test func manyUnitsAreInternedCorrectly() throws {
        // Rows not grouped by unit, so every lookup goes through the hash table (and it grows).
        var text = "unit,rater,value\n"
        for r in 0..<3 { for u in 0..<5000 { text += "unit-\(u),r\(r),\((u + r) % 7 + 1)\n" } }
        let table = try parse(text)
        #expect(table.unitCount == 5000)
        #expect(table.raterCount == 3)
        #expect(table.unitIDs[4321] == "unit-4321")
        #expect(table.value(unit: 4321, rater: 2) == Double((4321 + 2) % 7 + 1))
    }

    /// Random files (names of every length, CRLF or LF, blank lines, missing values, no final
    /// newline) read back into exactly the ratings written.
    @Test(arguments: [1, 2, 3, 4, 5] as [UInt64])
    func randomFilesReadBackExactly(seed: UInt64) throws {
        var random = SeededRandom(seed: seed)
        let raters = (0..<(2 + random.below(5))).map { "r" + String(repeating: "x", count: random.below(9)) + "\($0)" }
        let unitCount = 50 + random.below(200)
        var expected: [String: [String: Int]] = [:]
        var text = "unit,rater,value" + (random.below(2) == 0 ? "\r\n" : "\n")
        var unitOrder: [String] = []
        for u in 0..<unitCount {
            let unit = String(repeating: "u", count: 1 + random.below(12)) + "-\(u)"
            unitOrder.append(unit)
            for rater in raters {
                let missing = random.below(5) == 0
                let value = random.below(7) + 1
                if !missing { expected[unit, default: [:]][rater] = value }
                text += "\(unit),\(rater),\(missing ? "" : String(value))" + (random.below(3) == 0 ? "\r\n" : "\n")
                if random.below(20) == 0 { text += "\n" }
            }
        }
        // (In Swift "\r\n" is one Character.)
        while text.last == "\n" || text.last == "\r\n" { text.removeLast() }
        let table = try parse(text)
        #expect(table.unitIDs == unitOrder)
        #expect(table.raterIDs == raters)
        for (u, unit) in table.unitIDs.enumerated() {
            for (r, rater) in table.raterIDs.enumerated() {
                #expect(table.value(unit: u, rater: r).map { Int($0) } == expected[unit]?[rater])
            }
        }
    }

    @Test func lineNumbersDeepInTheFile() {
        var text = "unit,rater,value\n"
        for u in 0..<500 { text += "unit\(u),a,1\nunit\(u),b,2\n" }
        text += "x,a\n"                  // line 1002
        text += "unit7,b,3\r\n"          // line 1003, duplicate of line 17
        text += "y,a,1,extra"             // line 1004, no final newline
        #expect(problems(text) == [
            "r.csv:1002: expected 3 fields (unit,rater,value), found 2",
            "r.csv:1003: unit `unit7` already has a rating by `b` (line 17)",
            "r.csv:1004: expected 3 fields (unit,rater,value), found 4",
        ])
    }
}

