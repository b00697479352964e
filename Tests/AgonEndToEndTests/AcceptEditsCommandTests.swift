import Foundation
import Testing
@testable import AgonCore

/// `agon validate STUDY --accept-edits`: a corrected answer no longer stops every rater.
struct AcceptEditsCommandTests {
    @Test func aCorrectedAnswerIsAcceptedAndTheReportSaysWhoSawTheOldText() throws {
        let workspace = FaultWorkspace(tasks: 5)
        let home = workspace.root
        for rater in ["vera", "olga"] {
            #expect(AgonProcess.run(["scripted-rater", "load", "--rater", rater, "--count", "11"], home: home, program: .bench).status == 0)
        }
        let answers = home.appendingPathComponent("Studies/load/answers.jsonl")
        try Data(try String(contentsOf: answers, encoding: .utf8).replacingOccurrences(of: "Answer 3 by large", with: "Answer 3 by large, corrected").utf8)
            .write(to: answers)
        #expect(AgonProcess.run(["scripted-rater", "load", "--rater", "vera"], home: home, program: .bench).status == 1)

        // While a rater's session is open, nothing is recorded.
        let vera = try Data(contentsOf: workspace.journal("vera"))
        do {
            let held = try JournalWriter(file: workspace.journal("olga"))
            let refused = AgonProcess.run(["validate", "load", "--accept-edits"], home: home)
            #expect(refused.status == 1)
            #expect(refused.error.contains("Sessions/load/olga.jsonl is open in `agon rate` right now"), "\(refused.error)")
            #expect(try Data(contentsOf: workspace.journal("vera")) == vera)
            _ = held
        }

        let accepted = AgonProcess.run(["validate", "load", "--accept-edits"], home: home)
        #expect(accepted.status == 0, "\(accepted.error)")
        #expect(accepted.output.contains("Sessions/load/vera.jsonl: edits accepted (t3/large)"), "\(accepted.output)")
        #expect(accepted.output.contains("Sessions/load/olga.jsonl: edits accepted (t3/large)"), "\(accepted.output)")
        let last = try #require(workspace.contents("vera").events.last)
        guard case .editsAccepted(let edits) = last.event else {
            Issue.record("the last event must be edits-accepted, got \(last.event)")
            return
        }
        #expect(edits.answers.count == 1 && edits.answers[0].task == "t3" && edits.answers[0].system == "large")
        #expect(!AgonProcess.run(["validate", "load"], home: home).output.contains("warning: Sessions/load/vera.jsonl"))

        // Rating continues, and the report names the judgements that saw the old text.
        let resumed = AgonProcess.run(["scripted-rater", "load", "--rater", "vera", "--count", "1"], home: home, program: .bench)
        #expect(resumed.status == 0, "\(resumed.error)")
        let report = AgonProcess.run(["report", "load"], home: home)
        #expect(report.status == 0, "\(report.error)")
        #expect(report.output.contains("Answers edited after judgements saw them"), "\(report.output)")
        #expect(!report.output.contains("study changed"), "\(report.output)")
        let row = report.output.split(separator: "\n").first { $0.hasPrefix("t3") }.map(String.init) ?? ""
        #expect(row.contains("olga 1") && row.contains("vera 1"), "\(report.output)")
        let json = AgonProcess.run(["report", "load", "--json"], home: home)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.output.utf8)) as? [String: Any])
        let edited = try #require(object["editedAnswers"] as? [[String: Any]])
        #expect(edited.count == 1)
        #expect(edited.first?["task"] as? String == "t3" && edited.first?["judgementsOfOldText"] as? Int == 2, "\(edited)")
    }

    @Test func aChangedPromptIsRefusedWithTheReason() throws {
        let workspace = FaultWorkspace(tasks: 3)
        #expect(AgonProcess.run(["scripted-rater", "load", "--rater", "vera", "--count", "2"], home: workspace.root, program: .bench).status == 0)
        let study = workspace.root.appendingPathComponent("Studies/load/study.toml")
        try Data(try String(contentsOf: study, encoding: .utf8).replacingOccurrences(of: "prompt = \"Task 2\"", with: "prompt = \"Task two\"").utf8)
            .write(to: study)
        let before = try Data(contentsOf: workspace.journal("vera"))
        let refused = AgonProcess.run(["validate", "load", "--accept-edits"], home: workspace.root)
        #expect(refused.status == 1)
        #expect(refused.error.contains("only edits to the text of answers can be accepted"), "\(refused.error)")
        #expect(refused.error.contains("prompts changed in tasks: t2"), "\(refused.error)")
        #expect(try Data(contentsOf: workspace.journal("vera")) == before)
    }
}
