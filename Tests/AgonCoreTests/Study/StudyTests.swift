import Foundation
import Testing
@testable import AgonCore

struct StudyTests {
    @Test func shippedStudiesValidate() throws {
        let test = TestWorkspace()
        test.copyFromRepository("Rubrics/creative-thinking.toml")
        test.copyFromRepository("Studies/demo")
        test.copyFromRepository("Studies/llama2-70b-vs-7b")
        let demo = try test.bundle("demo")
        #expect(demo.study.tasks.count == 19)
        #expect(demo.study.systems.map(\.id) == ["opus", "gemma-2b"])
        #expect(demo.answers.answers.count == 38)
        let llama = try test.bundle("llama2-70b-vs-7b")
        #expect(llama.study.tasks.count == 85)
        #expect(llama.study.systems.map(\.profile.parametersBillions) == [70, 7])
    }

    @Test func profileSummary() {
        let profile = SystemProfile(parametersBillions: 70, quantisationBits: 16, contextTokens: 262_144,
                                    expertsTotal: 128, expertsActive: 16, thinkingBudgetTokens: -1)
        #expect(profile.summary == "70B · 16-bit · 256k ctx · 16/128 experts · unlimited thinking")
        #expect(SystemProfile(parametersBillions: 7, quantisationBits: 4, contextTokens: 4096, expertsTotal: 1,
                              thinkingBudgetTokens: 0).summary == "7B · 4-bit · 4k ctx · dense · no thinking")
        #expect(SystemProfile(contextTokens: 200_000).summary == "200k ctx")
        #expect(SystemProfile(contextTokens: 1500).summary == "1500 ctx")
    }

    /// A copy of the mini study with one planted defect of every kind: each is reported with its
    /// file and line, all in one run.
    @Test func validateReportsEveryPlantedDefect() {
        let test = TestWorkspace()
        test.makeStudy()
        test.write("Studies/mini/study.toml", """
        id = "mini"
        title = "Broken"
        rubric = "creative-thinking"
        colour = "blue"

        [[systems]]
        id = "big"

        [[systems]]
        id = "small"

        [[systems]]
        id = "big"

        [[tasks]]
        id = "t1"
        prompt = "One"

        [[tasks]]
        id = "t1"
        prompt = "One again"

        [[tasks]]
        id = "t2"
        prompt = "Two"

        [[tasks]]
        id = "t3"
        prompt = ""
        """)
        test.write("Studies/mini/answers.jsonl", """
        {"task": "t1", "system": "big", "text": "a"}
        {"task": "t1", "system": "small", "text": "b"}
        {"task": "t1", "system": "small", "text": "b again"}
        {"task": "t2", "system": "big", "text": "   "}
        {"task": "t9", "system": "big", "text": "unknown task"}
        {"task": "t2", "system": "medium", "text": "unknown system"}
        not json
        {"task": "t3", "system": "big"}
        [1, 2]

        """)
        let found = diagnostics { _ = try test.bundle() }.map(\.description)
        let expected = [
            "Studies/mini/study.toml:4: unknown key `colour`",
            "Studies/mini/study.toml:13: duplicate system id `big`",
            "Studies/mini/study.toml:20: duplicate task id `t1`",
            "Studies/mini/study.toml:29: task `t3` has an empty prompt",
            "Studies/mini/answers.jsonl:3: second answer for task `t1`, system `small` (first on line 2)",
            "Studies/mini/answers.jsonl:4: empty text for task `t2`, system `big`",
            "Studies/mini/answers.jsonl:5: unknown task `t9`",
            "Studies/mini/answers.jsonl:6: unknown system `medium`",
            "Studies/mini/answers.jsonl:7: not valid JSON",
            "Studies/mini/answers.jsonl:8: missing field `text`",
            "Studies/mini/answers.jsonl:9: expected a JSON object",
            "task `t2` has no answer from `small`",
            "task `t3` has no answer from `big`, `small`",
        ]
        for message in expected {
            #expect(found.contains { $0.hasPrefix(message) || $0.contains(message) }, "missing: \(message)\nin \(found.joined(separator: "\n"))")
        }
        #expect(found.count == expected.count, "\(found.joined(separator: "\n"))")
    }

    @Test func missingRubricAndMissingAnswersFile() {
        let test = TestWorkspace()
        test.makeStudy()
        test.write("Studies/mini/study.toml", test.read("Studies/mini/study.toml").replacingOccurrences(of: "creative-thinking", with: "no-such-rubric"))
        try? FileManager.default.removeItem(at: test.root.appendingPathComponent("Studies/mini/answers.jsonl"))
        let found = diagnostics { _ = try test.bundle() }.map(\.description)
        #expect(found.contains("Studies/mini/study.toml:3: rubric `no-such-rubric` does not exist (looked for Rubrics/no-such-rubric.toml; rubrics: creative-thinking)"), "\(found)")
        #expect(found.contains { $0.hasPrefix("Studies/mini/answers.jsonl: file not found") }, "\(found)")
    }

    @Test func unknownStudyAndUnsafeStudyID() {
        let test = TestWorkspace()
        test.makeStudy()
        let missing = diagnostics { _ = try test.bundle("nope") }
        #expect(missing.first?.message.contains("studies here: mini") == true)
        let unsafe = diagnostics { _ = try test.bundle("../etc") }
        #expect(unsafe.first?.message.contains("not a study id") == true)
    }

    @Test func invalidUTF8InAnAnswerIsRepairedAndNoted() throws {
        let test = TestWorkspace()
        test.makeStudy(tasks: 2)
        var bytes = Data(test.read("Studies/mini/answers.jsonl").utf8)
        let marker = Data("Answer to t2 by big".utf8)
        let range = try #require(bytes.range(of: marker))
        bytes.replaceSubrange(range, with: Data([0x41, 0xFF, 0xC3, 0x28, 0x42]))
        try bytes.write(to: test.root.appendingPathComponent("Studies/mini/answers.jsonl"))
        let bundle = try test.bundle()
        #expect(bundle.answers.answer(task: "t2", system: "big")?.text == "A\u{FFFD}\u{FFFD}(B")
        #expect(bundle.notes.map(\.description) == ["Studies/mini/answers.jsonl:3: bytes that are not UTF-8 replaced by �"])
    }

    @Test func invalidUTF8IsReportedWithItsLine() {
        let test = TestWorkspace()
        test.makeStudy()
        var bytes = Data("id = \"mini\"\ntitle = \"x\"\n".utf8)
        bytes += Data([0x74, 0x20, 0x3D, 0x20, 0x22, 0xFF, 0x22, 0x0A])
        try! bytes.write(to: test.root.appendingPathComponent("Studies/mini/study.toml"))
        let found = diagnostics { _ = try test.bundle() }
        #expect(found.contains { $0.line == 3 && $0.message == "not valid UTF-8 text" }, "\(found)")
    }
}
