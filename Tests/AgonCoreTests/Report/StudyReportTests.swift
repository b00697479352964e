import Foundation
import Testing
@testable import AgonCore

struct StudyReportTests {
    static let at = Date(timeIntervalSince1970: 1_800_000_000)

    static func scores(_ a: Int, _ b: Int) -> [String: CriterionScore] {
        ["originality": CriterionScore(a: a, b: b), "tension": CriterionScore(a: a, b: a),
         "cognitive-leap": CriterionScore(a: b, b: a), "contradiction-holding": CriterionScore(a: a, b: b)]
    }

    /// Writes judgements through the journal API, as the rating screen does.
    static func record(_ judgements: [Judgement], rater: String, in test: TestWorkspace) throws {
        let session = try SessionStore.open(bundle: try test.bundle(), rater: rater, workspace: test.workspace, now: at)
        for judgement in judgements { try session.writer.append(.judgement(judgement)) }
    }

    /// A task the study no longer has still counts, as its own cluster after the study's tasks (all
    /// of which keep their numbers, judged or not), the same in the battles and the effects' rows;
    /// a task named only by a repeat gets no cluster.
    @Test func tasksNoLongerInTheStudyAreClustersAfterTheStudysOwn() throws {
        let test = TestWorkspace()
        test.makeStudy(tasks: 3)
        let bundle = try test.bundle()
        let judged = [
            Judgement(item: 1, task: "gone-a", left: "big", right: "small", scores: Self.scores(6, 3), preference: .a, seconds: 40, at: Self.at),
            Judgement(item: 2, task: "gone-b", left: "big", right: "small", repeatOf: 7, scores: Self.scores(6, 3), preference: .a, seconds: 40, at: Self.at),
            Judgement(item: 3, task: "t2", left: "small", right: "big", scores: Self.scores(2, 5), preference: .b, seconds: 30, at: Self.at),
            Judgement(item: 4, task: "gone-c", left: "small", right: "big", scores: Self.scores(2, 5), preference: .b, seconds: 30, at: Self.at),
        ].map { RatedJudgement(rater: "ann", judgement: $0) }
        let battles = StudyBattles(judged, study: bundle.study, rubric: bundle.rubric)
        #expect(battles.tasks == ["t1", "t2", "t3", "gone-a", "gone-c"])
        #expect(battles.byTask[StudyBattles.overall]!.count == 5)
        #expect(battles.byTask[StudyBattles.overall]![3].first?.total == 1)
        let (sections, clusters) = StudyEffects.battles(judged, bundle: bundle)
        #expect(clusters == 5)
        #expect(Set(sections[StudyBattles.overall]!.map(\.cluster)) == [1, 3, 4])
    }

