import Foundation
import Testing
@testable import AgonCore

/// Studies with several samples per answer: what validation accepts, rejects and says is missing,
/// and a study that has no answers yet.
struct SampleStudyTests {
    /// The mini study with `samples` in its design and answers for every task × system × sample.
    static func sampledStudy(samples: Int = 3, tasks: Int = 4) -> TestWorkspace {
        let test = TestWorkspace()
        test.makeStudy(tasks: tasks)
        test.write("Studies/mini/study.toml", test.read("Studies/mini/study.toml")
            .replacingOccurrences(of: "repeat_share = 0.2\n", with: "repeat_share = 0.2\nsamples = \(samples)\n"))
        var answers = ""
        for task in 1...tasks {
            for system in ["big", "small"] {
                for sample in 1...samples {
                    let field = sample == 1 ? "" : ", \"sample\": \(sample)"
                    answers += "{\"task\": \"t\(task)\", \"system\": \"\(system)\"\(field), \"text\": \"Answer \(sample) to t\(task) by \(system)\"}\n"
                }
            }
        }
        test.write("Studies/mini/answers.jsonl", answers)
        return test
    }

    @Test func distinctSamplesAreAcceptedAndLookedUp() throws {
        let bundle = try Self.sampledStudy().bundle()
        #expect(bundle.study.design.samples == 3)
        #expect(bundle.answers.answers.count == 4 * 2 * 3)
        #expect(bundle.answers.answer(task: "t2", system: "small", sample: 3)?.text == "Answer 3 to t2 by small")
        #expect(bundle.answers.answer(task: "t2", system: "small")?.text == "Answer 1 to t2 by small")
        #expect(bundle.answers.answer(task: "t2", system: "small", sample: 4) == nil)
    }

    @Test func duplicateOutOfRangeAndMissingSamplesAreReported() {
        let test = Self.sampledStudy()
        var answers = test.read("Studies/mini/answers.jsonl").split(separator: "\n").map(String.init)
        // Line 3 (t1, big, sample 3) goes; t2 big sample 2 comes twice; a sample 4 and a sample 0 appear.
        answers.remove(at: 2)
        answers.append("{\"task\": \"t2\", \"system\": \"big\", \"sample\": 2, \"text\": \"again\"}")
        answers.append("{\"task\": \"t3\", \"system\": \"small\", \"sample\": 4, \"text\": \"one too many\"}")
        answers.append("{\"task\": \"t3\", \"system\": \"small\", \"sample\": 0, \"text\": \"zero\"}")
        answers.append("{\"task\": \"t3\", \"system\": \"small\", \"sample\": \"two\", \"text\": \"words\"}")
        answers.append("{\"task\": \"t4\", \"system\": \"small\", \"sample\": 1.5, \"text\": \"half\"}")
        // t4 small: only sample 1 left.
        answers.removeAll { $0.contains("\"t4\", \"system\": \"small\", \"sample\"") && !$0.contains("1.5") }
        test.write("Studies/mini/answers.jsonl", answers.joined(separator: "\n") + "\n")
        let found = diagnostics { _ = try test.bundle() }.map(\.description)
        let expected = [
            "Studies/mini/answers.jsonl:22: second answer for task `t2`, system `big`, sample 2 (first on line 7)",
            "Studies/mini/answers.jsonl:23: sample 4 for task `t3`, system `small` is outside 1…3 (`samples` in [design] of study.toml)",
            "Studies/mini/answers.jsonl:24: field `sample` must be a whole number from 1 (the first sample is 1)",
            "Studies/mini/answers.jsonl:25: field `sample` must be a whole number from 1 (the first sample is 1)",
            "Studies/mini/answers.jsonl:26: field `sample` must be a whole number from 1 (the first sample is 1)",
            "task `t1` has no answer from `big` (sample 3) in Studies/mini/answers.jsonl",
            "task `t4` has no answer from `small` (samples 2, 3) in Studies/mini/answers.jsonl",
        ]
        for message in expected {
            #expect(found.contains { $0.hasPrefix(message) || $0.contains(message) }, "missing: \(message)\nin \(found.joined(separator: "\n"))")
        }
        #expect(found.count == expected.count, "\(found.joined(separator: "\n"))")
    }

