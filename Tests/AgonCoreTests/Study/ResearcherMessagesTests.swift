import Foundation
import Testing
@testable import AgonCore

/// Messages a researcher preparing a study meets: each says what is wrong and what to do.
struct ResearcherMessagesTests {
    func problems(_ test: TestWorkspace, _ id: String = "mini") -> [String] {
        diagnostics { _ = try test.bundle(id) }.map(\.description)
    }

    @Test func aMissingStudySaysWhereAgonLookedAndSuggestsANearName() {
        let test = TestWorkspace()
        #expect(problems(test, "demo") == ["Studies/demo/study.toml: no such study: Studies/ holds no study. Agon works in the folder it is started from (\(test.root.standardizedFileURL.path)); start it from the folder that holds Studies/, or set AGON_HOME to that folder"])
        test.makeStudy()
        #expect(problems(test, "minii") == ["Studies/minii/study.toml: no such study `minii` (did you mean `mini`?); studies here: mini"])
        let empty = TestWorkspace()
        #expect(Workspace(root: empty.root, origin: .agonHome).noSuchStudy("x").contains("Agon works in AGON_HOME (\(empty.root.standardizedFileURL.path)); change AGON_HOME"))
    }

    @Test func aWrongRubricNameListsTheRubricsThatExist() {
        let test = TestWorkspace()
        test.makeStudy()
        let toml = test.read("Studies/mini/study.toml").replacingOccurrences(of: "rubric = \"creative-thinking\"", with: "rubric = \"creativ\"")
        test.write("Studies/mini/study.toml", toml)
        #expect(problems(test) == ["Studies/mini/study.toml:3: rubric `creativ` does not exist (looked for Rubrics/creativ.toml; rubrics: creative-thinking)"])
    }

    @Test func aTaskWithoutAPromptDoesNotMakeItsAnswersUnknown() {
        let test = TestWorkspace()
        test.makeStudy(tasks: 2)
        let toml = test.read("Studies/mini/study.toml").replacingOccurrences(of: "prompt = \"Prompt number 2\"\n", with: "")
        test.write("Studies/mini/study.toml", toml)
        let found = problems(test)
        #expect(found.count == 1)
        #expect(found.first?.hasSuffix("missing `prompt`") == true)
    }

    @Test func aKeyTypoInAnswersIsNamedWithItsNearMatch() {
        let test = TestWorkspace()
        test.makeStudy(tasks: 1)
        test.write("Studies/mini/answers.jsonl", """
            {"task": "t1", "sytem": "big", "text": "a"}
            {"task": "t1", "system": "small", "body": "b"}

            """)
        let found = problems(test)
        #expect(found.contains("Studies/mini/answers.jsonl:1: missing field `system` (found `sytem`: a typo for `system`?)"))
        #expect(found.contains("Studies/mini/answers.jsonl:2: missing field `text` (fields on this line: `body`, `system`, `task`)"))
    }

    @Test(arguments: [
        ("title = \"Unclosed\nid = \"x\"\n", "a text in quotes is not closed on this line"),
        ("title = \"\"\"never\n", "a text in quotes is never closed"),
        ("rubric = creative\n", "text goes in quotes"),
        ("x = 1\nx = 2\n", "`x` is given twice"),
        ("[tasks\n", "a table header is not closed"),
    ])
    func tomlSyntaxErrorsAreSaidInOurWords(text: String, expected: String) {
        let test = TestWorkspace()
        test.makeStudy()
        test.write("Studies/mini/study.toml", text)
        let found = problems(test)
        #expect(found.count == 1)
        #expect(found.first?.contains(expected) == true, "\(found)")
        #expect(found.first?.contains("Error while parsing") == false)
    }
}
