import Foundation
import Testing
@testable import AgonCore

/// The report's reviewer checks on judgements built to show (or not show) each effect.
struct ReviewerChecksTests {
    static let start = Date(timeIntervalSince1970: 1_800_000_000)

    static func rubric() throws -> Rubric {
        let test = TestWorkspace()
        test.makeStudy()
        return try test.bundle().rubric
    }

    static func judgement(_ item: Int, task: String = "t1", left: String = "big", right: String = "small",
                          scores: [String: CriterionScore], preference: Preference, seconds: Double = 60) -> Judgement {
        Judgement(item: item, task: task, left: left, right: right, scores: scores, preference: preference,
                  seconds: seconds, at: start.addingTimeInterval(Double(item) * 100))
    }

    @Test func criteriaThatMoveTogetherRaiseTheHaloWarning() throws {
        let rubric = try Self.rubric()
        var random = SeededRandom(seed: 5)
        var judgements: [RatedJudgement] = []
        for item in 1...40 {
            let a = 1 + random.below(7), b = 1 + random.below(7)
            let noise = { 1 + random.below(7) }
            // Originality and tension are the same score; the other two are independent noise.
            let scores = ["originality": CriterionScore(a: a, b: b), "tension": CriterionScore(a: a, b: b),
                          "cognitive-leap": CriterionScore(a: noise(), b: noise()),
                          "contradiction-holding": CriterionScore(a: noise(), b: noise())]
            judgements.append(RatedJudgement(rater: "ann", judgement: Self.judgement(item, scores: scores, preference: a > b ? .a : a < b ? .b : .tie)))
        }
        let validity = ConstructValidity.compute(judgements, rubric: rubric)
        #expect(validity.criteria == ["originality", "tension", "cognitive-leap", "contradiction-holding"])
        #expect(validity.observations == 80)
        #expect(validity.matrix[0][1] == 1)
        #expect(validity.haloWarnings == ["Originality and Tension"])
        #expect(abs(try #require(validity.matrix[2][3])) < 0.5)
        // The preference follows originality exactly: strongly correlated with its margin.
        #expect(try #require(validity.withPreference[0].correlation.r) > 0.8)
    }

    @Test func independentCriteriaGiveNoWarning() throws {
        let rubric = try Self.rubric()
        var random = SeededRandom(seed: 9)
        var judgements: [RatedJudgement] = []
        for item in 1...60 {
            var scores: [String: CriterionScore] = [:]
            for criterion in rubric.criteria.map(\.id) { scores[criterion] = CriterionScore(a: 1 + random.below(7), b: 1 + random.below(7)) }
            judgements.append(RatedJudgement(rater: "ann", judgement: Self.judgement(item, scores: scores, preference: .tie)))
        }
        let validity = ConstructValidity.compute(judgements, rubric: rubric)
        #expect(validity.haloWarnings.isEmpty)
        // A preference that never varies: its correlation is undefined, not zero.
        #expect(validity.withPreference.allSatisfy { $0.correlation.r == nil })
    }

    @Test func aRaterGrowingMilderShowsAsScoreDriftWithinRaters() throws {
        let rubric = try Self.rubric()
        var judgements: [RatedJudgement] = []
        for (rater, offset) in [("ann", 0), ("bob", 1)] {
            for item in 1...6 {
                // Scores rise by one every item; bob starts one point higher.
                let score = min(7, item + offset)
                var scores: [String: CriterionScore] = [:]
                for criterion in rubric.criteria.map(\.id) { scores[criterion] = CriterionScore(a: score, b: score) }
                judgements.append(RatedJudgement(rater: rater, judgement: Self.judgement(item, task: "t\(item)", scores: scores,
                                                                                        preference: .tie, seconds: 100 - Double(item) * 10)))
            }
        }
        let drift = SerialPosition.compute(judgements, raters: ["ann", "bob"], rubric: rubric, binCount: 3)
        let slope = try #require(drift.scoreSlope)
        #expect(slope.slope > 0.9 && slope.lower > 0.5)
        #expect(slope.groups == 2)
        // Raters speed up by 10 s an item, exactly.
        #expect(abs(try #require(drift.secondsSlope).slope + 10) < 1e-9)
        #expect(drift.raters.map(\.rater) == ["ann", "bob"])
        #expect(abs(try #require(drift.raters[0].scoreSlope).slope - 1) < 1e-12)
        #expect(drift.bins.map(\.first) == [1, 3, 5] && drift.bins.map(\.last) == [2, 4, 6])
        // Same answers, and the two raters always one point apart: the distance is constant.
        #expect(abs(try #require(drift.distanceSlope).slope) < 0.2)
        #expect(SerialPosition.compute([], raters: [], rubric: rubric).scoreSlope == nil)
    }

    @Test func rosterIsReadAndItsMistakesAreLocated() throws {
        let roster = try RaterRoster.parse("""
            [[raters]]
            name = "ana"
            background = "Philosopher"
            years = 12

            [[raters]]
            name = "boris"
            """, file: "raters.toml")
        #expect(roster.background(of: "ana") == "philosopher")
        #expect(roster.background(of: "boris") == nil)
        let problems = diagnostics { _ = try RaterRoster.parse("[[raters]]\nname = \"a\"\n[[raters]]\nname = \"a\"\n", file: "raters.toml") }
        #expect(problems.map(\.description).contains { $0.hasPrefix("raters.toml:3:") && $0.contains("listed twice") })
        let missing = diagnostics { _ = try RaterRoster.parse("[[raters]]\nbackground = \"writer\"\n", file: "raters.toml") }
        #expect(missing.first?.message.contains("name") == true)
    }

