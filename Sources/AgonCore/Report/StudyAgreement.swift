import Foundation

/// Agreement among the raters of a study, built from their journals.
///
/// Units, and why:
/// - **Scores** of a criterion (absolute rubrics): one unit per answer, i.e. (task, system); each
///   rater's value is the score they gave that answer. With more than two systems a rater sees an
///   answer in several pairs; the *first showing* (lowest item number) counts, so later pairs —
///   rated with the earlier answer in mind — do not weigh twice. In a comparative rubric the score
///   belongs to the pair, so the unit is (task, pair) and the value is the comparison turned to
///   read from the pair's first system (negative favours the system whose id sorts first).
/// - **Winner** of a criterion and the **overall preference**: one unit per (task, unordered pair of
///   systems); the value is which system won — "first" or "second" of the pair in id order — or
///   "tie" ("both weak" counts as a tie, as in rankings).
/// - With several samples per answer, an answer is (task, system, sample) and a pair is the two
///   answers shown, each system with its sample: raters agree or not about the same texts. The
///   unit key of sample 1 is the plain one, so a single-sample study is analysed as before.
/// - Repeated items (`repeatOf` set) are not new units: they measure **intra-rater consistency**
///   (did the rater give the same verdict with the sides swapped). A repeat whose original the
///   rater never judged stands in for it.
public enum StudyAgreement {
    public struct Session: Sendable {
        public var rater: String
        public var judgements: [Judgement]

        public init(rater: String, judgements: [Judgement]) {
            self.rater = rater
            self.judgements = judgements
        }
    }

    public struct Result: Sendable, Equatable, Codable {
        public var study: String
        public var rubric: String
        public var rubricMode: Rubric.Mode
        public var raters: [String]
        public var judgements: Int
        public var criteria: [CriterionResult]
        public var preference: PreferenceResult
        public var consistency: [RaterConsistency]
        public var bootstrapRounds: Int
        public var seed: UInt64
        /// Samples per answer when more than one (units then include the sample).
        public var samples: Int?
    }

    public struct CriterionResult: Sendable, Equatable, Codable {
        public var id: String
        public var name: String
        /// What a score unit is: "answer" (task × system) or "pair" (task × system pair).
        public var scoreUnit: String
        public var scoreUnits: Int
        public var scores: [AgreementEstimate]
        public var winnerUnits: Int
        public var winners: [AgreementEstimate]
    }

    public struct PreferenceResult: Sendable, Equatable, Codable {
        public var units: Int
        public var estimates: [AgreementEstimate]
        /// Cohen's kappa on the overall preference for every pair of raters.
        public var pairwise: PairwiseKappa?
    }

    /// One rater's agreement with themselves on repeated items (sides swapped).
    public struct RaterConsistency: Sendable, Equatable, Codable {
        public var rater: String
        /// Repeated items whose original was judged too.
        public var repeatedPairs: Int
        /// Share of those with the same overall verdict (same system, or tie both times).
        public var samePreference: Double?
        /// Share of (pair, criterion) with the same criterion winner.
        public var sameCriterionWinner: Double?
        /// Mean absolute difference of the scores given to the same answer (absolute rubrics).
        public var meanScoreDifference: Double?
    }

    static let winnerScale = ["first", "tie", "second"]

    public static func analyse(bundle: StudyBundle, sessions: [Session],
                               bootstrap: AgreementBootstrap = AgreementBootstrap()) -> Result {
        let sessions = sessions.sorted { $0.rater < $1.rater }
        let raters = sessions.map(\.rater)
        // First showings only, in item order; repeats kept apart — unless the original was never
        // judged, when the repeat is the rater's only verdict on that pair.
        let firsts = sessions.map { session in
            let judged = Set(session.judgements.map(\.item))
            return session.judgements.filter { $0.repeatOf.map { !judged.contains($0) } ?? true }.sorted { $0.item < $1.item }
        }
        let rubric = bundle.rubric
        let showings = FirstShowings(firsts, criteria: rubric.criteria)
        var criteria: [CriterionResult] = []
        for (c, criterion) in rubric.criteria.enumerated() {
            let scoreTable = rubric.mode == .absolute
                ? answerScores(criterion: c, scale: criterion.scale, raters: raters, showings: showings)
                : pairScores(criterion: c, scale: criterion.scale, raters: raters, showings: showings)
            let winnerTable = winners(criterion: c, raters: raters, showings: showings)
            criteria.append(CriterionResult(
                id: criterion.id, name: criterion.name.en,
                scoreUnit: rubric.mode == .absolute ? "answer" : "pair",
                scoreUnits: Int(scoreTable.categoryCounts.pairableUnitCount),
                scores: scoreEstimates(scoreTable, bootstrap: bootstrap),
                winnerUnits: Int(winnerTable.categoryCounts.pairableUnitCount),
                winners: estimates(winnerTable, [
                    ("alpha.nominal", "Krippendorff's alpha", .nominal, .alpha(.nominal, ordered: false)),
                    ("ac1", "Gwet's AC1", .nominal, .gwet(.identity)),
                    ("fleiss", "Fleiss' kappa", .nominal, .fleiss),
                ], bootstrap: bootstrap)))
        }
        let preferenceTable = preferences(raters: raters, showings: showings)
        let tie = Int32(winnerScale.firstIndex(of: "tie")!)
        var preferenceEstimates = estimates(preferenceTable, [
            ("alpha.nominal", "Krippendorff's alpha", .nominal, .alpha(.nominal, ordered: false)),
            ("ac1", "Gwet's AC1", .nominal, .gwet(.identity)),
            ("fleiss", "Fleiss' kappa", .nominal, .fleiss),
            ("agreement.raw", "percent agreement (ties included)", .nominal, .percentAgreement),
            ("agreement.leave-one-out", "agreement with the others' majority", .nominal, .leaveOneOut),
        ], bootstrap: bootstrap)
        let decisive = preferenceTable.droppingRatings { $0 == tie }
        preferenceEstimates.insert(contentsOf: estimates(decisive, [
            ("agreement.raw-without-ties", "percent agreement (ties left out)", .nominal, .percentAgreement),
        ], bootstrap: bootstrap), at: 4)
        let pairwise = raters.count >= 2 ? PairwiseKappa(preferenceTable, weights: .identity) : nil
        let preference = PreferenceResult(units: Int(preferenceTable.categoryCounts.pairableUnitCount),
                                          estimates: preferenceEstimates, pairwise: pairwise)
        let consistency = sessions.map { consistencyOf($0, rubric: rubric) }
        return Result(study: bundle.study.id, rubric: rubric.id, rubricMode: rubric.mode, raters: raters,
                      judgements: sessions.reduce(0) { $0 + $1.judgements.count }, criteria: criteria,
                      preference: preference, consistency: consistency, bootstrapRounds: bootstrap.rounds, seed: bootstrap.seed,
                      samples: bundle.study.design.samples == 1 ? nil : bundle.study.design.samples)
    }

