import Foundation
import Testing
@testable import AgonCore

struct BattleFileReaderTests {
    static func csv(_ text: String) throws(DiagnosticsError) -> BattleCounts {
        try BattleFileReader.parseCSV(Data(text.utf8), file: "battles.csv").counts
    }

    static func problems(_ body: () throws -> Void) -> [String] {
        do {
            try body()
            return []
        } catch let error as DiagnosticsError {
            return error.diagnostics.map(\.description)
        } catch {
            return ["unexpected \(error)"]
        }
    }

    @Test func readsArenaColumnsInAnyOrderWithQuotesAndCRLF() throws {
        let text = "winner,question_id,model_b,model_a,conversation\r\n"
            + "model_a,q1,small,big,\"a, quoted \"\"text\"\"\r\nwith a line break\"\r\n"
            + "model_b,q2,big,small,plain\r\n"
            + "\r\n"
            + "tie,q3,small,big,x\r\n"
            + "tie (bothbad),q4,\"small\",big,y\r\n"
            + "model_a,q5,big,\"odd \"\"name\"\"\",z"  // no final newline
        let counts = try Self.csv(text)
        #expect(Set(counts.systems) == ["big", "small", "odd \"name\""])
        let big = counts.index(of: "big")!, small = counts.index(of: "small")!, odd = counts.index(of: "odd \"name\"")!
        #expect(counts.wins(big, over: small) == 2)
        #expect(counts.wins(small, over: big) == 0)
        #expect(counts.ties(big, small) == 1)
        #expect(counts.bothWeak(big, small) == 1)
        #expect(counts.wins(odd, over: big) == 1)
        #expect(counts.total == 5)
    }

