import AgonCore
import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// A rater works through the demo study in a real terminal (tmux): rates, quits, resumes, undoes,
/// skips, flags, writes a Cyrillic note, resizes, and leaves with Ctrl-C. Afterwards the journal
/// must hold exactly the expected events.
@Suite(.serialized) struct RatingScreenEndToEndTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static var binary: URL { AgonProcess.binary }

    /// A fresh workspace holding a copy of the repository's studies and rubrics.
    static func workspace() throws -> URL {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("agon-e2e-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        for folder in ["Studies", "Rubrics"] {
            try FileManager.default.copyItem(at: repository.appendingPathComponent(folder), to: root.appendingPathComponent(folder))
        }
        let fixtures = repository.appendingPathComponent("Tests/AgonEndToEndTests/Fixtures")
        try FileManager.default.copyItem(at: fixtures.appendingPathComponent("Studies/mini"), to: root.appendingPathComponent("Studies/mini"))
        try FileManager.default.copyItem(at: fixtures.appendingPathComponent("Rubrics/mini-rubric.toml"),
                                         to: root.appendingPathComponent("Rubrics/mini-rubric.toml"))
        return root
    }

    static let environment = ["LANG": "C.UTF-8", "LC_ALL": "C.UTF-8", "NO_COLOR": ""]

    func start(_ tmux: Tmux, home: URL, width: Int = 120, height: Int = 40, _ arguments: [String]) {
        var environment = Self.environment
        environment["AGON_HOME"] = home.path
        tmux.start(width: width, height: height, environment: environment, command: [Self.binary.path] + arguments)
    }

    func events(_ home: URL, study: String = "demo", rater: String) throws -> [JournalEvent] {
        let contents = try JournalReader.read(file: Workspace(root: home).journalFile(study: study, rater: rater))
        #expect(contents.problems.isEmpty)
        return contents.events.map(\.event)
    }

    @Test func aRaterRatesQuitsResumesUndoesSkipsFlagsAndLeavesWithCtrlC() throws {
        try #require(Tmux.isInstalled, "tmux is not installed: the end-to-end test of the rating screen cannot run")
        let home = try Self.workspace()
        defer { try? FileManager.default.removeItem(at: home) }

        // First sitting: three judgements, then a partly scored fourth kept as a draft.
        var tmux = Tmux()
        start(tmux, home: home, ["rate", "--rater", "eve"])
        // A first start opens with the rubric's instructions and the keys.
        try #require(tmux.wait(for: "How to rate") != nil, "no first frame: \(tmux.capture().joined(separator: "\n"))")
        #expect(tmux.capture().contains { $0.contains("item 1 of 21") })
        tmux.send("Escape")
        #expect(tmux.wait(for: "Read the task and both answers") != nil)
        tmux.send("5", "4", "3", "2", "Right", "3", "4", "5", "6", "b", "Enter")
        // Seconds after the pair opened, far faster than reading both answers: Enter asks once.
        #expect(tmux.wait(for: "Press Enter again to submit") != nil)
        tmux.send("Enter")
        #expect(tmux.wait(for: "Saved. 1 of 21 rated.") != nil)
        tmux.send("n")
        #expect(tmux.wait(for: "Note (Enter when done)") != nil)
        tmux.type("Сильный ход — неожиданный")
        tmux.send("C-w", "Enter")
        tmux.send("1", "1", "1", "1", "l", "1", "1", "1", "1", "a", "Enter")
        #expect(tmux.wait(for: "Press Enter again to submit") != nil)
        tmux.send("Enter")
        #expect(tmux.wait(for: "Saved. 2 of 21 rated.") != nil)
        tmux.send("7", "7", "7", "7", "Right", "7", "7", "7", "7", "t")
        // An incomplete judgement is refused with what is missing; here nothing is.
        #expect(tmux.wait(for: "Complete: press Enter to submit.") != nil)
        tmux.send("Enter")
        #expect(tmux.wait(for: "Press Enter again to submit") != nil)
        tmux.send("Enter")
        #expect(tmux.wait(for: "Saved. 3 of 21 rated.") != nil)
        tmux.send("6", "Enter")
        #expect(tmux.wait(for: "Still missing:") != nil)
        tmux.send("q")
        #expect(tmux.wait(for: "keep the unsaved input as a draft and quit") != nil)
        tmux.send("k")
        let firstExit = tmux.wait(for: "[exit:")
        #expect(firstExit?.contains { $0.contains("[exit:0]") } == true, "\(firstExit ?? [])")
        #expect(firstExit?.contains { $0.contains("3 of 21 rated") } == true)
        // The closing line names the command that resumes, not "the same command".
        // (Compared without spaces: tmux wraps the long line and trims the spaces at its ends.)
        #expect(firstExit?.joined().replacingOccurrences(of: " ", with: "")
            .contains("Tocontinue:\(Self.binary.path)ratedemo--ratereve".replacingOccurrences(of: " ", with: "")) == true, "\(firstExit ?? [])")

        // Second sitting: resume, undo, re-submit, skip, flag, resize, Ctrl-C.
        tmux = Tmux()
        start(tmux, home: home, ["rate", "--rater", "eve"])
        let resumed = tmux.wait(for: "Resuming: 3 of 21 rated.")
        #expect(resumed != nil, "\(tmux.capture().joined(separator: "\n"))")
        #expect(resumed?.contains { $0.contains("Your saved draft for this pair is back.") } == true)
        #expect(resumed?.contains { $0.contains("item 4 of 21") } == true)
        tmux.send("u")
        #expect(tmux.wait(for: "Judgement undone") != nil)
        #expect(tmux.capture().contains { $0.contains("Overall: A tie") || $0.contains("Overall: Tie") })
        tmux.send("Enter")
        #expect(tmux.wait(for: "Press Enter again to submit") != nil)
        tmux.send("Enter")
        #expect(tmux.wait(for: "Saved. 3 of 21 rated.") != nil)
        tmux.send("s")
        #expect(tmux.wait(for: "Skipped: this pair comes back at the end.") != nil)
        tmux.send("f", "1", "Enter")
        #expect(tmux.wait(for: "Flagged: an answer reveals which model wrote it") != nil)

        tmux.resize(width: 80, height: 24)
        let narrow = tmux.wait(for: "(← → other answer)")
        #expect(narrow != nil)
        for line in tmux.screen() { #expect(DisplayWidth.of(line) <= 80, "\(line)") }
        tmux.send("Right")
        #expect(tmux.wait(for: "Answer B (← → other answer)") != nil)
        tmux.resize(width: 120, height: 40)
        #expect(tmux.wait(for: "┬─ Answer B") != nil)

        tmux.send("4")
        #expect(tmux.wait(for: "Still missing:") != nil)
        tmux.send("C-c")
        #expect(tmux.wait(for: "This pair has input that is not saved yet.") != nil)
        tmux.send("C-c")
        let secondExit = tmux.wait(for: "[exit:")
        #expect(secondExit?.contains { $0.contains("[exit:0]") } == true, "\(secondExit ?? [])")

        // The journal, event by event.
        let journal = try events(home, rater: "eve").filter { $0.typeName != "opened" }
        #expect(journal.map(\.typeName) == ["judgement", "judgement", "judgement", "draft", "undo", "judgement", "skip", "flag", "draft"])
        guard journal.count == 9 else { return }
        if case .judgement(let first) = journal[0] {
            #expect(first.item == 1)
            #expect(first.scores.values.map { $0.a ?? 0 }.sorted() == [2, 3, 4, 5])
            #expect(first.scores.values.map { $0.b ?? 0 }.sorted() == [3, 4, 5, 6])
            #expect(first.preference == .b)
        }
        if case .judgement(let second) = journal[1] {
            #expect(second.item == 2)
            #expect(second.note == "Сильный ход —")
            #expect(second.preference == .a)
        }
        if case .draft(let draft) = journal[3] {
            #expect(draft.item == 4)
            #expect(draft.scores.values.compactMap(\.a) == [6])
        }
        #expect(journal[4] == .undo(item: 3, at: journal[4].date))
        if case .judgement(let again) = journal[5] {
            #expect(again.item == 3)
            #expect(again.preference == .tie)
            #expect(again.scores.values.allSatisfy { $0.a == 7 && $0.b == 7 })
        }
        #expect(journal[6] == .skip(item: 4, at: journal[6].date))
        #expect(journal[7] == .flag(item: 5, reason: "an answer reveals which model wrote it", at: journal[7].date))
        if case .draft(let last) = journal[8] { #expect(last.item == 5) }

        let state = SessionState(replaying: try events(home, rater: "eve"))
        #expect(state.ratedCount == 3)
        #expect(state.openings == 2)
        // Sides recorded match the schedule the rater was shown.
        let bundle = try StudyBundle.load(studyID: "demo", in: Workspace(root: home))
        let schedule = Schedule.make(study: bundle.study, rater: "eve")
        for judgement in state.judgements.values {
            #expect(schedule.item(number: judgement.item)?.left == judgement.left)
            #expect(schedule.item(number: judgement.item)?.right == judgement.right)
        }
    }

    /// At 80×24 in Russian, with the Russian layout's letters: м marks lines of the answer, ↓
    /// extends the mark, н quotes it into the note, and the note keeps the quotation and a comment.
    @Test func aRaterQuotesMarkedLinesIntoTheNoteInRussian() throws {
        try #require(Tmux.isInstalled, "tmux is not installed: the end-to-end test of the rating screen cannot run")
        let home = try Self.workspace()
        defer { try? FileManager.default.removeItem(at: home) }
        let tmux = Tmux()
        start(tmux, home: home, width: 80, height: 24, ["rate", "--rater", "eve", "--lang", "ru"])
        try #require(tmux.wait(for: "Как оценивать") != nil, "no first frame: \(tmux.capture().joined(separator: "\n"))")
        tmux.send("Escape")
        #expect(tmux.wait(for: "Прочтите задание") != nil)
        tmux.send("м", "Down", "Down")
        let marked = tmux.wait(for: "Отмечено в ответе A: 3 строки")
        #expect(marked != nil, "\(tmux.capture().joined(separator: "\n"))")
        tmux.send("н")
        #expect(tmux.wait(for: "В заметку процитировано: 3 строки") != nil, "\(tmux.capture().joined(separator: "\n"))")
        tmux.type("точно")
        tmux.send("Escape", "q")
        #expect(tmux.wait(for: "сохранить несохранённое как черновик и выйти") != nil)
        tmux.send("л")
        let exit = tmux.wait(for: "[exit:")
        #expect(exit?.contains { $0.contains("[exit:0]") } == true, "\(exit ?? [])")

        let journal = try events(home, rater: "eve")
        guard case .draft(let draft) = journal.last else {
            Issue.record("no draft: \(journal.map(\.typeName))")
            return
        }
        let lines = draft.note.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines.count == 4, "\(draft.note)")
        #expect(lines.prefix(3).allSatisfy { $0.hasPrefix(">") }, "\(draft.note)")
        #expect(lines.last == "точно")
        // What was quoted is what the pane showed marked, line for line.
        let shown = (marked ?? []).joined(separator: "\n")
        for line in lines.prefix(3) where line != ">" { #expect(shown.contains(line.dropFirst(2)), "\(line) not on the screen:\n\(shown)") }
    }

    @Test func controlSequencesInAnswersAreShownNotExecuted() throws {
        try #require(Tmux.isInstalled, "tmux is not installed: the end-to-end test of the rating screen cannot run")
        let home = try Self.workspace()
        defer { try? FileManager.default.removeItem(at: home) }
        let tmux = Tmux()
        start(tmux, home: home, ["rate", "mini", "--rater", "zed"])
        try #require(tmux.wait(for: "How to rate") != nil)
        tmux.send("Escape")
        var found: [String]?
        for _ in 0..<3 {
            found = tmux.wait(for: "Tick, tock", timeout: 2)
            if found != nil { break }
            tmux.send("s")
            tmux.wait(for: "Skipped")
        }
        let screen = try #require(found)
        #expect(screen.contains { $0.contains("␛[31mred alert␛[0m") })
        #expect(screen.contains { $0.contains("�desrever�") })
        // Wide characters and emoji take the columns the screen expects in the real terminal: the
        // line between the answers stays in one column on every row.
        let visible = tmux.screen()
        let dividers = visible.filter { $0.contains("│") && ($0.contains("時計") || $0.contains("Стрелки") || $0.contains("Tick")) }
            .map { DisplayWidth.of(String($0.prefix { $0 != "│" })) }
        #expect(dividers.count >= 2)
        #expect(Set(dividers) == [59], "\(visible.joined(separator: "\n"))")
        tmux.send("q")
        #expect(tmux.wait(for: "[exit:0]") != nil)
    }

    @Test func sigtermKeepsUnsavedInputAsADraftAndRestoresTheTerminal() throws {
        try #require(Tmux.isInstalled, "tmux is not installed: the end-to-end test of the rating screen cannot run")
        let home = try Self.workspace()
        defer { try? FileManager.default.removeItem(at: home) }
        let tmux = Tmux()
        start(tmux, home: home, ["rate", "--rater", "tom"])
        try #require(tmux.wait(for: "How to rate") != nil)
        tmux.send("Escape")
        #expect(tmux.wait(for: "Read the task and both answers") != nil)
        // A paste outside the note is not read as keys; in the note, its line breaks are kept
        // (the editor starts a new row at each).
        tmux.paste("t\nw")
        #expect(tmux.wait(for: "Paste ignored") != nil)
        tmux.send("6", "n")
        tmux.paste("недописано\nещё t")
        let pasted = tmux.wait(for: "ещё t")
        #expect(pasted?.contains { $0.trimmingCharacters(in: .whitespaces) == "недописано" } == true, "\(pasted ?? [])")
        let pid = try #require(tmux.programID())
        kill(pid, SIGTERM)
        let screen = tmux.wait(for: "[exit:")
        #expect(screen?.contains { $0.contains("[exit:0]") } == true, "\(screen ?? [])")
        // Back in the normal screen: the closing line is printed as ordinary output.
        #expect(screen?.contains { $0.contains("0 of 21 rated") } == true)
        let journal = try events(home, rater: "tom")
        guard case .draft(let draft) = journal.last else {
            Issue.record("the last event should be a draft: \(journal)")
            return
        }
        #expect(draft.note == "недописано\nещё t")
        #expect(draft.preference == nil)
        #expect(draft.scores.values.compactMap(\.a) == [6])
    }

    @Test func anUnknownTerminalGetsAFriendlyMessage() throws {
        try #require(Tmux.isInstalled, "tmux is not installed: the end-to-end test of the rating screen cannot run")
        let home = try Self.workspace()
        defer { try? FileManager.default.removeItem(at: home) }
        let tmux = Tmux()
        var environment = Self.environment
        environment["AGON_HOME"] = home.path
        tmux.start(width: 100, height: 30, environment: environment,
                   command: ["env", "TERM=no-such-terminal", Self.binary.path, "rate", "--rater", "uma"])
        let screen = tmux.wait(for: "[exit:")
        #expect(screen?.contains { $0.contains("`no-such-terminal` is unknown") } == true, "\(screen ?? [])")
        #expect(screen?.contains { $0.contains("[exit:1]") } == true)
    }
}