    @Test func philosophersAndWritersWhoDisagreeShowADifference() throws {
        let test = TestWorkspace()
        test.makeStudy(tasks: 16)
        let bundle = try test.bundle()
        var judgements: [RatedJudgement] = []
        for (rater, prefersBig) in [("phil1", true), ("phil2", true), ("writ1", false), ("writ2", false), ("nobody", true)] {
            for task in 1...16 {
                // Mostly their side, one task in eight the other way, so nobody is undefeated.
                let big = task % 8 == 0 ? !prefersBig : prefersBig
                let scores = ["originality": CriterionScore(a: 4, b: 4)]
                judgements.append(RatedJudgement(rater: rater, judgement: Self.judgement(task, task: "t\(task)", scores: scores,
                                                                                        preference: big ? .a : .b)))
            }
        }
        let roster = RaterRoster(raters: [.init(name: "phil1", background: "philosopher"), .init(name: "phil2", background: "philosopher"),
                                          .init(name: "writ1", background: "writer"), .init(name: "writ2", background: "writer")])
        var options = RankingOptions()
        options.rounds = 200
        options.bootstrap = .tasks
        let raters = ["phil1", "phil2", "writ1", "writ2", "nobody"]
        let groups = try #require(RaterGroups.compute(judgements, raters: raters, roster: roster, study: bundle.study,
                                                      rubric: bundle.rubric, options: options))
        #expect(groups.groups.map(\.background) == ["philosopher", "writer"])
        #expect(groups.groups.map(\.judgements) == [32, 32])
        #expect(groups.ratersLeftOut == ["nobody"])
        let big = try #require(groups.differences.first { $0.system == "big" })
        #expect(try #require(big.difference) > 100)
        #expect(try #require(big.lower) > 0, "\(big) \(groups.groups.map { $0.ranking.rows })")
        // Without a roster, or with one background only, there is nothing to compare.
        #expect(RaterGroups.compute(judgements, raters: raters, roster: nil, study: bundle.study, rubric: bundle.rubric, options: options) == nil)
        let single = RaterRoster(raters: [.init(name: "phil1", background: "philosopher")])
        #expect(RaterGroups.compute(judgements, raters: raters, roster: single, study: bundle.study, rubric: bundle.rubric, options: options) == nil)
    }

    @Test func reportCarriesFactsHolmAndTheClusteredWinRate() throws {
        let test = TestWorkspace()
        test.makeStudy(tasks: 8)
        let bundle = try test.bundle()
        let simulation = SimulatedRaters(quality: ["big": ["originality": 1200, "tension": 1150], "small": [:]], seed: 3)
        for rater in ["ann", "bob", "cy"] { try simulation.writeJournal(bundle: bundle, rater: rater, items: nil, workspace: test.workspace) }
        let session = try SessionStore.open(bundle: bundle, rater: "ann", workspace: test.workspace, now: Self.start)
        try session.writer.append(.flag(item: 2, reason: "an answer names its model", at: Self.start))
        let judgements = StudyJudgements.load(bundle: bundle, workspace: test.workspace)
        var options = RankingOptions()
        options.rounds = 200
        options.bootstrap = .tasks
        let report = StudyReport.build(bundle: bundle, judgements: judgements, options: options, splitHalves: 50)
        #expect(report.facts.flags.map(\.rater) == ["ann"])
        #expect(report.facts.flags.map(\.item) == [2])
        #expect(report.facts.flags.map(\.reasons) == [["an answer names its model"]])
        #expect(report.facts.raters.map(\.flags) == [1, 0, 0])
        #expect(report.facts.tasks == 8 && report.facts.answers == 16 && report.facts.samplesPerAnswer == 1)
        #expect(report.facts.judgements == report.judgements)
        let criteria = report.sections.filter { $0.id != StudyBattles.overall }
        let raw = criteria.map { $0.headToHead?.signTestP }
        #expect(criteria.map(\.signTestPHolm) == HolmCorrection.adjusted(raw))
        #expect(report.section("overall")?.signTestPHolm == nil)
        let clustered = try #require(report.section("overall")?.headToHead?.clustered?.winRateTiesHalf?.interval)
        let half = try #require(report.section("overall")?.headToHead?.winRateTiesHalf)
        #expect(abs(clustered.proportion - half.proportion) < 1e-12)
        #expect(report.agreement?.raters == ["ann", "bob", "cy"])
        #expect(report.splitHalf.entries.count == 5)
        #expect(report.splitHalf.entries[0].ratings.reliability == nil)  // two systems
        #expect(report.splitHalf.entries[1].scores?.reliability != nil)
        let json = try ReportJSON.encode(report)
        for key in ["\"constructValidity\"", "\"serialPosition\"", "\"splitHalf\"", "\"facts\"", "\"signTestPHolm\"", "\"clustered\""] {
            #expect(json.contains(key))
        }
        let text = StudyReportText.render(report)
        for heading in ["Construct validity", "Serial position and fatigue", "Split-half reliability", "Holm-adjusted across criteria", "clustered by task"] {
            #expect(text.contains(heading))
        }
    }
}
