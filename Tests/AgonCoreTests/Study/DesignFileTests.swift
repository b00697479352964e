import Testing
@testable import AgonCore

/// The `[design]` keys that choose pairs and budgets: read, and every wrong value reported at its
/// line with what to do.
struct DesignFileTests {
    /// Four systems, three tasks; `design` goes under `[design]` (line 5 on).
    static func study(_ design: String) -> String {
        """
        id = "s"
        title = "S"
        rubric = "r"
        [design]
        seed = 3
        \(design)
        [[systems]]
        id = "a"
        [[systems]]
        id = "b"
        [[systems]]
        id = "c"
        [[systems]]
        id = "d"
        [[tasks]]
        id = "t1"
        prompt = "P"
        [[tasks]]
        id = "t2"
        prompt = "Q"
        [[tasks]]
        id = "t3"
        prompt = "R"
        """
    }

    static func parse(_ design: String) throws -> Study {
        try StudyLoader.parse(text: study(design), file: "study.toml", expectedID: "s")
    }

    @Test func theKeysAreRead() throws {
        let contrasts = try Self.parse("""
        contrasts = [
          ["a", "b"],
          ["b", "c"], ["c", "d"],
        ]
        items_per_rater = 6
        shared_items = 3
        raters = ["anna", "boris"]
        """)
        #expect(contrasts.design.pairs == .contrasts([SystemPair("a", "b"), SystemPair("b", "c"), SystemPair("c", "d")]))
        #expect(contrasts.design.itemsPerRater == 6 && contrasts.design.sharedItems == 3)
        #expect(contrasts.design.roster == ["anna", "boris"] && contrasts.design.panelSize == 2)
        let sparse = try Self.parse("pairs = \"sparse\"\ndegree = 2\nraters_per_item = 2\nexpected_raters = 5")
        #expect(sparse.design.pairs == .sparse(degree: 2))
        #expect(sparse.design.ratersPerItem == 2 && sparse.design.expectedRaters == 5)
        #expect(try Self.parse("pairs = \"all\"").design.isComplete)
    }

    /// What `agon import` writes, the loader reads back as the same design.
    @Test func theWriterRoundTrips() throws {
        var study = try Self.parse("contrasts = [[\"a\", \"b\"], [\"b\", \"c\"], [\"c\", \"d\"]]\nitems_per_rater = 6\nexpected_raters = 4")
        let again = try StudyLoader.parse(text: StudyWriter.toml(study, comment: "test"), file: "study.toml", expectedID: "s")
        #expect(again.design == study.design)
        study.design = StudyDesign(seed: 3, pairs: .sparse(degree: 2), ratersPerItem: 2, roster: ["x", "y", "z"], sharedItems: 1)
        #expect(try StudyLoader.parse(text: StudyWriter.toml(study, comment: "test"), file: "study.toml").design == study.design)
    }

    @Test(arguments: [
        // A contrast list that leaves a system unreachable is refused, naming the groups.
        ("contrasts = [\n  [\"a\", \"b\"],\n  [\"c\", \"d\"],\n]", 6,
         "the contrasts leave the systems in 2 groups that no comparison joins: {a, b} | {c, d}"),
        ("contrasts = [[\"a\", \"b\"], [\"b\", \"c\"]]", 6, "{a, b, c} | {d} (`d` in no contrast)"),
        ("contrasts = [\n  [\"a\", \"b\"],\n  [\"b\", \"x\"],\n]", 8, "contrast b – x names `x`, which is not a system of this study"),
        ("contrasts = [\n  [\"a\", \"b\"],\n  [\"b\", \"a\"],\n]", 8, "contrast b – a is given twice (also contrast 1)"),
        ("contrasts = [\n  [\"a\", \"a\"],\n]", 7, "compares a system with itself"),
        ("contrasts = [\n  [\"a\"],\n]", 7, "contrast 1 must be two system ids in quotes"),
        ("contrasts = []", 6, "`contrasts` is empty"),
        ("pairs = \"contrasts\"", 6, "pairs = \"contrasts\" needs `contrasts"),
        ("pairs = \"some\"", 6, "pairs must be \"all\", \"contrasts\" or \"sparse\", not \"some\""),
        ("pairs = \"all\"\ncontrasts = [[\"a\", \"b\"]]", 7, "contrasts are given but pairs = \"all\""),
        ("pairs = \"sparse\"\ndegree = 1", 7, "degree must be at least 2"),
        ("pairs = \"sparse\"\ndegree = 3", 7, "degree 3 with 4 systems is every pair: write pairs = \"all\""),
        ("degree = 2", 6, "degree belongs to pairs = \"sparse\""),
        ("items_per_rater = 5", 6, "items_per_rater (5) is fewer than the 6 pairs compared"),
        ("items_per_rater = 19", 6, "items_per_rater (19) is more than the 18 items of the design (3 tasks × 6 pairs)"),
        ("items_per_rater = 0", 6, "items_per_rater must be at least 1, not 0"),
        ("raters_per_item = 2", 6, "raters_per_item needs the panel's size"),
        ("raters_per_item = 1\nexpected_raters = 4\nshared_items = 0", 6, "raters_per_item = 1 over 4 raters gives each rater 5 items, fewer than the 6 pairs compared"),
        ("raters_per_item = 4\nexpected_raters = 3", 6, "raters_per_item (4) is more than the 3 raters expected"),
        ("shared_items = 2", 6, "shared_items belongs to a design with a budget"),
        ("items_per_rater = 6\nshared_items = 7", 7, "shared_items (7) is more than the 6 items per rater"),
        ("raters = [\"anna\", \"anna\"]", 6, "rater `anna` is listed twice"),
        ("raters = [\"anna\"]\nexpected_raters = 2", 7, "give either `raters` (a roster) or `expected_raters`, not both"),
        ("item_per_rater = 6", 6, "unknown key `item_per_rater`"),
    ] as [(String, Int, String)])
    func eachProblemAtItsLine(design: String, line: Int, message: String) {
        let found = diagnostics { _ = try Self.parse(design) }
        #expect(found.contains { $0.line == line && $0.message.contains(message) }, "expected \(line): \(message)\ngot \(found)")
    }
}
