import Foundation
import Testing
@testable import AgonCore

/// Journals of studies with several samples per answer: the samples shown are recorded, old
/// journals read unchanged, and a changed sample is detected on resume.
struct SampleJournalTests {
    static let at = Date(timeIntervalSince1970: 1_800_000_000)

    @Test func samplesAreRecordedOnlyWhenNotTheFirst() {
        let first = Judgement(item: 3, task: "t1", left: "big", right: "small", scores: [:], preference: .a, seconds: 4, at: Self.at)
        let line = String(decoding: JournalCodec.encode(event: .judgement(first), seq: 5), as: UTF8.self)
        #expect(!line.contains("Sample"), "\(line)")
        #expect(line == #"{"at":"2027-01-15T08:00:00Z","item":3,"left":"big","note":"","preference":"A","right":"small","scores":{},"seconds":4,"seq":5,"task":"t1","type":"judgement"}"#)

        let second = Judgement(item: 3, task: "t1", left: "big", right: "small", leftSample: 2, rightSample: 1, scores: [:],
                               preference: .a, seconds: 4, at: Self.at)
        let sampled = String(decoding: JournalCodec.encode(event: .judgement(second), seq: 5), as: UTF8.self)
        #expect(sampled.contains(#""leftSample":2"#) && !sampled.contains("rightSample"), "\(sampled)")
    }

    @Test func fastReaderAndDecoderAgreeOnSamples() {
        var random = SeededRandom(seed: 31)
        for seq in 1...500 {
            let judgement = Judgement(item: seq, task: "t\(seq % 7)", left: "a", right: "b",
                                      leftSample: 1 + random.below(4), rightSample: 1 + random.below(4),
                                      repeatOf: random.below(3) == 0 ? seq - 1 : nil,
                                      scores: ["originality": CriterionScore(a: 1 + random.below(7), b: 1 + random.below(7))],
                                      preference: .b, seconds: Double(random.below(600)), at: Self.at)
            let line = JournalCodec.encode(event: .judgement(judgement), seq: seq)
            #expect(JournalLineReader.event(line)?.event == .judgement(judgement))
            #expect(JournalCodec.decode(line) == .success(.event(seq: seq, .judgement(judgement))))
        }
    }

    @Test func anOldJournalLineReadsAsSampleOneAndABadSampleIsRefused() {
        let old = Data(#"{"at":"2026-11-29T10:14:03Z","item":7,"left":"gemma-2b","note":"","preference":"B","right":"opus","scores":{"originality":{"A":3,"B":6}},"seconds":184.2,"seq":3,"task":"t12","type":"judgement"}"#.utf8)
        guard case .event(_, .judgement(let judgement))? = try? JournalCodec.decode(old).get() else {
            Issue.record("an old judgement line must still read")
            return
        }
        #expect(judgement.leftSample == 1 && judgement.rightSample == 1)
        #expect(JournalLineReader.event(old)?.event == .judgement(judgement))

        let zero = Data(#"{"at":"2026-11-29T10:14:03Z","item":7,"left":"a","leftSample":0,"right":"b","scores":{},"seq":3,"task":"t1","type":"judgement"}"#.utf8)
        #expect(JournalLineReader.event(zero) == nil)
        #expect(JournalCodec.decode(zero) == .failure(JournalCodec.LineError(message: "judgement line with `leftSample` 0; samples count from 1")))
    }

    @Test func aSessionRecordsTheScheduledSamplesAndReplaysThem() throws {
        let test = SampleStudyTests.sampledStudy()
        let bundle = try test.bundle()
        let session = try SessionStore.open(bundle: bundle, rater: "anna", workspace: test.workspace, now: Self.at)
        #expect(session.schedule.items.contains { $0.leftSample != 1 || $0.rightSample != 1 })
        for item in session.schedule.items.prefix(5) {
            try session.writer.append(.judgement(Judgement(of: item, scores: [:], preference: .tie, seconds: 3, at: Self.at)))
        }
        let contents = try JournalReader.read(file: test.workspace.journalFile(study: "mini", rater: "anna"))
        let state = SessionState(replaying: contents.events.map(\.event))
        for item in session.schedule.items.prefix(5) {
            #expect(state.judgements[item.number]?.leftSample == item.leftSample)
            #expect(state.judgements[item.number]?.rightSample == item.rightSample)
        }
        #expect(contents.header?.fingerprint.samples == 3)
    }

    @Test func theFingerprintCoversEverySampleAndKeepsSingleSampleStudiesAsTheyWere() throws {
        // A single-sample study: the per-task hash is what it always was (prompt, then each system's answer).
        let plain = TestWorkspace()
        plain.makeStudy(tasks: 2)
        let plainBundle = try plain.bundle()
        let fingerprint = StudyFingerprint(bundle: plainBundle)
        #expect(fingerprint.samples == nil)
        let legacy = String(SHA256.hex("Prompt number 1\u{0}big\u{0}Answer to t1 by big\u{0}small\u{0}Answer to t1 by small").prefix(16))
        #expect(fingerprint.tasks["t1"] == legacy)

        // A sampled study: editing sample 3 of one answer changes that task's hash and no other.
        let test = SampleStudyTests.sampledStudy()
        let before = StudyFingerprint(bundle: try test.bundle())
        test.write("Studies/mini/answers.jsonl", test.read("Studies/mini/answers.jsonl")
            .replacingOccurrences(of: "Answer 3 to t2 by small", with: "A rewritten third sample"))
        let after = StudyFingerprint(bundle: try test.bundle())
        #expect(before.changes(to: after) == ["prompt or answers changed in tasks: t2"])

        var fewer = after
        fewer.samples = nil
        #expect(after.changes(to: fewer).contains("samples per answer changed from 3 to 1, which changes the schedule"))
    }

    @Test func resumingAfterASampleChangedIsRefusedWithTheReason() throws {
        let test = SampleStudyTests.sampledStudy()
        do {
            let session = try SessionStore.open(bundle: try test.bundle(), rater: "anna", workspace: test.workspace, now: Self.at)
            try session.writer.append(.judgement(Judgement(of: session.schedule.items[0], scores: [:], preference: .a, seconds: 3, at: Self.at)))
        }
        test.write("Studies/mini/answers.jsonl", test.read("Studies/mini/answers.jsonl")
            .replacingOccurrences(of: "Answer 2 to t4 by big", with: "Changed"))
        let error = #expect(throws: SessionStore.OpenError.self) {
            _ = try SessionStore.open(bundle: try test.bundle(), rater: "anna", workspace: test.workspace)
        }
        guard case .inputsChanged(_, let changes)? = error else {
            Issue.record("a changed sample must be refused, got \(String(describing: error))")
            return
        }
        #expect(changes == ["prompt or answers changed in tasks: t4"])
    }
}
