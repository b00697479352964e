import Foundation
import Testing
@testable import AgonCore

/// Control items, calibration and exclusion rules, through study.toml, the journal and the report.
struct RaterQualityTests {
    static let at = Date(timeIntervalSince1970: 1_800_000_000)
    static let extra = """

    [controls]
    share = 0.2

    [exclusion]
    failed_controls_at_least = 1
    median_seconds_below = 10

    [calibration]
    required = true

    [[calibration.pairs]]
    prompt = "Describe a door."
    answer_a = "A door that remembers every hand."
    answer_b = "A door is a door."
    preference = "A"
    rationale = { en = "A risks an image; B restates the prompt.", ru = "A рискует образом; B повторяет задание." }
    scores = { originality = [6, 2] }
    """

    static func workspace() -> TestWorkspace {
        let test = TestWorkspace()
        test.makeStudy(tasks: 10, repeatShare: 0)
        let toml = test.read("Studies/mini/study.toml")
        test.write("Studies/mini/study.toml", toml + Self.extra)
        return test
    }

    static func scores(_ a: Int, _ b: Int) -> [String: CriterionScore] {
        ["originality": CriterionScore(a: a, b: b), "tension": CriterionScore(a: a, b: b),
         "cognitive-leap": CriterionScore(a: a, b: b), "contradiction-holding": CriterionScore(a: a, b: b)]
    }

    /// Rates a rater's whole schedule as the screen would: `big` wins every live item, and each
    /// control goes to the intact side when `passesControls`, to the degraded one otherwise.
    static func rate(_ rater: String, passesControls: Bool, seconds: Double, in test: TestWorkspace) throws {
        let bundle = try test.bundle()
        let session = try SessionStore.open(bundle: bundle, rater: rater, workspace: test.workspace, now: at)
        try session.writer.append(.calibration(CalibrationJudgement(pair: 1, scores: scores(6, 2), preference: .a, seconds: 30, at: at)))
        for item in Schedule.make(study: bundle.study, rater: rater).items {
            let preference: Preference
            if let control = item.control {
                preference = passesControls ? (control.intact == .a ? .a : .b) : (control.degraded == .a ? .a : .b)
            } else {
                preference = item.left == "big" ? .a : .b
            }
            try session.writer.append(.judgement(Judgement(of: item, scores: preference == .a ? scores(6, 2) : scores(2, 6),
                                                           preference: preference, seconds: seconds, at: at)))
        }
    }

    @Test func studyTomlReadsTheNewTables() throws {
        let study = try Self.workspace().bundle().study
        #expect(study.design.controls == ControlDesign(share: 0.2))
        #expect(study.exclusion == ExclusionRules(failedControlsAtLeast: 1, medianSecondsBelow: 10))
        #expect(study.calibration?.required == true)
        #expect(study.calibration?.pairs.first?.scores == ["originality": CriterionScore(a: 6, b: 2)])
        #expect(study.calibration?.pairs.first?.rationale.text(in: .ru) == "A рискует образом; B повторяет задание.")
    }

    @Test func controlsAndCalibrationNeverReachTheRankingsAndControlsScoreTheRaters() throws {
        let test = Self.workspace()
        try Self.rate("ann", passesControls: true, seconds: 40, in: test)
        try Self.rate("bob", passesControls: false, seconds: 40, in: test)
        let bundle = try test.bundle()
        let judgements = StudyJudgements.load(bundle: bundle, workspace: test.workspace)
        let controlsPerRater = Schedule.make(study: bundle.study, rater: "ann").items.filter { $0.control != nil }.count
        #expect(controlsPerRater == 2)
        #expect(judgements.judgements.count == 20)
        #expect(judgements.judgements.allSatisfy { $0.judgement.control == nil && $0.judgement.left != $0.judgement.right })
        #expect(judgements.controls.count == 2 * controlsPerRater)

        var options = RankingOptions()
        options.rounds = 50
        let report = StudyReport.build(bundle: bundle, judgements: judgements, options: options)
        #expect(report.judgements == 20)
        let big = try #require(report.section("overall")?.ranking.rows.first { $0.system == "big" })
        #expect(big.wins == 20 && big.losses == 0)
        #expect(report.controls?.rater("ann")?.fraction == "2/2")
        #expect(report.controls?.rater("bob")?.fraction == "0/2")

        let exclusion = try #require(report.exclusion)
        #expect(exclusion.excluded.map(\.rater) == ["bob"])
        #expect(exclusion.excluded.first?.reasons.map(\.rule) == [.failedControls])
        #expect(exclusion.ratersKept == ["ann"])
        #expect(exclusion.judgementsKept == 10)
        #expect(exclusion.overallWithout?.rows.first { $0.system == "big" }?.wins == 10)

        let text = StudyReportText.render(report)
        #expect(text.contains("Control items"))
        #expect(text.split(separator: "\n").contains { $0.hasPrefix("bob ") && $0.hasSuffix(" failed 2 controls (rule: at least 1)") })
        #expect(text.contains("Overall preference without the excluded raters (1 rater, 10 judgements):"))
        let json = try ReportJSON.encode(report)
        #expect(json.contains("\"overallWithout\""))
        #expect(json.contains("\"failed_controls_at_least\""))

        let sessions = SessionsOverview.render(studyID: "mini", journals: SessionStore.readJournals(studyID: "mini", in: test.workspace)
            .journals.map { ($0.rater, $0.contents) }, bundle: bundle, roster: nil)
        #expect(sessions.contains("controls passed"))
        let annRow = try #require(sessions.split(separator: "\n").first { $0.hasPrefix("ann") })
        let bobRow = try #require(sessions.split(separator: "\n").first { $0.hasPrefix("bob") })
        #expect(annRow.contains(" 2/2 "))
        #expect(bobRow.contains(" 0/2 "))
    }

