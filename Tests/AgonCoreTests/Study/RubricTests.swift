import Foundation
import Testing
@testable import AgonCore

struct RubricTests {
    @Test func shippedRubricHasTheFourCriteriaInBothLanguages() throws {
        let rubric = try RubricLoader.load(file: TestWorkspace.repository.appendingPathComponent("Rubrics/creative-thinking.toml").path)
        #expect(rubric.criteria.map(\.id) == ["originality", "tension", "cognitive-leap", "contradiction-holding"])
        #expect(rubric.scale == ScoreScale(min: 1, max: 7))
        #expect(rubric.mode == .absolute)
        for criterion in rubric.criteria {
            #expect(criterion.anchors.map(\.score) == [1, 4, 7])
            for text in [criterion.name, criterion.definition, criterion.question] + criterion.anchors.map(\.text) {
                #expect(!text.en.isEmpty)
                #expect(text.ru?.isEmpty == false, "missing Russian text in \(criterion.id)")
                #expect(text.ru != text.en)
            }
        }
        #expect(rubric.instructions.ru?.contains("оба слабые") == true)
        #expect(Set(rubric.preference.labels.keys) == Set(Preference.allCases))
        #expect(rubric.preference.label(.bothWeak, in: .ru) == "Оба слабые")
        #expect(!rubric.note.required)
    }

    @Test func comparativeRubricWithOtherScale() throws {
        let text = """
        id = "pairwise"
        mode = "comparative"
        title = "Pairwise"
        instructions = "Compare."
        [scale]
        min = -3
        max = 3
        [[criteria]]
        id = "depth"
        name = "Depth"
        definition = "How deep."
        question = "Which is deeper?"
        [[criteria.anchors]]
        score = -3
        en = "A much deeper"
        [[criteria.anchors]]
        score = 3
        en = "B much deeper"
        [[criteria]]
        id = "wit"
        name = { en = "Wit", ru = "Остроумие" }
        definition = "Wit."
        question = "Which is wittier?"
        [criteria.scale]
        min = -2
        max = 2
        """
        let rubric = try RubricLoader.parse(text: text, file: "pairwise.toml", expectedID: "pairwise")
        #expect(rubric.mode == .comparative)
        #expect(rubric.criteria[0].scale == ScoreScale(min: -3, max: 3))
        #expect(rubric.criteria[1].scale == ScoreScale(min: -2, max: 2))
        #expect(rubric.criteria[1].name.text(in: .ru) == "Остроумие")
        #expect(rubric.criteria[0].name.text(in: .ru) == "Depth", "Russian falls back to English")
    }

