/// The study's exclusion rules (`[exclusion]`) applied to its raters: who is set aside, by which
/// rule and with what figure, and the overall ranking without them, so a reader sees the results
/// both ways. The rules were declared before rating; this only applies them.
public struct RaterExclusion: Sendable, Equatable, Codable {
    public struct Reason: Sendable, Equatable, Codable {
        public var rule: ExclusionRules.Rule
        /// The rater's figure (failed controls, share of repeats consistent, median seconds) and
        /// the study's threshold.
        public var value: Double
        public var threshold: Double

        public var description: String {
            switch rule {
            case .failedControls: return "failed \(Int(value)) control\(Int(value) == 1 ? "" : "s") (rule: at least \(Int(threshold)))"
            case .repeatConsistency: return "repeat consistency \(Self.percent(value)) (rule: below \(Self.percent(threshold)))"
            case .medianSeconds: return "median \(Self.seconds(value)) a judgement (rule: below \(Self.seconds(threshold)))"
            }
        }

        private static func percent(_ share: Double) -> String { "\(Int((share * 100).rounded()))%" }
        private static func seconds(_ value: Double) -> String {
            value == value.rounded() ? "\(Int(value)) s" : "\((value * 10).rounded() / 10) s"
        }
    }

    public struct Excluded: Sendable, Equatable, Codable {
        public var rater: String
        public var reasons: [Reason]
    }

    public var rules: ExclusionRules
    /// In the order of the study's raters.
    public var excluded: [Excluded]
    public var ratersKept: [String]
    public var judgementsKept: Int
    /// The overall preference ranked without the excluded raters; nil when no rater is excluded
    /// (the report's ranking is then the only one).
    public var overallWithout: Ranking?

    public var excludedRaters: Set<String> { Set(excluded.map(\.rater)) }

    /// Which raters the rules set aside. A rule a rater has no figure for (no judged control, no
    /// judged repeat) does not exclude them.
    public static func evaluate(_ rules: ExclusionRules, judgements: StudyJudgements, rubric: Rubric) -> [Excluded] {
        let controls = ControlResults.compute(judgements.controls)
        let byRater = Dictionary(grouping: judgements.judgements, by: \.rater)
        var raters = judgements.raters
        for rater in controls.raters.map(\.rater) where !raters.contains(rater) { raters.append(rater) }
        var excluded: [Excluded] = []
        for rater in raters {
            let live = (byRater[rater] ?? []).map(\.judgement)
            var reasons: [Reason] = []
            if let threshold = rules.failedControlsAtLeast, let result = controls.rater(rater), result.failed >= threshold {
                reasons.append(Reason(rule: .failedControls, value: Double(result.failed), threshold: Double(threshold)))
            }
            if let threshold = rules.repeatConsistencyBelow,
               let share = StudyAgreement.consistencyOf(StudyAgreement.Session(rater: rater, judgements: live), rubric: rubric).samePreference,
               share < threshold {
                reasons.append(Reason(rule: .repeatConsistency, value: share, threshold: threshold))
            }
            if let threshold = rules.medianSecondsBelow, let median = median(live.map(\.seconds)), median < threshold {
                reasons.append(Reason(rule: .medianSeconds, value: median, threshold: threshold))
            }
            if !reasons.isEmpty { excluded.append(Excluded(rater: rater, reasons: reasons)) }
        }
        return excluded
    }

    /// The rules applied, with the overall ranking recomputed without the excluded raters.
    public static func compute(_ rules: ExclusionRules, judgements: StudyJudgements, study: Study, rubric: Rubric,
                               options: RankingOptions) -> RaterExclusion {
        let excluded = evaluate(rules, judgements: judgements, rubric: rubric)
        let out = Set(excluded.map(\.rater))
        let kept = judgements.judgements.filter { !out.contains($0.rater) }
        var without: Ranking?
        if !out.isEmpty {
            let battles = StudyBattles(kept, study: study, rubric: rubric)
            without = Ranking.compute(battles.counts[StudyBattles.overall]!, clusters: battles.byTask[StudyBattles.overall]!, options: options)
        }
        return RaterExclusion(rules: rules, excluded: excluded, ratersKept: judgements.raters.filter { !out.contains($0) },
                              judgementsKept: kept.count, overallWithout: without)
    }

    static func median(_ values: [Double]) -> Double? {
        guard !values.isEmpty else { return nil }
        let sorted = values.sorted()
        let middle = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
    }
}