    @Test func theMedianTimeRuleExcludesFastRaters() throws {
        let test = Self.workspace()
        try Self.rate("ann", passesControls: true, seconds: 40, in: test)
        try Self.rate("cat", passesControls: true, seconds: 3, in: test)
        let bundle = try test.bundle()
        let excluded = RaterExclusion.evaluate(bundle.study.exclusion!, judgements: StudyJudgements.load(bundle: bundle, workspace: test.workspace),
                                               rubric: bundle.rubric)
        #expect(excluded.map(\.rater) == ["cat"])
        #expect(excluded.first?.reasons.map(\.description) == ["median 3 s a judgement (rule: below 10 s)"])
    }

    @Test func repeatConsistencyBelowTheFloorExcludes() throws {
        func judgement(_ item: Int, repeatOf: Int? = nil, left: String, preference: Preference) -> RatedJudgement {
            RatedJudgement(rater: "dan", judgement: Judgement(item: item, task: "t\(repeatOf ?? item)", left: left, right: left == "big" ? "small" : "big",
                                                              repeatOf: repeatOf, scores: [:], preference: preference, seconds: 30, at: Self.at))
        }
        // Two repeats: one flips to the other system (1 of 2 consistent, 50% < 60%).
        let judgements = StudyJudgements(raters: ["dan"], judgements: [
            judgement(1, left: "big", preference: .a), judgement(2, left: "big", preference: .a),
            judgement(3, repeatOf: 1, left: "small", preference: .b), judgement(4, repeatOf: 2, left: "small", preference: .a),
        ])
        let rubric = try RubricLoader.load(file: TestWorkspace.repository.appendingPathComponent("Rubrics/creative-thinking.toml").path)
        let rules = ExclusionRules(repeatConsistencyBelow: 0.6)
        let excluded = RaterExclusion.evaluate(rules, judgements: judgements, rubric: rubric)
        #expect(excluded.first?.reasons == [RaterExclusion.Reason(rule: .repeatConsistency, value: 0.5, threshold: 0.6)])
        #expect(RaterExclusion.evaluate(ExclusionRules(repeatConsistencyBelow: 0.5), judgements: judgements, rubric: rubric).isEmpty)
    }

    @Test func aStudyWithoutRulesHasNoExclusionSectionAndNoControlsColumn() throws {
        let test = TestWorkspace()
        test.makeStudy()
        let bundle = try test.bundle()
        #expect(bundle.study.exclusion == nil && bundle.study.design.controls == nil && bundle.study.calibration == nil)
        let report = StudyReport.build(bundle: bundle, judgements: StudyJudgements.load(bundle: bundle, workspace: test.workspace),
                                       options: RankingOptions())
        #expect(report.controls == nil && report.exclusion == nil)
        #expect(!SessionsOverview.render(studyID: "mini", journals: [], bundle: bundle, roster: nil).contains("controls"))
    }

    @Test(arguments: [
        ("[controls]\nshare = 0.5\n", "share must be above 0 and at most 0.25"),
        ("[controls]\nshare = 0.1\nkinds = [\"reverse\"]\n", "kinds may hold only"),
        ("[controls]\nshare = 0.1\nkinds = [\"text\"]\n", "kind \"text\" needs the researcher's texts"),
        ("[controls]\nshare = 0.1\n[[controls.texts]]\ntask = \"t99\"\ntext = \"Bad.\"\n", "names no task of this study"),
        ("[exclusion]\nfailed_controls_at_least = 2\n", "failed_controls_at_least needs control items"),
        ("[exclusion]\nrepeat_consistency_below = 60\n", "repeat_consistency_below is a share above 0 and at most 1"),
        ("[exclusion]\nmedian_seconds = 5\n", "median_seconds"),
        ("[exclusion]\nmedian_seconds_below = -1\n", "median_seconds_below must be a positive number"),
        ("[calibration]\n[[calibration.pairs]]\ntask = \"t1\"\nanswer_a = \"x\"\nsystem_b = \"nobody\"\nrationale = \"r\"\n", "system_b `nobody` is not a system"),
        ("[calibration]\n[[calibration.pairs]]\ntask = \"t1\"\nanswer_a = \"x\"\nanswer_b = \"y\"\nrationale = \"r\"\nscores = { wit = [1, 2] }\n", "`wit`, which is not a criterion"),
        ("[calibration]\n[[calibration.pairs]]\ntask = \"t1\"\nanswer_a = \"x\"\nanswer_b = \"y\"\nrationale = \"r\"\nscores = { originality = [9, 2] }\n", "outside its scale"),
        ("[calibration]\n[[calibration.pairs]]\nanswer_a = \"x\"\nanswer_b = \"y\"\nrationale = \"r\"\n", "exactly one of `task`"),
    ])
    func mistakesAreReportedWithTheirLine(addition: String, expected: String) throws {
        let test = TestWorkspace()
        test.makeStudy()
        let toml = test.read("Studies/mini/study.toml")
        test.write("Studies/mini/study.toml", toml + "\n" + addition)
        let firstNewLine = toml.split(separator: "\n", omittingEmptySubsequences: false).count + 1
        let found = diagnostics { _ = try test.bundle() }
        let problem = try #require(found.first { $0.message.contains(expected) }, "\(found.map(\.description))")
        #expect(problem.file.hasSuffix("study.toml"))
        #expect((problem.line ?? 0) >= firstNewLine)
    }
}
