import Foundation
import Testing
@testable import AgonCore

struct CollectionJournalTests {
    func answer(_ task: String, _ system: String = "a", sample: Int = 1, text: String = "An answer") -> CollectedAnswer {
        CollectedAnswer(slot: AnswerSlot(task: task, system: system, sample: sample), text: text, thinking: "hidden thought",
                        thinkingTokens: 3, finishReason: "stop", promptTokens: 5, completionTokens: 7, latencySeconds: 1.25,
                        timeToFirstTokenSeconds: 0.5, request: Data(#"{"model":"m","seed":7}"#.utf8),
                        endpoint: "http://127.0.0.1:1/v1/chat/completions", responseModel: "m",
                        serverReport: ServerReport(kind: "llama.cpp", quantisation: "Q4_1", contextTokens: 2048),
                        started: Date(timeIntervalSince1970: 1_700_000_000.5), finished: Date(timeIntervalSince1970: 1_700_000_002))
    }

    @Test func recordsRoundTrip() throws {
        let original = answer("t1")
        guard case .answer(let decoded)? = CollectionRecord.decode(CollectionRecord.answer(original).encoded()) else {
            Issue.record("not decoded")
            return
        }
        #expect(decoded == original)
        let failure = CollectionFailure(slot: original.slot, reason: .unavailable, status: 429, message: "slow down", attempt: 2,
                                        final: false, at: Date(timeIntervalSince1970: 1_700_000_000))
        guard case .failure(let back)? = CollectionRecord.decode(CollectionRecord.failure(failure).encoded()) else {
            Issue.record("not decoded")
            return
        }
        #expect(back == failure)
    }

    @Test func anAnswerAndItsFailuresAreReadBackAndTheThinkingStaysOutOfAnswersFile() throws {
        let space = TestWorkspace()
        let file = space.root.appendingPathComponent("collection.jsonl")
        do {
            let journal = try CollectionJournal(file: file, study: "s")
            try journal.append(.failure(CollectionFailure(slot: AnswerSlot(task: "t2", system: "a", sample: 1), reason: .timeout,
                                                          message: "slow", attempt: 5, final: true)))
            try journal.append(.answer(answer("t1")))
        }
        let journal = try CollectionJournal(file: file, study: "s")
        #expect(journal.contents.answers.keys.map(\.task) == ["t1"])
        #expect(journal.contents.failures.keys.map(\.task) == ["t2"])
        let line = String(decoding: AnswersFileWriter.line(for: answer("t1")), as: UTF8.self)
        #expect(line == #"{"sample":1,"system":"a","task":"t1","text":"An answer"}"#)
        #expect(!line.contains("hidden thought"))
    }

    @Test func aSecondWriterIsRefused() throws {
        let space = TestWorkspace()
        let file = space.root.appendingPathComponent("collection.jsonl")
        let first = try CollectionJournal(file: file, study: "s")
        #expect(throws: CollectionJournal.OpenError.self) { _ = try CollectionJournal(file: file, study: "s") }
        _ = first
    }

    @Test func aTornLastRecordIsSetAsideNotDropped() throws {
        let space = TestWorkspace()
        let file = space.root.appendingPathComponent("collection.jsonl")
        do {
            let journal = try CollectionJournal(file: file, study: "s")
            try journal.append(.answer(answer("t1")))
        }
        let torn = String(decoding: CollectionRecord.answer(answer("t2")).encoded().prefix(40), as: UTF8.self)
        let handle = try FileHandle(forWritingTo: file)
        handle.seekToEndOfFile()
        handle.write(Data(torn.utf8))
        try handle.close()
        let journal = try CollectionJournal(file: file, study: "s")
        #expect(journal.contents.answers.keys.map(\.task) == ["t1"])
        #expect(journal.notes.count == 1)
        #expect(space.read("collection.torn.jsonl") == torn + "\n")
        try journal.append(.answer(answer("t3")))
        let reread = try #require(CollectionJournal.read(file: file))
        #expect(reread.unreadableLines.isEmpty && Set(reread.answers.keys.map(\.task)) == ["t1", "t3"])
    }

    @Test func answersFileKeepsSlotsOnceAndRepairsOnlyItsOwnTornLine() throws {
        let space = TestWorkspace()
        space.write("answers.jsonl", "{\"task\": \"t0\", \"system\": \"a\", \"text\": \"imported\"}")
        let url = space.root.appendingPathComponent("answers.jsonl")
        do {
            let writer = try AnswersFileWriter(file: url, display: "answers.jsonl")
            #expect(writer.present == [AnswerSlot(task: "t0", system: "a", sample: 1)])
            #expect(try writer.append(answer("t1")) == true)
            #expect(try writer.append(answer("t1")) == false)
            #expect(try writer.append(answer("t1", sample: 2)) == true)
        }
        // A crash in the middle of Agon's own line: removed, the rest kept.
        let handle = try FileHandle(forWritingTo: url)
        handle.seekToEndOfFile()
        handle.write(Data(#"{"sample":1,"system":"a","task":"t9","te"#.utf8))
        try handle.close()
        let writer = try AnswersFileWriter(file: url, display: "answers.jsonl")
        #expect(writer.notes.count == 1)
        #expect(writer.present.count == 3)
        let lines = space.read("answers.jsonl").split(separator: "\n")
        #expect(lines.count == 3 && lines[0].contains("imported"))
    }

    @Test func aTornLineSomeoneElseWroteStopsWithItsLine() throws {
        let space = TestWorkspace()
        space.write("answers.jsonl", "{\"task\": \"t0\", \"system\": \"a\", \"text\": \"ok\"}\n{\"task\": \"t1\", \"sys")
        let error = #expect(throws: AnswersFileWriter.OpenError.self) {
            _ = try AnswersFileWriter(file: space.root.appendingPathComponent("answers.jsonl"), display: "answers.jsonl")
        }
        #expect(error?.message.hasPrefix("answers.jsonl:2:") == true)
    }

    @Test func thePlanAsksForWhatIsMissingSampleOneFirst() throws {
        let study = try StudyLoader.parse(text: """
        id = "s"
        rubric = "r"
        [[systems]]
        id = "a"
        [systems.server]
        url = "http://127.0.0.1:1/v1"
        model = "m"
        [[systems]]
        id = "b"
        [[tasks]]
        id = "t1"
        prompt = "P"
        [[tasks]]
        id = "t2"
        prompt = "Q"
        """, file: "study.toml", expectedID: "s")
        let plan = CollectionPlan.make(study: study, samples: 2, present: [AnswerSlot(task: "t1", system: "a", sample: 1)],
                                       failed: [AnswerSlot(task: "t2", system: "a", sample: 1)], retryFailed: false)
        #expect(plan.withoutServer == ["b"])
        #expect(plan.toAsk.first?.slots.map(\.description) == ["t1 · a · sample 2", "t2 · a · sample 2"])
        #expect(plan.failedEarlier.map(\.task) == ["t2"])
        let retrying = CollectionPlan.make(study: study, samples: 2, present: [], failed: [AnswerSlot(task: "t2", system: "a", sample: 1)],
                                           retryFailed: true)
        #expect(retrying.toAsk.first?.slots.map(\.description) == ["t1 · a · sample 1", "t2 · a · sample 1", "t1 · a · sample 2", "t2 · a · sample 2"])
    }
}