    @Test func malformedRowsAreReportedWithTheirLine() {
        let text = """
        model_a,model_b,winner
        a,b,model_a
        a,b,model_c
        a,a,tie
        a,b
        "a
        b",c,sideways
        ,b,tie
        """
        let problems = Self.problems { _ = try Self.csv(text + "\n") }
        #expect(problems == [
            "battles.csv:3: winner is `model_c`; expected model_a, model_b, tie or tie (bothbad)",
            "battles.csv:4: `a` cannot battle itself (model_a equals model_b)",
            "battles.csv:5: 2 fields, but the header has 3 (model_a, model_b and winner are columns 1, 2, 3)",
            "battles.csv:6: winner is `sideways`; expected model_a, model_b, tie or tie (bothbad)",
            "battles.csv:8: empty system name in model_a or model_b",
        ])
    }

    @Test func missingColumnsAndEmptyFiles() {
        #expect(Self.problems { _ = try Self.csv("model_a,model_b,result\nx,y,model_a\n") }
            == ["battles.csv:1: the header row lacks `winner` (found: `model_a`, `model_b`, `result`); expected Chatbot Arena columns model_a, model_b, winner"])
        #expect(Self.problems { _ = try Self.csv("") }.first?.contains("empty") == true)
        #expect(Self.problems { _ = try Self.csv("model_a,model_b,winner\n") } == ["battles.csv:1: no battles found"])
    }

    @Test func manyErrorsAreCappedWithACount() {
        let text = "model_a,model_b,winner\n" + String(repeating: "a,b,nobody\n", count: 30)
        let problems = Self.problems { _ = try Self.csv(text) }
        #expect(problems.count == BattleFileReader.maxReported + 1)
        #expect(problems.last == "battles.csv: 10 more malformed rows not shown (30 in all)")
    }

    @Test func readsJSONLinesAndJSONArrays() throws {
        let lines = """
        {"model_a": "big", "model_b": "small", "winner": "model_a", "turn": 1}

        {"model_a": "small", "model_b": "big", "winner": "tie (bothbad)"}
        """
        let counts = try BattleFileReader.parseJSONLines(Data(lines.utf8), file: "b.jsonl").counts
        #expect(counts.systems == ["big", "small"])
        #expect(counts.wins(0, over: 1) == 1 && counts.bothWeak(0, 1) == 1)
        let bad = "{\"model_a\": \"big\", \"winner\": \"model_a\"}\nnot json\n"
        #expect(Self.problems { _ = try BattleFileReader.parseJSONLines(Data(bad.utf8), file: "b.jsonl") }
            == ["b.jsonl:1: no string `model_b`", "b.jsonl:2: not valid JSON"])
        let array = "[{\"model_a\": \"x\", \"model_b\": \"y\", \"winner\": \"model_b\"}, {\"model_a\": \"x\", \"model_b\": \"y\", \"winner\": \"draw\"}]"
        #expect(Self.problems { _ = try BattleFileReader.parseJSON(Data(array.utf8), file: "b.json") }
            == ["b.json: battle #2: winner is `draw`; expected model_a, model_b, tie or tie (bothbad)"])
    }

    @Test func quotedAndPlainSpellingsOfANameAreOneSystem() throws {
        // Names of 7, 8, 9 and 16 bytes and non-ASCII ones, each written once quoted and once plain:
        // the word-at-a-time scanner and the plain hash must agree.
        let names = ["gpt-4o1", "claude-3", "gemma-2b9", "llama-2-70b-chat", "модель-α", "x"]
        var text = "model_a,model_b,winner\n"
        for name in names { text += "\"\(name)\",ref,model_a\n\(name),ref,model_b\n" }
        let counts = try Self.csv(text)
        #expect(counts.count == names.count + 1)
        for name in names {
            let index = counts.index(of: name)!
            #expect(counts.wins(index, over: counts.index(of: "ref")!) == 1)
            #expect(counts.wins(counts.index(of: "ref")!, over: index) == 1)
        }
    }

    @Test func clusterColumnGroupsBattles() throws {
        let text = "question_id,model_a,model_b,winner\nq1,a,b,model_a\nq2,b,a,model_a\nq1,b,a,tie\nq1,c,a,model_b\n"
        let battles = try BattleFileReader.parseCSV(Data(text.utf8), file: "f.csv", cluster: "question_id")
        #expect(battles.clusters.count == 2)
        #expect(battles.clusters[0] == [PairTally(i: 0, j: 1, winsI: 1, winsJ: 0, ties: 1), PairTally(i: 0, j: 2, winsI: 1, winsJ: 0, ties: 0)])
        #expect(battles.clusters[1] == [PairTally(i: 0, j: 1, winsI: 0, winsJ: 1, ties: 0)])
        #expect(Self.problems { _ = try BattleFileReader.parseCSV(Data(text.utf8), file: "f.csv", cluster: "turn") }.first?
            .hasPrefix("f.csv:1: the header row lacks `turn`") == true)
        let lines = "{\"model_a\": \"a\", \"model_b\": \"b\", \"winner\": \"tie\", \"question_id\": 7}\n{\"model_a\": \"a\", \"model_b\": \"b\", \"winner\": \"tie\"}\n"
        #expect(Self.problems { _ = try BattleFileReader.parseJSONLines(Data(lines.utf8), file: "f.jsonl", cluster: "question_id") }
            == ["f.jsonl:2: no `question_id` (the cluster field)"])
    }

    @Test func parallelReadingAgreesWithSequential() throws {
        var random = SeededRandom(seed: 3)
        let winners = ["model_a", "model_b", "tie", "tie (bothbad)"]
        var text = "id,model_a,model_b,winner\r\n"
        for row in 0..<5000 {
            let a = random.below(6)
            let b = (a + 1 + random.below(5)) % 6
            text += "\(row),sys-\(a),sys-\(b),\(winners[random.below(4)])\(row % 7 == 0 ? "\r\n\n" : "\n")"
        }
        let data = Data(text.utf8)
        let sequential = try BattleFileReader.parseCSV(data, file: "f.csv", parallelAbove: .max).counts
        let parallel = try BattleFileReader.parseCSV(data, file: "f.csv", parallelAbove: 0).counts
        #expect(parallel == sequential)
        #expect(sequential.total == 5000)
        // A bad row late in the file: the parallel attempt gives way to the sequential reader.
        let broken = Data((text + "9999,sys-1,sys-2,nobody\n").utf8)
        let problems = Self.problems { _ = try BattleFileReader.parseCSV(broken, file: "f.csv", parallelAbove: 0) }
        #expect(problems == ["f.csv:\(text.filter { $0 == "\n" || $0 == "\r\n" }.count + 1): winner is `nobody`; expected model_a, model_b, tie or tie (bothbad)"])
    }

    @Test func tooManySystemsIsAnError() {
        var text = "model_a,model_b,winner\n"
        for i in 0..<(BattleFileReader.maxSystems / 2 + 1) { text += "m\(2 * i),m\(2 * i + 1),tie\n" }
        let problems = Self.problems { _ = try Self.csv(text) }
        #expect(problems.first == "battles.csv:\(BattleFileReader.maxSystems / 2 + 2): more than 1000 different systems; is model_a/model_b the right column?")
    }

    @Test func manySystemsGrowTheTables() throws {
        // More names than the initial hash table and count matrix hold.
        var text = "model_a,model_b,winner\n"
        for i in 0..<700 { text += "m\(i),m\(i + 1),model_a\n" }
        let counts = try Self.csv(text)
        #expect(counts.count == 701)
        #expect(counts.wins(counts.index(of: "m699")!, over: counts.index(of: "m700")!) == 1)
        #expect(counts.total == 700)
    }
}
