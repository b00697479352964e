import Foundation
import Testing
@testable import AgonCore

/// `validate --accept-edits`: a corrected answer need not stop every rater, and the report says
/// which judgements saw the old text.
struct AcceptEditsTests {
    static let start = Date(timeIntervalSince1970: 1_800_000_000)

    func judgement(_ item: ScheduleItem) -> Judgement {
        Judgement(item: item.number, task: item.task, left: item.left, right: item.right, repeatOf: item.repeatOf,
                  scores: [:], preference: .a, note: "", seconds: 30, at: Self.start.addingTimeInterval(Double(item.number)))
    }

    /// anna judges the first `count` items; returns the tasks she judged.
    func rate(_ test: TestWorkspace, rater: String = "anna", count: Int) throws -> [ScheduleItem] {
        let session = try SessionStore.open(bundle: try test.bundle(), rater: rater, workspace: test.workspace, now: Self.start)
        let items = Array(session.schedule.items.filter { !$0.isRepeat }.prefix(count))
        for item in items { try session.writer.append(.judgement(judgement(item))) }
        return items
    }

    func edit(_ test: TestWorkspace, _ from: String, _ to: String) {
        test.write("Studies/mini/answers.jsonl", test.read("Studies/mini/answers.jsonl").replacingOccurrences(of: from, with: to))
    }

