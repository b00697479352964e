import Foundation
import Testing
@testable import AgonCore

/// Agreement of a study built from real journals written through `SessionStore`.
struct StudyAgreementTests {
    /// How a simulated rater behaves on one item.
    enum Behaviour {
        /// Scores = the answer's true quality (+ `offset` for this rater); prefers the better answer.
        case faithful(offset: Int)
        /// Scores at random; always prefers the left answer (position bias).
        case leftAlways
    }

    /// The true quality of an answer: stable per (task, system), varied across both, never tied.
    static func quality(task: String, system: String, lopsided: Bool) -> Int {
        let t = Int(task.dropFirst())!
        let index = ["big": 0, "mid": 1, "small": 2][system]!
        // Lopsided: big > mid > small on every task (one system always wins).
        if lopsided { return [6, 4, 2][index] + t % 2 }
        return (t * 2 + index * 3) % 7 + 1
    }

    static func judgement(_ item: ScheduleItem, rubric: Rubric, behaviour: Behaviour, lopsided: Bool,
                          random: inout SeededRandom) -> Judgement {
        var scores: [String: CriterionScore] = [:]
        let preference: Preference
        switch behaviour {
        case .faithful(let offset):
            let a = min(7, max(1, quality(task: item.task, system: item.left, lopsided: lopsided) + offset))
            let b = min(7, max(1, quality(task: item.task, system: item.right, lopsided: lopsided) + offset))
            for criterion in rubric.criteria { scores[criterion.id] = CriterionScore(a: a, b: b) }
            preference = a > b ? .a : b > a ? .b : .tie
        case .leftAlways:
            for criterion in rubric.criteria {
                scores[criterion.id] = CriterionScore(a: random.below(7) + 1, b: random.below(7) + 1)
            }
            preference = .a
        }
        return Judgement(item: item.number, task: item.task, left: item.left, right: item.right, repeatOf: item.repeatOf,
                         scores: scores, preference: preference, seconds: 30, at: Date(timeIntervalSince1970: 1_800_000_000))
    }

    /// Writes complete sessions for the given raters and reads them back as `agon agreement` does.
    static func analyse(_ raters: [(String, Behaviour)], systems: [String] = ["big", "mid", "small"], lopsided: Bool = false,
                        bootstrap: AgreementBootstrap = AgreementBootstrap(rounds: 200, seed: 3)) throws -> (StudyAgreement.Result, StudyBundle) {
        let test = TestWorkspace()
        test.makeStudy(systems: systems, tasks: 8, repeatShare: 0.25)
        let bundle = try test.bundle()
        var random = SeededRandom(seed: 42)
        for (rater, behaviour) in raters {
            let session = try SessionStore.open(bundle: bundle, rater: rater, workspace: test.workspace)
            for item in session.schedule.items {
                try session.writer.append(.judgement(judgement(item, rubric: bundle.rubric, behaviour: behaviour, lopsided: lopsided, random: &random)))
            }
        }
        let sessions = SessionStore.journals(studyID: "mini", in: test.workspace).map { journal in
            StudyAgreement.Session(rater: journal.rater,
                                   judgements: Array(SessionState(replaying: journal.contents.events.map(\.event)).judgements.values))
        }
        return (StudyAgreement.analyse(bundle: bundle, sessions: sessions, bootstrap: bootstrap), bundle)
    }

    func estimate(_ estimates: [AgreementEstimate], _ key: String) -> AgreementEstimate? {
        estimates.first { $0.key == key }
    }

    @Test func faithfulRatersAgreeAndTheOutlierStandsOut() throws {
        let (result, bundle) = try Self.analyse([("ann", .faithful(offset: 0)), ("bob", .faithful(offset: 0)),
                                                 ("cy", .faithful(offset: 1)), ("dee", .leftAlways)])
        #expect(result.raters == ["ann", "bob", "cy", "dee"])
        #expect(result.criteria.map(\.id) == bundle.rubric.criteria.map(\.id))
        let originality = try #require(result.criteria.first)
        // Every answer (8 tasks × 3 systems) is one unit, rated by all four.
        #expect(originality.scoreUnit == "answer")
        #expect(originality.scoreUnits == 24)
        // Every pair of systems for every task: 8 × 3 pairs.
        #expect(originality.winnerUnits == 24)
        #expect(result.preference.units == 24)
        let alpha = try #require(estimate(originality.scores, "alpha.interval")?.value)
        #expect(alpha > 0.2 && alpha < 0.95)
        #expect(estimate(originality.scores, "icc.2-1")?.value != nil)
        // The pairwise matrix names dee as the outlier: lowest mean kappa.
        let pairwise = try #require(result.preference.pairwise)
        let means = pairwise.meanKappa.map { $0 ?? -9 }
        #expect(means.firstIndex(of: means.min()!) == 3)
        // ann and bob gave identical verdicts.
        #expect(pairwise.kappa[0][1] == 1)
        // Intra-rater consistency: the faithful raters repeat themselves, the left-clicker does not.
        let ann = try #require(result.consistency.first { $0.rater == "ann" })
        #expect(ann.repeatedPairs > 0)
        #expect(ann.samePreference == 1)
        #expect(ann.meanScoreDifference == 0)
        let dee = try #require(result.consistency.first { $0.rater == "dee" })
        #expect(dee.samePreference == 0)
        // Ties left out: agreement among decisive verdicts is computed on fewer ratings.
        #expect(estimate(result.preference.estimates, "agreement.raw-without-ties")?.value != nil)
        let text = StudyAgreementText.render(result)
        #expect(text.contains("Overall preference"))
        #expect(text.contains("Intra-rater consistency"))
        #expect(text.contains(AgreementText.readingGuide))
    }