    @Test func battlesCountEachItemOnceAndRepeatsFeedConsistency() throws {
        let test = TestWorkspace()
        test.makeStudy()
        try Self.record([
            Judgement(item: 1, task: "t1", left: "big", right: "small", scores: Self.scores(6, 3), preference: .a, seconds: 40, at: Self.at),
            Judgement(item: 2, task: "t2", left: "small", right: "big", scores: Self.scores(2, 5), preference: .b, seconds: 2, at: Self.at),
            Judgement(item: 3, task: "t3", left: "big", right: "small", scores: Self.scores(4, 4), preference: .bothWeak, seconds: 30, at: Self.at),
            // Item 1 again, sides swapped: same system preferred, other side of the screen.
            Judgement(item: 4, task: "t1", left: "small", right: "big", repeatOf: 1, scores: Self.scores(3, 6), preference: .b, seconds: 20, at: Self.at),
        ], rater: "ann", in: test)
        try Self.record([
            Judgement(item: 1, task: "t1", left: "small", right: "big", scores: Self.scores(5, 4), preference: .a, seconds: 50, at: Self.at),
            Judgement(item: 2, task: "t4", left: "big", right: "small", scores: Self.scores(5, 4), preference: .tie, seconds: 60, at: Self.at),
            Judgement(item: 3, task: "t1", left: "big", right: "small", repeatOf: 1, scores: Self.scores(5, 4), preference: .a, seconds: 55, at: Self.at),
        ], rater: "bob", in: test)

        let bundle = try test.bundle()
        let judgements = StudyJudgements.load(bundle: bundle, workspace: test.workspace)
        #expect(judgements.raters == ["ann", "bob"])
        #expect(judgements.judgements.count == 7)
        let battles = StudyBattles(judgements.judgements, study: bundle.study, rubric: bundle.rubric)
        #expect(battles.repeatsLeftOut == 2)
        let overall = battles.counts[StudyBattles.overall]!
        let big = overall.index(of: "big")!, small = overall.index(of: "small")!
        #expect(overall.wins(big, over: small) == 2)
        #expect(overall.wins(small, over: big) == 1)
        #expect(overall.ties(big, small) == 1)
        #expect(overall.bothWeak(big, small) == 1)
        // Originality: ann 6>3 big, 5>2 big (big right), 4=4 tie; bob small 5>4, big 5>4.
        let originality = battles.counts["originality"]!
        #expect(originality.wins(big, over: small) == 3)
        #expect(originality.wins(small, over: big) == 1)
        #expect(originality.ties(big, small) == 1)

        let report = StudyReport.build(bundle: bundle, judgements: judgements, options: { var o = RankingOptions(); o.rounds = 200; return o }())
        #expect(report.sections.map(\.id) == ["overall", "originality", "tension", "cognitive-leap", "contradiction-holding"])
        #expect(report.repeats == 2)
        let duel = report.section("overall")!.headToHead!
        #expect(duel.system == "big" && duel.wins == 2 && duel.losses == 1 && duel.ties == 1 && duel.bothWeak == 1)

        let bias = report.bias
        // Decisive verdicts, all showings: ann A, B, B; bob A, A → left won 3 of 5.
        #expect(bias.leftWins.successes == 3 && bias.leftWins.trials == 5)
        // ann: original A (big), repeat B (big): same verdict, other side. bob: A (small) then A (big): changed, same side.
        #expect(bias.consistency.pairs == 2)
        #expect(bias.consistency.sameVerdict.successes == 1)
        #expect(bias.consistency.sameSide == 1)
        let ann = bias.raters.first { $0.rater == "ann" }!
        #expect(ann.consistency.sameVerdict.successes == 1 && ann.consistency.sameSide == 0)
        #expect(ann.medianSeconds == 25)
        // Answers are 5 words each: 10 words at 500 a minute is 1.2 s; only the 2-second one is not faster.
        #expect(bias.fastJudgements == 0)

        let scores = report.scores.filter { $0.criterion == "originality" }
        let bigScores = scores.first { $0.system == "big" }!
        // big's originality: 6, 5, 4, 4, 5 (repeats left out).
        #expect(bigScores.n == 5)
        #expect(abs(bigScores.mean! - 4.8) < 1e-12)
        #expect(bigScores.distribution == [0, 0, 0, 2, 2, 1, 0])

        let text = StudyReportText.render(report)
        #expect(text.contains("Overall preference"))
        #expect(text.contains("System big"))
        #expect(text.contains("left answer won"))
    }