    @Test func aSampleBeyondASingleSampleDesignSaysWhereToSetIt() {
        let test = TestWorkspace()
        test.makeStudy(tasks: 2)
        test.write("Studies/mini/answers.jsonl", test.read("Studies/mini/answers.jsonl")
            + "{\"task\": \"t1\", \"system\": \"big\", \"sample\": 2, \"text\": \"another\"}\n")
        let found = diagnostics { _ = try test.bundle() }.map(\.description)
        #expect(found == ["Studies/mini/answers.jsonl:5: sample 2 for task `t1`, system `big`, but the study asks for one sample per answer (set `samples` in [design] of study.toml)"],
                "\(found)")
    }

    @Test func samplesInTheDesignMustBeSensible() {
        for bad in ["0", "101", "-2"] {
            let test = Self.sampledStudy()
            test.write("Studies/mini/study.toml", test.read("Studies/mini/study.toml").replacingOccurrences(of: "samples = 3", with: "samples = \(bad)"))
            let found = diagnostics { _ = try test.bundle() }.map(\.description)
            #expect(found.contains { $0.contains("samples must be between 1 and 100, not \(bad)") }, "\(found)")
        }
    }

    @Test func aStudyWithoutAnswersIsReadyToCollect() throws {
        for empty in [true, false] {
            let test = TestWorkspace()
            test.makeStudy(tasks: 3)
            let answers = test.root.appendingPathComponent("Studies/mini/answers.jsonl")
            if empty { test.write("Studies/mini/answers.jsonl", "") } else { try FileManager.default.removeItem(at: answers) }
            let waiting = try StudyBundle.load(studyID: "mini", in: test.workspace, answers: .mayBeAbsent)
            #expect(waiting.awaitsAnswers)
            #expect(waiting.study.tasks.count == 3)
            // Rating needs answers: one message that says how to get them, not a gap per task.
            let found = diagnostics { _ = try test.bundle() }.map(\.description)
            #expect(found.count == 1, "\(found)")
            #expect(found.first?.contains("`agon collect mini`") == true, "\(found)")
            #expect(found.first?.hasPrefix(empty ? "Studies/mini/answers.jsonl: no answers yet" : "Studies/mini/answers.jsonl: file not found") == true, "\(found)")
        }
    }

    @Test func answersThatAreThereAreCheckedEvenWhenAnswersMayBeAbsent() {
        let test = Self.sampledStudy(tasks: 2)
        test.write("Studies/mini/answers.jsonl", "{\"task\": \"t1\", \"system\": \"big\", \"text\": \"only one\"}\n")
        let found = diagnostics { _ = try StudyBundle.load(studyID: "mini", in: test.workspace, answers: .mayBeAbsent) }.map(\.description)
        #expect(found.contains { $0.contains("task `t1` has no answer from `big` (samples 2, 3), `small`") }, "\(found)")
        #expect(found.contains { $0.contains("task `t2` has no answer from `big`, `small`") }, "\(found)")
    }

    @Test func theStudyWriterKeepsSamplesAndSingleSampleStudiesAsTheyWere() throws {
        let bundle = try Self.sampledStudy(samples: 2, tasks: 1).bundle()
        let toml = StudyWriter.toml(bundle.study, comment: "c")
        #expect(toml.contains("repeat_share = 0.2\nsamples = 2\n"))
        let lines = String(decoding: StudyWriter.jsonl(bundle.answers.answers), as: UTF8.self).split(separator: "\n")
        #expect(lines.first == #"{"system":"big","task":"t1","text":"Answer 1 to t1 by big"}"#)
        #expect(lines[1] == #"{"sample":2,"system":"big","task":"t1","text":"Answer 2 to t1 by big"}"#)
        var single = bundle.study
        single.design.samples = 1
        #expect(!StudyWriter.toml(single, comment: "c").contains("samples"))
    }

    @Test func importReadsSamplesAndKeepsOnlyTasksCompleteInEverySample() throws {
        var importer = AnswerImport()
        importer.taskField = "prompt"
        importer.systemField = "model"
        importer.sampleField = "run"
        importer.samples = 2
        let data = Data("""
        {"prompt": "Why?", "model": "A", "run": 1, "text": "a1"}
        {"prompt": "Why?", "model": "A", "run": 2, "text": "a2"}
        {"prompt": "Why?", "model": "B", "run": 1, "text": "b1"}
        {"prompt": "Why?", "model": "B", "run": "2", "text": "b2"}
        {"prompt": "How?", "model": "A", "run": 1, "text": "only one sample"}
        {"prompt": "How?", "model": "B", "run": 1, "text": "only one sample"}
        {"prompt": "How?", "model": "B", "run": 2, "text": "b2"}

        """.utf8)
        let result = try importer.run(data: data, file: "in.jsonl", systems: [("big", "A"), ("small", "B")])
        #expect(result.tasks.map(\.prompt) == ["Why?"])
        #expect(result.incompleteTasks == ["How?"])
        #expect(result.answers.map { "\($0.system)#\($0.sample) \($0.text)" } == ["big#1 a1", "big#2 a2", "small#1 b1", "small#2 b2"])

        let broken = Data("""
        {"prompt": "Why?", "model": "A", "run": 3, "text": "x"}
        {"prompt": "Why?", "model": "A", "text": "no run"}
        {"prompt": "Why?", "model": "A", "run": 1, "text": "x"}
        {"prompt": "Why?", "model": "A", "run": 1, "text": "again"}

        """.utf8)
        let found = diagnostics { _ = try importer.run(data: broken, file: "in.jsonl", systems: [("big", "A"), ("small", "B")]) }.map(\.description)
        #expect(found == [
            "in.jsonl:1: sample 3 is beyond --samples 2",
            "in.jsonl:2: the field `run` (--sample-field) is missing on 1 of 4 lines (first on line 2); the fields in the file are: `model`, `prompt`, `run`, `text`",
            "in.jsonl:4: second answer for task `Why?` from `A`, sample 1; the first is kept",
        ], "\(found)")
    }
}
