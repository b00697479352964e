import Foundation
import Testing
@testable import AgonCore

/// Every error path of study.toml, each reported at its line.
struct StudyFileErrorTests {
    static let valid = """
    id = "s"
    title = "S"
    rubric = "r"
    [design]
    seed = 3
    repeat_share = 0.1
    [[systems]]
    id = "a"
    [[systems]]
    id = "b"
    [[tasks]]
    id = "t1"
    prompt = "P"
    """

    @Test func theValidFileParses() throws {
        let study = try StudyLoader.parse(text: Self.valid, file: "study.toml", expectedID: "s")
        #expect(study.systems.map(\.id) == ["a", "b"] && study.tasks.map(\.id) == ["t1"])
        #expect(study.design == StudyDesign(seed: 3, repeatShare: 0.1))
        #expect(study.tasks[0].category == "uncategorised")
    }

    @Test(arguments: [
        ("id = \"s\"", "id = \"other\"", 1, "differs from its folder name `s`"),
        ("id = \"s\"", "id = \"s/../x\"", 1, "study id `s/../x` may hold only"),
        ("rubric = \"r\"", "", 1, "missing `rubric`"),
        ("seed = 3", "seed = -3", 5, "seed must not be negative"),
        ("seed = 3", "seed = \"three\"", 5, "`seed` must be a whole number"),
        ("repeat_share = 0.1", "repeat_share = 0.9", 6, "repeat_share must be between 0 and 0.5"),
        ("repeat_share = 0.1", "repeat_share = 0.1\nshuffle = true", 7, "unknown key `shuffle`"),
        ("[[systems]]\nid = \"b\"", "[[systems]]\nid = \"a\"", 10, "duplicate system id `a`"),
        ("[[systems]]\nid = \"b\"", "[[systems]]\nlabel = \"B\"", 9, "missing `id`"),
        ("[[systems]]\nid = \"b\"", "[[systems]]\nid = \"b\"\nexperts_total = 8\nexperts_active = 16", 12, "experts_active (16) exceeds experts_total (8)"),
        ("[[systems]]\nid = \"b\"", "[[systems]]\nid = \"b\"\nparameters_b = \"huge\"", 11, "`parameters_b` must be a number"),
        ("[[systems]]\nid = \"a\"\n[[systems]]\nid = \"b\"", "[[systems]]\nid = \"a\"", 7, "only one is defined"),
        ("prompt = \"P\"", "prompt = \"  \"", 13, "task `t1` has an empty prompt"),
        ("prompt = \"P\"", "", 11, "missing `prompt`"),
        ("prompt = \"P\"", "prompt = \"P\"\n[[tasks]]\nid = \"t1\"\nprompt = \"Q\"", 15, "duplicate task id `t1`"),
        ("prompt = \"P\"", "prompt = 7", 13, "`prompt` must be text in quotes"),
        ("[[tasks]]", "[tasks]", 11, "`tasks` must be a list of tables ([[tasks]])"),
        ("title = \"S\"", "title = \"S", 2, "not valid TOML"),
    ] as [(String, String, Int, String)])
    func eachProblemAtItsLine(replace: String, with replacement: String, line: Int, message: String) {
        let text = Self.valid.replacingOccurrences(of: replace, with: replacement)
        let found = diagnostics { _ = try StudyLoader.parse(text: text, file: "study.toml", expectedID: "s") }
        #expect(found.contains { $0.line == line && $0.message.contains(message) }, "expected \(line): \(message)\ngot \(found)")
    }
}