    @Test func simulatedStudyRanksTheStrongerSystemFirst() throws {
        let test = TestWorkspace()
        test.makeStudy(systems: ["big", "mid", "small"], tasks: 8)
        let bundle = try test.bundle()
        let criteria = bundle.rubric.criteria.map(\.id)
        let simulation = SimulatedRaters(quality: [
            "big": Dictionary(uniqueKeysWithValues: criteria.map { ($0, 1150.0) }),
            "mid": Dictionary(uniqueKeysWithValues: criteria.map { ($0, 1000.0) }),
            "small": Dictionary(uniqueKeysWithValues: criteria.map { ($0, 850.0) }),
        ], leftBias: 1.5, seed: 5)
        for rater in ["r1", "r2", "r3", "r4", "r5", "r6"] {
            try simulation.writeJournal(bundle: bundle, rater: rater, items: nil, workspace: test.workspace)
        }
        let judgements = StudyJudgements.load(bundle: bundle, workspace: test.workspace)
        #expect(judgements.warnings.isEmpty)
        let report = StudyReport.build(bundle: bundle, judgements: judgements, options: { var o = RankingOptions(); o.rounds = 200; o.bootstrap = .tasks; return o }())
        for section in report.sections {
            #expect(section.ranking.rows.map(\.system) == ["big", "mid", "small"])
            #expect(section.ranking.row("big")!.rank == 1)
        }
        #expect(report.section("overall")!.headToHead!.system == "big")
        #expect(report.section("overall")!.headToHead!.opponent == "small")
        // The simulated raters favour the left answer by 1.5 points: the diagnostic must see it.
        #expect(report.bias.leftWins.interval!.lower > 0.5)
        let json = try JSONEncoder().encode(report)
        let decoded = try JSONDecoder().decode(StudyReport.self, from: json)
        #expect(decoded == report)
    }

    @Test func exportHasOneRowPerJudgementAndCriterion() throws {
        let test = TestWorkspace()
        test.makeStudy()
        try Self.record([
            Judgement(item: 1, task: "t1", left: "big", right: "small", scores: Self.scores(6, 3), preference: .a,
                      note: "quote: \"the sea, folded\"\nsecond line", seconds: 40, at: Self.at),
        ], rater: "ann", in: test)
        let bundle = try test.bundle()
        let judgements = StudyJudgements.load(bundle: bundle, workspace: test.workspace)
        let rows = StudyExport.rows(judgements.judgements, study: bundle.study, rubric: bundle.rubric)
        #expect(rows.count == 4)
        #expect(rows[0]["criterion_winner"] == .text("big"))
        #expect(rows[1]["criterion_winner"] == .text("tie"))
        #expect(rows[2]["criterion_winner"] == .text("small"))
        let csv = StudyExport.render(rows, format: .csv)
        #expect(csv.hasPrefix(StudyExport.columns.joined(separator: ",") + "\n"))
        #expect(csv.contains("\"quote: \"\"the sea, folded\"\"\nsecond line\""))
        let jsonl = StudyExport.render(rows, format: .jsonl)
        let lines = jsonl.split(separator: "\n")
        #expect(lines.count == 4)
        let object = try JSONSerialization.jsonObject(with: Data(lines[0].utf8)) as! [String: Any]
        #expect(object["score_left"] as? Int == 6)
        #expect(object["note"] as? String == "quote: \"the sea, folded\"\nsecond line")
        #expect(object["is_repeat"] as? Int == 0)
        #expect(object["first_showing"] as? Int == object["item"] as? Int)
    }

    @Test func lengthSlopeMatchesLogisticRegression() {
        // Reference: python3 + scipy 1.17.1, logistic regression y ~ 1 + x maximised with BFGS
        // (gtol 1e-12); standard error from the inverse observed information.
        let x: [Double] = [-1.2, -0.7, -0.3, -0.1, 0, 0.2, 0.4, 0.5, 0.9, 1.3, -0.5, 0.8]
        let y: [Bool] = [false, false, true, false, true, false, true, true, true, true, false, false]
        let fit = LengthSlope.fit(logRatios: x, leftWon: y)!
        #expect(abs(fit.slope - Self.referenceSlope) < 1e-6)
        #expect(abs(fit.intercept - Self.referenceIntercept) < 1e-6)
        #expect(abs((fit.slopeUpper - fit.slope) / 1.959963984540054 - Self.referenceSlopeSE) < 1e-5)
        // With an offset (the strength difference of the two systems), reference from the same fit
        // with the offset added to the linear predictor.
        let offsets = (0..<12).map { $0 % 2 == 0 ? 0.5 : -0.5 }
        let adjusted = LengthSlope.fit(logRatios: x, leftWon: y, offsets: offsets)!
        #expect(abs(adjusted.slope - 2.236734607379373) < 1e-6)
        #expect(abs(adjusted.intercept - -0.2567213490502976) < 1e-6)
        #expect(LengthSlope.fit(logRatios: [0, 0, 0], leftWon: [true, false, true]) == nil)
        #expect(LengthSlope.fit(logRatios: [-1, 1, 2], leftWon: [false, true, true]) == nil)  // separated
    }