    @Test func identicalRatersGiveOne() throws {
        let (result, _) = try Self.analyse([("ann", .faithful(offset: 0)), ("bob", .faithful(offset: 0))])
        for criterion in result.criteria {
            #expect(estimate(criterion.scores, "alpha.ordinal")?.value == 1)
            #expect(estimate(criterion.winners, "alpha.nominal")?.value == 1)
        }
        #expect(estimate(result.preference.estimates, "agreement.raw")?.value == 1)
    }

    @Test func aLopsidedComparisonBreaksKappaButNotAC1() throws {
        let (result, _) = try Self.analyse([("ann", .faithful(offset: 0)), ("bob", .faithful(offset: 0))], lopsided: true)
        let originality = try #require(result.criteria.first)
        // Every verdict is "first" (big sorts first and always wins): alpha and kappa are 0/0 …
        #expect(estimate(originality.winners, "alpha.nominal")?.undefinedReason?.contains("no variation") == true)
        #expect(estimate(result.preference.estimates, "fleiss")?.value == nil)
        // … while AC1 and raw agreement report the perfect agreement.
        #expect(estimate(result.preference.estimates, "ac1")?.value == 1)
        #expect(estimate(result.preference.estimates, "agreement.raw")?.value == 1)
    }

    @Test func aSingleRaterIsUndefinedNotACrash() throws {
        let (result, _) = try Self.analyse([("solo", .faithful(offset: 0))])
        for criterion in result.criteria {
            #expect(criterion.scores.allSatisfy { $0.value == nil && $0.undefinedReason != nil })
        }
        #expect(result.preference.estimates.allSatisfy { $0.value == nil })
        #expect(result.preference.pairwise == nil)
        #expect(StudyAgreementText.render(result).contains("Only one rater"))
    }

    @Test func firstShowingOfAnAnswerCounts() {
        // With three systems, rater r sees t1·big twice (against mid, then small) and scores it 6 then 2.
        let at = Date(timeIntervalSince1970: 0)
        let criterion = Criterion(id: "c", name: LocalizedText(en: "C"), definition: LocalizedText(en: ""), question: LocalizedText(en: ""),
                                  anchors: [], scale: ScoreScale(min: 1, max: 7))
        let later = Judgement(item: 5, task: "t1", left: "small", right: "big", scores: ["c": CriterionScore(a: 3, b: 2)], preference: .a, seconds: 1, at: at)
        let earlier = Judgement(item: 2, task: "t1", left: "big", right: "mid", scores: ["c": CriterionScore(a: 6, b: 4)], preference: .a, seconds: 1, at: at)
        let repeatOfEarlier = Judgement(item: 9, task: "t1", left: "mid", right: "big", repeatOf: 2, scores: ["c": CriterionScore(a: 1, b: 1)], preference: .b, seconds: 1, at: at)
        let firsts = [[earlier, later].sorted { $0.item < $1.item }]
        _ = repeatOfEarlier // repeats never reach the unit tables (filtered in `analyse`)
        let showings = StudyAgreement.FirstShowings(firsts, criteria: [criterion])
        let table = StudyAgreement.answerScores(criterion: 0, scale: criterion.scale, raters: ["r"], showings: showings)
        let row = table.unitIDs.firstIndex(of: "t1 · big")!
        #expect(table.value(unit: row, rater: 0) == 6)
        #expect(table.unitCount == 3)
        // Winners: unit = task × unordered pair, read from the pair's first system in id order.
        let verdicts = StudyAgreement.preferences(raters: ["r"], showings: showings)
        let pair = verdicts.unitIDs.firstIndex(of: "t1 · big vs small")!
        #expect(verdicts.categories[Int(verdicts.code(unit: pair, rater: 0))] == "second") // small won; big sorts first
    }
}

struct ComparativeScoresTests {
    /// In a comparative rubric the unit is the pair, and a score is read from the pair's first system.
    @Test func comparisonsAreTurnedToTheFirstSystem() {
        let at = Date(timeIntervalSince1970: 0)
        let criterion = Criterion(id: "c", name: LocalizedText(en: "C"), definition: LocalizedText(en: ""), question: LocalizedText(en: ""),
                                  anchors: [], scale: ScoreScale(min: -3, max: 3))
        // ann saw big on the left and favoured it (−2); bob saw big on the right and favoured it (+2).
        let ann = Judgement(item: 1, task: "t1", left: "big", right: "small", scores: ["c": CriterionScore(comparison: -2)],
                            preference: .a, seconds: 1, at: at)
        let bob = Judgement(item: 1, task: "t1", left: "small", right: "big", scores: ["c": CriterionScore(comparison: 2)],
                            preference: .b, seconds: 1, at: at)
        let showings = StudyAgreement.FirstShowings([[ann], [bob]], criteria: [criterion])
        let table = StudyAgreement.pairScores(criterion: 0, scale: criterion.scale, raters: ["ann", "bob"], showings: showings)
        #expect(table.unitIDs == ["t1 · big vs small"])
        #expect(table.value(unit: 0, rater: 0) == -2)
        #expect(table.value(unit: 0, rater: 1) == -2)
        #expect(table.categoryCount == 7)
        let verdicts = StudyAgreement.winners(criterion: 0, raters: ["ann", "bob"], showings: showings)
        #expect(verdicts.code(unit: 0, rater: 0) == verdicts.code(unit: 0, rater: 1))
        #expect(verdicts.categories[Int(verdicts.code(unit: 0, rater: 0))] == "first")
    }
}
