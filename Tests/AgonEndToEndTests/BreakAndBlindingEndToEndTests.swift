import AgonCore
import Foundation
import Testing

/// A rater in a real terminal (tmux) works through a small study with a break after every pair
/// and a blinding check at the end: goes on after one break, quits at the next, resumes at the
/// pair after it, answers the blinding questions, and the report scores them.
@Suite(.serialized) struct BreakAndBlindingEndToEndTests {
    func start(_ tmux: Tmux, home: URL) {
        var environment = RatingScreenEndToEndTests.environment
        environment["AGON_HOME"] = home.path
        tmux.start(width: 120, height: 40, environment: environment, command: [AgonProcess.binary.path, "rate", "mini", "--rater", "ivy"])
    }

    /// Scores both answers of the pair on screen and submits, answering the fast-judgement question.
    func rate(_ tmux: Tmux) {
        tmux.send("5", "4", "Right", "3", "6", "b", "Enter")
        #expect(tmux.wait(for: "Press Enter again to submit") != nil)
        tmux.send("Enter")
    }

    @Test func aRaterTakesABreakQuitsAtOneResumesAndAnswersTheBlindingCheck() throws {
        try #require(Tmux.isInstalled, "tmux is not installed: the end-to-end test of the rating screen cannot run")
        let home = try RatingScreenEndToEndTests.workspace()
        defer { try? FileManager.default.removeItem(at: home) }
        let studyFile = home.appendingPathComponent("Studies/mini/study.toml")
        var study = try String(contentsOf: studyFile, encoding: .utf8)
        study = study.replacingOccurrences(of: "repeat_share = 0.0\n", with: "repeat_share = 0.0\nblock_size = 1\n")
            + "\n[blinding_check]\npairs = 2\nquestion = \"larger\"\n"
        try study.write(to: studyFile, atomically: true, encoding: .utf8)
        let validated = AgonProcess.run(["validate", "mini"], home: home)
        try #require(validated.status == 0, "\(validated.output)\(validated.error)")

        var tmux = Tmux()
        start(tmux, home: home)
        try #require(tmux.wait(for: "How to rate") != nil, "no first frame: \(tmux.capture().joined(separator: "\n"))")
        tmux.send("Escape")
        #expect(tmux.wait(for: "Read the task and both answers") != nil)
        rate(tmux)
        let firstBreak = tmux.wait(for: "Block 1 of 3 done")
        #expect(firstBreak != nil, "\(tmux.capture().joined(separator: "\n"))")
        #expect(firstBreak?.contains { $0.contains("Pairs rated so far: 1 of 3.") } == true)
        #expect(firstBreak?.contains { $0.contains("Still ahead: 2 pairs.") } == true)
        tmux.send("Space")
        #expect(tmux.wait(for: "Still missing:") != nil, "\(tmux.capture().joined(separator: "\n"))")
        rate(tmux)
        #expect(tmux.wait(for: "Block 2 of 3 done") != nil, "\(tmux.capture().joined(separator: "\n"))")
        tmux.send("q")
        let exit = tmux.wait(for: "[exit:")
        #expect(exit?.contains { $0.contains("[exit:0]") } == true, "\(exit ?? [])")
        #expect(exit?.contains { $0.contains("2 of 3 rated") } == true, "\(exit ?? [])")

        tmux = Tmux()
        start(tmux, home: home)
        #expect(tmux.wait(for: "Resuming: 2 of 3 rated.") != nil, "\(tmux.capture().joined(separator: "\n"))")
        rate(tmux)
        let question = tmux.wait(for: "(1 of 2)")
        #expect(question != nil, "\(tmux.capture().joined(separator: "\n"))")
        #expect(question?.contains { $0.contains("Which answer do you think was written by the larger model?") } == true)
        #expect(question?.contains { $0.contains("sysbig") || $0.contains("SECRET") } == false)
        tmux.send("a")
        #expect(tmux.wait(for: "(2 of 2)") != nil, "\(tmux.capture().joined(separator: "\n"))")
        tmux.send("d")
        #expect(tmux.wait(for: "All done") != nil, "\(tmux.capture().joined(separator: "\n"))")
        tmux.send("q")
        #expect(tmux.wait(for: "[exit:0]") != nil)

        let contents = try JournalReader.read(file: Workspace(root: home).journalFile(study: "mini", rater: "ivy"))
        #expect(contents.problems.isEmpty)
        let events = contents.events.map(\.event).filter { $0.typeName != "opened" }
        #expect(events.map(\.typeName) == ["judgement", "judgement", "judgement", "blinding-guess", "blinding-guess"])
        let guesses = events.compactMap { if case .blindingGuess(let guess) = $0 { return guess } else { return nil } }
        #expect(guesses.map(\.guess) == [.a, nil])
        #expect(guesses.allSatisfy { $0.target == "sysbig" })

        let report = AgonProcess.run(["report", "mini"], home: home)
        #expect(report.status == 0, "\(report.error)")
        #expect(report.output.contains("Blinding check"), "\(report.output)")
        #expect(report.output.contains("Bang's index"))
        let json = AgonProcess.run(["report", "mini", "--json"], home: home)
        #expect(json.output.contains("\"blinding\""))
        #expect(json.output.contains("\"dontKnow\" : 1"), "\(json.output)")
    }
}