    static let referenceSlope = 1.9414238151839929
    static let referenceIntercept = -0.22380260844287653
    static let referenceSlopeSE = 1.2257289275736145
}

struct ComparativeStudyTests {
    static let rubric = """
    id = "versus"
    mode = "comparative"
    title = "Versus"
    instructions = "Compare."
    [scale]
    min = -3
    max = 3
    [[criteria]]
    id = "originality"
    name = "Originality"
    definition = "Ideas you would not predict."
    question = "Which is more original?"
    [[criteria]]
    id = "tension"
    name = "Tension"
    definition = "Pull between ideas."
    question = "Which holds more tension?"
    """

    @Test func comparativeScoresBecomeBattlesAndMargins() throws {
        let test = TestWorkspace()
        test.write("Rubrics/versus.toml", Self.rubric)
        test.makeStudy()
        test.write("Studies/mini/study.toml", test.read("Studies/mini/study.toml").replacingOccurrences(of: "creative-thinking", with: "versus"))
        let bundle = try test.bundle()
        let at = Date(timeIntervalSince1970: 1_800_000_000)
        let session = try SessionStore.open(bundle: bundle, rater: "cy", workspace: test.workspace, now: at)
        // Negative favours A (left). Tension is never scored: that section has no battles.
        try session.writer.append(.judgement(Judgement(item: 1, task: "t1", left: "big", right: "small",
                                                       scores: ["originality": CriterionScore(comparison: -2)], preference: .a, seconds: 9, at: at)))
        try session.writer.append(.judgement(Judgement(item: 2, task: "t2", left: "small", right: "big",
                                                       scores: ["originality": CriterionScore(comparison: 3)], preference: .b, seconds: 9, at: at)))
        try session.writer.append(.judgement(Judgement(item: 3, task: "t3", left: "small", right: "big",
                                                       scores: ["originality": CriterionScore(comparison: 0)], preference: nil, seconds: 9, at: at)))
        let judgements = StudyJudgements.load(bundle: bundle, workspace: test.workspace)
        let report = StudyReport.build(bundle: bundle, judgements: judgements, options: { var o = RankingOptions(); o.rounds = 50; return o }())
        let originality = report.section("originality")!
        #expect(originality.headToHead?.system == "big")
        #expect(originality.headToHead?.wins == 2 && originality.headToHead?.ties == 1 && originality.headToHead?.losses == 0)
        #expect(report.section("overall")!.ranking.battles == 2)
        let tension = report.section("tension")!.ranking
        #expect(tension.battles == 0)
        #expect(tension.notes == ["No battles here yet."])
        #expect(tension.rows.allSatisfy { $0.rating == 1000 && $0.lower == nil })
        // Margins seen from each system's side: big +2, +3, 0.
        let big = report.scores.first { $0.criterion == "originality" && $0.system == "big" }!
        #expect(big.mean == 5.0 / 3)
        #expect(big.distribution == [0, 0, 0, 1, 0, 1, 1])
        let small = report.scores.first { $0.criterion == "originality" && $0.system == "small" }!
        #expect(small.mean == -5.0 / 3)
        #expect(!StudyReportText.render(report).isEmpty)
    }
}
