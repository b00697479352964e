import Foundation
import Testing
@testable import AgonCore

struct JournalTests {
    static let start = Date(timeIntervalSince1970: 1_800_000_000)

    func judgement(_ item: ScheduleItem, score: Int = 5, preference: Preference = .a, note: String = "") -> Judgement {
        let scores = Dictionary(uniqueKeysWithValues: ["originality", "tension", "cognitive-leap", "contradiction-holding"]
            .map { ($0, CriterionScore(a: score, b: 8 - score)) })
        return Judgement(item: item.number, task: item.task, left: item.left, right: item.right, repeatOf: item.repeatOf,
                         scores: scores, preference: preference, note: note, seconds: 42.5,
                         at: Self.start.addingTimeInterval(Double(item.number)))
    }

    @Test func appendReplayAndUndo() throws {
        let test = TestWorkspace()
        test.makeStudy()
        let bundle = try test.bundle()
        var items: [ScheduleItem] = []
        do {
            let session = try SessionStore.open(bundle: bundle, rater: "anna", workspace: test.workspace, now: Self.start)
            #expect(!session.resumed)
            items = session.schedule.items
            try session.writer.append(.opened(at: Self.start))
            try session.writer.append(.judgement(judgement(items[0], note: "«скачок» here")))
            try session.writer.append(.judgement(judgement(items[1], score: 2, preference: .bothWeak)))
            try session.writer.append(.skip(item: items[2].number, at: Self.start))
            try session.writer.append(.flag(item: items[3].number, reason: "names its author", at: Self.start))
            try session.writer.append(.undo(item: items[1].number, at: Self.start))
        }
        let session = try SessionStore.open(bundle: bundle, rater: "anna", workspace: test.workspace, now: Self.start)

        #expect(session.resumed)
        #expect(session.state.ratedCount == 1)
        #expect(session.state.judgements[1] == judgement(items[0], note: "«скачок» here"))
        #expect(session.state.lastJudgement?.item == 1)
        #expect(session.state.skipped == [3])
        #expect(session.state.flags[4] == ["names its author"])
        let open = session.state.openItems(in: session.schedule).map(\.number)
        #expect(open.first == 2, "the undone item is open again, first")
        #expect(open.last == 3, "the skipped item comes back at the end")
        #expect(open.count == session.schedule.count - 1)
        #expect(session.writer.nextSeq == 7)

        // Re-judging the undone item, then undo again takes back the latest one.
        try session.writer.append(.judgement(judgement(items[1], score: 6)))
        let state = SessionState(replaying: try JournalReader.read(file: session.writer.file).events.map(\.event))
        #expect(state.judgedOrder == [1, 2])
        #expect(state.judgements[2]?.scores["tension"] == CriterionScore(a: 6, b: 2))
    }

    @Test func everyLineIsCompleteJSONWithSortedKeysAndSequence() throws {
        let test = TestWorkspace()
        test.makeStudy()
        let bundle = try test.bundle()
        do {
            let session = try SessionStore.open(bundle: bundle, rater: "anna", workspace: test.workspace, now: Self.start)
            try session.writer.append(.judgement(judgement(session.schedule.items[0])))
            try session.writer.append(.draft(Draft(item: 2, scores: ["tension": CriterionScore(a: 3)], preference: nil,
                                                   note: "half", seconds: 3, at: Self.start)))
        }
        let text = test.read("Sessions/mini/anna.jsonl")
        let lines = text.split(separator: "\n")
        #expect(text.hasSuffix("\n"))
        #expect(lines.count == 3)
        #expect(lines[0].hasPrefix("{\"created\":"))
        #expect(lines[0].contains("\"schema\":1") && lines[0].contains("\"type\":\"header\"") && lines[0].contains("\"rubric\":\"creative-thinking\""))
        #expect(lines[1].contains("\"seq\":1") && lines[1].contains("\"type\":\"judgement\"") && lines[1].contains("\"A\":5"))
        #expect(lines[2].contains("\"seq\":2") && lines[2].contains("\"type\":\"draft\""))
        let contents = JournalReader.parse(data: Data(text.utf8), file: "anna.jsonl")
        #expect(contents.problems.isEmpty)
        #expect(contents.events.count == 2)
        if case .draft(let draft) = contents.events[1].event {
            #expect(draft.note == "half" && draft.scores["tension"]?.a == 3 && draft.scores["tension"]?.b == nil)
        } else {
            Issue.record("expected a draft")
        }
    }