    typealias Statistic = (key: String, name: String, level: MeasurementLevel, statistic: CountStatistic)

    static func estimates(_ table: RatingsTable, _ statistics: [Statistic], bootstrap: AgreementBootstrap) -> [AgreementEstimate] {
        if table.raterCount < 2 {
            return statistics.map {
                AgreementEstimate(key: $0.key, statistic: $0.name, level: $0.level,
                                  value: .undefined(reason: "a single rater: agreement needs at least two"), interval: nil)
            }
        }
        let counts = table.categoryCounts
        let values = PreparedCountStatistics(counts, statistics.map(\.statistic)).values()
        let intervals = bootstrap.intervals(counts, of: statistics.map(\.statistic))
        return statistics.indices.map { i in
            AgreementEstimate(key: statistics[i].key, statistic: statistics[i].name, level: statistics[i].level,
                              value: values[i], interval: intervals[i])
        }
    }

    /// Scores: alpha ordinal and interval, AC2 (linear, quadratic), and ICC(2,1) / ICC(2,k) — raters
    /// as a sample of possible raters, absolute agreement, since scores are read on the scale itself.
    static func scoreEstimates(_ table: RatingsTable, bootstrap: AgreementBootstrap) -> [AgreementEstimate] {
        var result = estimates(table, [
            ("alpha.ordinal", "Krippendorff's alpha", .ordinal, .alpha(.ordinal)),
            ("alpha.interval", "Krippendorff's alpha", .interval, .alpha(.interval)),
            ("ac2.linear", "Gwet's AC2 (linear)", .ordinal, .gwet(.linear)),
            ("ac2.quadratic", "Gwet's AC2 (quadratic)", .interval, .gwet(.quadratic)),
        ], bootstrap: bootstrap)
        result += RatingsAgreement.iccEstimates(table, bootstrap: bootstrap).estimates.filter { $0.key == "icc.2-1" || $0.key == "icc.2-k" }
        return result
    }

    static func consistencyOf(_ session: Session, rubric: Rubric) -> RaterConsistency {
        // Only the originals of repeated items are looked up, and most judgements are none.
        let originals = Set(session.judgements.compactMap { $0.repeatOf })
        var byItem: [Int: Judgement] = [:]
        for judgement in session.judgements where originals.contains(judgement.item) { byItem[judgement.item] = judgement }
        var pairs = 0
        var samePreference = 0, preferenceCompared = 0
        var sameWinner = 0, winnerCompared = 0
        var scoreDifference = 0.0, scoresCompared = 0
        for repeated in session.judgements {
            guard let originalItem = repeated.repeatOf, let original = byItem[originalItem] else { continue }
            pairs += 1
            if original.preference != nil, repeated.preference != nil {
                preferenceCompared += 1
                if original.preferredSystem == repeated.preferredSystem { samePreference += 1 }
            }
            for criterion in rubric.criteria {
                guard let first = original.scores[criterion.id], let second = repeated.scores[criterion.id] else { continue }
                if let w1 = first.winner, let w2 = second.winner {
                    winnerCompared += 1
                    let system1 = w1.map { $0 == .a ? original.left : original.right }
                    let system2 = w2.map { $0 == .a ? repeated.left : repeated.right }
                    if system1 == system2 { sameWinner += 1 }
                }
                if rubric.mode == .absolute {
                    for side in Side.allCases {
                        let system = side == .a ? original.left : original.right
                        let repeatedSide: Side = repeated.left == system ? .a : .b
                        if let x = first.score(for: side), let y = second.score(for: repeatedSide) {
                            scoreDifference += Double(abs(x - y))
                            scoresCompared += 1
                        }
                    }
                }
            }
        }
        return RaterConsistency(
            rater: session.rater, repeatedPairs: pairs,
            samePreference: preferenceCompared > 0 ? Double(samePreference) / Double(preferenceCompared) : nil,
            sameCriterionWinner: winnerCompared > 0 ? Double(sameWinner) / Double(winnerCompared) : nil,
            meanScoreDifference: scoresCompared > 0 ? scoreDifference / Double(scoresCompared) : nil)
    }
}
