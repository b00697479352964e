import AgonCore
import Foundation
import Testing

/// A rater meets a calibration pair and a control item in a real terminal (tmux): the reference
/// appears after the practice pair, the control looks like any other pair, and afterwards the
/// journal holds one calibration event and the control's judgement, which `agon sessions` counts.
@Suite(.serialized) struct CalibrationAndControlsEndToEndTests {
    static let addition = """

    [controls]
    share = 0.25

    [calibration]
    required = true

    [[calibration.pairs]]
    prompt = "Describe a door in one sentence."
    answer_a = "A door that remembers every hand that pushed it."
    answer_b = "A door is a door."
    preference = "A"
    rationale = { en = "A risks an image; B only restates the prompt.", ru = "A рискует образом; B лишь повторяет задание." }
    scores = { originality = [6, 2], tension = [5, 2] }
    """

    @Test func aRaterPractisesThenRatesAControlLikeAnyOtherPair() throws {
        try #require(Tmux.isInstalled, "tmux is not installed: the end-to-end test of the rating screen cannot run")
        let home = try RatingScreenEndToEndTests.workspace()
        defer { try? FileManager.default.removeItem(at: home) }
        let studyFile = home.appendingPathComponent("Studies/mini/study.toml")
        try Data((try String(contentsOf: studyFile, encoding: .utf8) + Self.addition).utf8).write(to: studyFile)
        let bundle = try StudyBundle.load(studyID: "mini", in: Workspace(root: home))
        let schedule = Schedule.make(study: bundle.study, rater: "zoe")
        let controls = schedule.items.filter { $0.control != nil }
        try #require(controls.count == 1 && schedule.count == 4, "\(schedule.items)")

        let tmux = Tmux()
        var environment = RatingScreenEndToEndTests.environment
        environment["AGON_HOME"] = home.path
        tmux.start(width: 120, height: 40, environment: environment, command: [AgonProcess.binary.path, "rate", "mini", "--rater", "zoe"])
        try #require(tmux.wait(for: "How to rate") != nil, "no first frame: \(tmux.capture().joined(separator: "\n"))")
        tmux.send("Escape")
        #expect(tmux.wait(for: "Practice first: 1 pair") != nil, "\(tmux.capture().joined(separator: "\n"))")
        #expect(tmux.capture().contains { $0.contains("A door that remembers every hand") })
        // Required practice cannot be skipped.
        tmux.send("s")
        #expect(tmux.wait(for: "this one cannot be skipped") != nil)
        tmux.send("5", "4", "Right", "3", "3", "a", "Enter")
        let reference = tmux.wait(for: "Reference for practice pair 1 of 1")
        #expect(reference != nil, "\(tmux.capture().joined(separator: "\n"))")
        #expect(reference?.contains { $0.contains("A 5 · B 3") && $0.contains("A 6 · B 2") } == true, "\(reference ?? [])")
        #expect(reference?.contains { $0.contains("A risks an image; B only restates the prompt.") } == true)
        tmux.send("Enter")
        #expect(tmux.wait(for: "Practice done. Next: the study's 4 pairs.") != nil, "\(tmux.capture().joined(separator: "\n"))")

        for item in schedule.items {
            #expect(tmux.wait(for: "item \(item.number) of 4") != nil, "\(tmux.capture().joined(separator: "\n"))")
            // The intact side of a control wins; live pairs go to the left answer.
            let preference = item.control.map { $0.intact == .a ? "a" : "b" } ?? "a"
            tmux.send("4", "4", "Right", "4", "4", preference, "Enter")
            #expect(tmux.wait(for: "Press Enter again to submit") != nil, "\(tmux.capture().joined(separator: "\n"))")
            tmux.send("Enter")
        }
        #expect(tmux.wait(for: "All done") != nil, "\(tmux.capture().joined(separator: "\n"))")
        tmux.send("q")
        #expect(tmux.wait(for: "[exit:0]") != nil)

        let events = try JournalReader.read(file: Workspace(root: home).journalFile(study: "mini", rater: "zoe")).events.map(\.event)
        let calibrations = events.compactMap { if case .calibration(let given) = $0 { return given } else { return nil } }
        #expect(calibrations.map(\.pair) == [1])
        #expect(calibrations.first?.scores["originality"] == CriterionScore(a: 5, b: 3))
        let judgements = events.compactMap { if case .judgement(let judgement) = $0 { return judgement } else { return nil } }
        #expect(judgements.count == 4)
        #expect(judgements.filter { $0.control != nil }.map(\.item) == controls.map(\.number))

        let sessions = AgonProcess.run(["sessions", "mini"], home: home)
        #expect(sessions.status == 0, "\(sessions.error)")
        #expect(sessions.output.contains("controls passed"))
        let row = sessions.output.split(separator: "\n").first { $0.hasPrefix("zoe") }
        #expect(row?.contains(" 1/1 ") == true, "\(sessions.output)")
        let report = AgonProcess.run(["report", "mini"], home: home)
        #expect(report.status == 0, "\(report.error)")
        #expect(report.output.contains("3 judgements"), "\(report.output)")
    }
}