    @Test func tornLastLineIsReportedAndSetAside() throws {
        let test = TestWorkspace()
        test.makeStudy()
        let bundle = try test.bundle()
        var first: ScheduleItem?
        do {
            let session = try SessionStore.open(bundle: bundle, rater: "anna", workspace: test.workspace, now: Self.start)
            first = session.schedule.items[0]
            try session.writer.append(.judgement(judgement(first!)))
        }
        let journal = test.root.appendingPathComponent("Sessions/mini/anna.jsonl")
        let handle = try FileHandle(forWritingTo: journal)
        handle.seekToEndOfFile()
        handle.write(Data("{\"type\":\"judgement\",\"seq\":2,\"item\":2,\"sco".utf8))
        try handle.close()

        let contents = try JournalReader.read(file: journal)
        #expect(contents.tornTail?.line == 3)
        #expect(contents.events.count == 1, "the complete judgement is still read")

        let later = Self.start.addingTimeInterval(100)
        let session = try SessionStore.open(bundle: bundle, rater: "anna", workspace: test.workspace, now: later)
        let aside = try #require(session.tornLineSetAside)
        #expect(String(decoding: try Data(contentsOf: aside), as: UTF8.self) == "{\"type\":\"judgement\",\"seq\":2,\"item\":2,\"sco")
        #expect(session.warnings.contains { $0.line == 3 && $0.message.contains("incomplete last line") })
        #expect(session.state.judgements[first!.number] != nil)
        try session.writer.append(.skip(item: 5, at: later))
        let repaired = try JournalReader.read(file: journal)
        #expect(repaired.problems.isEmpty, "\(repaired.problems)")
        #expect(repaired.events.map(\.seq) == [1, 2])
    }