    /// Each broken rubric yields the expected message at the expected line; all problems in one run.
    @Test(arguments: [
        ("id = \"x\"\ntitle = \"T\"\ninstructions = \"I\"\n[[criteria]]\nid = \"a\"\nname = \"A\"\ndefinition = \"D\"\nquestion = \"Q\"\nfoo = 1\n", 9, "unknown key `foo`"),
        ("id = \"x\"\ntitle = \"T\"\ninstructions = \"I\"\n[[criteria]]\nid = \"a\"\nname = \"A\"\nquestion = \"Q\"\ndefinition = \"D\"\n[[criteria]]\nid = \"a\"\nname = \"A\"\ndefinition = \"D\"\nquestion = \"Q\"\n", 10, "criterion `a` is defined twice"),
        ("id = \"x\"\ntitle = \"T\"\ninstructions = \"I\"\n[[criteria]]\nid = \"a\"\nname = \"A\"\ndefinition = \"D\"\n", 4, "missing `question`"),
        ("id = \"x\"\ntitle = \"T\"\ninstructions = \"I\"\n[scale]\nmin = 7\nmax = 1\n[[criteria]]\nid = \"a\"\nname = \"A\"\ndefinition = \"D\"\nquestion = \"Q\"\n", 4, "scale min (7) must be below max (1)"),
        ("id = \"x\"\ntitle = \"T\"\ninstructions = \"I\"\n[[criteria]]\nid = \"a\"\nname = \"A\"\ndefinition = \"D\"\nquestion = \"Q\"\n[[criteria.anchors]]\nscore = 9\nen = \"nine\"\n", 10, "anchor score 9 is outside the scale 1…7"),
        ("id = \"x\"\ntitle = \"T\"\ninstructions = \"I\"\n[[criteria]]\nid = \"a\"\nname = \"A\"\ndefinition = \"D\"\nquestion = \"Q\"\n[[criteria.anchors]]\nscore = 1\nen = \"low\"\n", 9, "needs anchors at both ends"),
        ("id = \"x\"\ntitle = \"T\"\ninstructions = \"I\"\nmode = \"ranking\"\n[[criteria]]\nid = \"a\"\nname = \"A\"\ndefinition = \"D\"\nquestion = \"Q\"\n", 4, "mode must be \"absolute\" or \"comparative\""),
        ("id = \"x\"\ntitle = \"T\"\ninstructions = \"I\"\nmode = \"comparative\"\n[scale]\nmin = 1\nmax = 7\n[[criteria]]\nid = \"a\"\nname = \"A\"\ndefinition = \"D\"\nquestion = \"Q\"\n", 5, "comparative scale runs from a negative"),
        ("id = \"x\"\ntitle = \"T\"\ninstructions = \"I\"\n[[criteria]]\nid = \"a b\"\nname = \"A\"\ndefinition = \"  \"\nquestion = \"Q\"\n", 5, "criterion id `a b` may hold only"),
        ("id = \"x\"\ntitle = \"T\"\ninstructions = \"I\"\n[[criteria]]\nid = \"a\"\nname = \"A\"\ndefinition = \"  \"\nquestion = \"Q\"\n", 7, "`definition` is empty"),
        ("id = \"x\"\ntitle = \"T\"\ninstructions = \"I\"\n[[criteria]]\nid = \"a\"\nname = { ru = \"А\" }\ndefinition = \"D\"\nquestion = \"Q\"\n", 6, "missing `en`"),
        ("id = \"x\"\ntitle = \"T\"\ninstructions = \"I\"\n[preference]\nrequired = \"yes\"\n[[criteria]]\nid = \"a\"\nname = \"A\"\ndefinition = \"D\"\nquestion = \"Q\"\n", 5, "`required` must be true or false"),
        ("id = \"x\"\ntitle = \"T\"\ninstructions = \"I\"\n[[criteria]]\nid = \"a\"\nname = \"A\"\ndefinition = \"D\"\nquestion = \"Q\"\n[[criteria.anchors]]\nscore = 1\n", 9, "missing `en`"),
        ("id = \"x\"\ntitle = \"T\"\ninstructions = \"I\"\n[[criteria]]\nid = \"a\"\nname = \"A\"\ndefinition = \"D\"\nquestion = \"Q\n", 8, "not valid TOML"),
        ("id = \"y\"\ntitle = \"T\"\ninstructions = \"I\"\n[[criteria]]\nid = \"a\"\nname = \"A\"\ndefinition = \"D\"\nquestion = \"Q\"\n", 1, "differs from the file name `x.toml`"),
        ("id = \"x\"\ntitle = \"T\"\ninstructions = \"I\"\n", 1, "missing `[[criteria]]` entries"),
        // toml++ asserts (aborting the process) on these; found by ParserFuzzTests.
        ("[=", 1, "a table header needs a name"),
        ("id = \"x\"\n\n  [[ {a=1}]]\n", 3, "a table header needs a name"),
        ("id = \"\"\"\n[=\n\"\"\"\n[ .a]\n", 4, "a table header needs a name"),
        ("a = [}", 1, "expected a value in the array"),
        ("a = [\n  1, # one\n  }", 3, "expected a value in the array"),
        ("a = [[\"x\", \"]\"], [}]", 1, "expected a value in the array"),
    ] as [(String, Int?, String)])
    func brokenRubricIsReportedWithItsLine(text: String, line: Int?, message: String) {
        let found = diagnostics { _ = try RubricLoader.parse(text: text, file: "x.toml", expectedID: "x") }
        #expect(found.contains { $0.message.contains(message) && $0.line == line && $0.file == "x.toml" },
                "expected line \(line.map(String.init) ?? "-"): \(message); got \(found)")
    }

    @Test func everyProblemIsReportedInOneRun() {
        let text = "id = \"x\"\ntitle = \"T\"\ninstructions = \"I\"\nbogus = 1\n[[criteria]]\nid = \"a\"\nname = \"A\"\ndefinition = \"D\"\n[[criteria]]\nid = \"a\"\nname = \"A\"\ndefinition = \"D\"\nquestion = \"Q\"\n"
        let found = diagnostics { _ = try RubricLoader.parse(text: text, file: "x.toml", expectedID: "x") }
        #expect(found.count == 3, "\(found)")
        #expect(found.map(\.line) == [4, 5, 10])
    }
}