    @Test func anAnswerEditIsAcceptedAndTheSessionContinues() throws {
        let test = TestWorkspace()
        test.makeStudy()
        let judged = try rate(test, count: 3)
        let task = judged[0].task
        edit(test, "Answer to \(task) by big\"", "Answer to \(task) by big, corrected\"")
        let bundle = try test.bundle()
        // Today's refusal stands until the edit is accepted.
        do {
            _ = try SessionStore.open(bundle: bundle, rater: "anna", workspace: test.workspace)
            Issue.record("an edited answer must refuse until the edit is accepted")
        } catch {}
        let written = try SessionStore.acceptEdits(bundle: bundle, workspace: test.workspace, now: Self.start.addingTimeInterval(600))
        #expect(written.map(\.journal) == ["Sessions/mini/anna.jsonl"])
        let edits = try #require(written.first?.edits)
        #expect(edits.answers.map { "\($0.task)/\($0.system)/\($0.sample)" } == ["\(task)/big/1"])
        #expect(edits.answers[0].old != edits.answers[0].new)
        #expect(edits.studyHash == bundle.studyHash)

        do {
            let session = try SessionStore.open(bundle: bundle, rater: "anna", workspace: test.workspace)
            #expect(session.state.judgements.count == 3)
            #expect(session.state.sawEarlierText.keys.sorted() == [judged[0].number])
            // While the rater rates, the edits cannot be recorded.
            #expect(throws: SessionStore.AcceptEditsError.open(journals: ["Sessions/mini/anna.jsonl"])) {
                _ = try SessionStore.acceptEdits(bundle: bundle, workspace: test.workspace)
            }
        }
        // A second run has nothing left to accept.
        #expect(try SessionStore.acceptEdits(bundle: bundle, workspace: test.workspace).isEmpty)
    }

    @Test func theEventReadsTheSameThroughBothReaders() throws {
        let edits = AcceptedEdits(answers: [.init(task: "t1", system: "big", sample: 2, old: "0123456789abcdef", new: "fedcba9876543210")],
                                  tasks: ["t1": "aaaaaaaaaaaaaaaa"], studyHash: String(repeating: "c", count: 64), at: Self.start)
        let line = JournalCodec.encode(event: .editsAccepted(edits), seq: 9)
        #expect(String(decoding: line, as: UTF8.self).contains("\"type\":\"edits-accepted\""))
        let fast = try #require(JournalLineReader.event(line))
        #expect(fast.seq == 9 && fast.event == .editsAccepted(edits))
        #expect(JournalCodec.decode(line) == .success(.event(seq: 9, .editsAccepted(edits))))
    }

    /// The rater is told once, on the first opening after the researcher accepted edits.
    @Test func theNextOpeningKnowsEditsWereAcceptedSinceTheLast() {
        let edits = AcceptedEdits(answers: [.init(task: "t1", system: "big", sample: 1, old: "0123456789abcdef", new: "fedcba9876543210")],
                                  tasks: [:], studyHash: String(repeating: "c", count: 64), at: Self.start)
        var state = SessionState(replaying: [.opened(at: Self.start)])
        #expect(!state.editsAcceptedSinceOpening)
        state.apply(.editsAccepted(edits))
        #expect(state.editsAcceptedSinceOpening)
        state.apply(.opened(at: Self.start))
        #expect(!state.editsAcceptedSinceOpening)
    }

    @Test func changesThatAreNotAnswerEditsStillRefuseAndNothingIsWritten() throws {
        let test = TestWorkspace()
        test.makeStudy()
        _ = try rate(test, count: 2)
        let before = test.read("Sessions/mini/anna.jsonl")
        test.write("Studies/mini/study.toml", test.read("Studies/mini/study.toml").replacingOccurrences(of: "Prompt number 2\"", with: "Prompt number two\""))
        edit(test, "Answer to t1 by big\"", "Answer to t1 by big!\"")
        let error = #expect(throws: SessionStore.AcceptEditsError.self) {
            _ = try SessionStore.acceptEdits(bundle: try test.bundle(), workspace: test.workspace)
        }
        guard case .refused(let reasons)? = error else {
            Issue.record("a prompt change must refuse, got \(String(describing: error))")
            return
        }
        #expect(reasons["Sessions/mini/anna.jsonl"]?.contains { $0.hasPrefix("prompts changed in tasks: t2") } == true, "\(reasons)")
        #expect(test.read("Sessions/mini/anna.jsonl") == before)
    }

    @Test func aTaskRemovedRefuses() throws {
        let test = TestWorkspace()
        test.makeStudy()
        _ = try rate(test, count: 1)
        test.write("Studies/mini/study.toml", test.read("Studies/mini/study.toml")
            .replacingOccurrences(of: "[[tasks]]\nid = \"t6\"\ncategory = \"fiction\"\nprompt = \"Prompt number 6\"\n", with: ""))
        test.write("Studies/mini/answers.jsonl", test.read("Studies/mini/answers.jsonl").split(separator: "\n")
            .filter { !$0.contains("\"t6\"") }.joined(separator: "\n") + "\n")
        let findings = SessionStore.findings(bundle: try test.bundle(), workspace: test.workspace)
        guard case .refused(let reasons)? = findings.first?.finding else {
            Issue.record("\(findings.map(\.finding))")
            return
        }
        #expect(reasons.contains("tasks removed: t6"), "\(reasons)")
    }

    @Test func anOpenSessionRefusesAndNothingIsWritten() throws {
        let test = TestWorkspace()
        test.makeStudy()
        _ = try rate(test, count: 1)
        _ = try rate(test, rater: "boris", count: 1)
        edit(test, "Answer to t1 by small\"", "Answer to t1 by small.\"")
        let bundle = try test.bundle()
        let held = try JournalWriter(file: test.workspace.journalFile(study: "mini", rater: "boris"))
        let anna = test.read("Sessions/mini/anna.jsonl")
        #expect(throws: SessionStore.AcceptEditsError.open(journals: ["Sessions/mini/boris.jsonl"])) {
            _ = try SessionStore.acceptEdits(bundle: bundle, workspace: test.workspace)
        }
        #expect(test.read("Sessions/mini/anna.jsonl") == anna)
        _ = held
    }

    @Test func aJournalFromBeforePerAnswerFingerprintsRefuses() throws {
        var header = JournalHeader(study: "mini", rater: "anna", rubric: "creative-thinking", studyHash: "old", rubricHash: "",
                                   seed: 7, repeatShare: 0.2, created: Self.start,
                                   fingerprint: StudyFingerprint(systems: ["big", "small"], tasks: [:], criteria: []))
        let test = TestWorkspace()
        test.makeStudy()
        let bundle = try test.bundle()
        let current = JournalHeader(bundle: bundle, rater: "anna", created: Self.start)
        header.rubricHash = current.rubricHash
        header.fingerprint = current.fingerprint
        header.fingerprint.answers = nil
        header.fingerprint.prompts = nil
        guard case .refused(let reasons) = EditAcceptance.examine(header, bundle: bundle) else {
            Issue.record("an old journal must refuse")
            return
        }
        #expect(reasons.contains { $0.contains("earlier Agon") }, "\(reasons)")
    }

    @Test func theReportCountsJudgementsOfTheOldText() throws {
        let test = TestWorkspace()
        test.makeStudy()
        let annas = try rate(test, count: 4)
        let boris = try rate(test, rater: "boris", count: 6)
        let task = annas[0].task
        edit(test, "Answer to \(task) by small\"", "Answer to \(task) by small (fixed)\"")
        let bundle = try test.bundle()
        _ = try SessionStore.acceptEdits(bundle: bundle, workspace: test.workspace)
        // A judgement made after the acceptance saw the new text and is not counted.
        do {
            let session = try SessionStore.open(bundle: bundle, rater: "anna", workspace: test.workspace)
            try session.writer.append(.undo(item: annas[0].number, at: Self.start.addingTimeInterval(900)))
            try session.writer.append(.judgement(judgement(annas[0])))
        }
        let judgements = StudyJudgements.load(bundle: bundle, workspace: test.workspace)
        #expect(!judgements.warnings.contains { $0.contains("study changed") }, "\(judgements.warnings)")
        let expectedBoris = boris.filter { $0.task == task }.count
        let expected = expectedBoris == 0 ? [] : [EditedAnswer(task: task, system: "small", sample: 1,
                                                              judgementsOfOldText: expectedBoris, raters: ["boris": expectedBoris])]
        #expect(judgements.editedAnswers == expected)
        let report = StudyReport.build(bundle: bundle, judgements: judgements, options: RankingOptions())
        #expect(report.editedAnswers == expected)
    }
}