    @Test func secondWriterIsRefused() throws {
        let test = TestWorkspace()
        test.makeStudy()
        let bundle = try test.bundle()
        let first = try SessionStore.open(bundle: bundle, rater: "anna", workspace: test.workspace)
        #expect(throws: SessionStore.OpenError.locked(journal: "Sessions/mini/anna.jsonl")) {
            _ = try SessionStore.open(bundle: bundle, rater: "anna", workspace: test.workspace)
        }
        // Another rater of the same study is fine.
        _ = try SessionStore.open(bundle: bundle, rater: "boris", workspace: test.workspace)
        _ = first
    }

    @Test func changedStudyIsDetectedAndExplained() throws {
        let test = TestWorkspace()
        test.makeStudy()
        do {
            let session = try SessionStore.open(bundle: try test.bundle(), rater: "anna", workspace: test.workspace)
            try session.writer.append(.judgement(judgement(session.schedule.items[0])))
        }
        var answers = test.read("Studies/mini/answers.jsonl")
        answers = answers.replacingOccurrences(of: "Answer to t3 by big", with: "A rewritten answer")
        test.write("Studies/mini/answers.jsonl", answers)
        var study = test.read("Studies/mini/study.toml")
        study = study.replacingOccurrences(of: "[[tasks]]\nid = \"t6\"\ncategory = \"fiction\"\nprompt = \"Prompt number 6\"\n", with: "")
        test.write("Studies/mini/study.toml", study)
        test.write("Studies/mini/answers.jsonl", answers.split(separator: "\n").filter { !$0.contains("\"t6\"") }.joined(separator: "\n") + "\n")
        var rubric = test.read("Rubrics/creative-thinking.toml")
        rubric += "\n[[criteria]]\nid = \"humour\"\nname = \"Humour\"\ndefinition = \"Is it funny?\"\nquestion = \"Funny?\"\n"
        test.write("Rubrics/creative-thinking.toml", rubric)

        let bundle = try test.bundle()
        let error = #expect(throws: SessionStore.OpenError.self) {
            _ = try SessionStore.open(bundle: bundle, rater: "anna", workspace: test.workspace)
        }
        guard case .inputsChanged(_, let changes)? = error else {
            Issue.record("a changed study must be refused with an explanation, got \(String(describing: error))")
            return
        }
        #expect(changes.contains("tasks removed: t6"))
        #expect(changes.contains("prompt or answers changed in tasks: t3"))
        #expect(changes.contains("criteria added: humour"))
        #expect(error?.description.contains("restore the files the session began with") == true)
        #expect(error?.description.contains("--new-session") == true)

        // The researcher's second option: archive the old journal and begin again on the new content.
        let archived = try #require(try SessionStore.archive(studyID: "mini", rater: "anna", workspace: test.workspace))
        #expect(archived.path.contains("/Sessions/mini/archive/anna."))
        let fresh = try SessionStore.open(bundle: bundle, rater: "anna", workspace: test.workspace)
        #expect(!fresh.resumed && fresh.state.ratedCount == 0)
        #expect(SessionStore.journals(studyID: "mini", in: test.workspace).map(\.rater) == ["anna"])
        #expect(throws: SessionStore.OpenError.locked(journal: "Sessions/mini/anna.jsonl")) {
            _ = try SessionStore.archive(studyID: "mini", rater: "anna", workspace: test.workspace)
        }
    }

    @Test func textOnlyChangesAreStillDetected() throws {
        let test = TestWorkspace()
        test.makeStudy()
        _ = try SessionStore.open(bundle: try test.bundle(), rater: "anna", workspace: test.workspace)
        test.write("Studies/mini/study.toml", test.read("Studies/mini/study.toml").replacingOccurrences(of: "Mini study", with: "Renamed"))
        #expect(throws: SessionStore.OpenError.self) {
            _ = try SessionStore.open(bundle: try test.bundle(), rater: "anna", workspace: test.workspace)
        }
    }

    @Test(arguments: ["", "../evil", "a/b", ".hidden", "-flag", "con", "NUL.txt", "a\u{1B}[2J", String(repeating: "x", count: 300), "a b", "a\u{202E}b"])
    func unsafeRaterNamesAreRefused(name: String) throws {
        #expect(RaterName.problem(with: name) != nil)
        let test = TestWorkspace()
        test.makeStudy()
        #expect(throws: SessionStore.OpenError.self) {
            _ = try SessionStore.open(bundle: try test.bundle(), rater: name, workspace: test.workspace)
        }
        let written = try FileManager.default.subpathsOfDirectory(atPath: test.root.path).filter { $0.hasPrefix("Sessions/") && $0.hasSuffix(".jsonl") }
        #expect(written.isEmpty)
    }

    @Test(arguments: ["anna", "Анна", "li.wei", "rater_07", "María-José"])
    func ordinaryRaterNamesAreAccepted(name: String) {
        #expect(RaterName.problem(with: name) == nil)
    }

    @Test func journalsFromElsewhere() throws {
        let test = TestWorkspace()
        test.makeStudy()
        let bundle = try test.bundle()
        do {
            let session = try SessionStore.open(bundle: bundle, rater: "anna", workspace: test.workspace, now: Self.start)
            try session.writer.append(.judgement(judgement(session.schedule.items[0])))
        }
        let path = "Sessions/mini/anna.jsonl"
        let original = test.read(path)
        let lines = original.split(separator: "\n").map(String.init)

        // Opening a journal from elsewhere, refused or not, leaves it byte for byte as it was.
        func unchanged(_ journal: String, _ body: () throws -> Void) rethrows {
            test.write(path, journal)
            try body()
            #expect(test.read(path) == journal, "the journal was changed by opening it")
        }

        // A duplicated line is ignored with a warning; the journal can still be continued.
        try unchanged(original + lines[1] + "\n") {
            let duplicated = try SessionStore.open(bundle: bundle, rater: "anna", workspace: test.workspace)
            #expect(duplicated.state.ratedCount == 1)
            #expect(duplicated.warnings.contains { $0.message.contains("duplicate") })
        }

        // An unknown event type or a newer schema: readable, but not to be appended to.
        unchanged(original + "{\"type\":\"telepathy\",\"seq\":2}\n") {
            #expect(JournalReader.parse(data: Data(test.read(path).utf8), file: path).events.count == 1)
            #expect(throws: SessionStore.OpenError.self) { _ = try SessionStore.open(bundle: bundle, rater: "anna", workspace: test.workspace) }
        }
        unchanged(original.replacingOccurrences(of: "\"schema\":1", with: "\"schema\":9")) {
            #expect(throws: SessionStore.OpenError.self) { _ = try SessionStore.open(bundle: bundle, rater: "anna", workspace: test.workspace) }
        }

        // Events out of order.
        let second = lines[1].replacingOccurrences(of: "\"seq\":1", with: "\"seq\":5")
        unchanged(lines[0] + "\n" + second + "\n" + lines[1] + "\n") {
            #expect(throws: SessionStore.OpenError.self) { _ = try SessionStore.open(bundle: bundle, rater: "anna", workspace: test.workspace) }
        }

        // A journal for another rater copied under this name, with a torn line at its end.
        var foreign: SessionStore.OpenError?
        unchanged(original.replacingOccurrences(of: "\"rater\":\"anna\"", with: "\"rater\":\"boris\"") + "{\"type\":\"ju") {
            foreign = #expect(throws: SessionStore.OpenError.self) {
                _ = try SessionStore.open(bundle: bundle, rater: "anna", workspace: test.workspace)
            }
        }
        #expect(foreign?.description.contains("belongs to study `mini`, rater `boris`") == true)
    }
}
