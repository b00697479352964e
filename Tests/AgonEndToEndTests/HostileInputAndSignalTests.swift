import AgonCore
import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// Issue 6 in the real terminal: answers that try to take over the terminal stay inert, and
/// SIGTERM, SIGHUP and Ctrl-C in every mode leave the terminal restored and the draft handled as
/// the screen promises.
@Suite(.serialized) struct HostileInputAndSignalTests {
    /// A workspace with the shipped rubric and a study whose answers attack the terminal.
    static func hostileWorkspace() throws -> URL {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("agon-hostile-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: root.appendingPathComponent("Rubrics"), withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: RatingScreenEndToEndTests.repository.appendingPathComponent("Rubrics/creative-thinking.toml"),
                                         to: root.appendingPathComponent("Rubrics/creative-thinking.toml"))
        let study = Study(id: "hostile", title: "Hostile answers", description: "", rubricID: "creative-thinking",
                          systems: [StudySystem(id: "x", label: "x"), StudySystem(id: "y", label: "y")],
                          tasks: [StudyTask(id: "h1", category: "test", prompt: "Survive.")],
                          design: StudyDesign(seed: 1, repeatShare: 0))
        let word = String(repeating: "w", count: 100_000)
        let answers = [Answer(task: "h1", system: "x", text: HostileText.everything + "\n\n" + word + "\n\nTHE END OF X", line: 0),
                       Answer(task: "h1", system: "y", text: HostileText.everything + " THE END OF Y", line: 0)]
        let workspace = Workspace(root: root)
        try FileManager.default.createDirectory(at: workspace.studyFolder("hostile"), withIntermediateDirectories: true)
        try Data(StudyWriter.toml(study, comment: "test").utf8).write(to: workspace.studyFile("hostile"))
        try StudyWriter.jsonl(answers).write(to: workspace.answersFile("hostile"))
        return root
    }

    func start(_ tmux: Tmux, home: URL, _ arguments: [String], width: Int = 120, height: Int = 40) {
        var environment = RatingScreenEndToEndTests.environment
        environment["AGON_HOME"] = home.path
        tmux.start(width: width, height: height, environment: environment,
                   command: [RatingScreenEndToEndTests.binary.path] + arguments, keepAlive: true)
    }

    @Test func escapeSequencesStayInertAndTheScreenStaysResponsive() throws {
        try #require(Tmux.isInstalled, "tmux is not installed")
        let home = try Self.hostileWorkspace()
        defer { try? FileManager.default.removeItem(at: home) }
        let tmux = Tmux()
        start(tmux, home: home, ["rate", "hostile", "--rater", "ivy"])
        try #require(tmux.wait(for: "How to rate") != nil)
        tmux.send("Escape")
        let screen = try #require(tmux.wait(for: "Answer B"))
        let text = screen.joined(separator: "\n")
        #expect(text.contains("␛[31mred␛[0m"), "\(text)")
        #expect(text.contains("␛]0;pwned-title"))
        #expect(tmux.query("#{pane_title}") != "pwned-title", "an answer retitled the terminal")
        #expect(!tmux.buffers().contains("pwned"), "an answer wrote the clipboard")
        #expect(!text.contains("\u{1B}"))
        // The 100,000-character word is laid out across lines and the end is reachable at once.
        // (Which answer sits left is the schedule's choice.)
        tmux.send("G", "Right", "G")
        #expect(tmux.wait(for: "THE END OF X", timeout: 10) != nil)
        #expect(tmux.wait(for: "THE END OF Y", timeout: 10) != nil)
        tmux.send("q")
        #expect(tmux.wait(for: "[exit:0]") != nil)
        #expect(tmux.query("#{alternate_on}") == "0")
    }

    enum Mode: String, CaseIterable, CustomTestStringConvertible {
        case scoring, typingANote, helpOpen
        var testDescription: String { rawValue }
    }

    enum Ending: String, CaseIterable, CustomTestStringConvertible {
        case sigterm, sighup, ctrlC
        var testDescription: String { rawValue }
    }

    /// In every mode: the terminal comes back; SIGTERM and SIGHUP keep the unsaved input as a
    /// draft without asking (nobody may be there to answer); Ctrl-C asks, and `k` keeps it.
    @Test(arguments: Mode.allCases, Ending.allCases)
    func signalsInEveryModeRestoreTheTerminalAndKeepTheDraft(mode: Mode, ending: Ending) throws {
        try #require(Tmux.isInstalled, "tmux is not installed")
        let home = try RatingScreenEndToEndTests.workspace()
        defer { try? FileManager.default.removeItem(at: home) }
        let tmux = Tmux()
        let rater = "sig-\(mode.rawValue)-\(ending.rawValue)".lowercased()
        start(tmux, home: home, ["rate", "--rater", rater])
        try #require(tmux.wait(for: "How to rate") != nil)
        tmux.send("Escape")
        try #require(tmux.wait(for: "Read the task and both answers") != nil)
        tmux.send("6")
        switch mode {
        case .scoring:
            tmux.wait(for: "Still missing")
        case .typingANote:
            tmux.send("n")
            // Typed before the note opens, the letters would follow "n" faster than anyone
            // types: a burst, which outside the note is ignored as a paste.
            try #require(tmux.wait(for: "Note (Enter when done)") != nil)
            tmux.type("Сизиф")
            try #require(tmux.wait(for: "Сизиф") != nil)
        case .helpOpen:
            tmux.send("?")
            try #require(tmux.wait(for: "How to rate") != nil)
        }
        switch ending {
        case .sigterm, .sighup:
            let pid = try #require(tmux.programID())
            kill(pid, ending == .sigterm ? SIGTERM : SIGHUP)
        case .ctrlC:
            tmux.send("C-c")
            if mode == .helpOpen, tmux.wait(for: "keep draft", timeout: 3) == nil {
                tmux.send("C-c")  // the first Ctrl-C may close the overlay
            }
            try #require(tmux.wait(for: "keep draft") != nil)
            tmux.send("k")
        }
        let screen = tmux.wait(for: "[exit:")
        #expect(screen?.contains { $0.contains("[exit:0]") } == true, "\(screen ?? [])")
        #expect(tmux.query("#{alternate_on}") == "0", "the terminal was left in the alternate screen")
        #expect(tmux.query("#{cursor_flag}") == "1", "the cursor was left hidden")

        let contents = try JournalReader.read(file: Workspace(root: home).journalFile(study: "demo", rater: rater))
        #expect(contents.problems.isEmpty)
        guard case .draft(let draft) = contents.events.last?.event else {
            Issue.record("\(mode), \(ending): the last event should be the draft: \(contents.events.map(\.event))")
            return
        }
        #expect(draft.scores.values.compactMap(\.a) == [6])
        #expect(draft.note == (mode == .typingANote ? "Сизиф" : ""))
    }
}
