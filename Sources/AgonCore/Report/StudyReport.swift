import Foundation

/// Everything `agon report` says about a study: per section (each criterion, and the overall
/// preference) a Bradley–Terry ranking with intervals and, for two systems, the head-to-head
/// figures; mean scores; bias diagnostics; the study's facts; agreement; and the reviewer's checks
/// (construct validity, serial position, rater groups, split-half reliability, Holm's correction).
/// Codable, so `--json` carries every number, and the HTML writer shows only numbers from here.
public struct StudyReport: Sendable, Equatable, Codable {
    public struct SystemInfo: Sendable, Equatable, Codable {
        public var id: String
        public var label: String
        public var profile: String
        public var parameters: SystemProfile
        /// How its answers were generated (server kind, sampling, thinking), when the study says.
        public var generation: String?
    }

    public struct Section: Sendable, Equatable, Codable {
        /// A criterion id, or `overall`.
        public var id: String
        public var name: String
        /// The section's name in every language the rubric has (the overall preference's is ours).
        public var names: LocalizedText
        public var ranking: Ranking
        /// With the task-clustered win rates (`headToHead.clustered`) that text, JSON and HTML show.
        public var headToHead: HeadToHead?
        /// The head-to-head sign test's p after Holm's correction across the criteria (the family
        /// is the criteria's tests; the overall preference, the primary outcome, keeps its raw p).
        public var signTestPHolm: Double?
        /// The structured Bradley–Terry fit, when the systems carry profiles.
        public var effects: ParameterEffects?
    }

    public var study: String
    public var title: String
    public var rubric: String
    public var rubricMode: Rubric.Mode
    public var systems: [SystemInfo]
    public var raters: [String]
    public var judgements: Int
    /// Repeated showings, left out of rankings and scores (they feed consistency).
    public var repeats: Int
    /// The overall section first, then the criteria in rubric order.
    public var sections: [Section]
    public var scores: [ScoreSummary]
    public var bias: BiasDiagnostics
    /// Showings and overall results per system × sample; nil when the study has one sample per answer.
    public var samples: SampleUse?
    /// How many judgements of flagged items were left out (`--exclude-flagged`); the flags themselves
    /// are in `facts`.
    public var flaggedLeftOut: Int
    public var facts: StudyFacts
    /// nil with fewer than two raters, or when not asked for (the text report points to
    /// `agon agreement` instead of spending a bootstrap it does not print).
    public var agreement: StudyAgreement.Result?
    public var constructValidity: ConstructValidity
    public var serialPosition: SerialPosition
    /// nil unless a roster gives two backgrounds with judgements.
    public var raterGroups: RaterGroups?
    public var splitHalf: SplitHalfRatings
    public var warnings: [String]
    /// Answers edited after judgements saw them, with how many judgements saw the old text.
    public var editedAnswers: [EditedAnswer] = []
    /// Control items passed per rater; nil when the study has no controls.
    public var controls: ControlResults?
    /// The study's exclusion rules applied; nil when it declares none.
    public var exclusion: RaterExclusion?
    /// The blinding check (`[blinding_check]`); nil when the study has none.
    public var blinding: StudyBlinding?

    public func section(_ id: String) -> Section? { sections.first { $0.id == id } }

    /// - Parameter pair: the two systems compared head to head; by default the only two, or the
    ///   top- and bottom-rated systems overall.
    public static func build(bundle: StudyBundle, judgements: StudyJudgements, options: RankingOptions,
                              pair: (String, String)? = nil, readingWordsPerMinute: Double = 500,
                             roster: RaterRoster? = nil, splitHalves: Int = 200,
                             agreementRounds: Int? = nil, includeAgreement: Bool = true) -> StudyReport {
        let study = bundle.study
        let rubric = bundle.rubric
        let index = JudgementIndex(judgements.judgements, study: study, raters: judgements.raters, rubric: rubric)
        let battles = StudyBattles(judgements.judgements, index: index)
        // The four parts depend on nothing of each other's: computed at once on the machine's cores,
        // the longest (agreement, with its bootstrap of every statistic) started first.
        let (agreement, reviewer, ranked, effects) = ConcurrentParts.run({ () -> StudyAgreement.Result? in
            guard includeAgreement, judgements.raters.count >= 2 else { return nil }
            let byRater = Dictionary(grouping: judgements.judgements, by: \.rater)
            let sessions = judgements.raters.map { StudyAgreement.Session(rater: $0, judgements: (byRater[$0] ?? []).map(\.judgement)) }
            return StudyAgreement.analyse(bundle: bundle, sessions: sessions,
                                          bootstrap: AgreementBootstrap(rounds: agreementRounds ?? options.rounds, seed: options.seed))
        }, {
            ReviewerChecks(bundle: bundle, judgements: judgements, index: index, options: options, roster: roster, splitHalves: splitHalves)
        }, {
            rankings(bundle: bundle, judgements: judgements, battles: battles, options: options, pair: pair,
                     readingWordsPerMinute: readingWordsPerMinute)
        }, {
            parameterEffects(bundle: bundle, judgements: judgements, index: index, options: options)
        })
        var sections = ranked.sections
        for position in sections.indices { sections[position].effects = effects[sections[position].id] }
        var warnings = judgements.warnings
        let validity = reviewer.validity
        for pair in validity.haloWarnings {
            warnings.append("\(pair) correlate above \(validity.haloThreshold) over answers: the rubric is not telling them apart (halo)")
        }
        var report = StudyReport(study: study.id, title: study.title, rubric: rubric.id, rubricMode: rubric.mode,
                           systems: study.systems.map { SystemInfo(id: $0.id, label: $0.label, profile: $0.profile.summary, parameters: $0.profile,
                                                                    generation: study.generation[$0.id]?.summary) },
                           raters: judgements.raters, judgements: judgements.judgements.count,
                           repeats: battles.repeatsLeftOut, sections: sections, scores: reviewer.scores, bias: ranked.bias,
                           samples: study.design.samples > 1 ? SampleUse.compute(judgements.judgements, study: study) : nil,
                           flaggedLeftOut: judgements.flaggedLeftOut,
                           facts: reviewer.facts, agreement: agreement, constructValidity: validity,
                           serialPosition: reviewer.serialPosition, raterGroups: reviewer.raterGroups,
                           splitHalf: reviewer.splitHalf, warnings: warnings)
        report.editedAnswers = judgements.editedAnswers
        if study.design.controls != nil || !judgements.controls.isEmpty {
            report.controls = ControlResults.compute(judgements.controls)
        }
        report.exclusion = reviewer.exclusion
        report.blinding = StudyBlinding.compute(judgements.blindingGuesses, check: study.blindingCheck)
        return report
    }

    /// Each criterion's and the overall ranking, the head-to-head of the chosen pair, and the bias
    /// diagnostics (which read the overall strengths).
    private static func rankings(bundle: StudyBundle, judgements: StudyJudgements, battles: StudyBattles, options: RankingOptions,
                                 pair: (String, String)?, readingWordsPerMinute: Double) -> (sections: [Section], bias: BiasDiagnostics) {
        let study = bundle.study
        let rubric = bundle.rubric
        var sections: [Section] = []
        let order = [StudyBattles.overall] + rubric.criteria.map(\.id)
        for id in order {
            let counts = battles.counts[id]!
            let ranking = Ranking.compute(counts, clusters: battles.byTask[id]!, options: options)
            let names = id == StudyBattles.overall
                ? LocalizedText(en: "Overall preference", ru: "Общее предпочтение")
                : rubric.criterion(id: id)?.name ?? LocalizedText(en: id)
            sections.append(Section(id: id, name: names.en, names: names, ranking: ranking, headToHead: nil,
                                    signTestPHolm: nil, effects: nil))
        }
        var duel: (Int, Int)?
        let ids = study.systems.map(\.id)
        if let pair, let i = ids.firstIndex(of: pair.0), let j = ids.firstIndex(of: pair.1), i != j {
            duel = (i, j)
        } else if let overall = sections.first?.ranking, overall.rows.count >= 2,
                  let top = ids.firstIndex(of: overall.rows.first!.system),
                  let bottom = ids.firstIndex(of: overall.rows.last!.system), top != bottom {
            duel = (top, bottom)
            // A design that does not compare every pair may never have shown the top and bottom
            // side by side: the head-to-head is then the compared pair furthest apart.
            let compared = study.design.pairs.pairs(systemIDs: ids, studyID: study.id, seed: study.design.seed)
            let rating = Dictionary(overall.rows.map { ($0.system, $0.rating) }) { first, _ in first }
            if !compared.contains(where: { Set([$0.first, $0.second]) == Set([ids[top], ids[bottom]]) }),
               let widest = compared.max(by: { abs((rating[$0.first] ?? 0) - (rating[$0.second] ?? 0)) < abs((rating[$1.first] ?? 0) - (rating[$1.second] ?? 0)) }),
               let i = ids.firstIndex(of: widest.first), let j = ids.firstIndex(of: widest.second) {
                duel = (rating[widest.first] ?? 0) >= (rating[widest.second] ?? 0) ? (i, j) : (j, i)
            }
        }
        if let duel {
            for index in sections.indices {
                let id = sections[index].id
                var headToHead = HeadToHead(battles.counts[id]!, duel.0, duel.1)
                if options.bootstrap == .tasks {
                    headToHead.cluster(battles.byTask[id]!, i: duel.0, j: duel.1, name: "task")
                }
                sections[index].headToHead = headToHead
            }
            let criteria = sections.indices.filter { sections[$0].id != StudyBattles.overall }
            let adjusted = HolmCorrection.adjusted(criteria.map { sections[$0].headToHead?.signTestP })
            for (index, p) in zip(criteria, adjusted) { sections[index].signTestPHolm = p }
        }
        var strengths: [String: Double] = [:]
        for row in sections.first?.ranking.rows ?? [] { strengths[row.system] = (row.rating - BradleyTerry.base) / BradleyTerry.eloPerNat }
        let bias = BiasDiagnostics.compute(judgements.judgements, raters: judgements.raters, answers: bundle.answers,
                                           strengths: strengths, readingWordsPerMinute: readingWordsPerMinute)
        return (sections, bias)
    }

    /// The structured Bradley–Terry fit of every section, keyed by section id; empty when no system
    /// carries a profile.
    private static func parameterEffects(bundle: StudyBundle, judgements: StudyJudgements, index: JudgementIndex,
                                         options: RankingOptions) -> [String: ParameterEffects] {
        let study = bundle.study
        let profiles = study.systems.map(\.profile)
        guard ProfileKnob.allCases.contains(where: { knob in profiles.contains { knob.value($0) != nil } }) else { return [:] }
        let (perSection, taskCount) = StudyEffects.battles(judgements.judgements, index: index, bundle: bundle)
        let clustered = options.bootstrap == .tasks
        var effects: [String: ParameterEffects] = [:]
        for id in [StudyBattles.overall] + bundle.rubric.criteria.map(\.id) {
            effects[id] = ParameterEffects.compute(
                perSection[id] ?? [], systems: study.systems.map(\.id), profiles: profiles,
                covariates: StudyEffects.covariates, clustered: clustered, clusterCount: taskCount,
                resampled: clustered ? "tasks" : "battles", rounds: options.rounds, seed: options.seed)
        }
        return effects
    }

    /// What reviewers ask beside the rankings: mean scores, construct validity, serial position,
    /// rater groups, split-half reliability, the study's facts and the exclusion rules applied.
    private struct ReviewerChecks: Sendable {
        var scores: [ScoreSummary]
        var validity: ConstructValidity
        var serialPosition: SerialPosition
        var raterGroups: RaterGroups?
        var splitHalf: SplitHalfRatings
        var facts: StudyFacts
        var exclusion: RaterExclusion?

        init(bundle: StudyBundle, judgements: StudyJudgements, index: JudgementIndex, options: RankingOptions,
             roster: RaterRoster?, splitHalves: Int) {
            let study = bundle.study
            let rubric = bundle.rubric
            // Independent of each other, and together as long as the rest of the report: spread too.
            let (scoresAndValidity, serialPosition, splitHalf, factsAndGroups) = ConcurrentParts.run({
                (ScoreSummary.compute(judgements.judgements, study: study, rubric: rubric, rounds: options.rounds, seed: options.seed),
                 ConstructValidity.compute(judgements.judgements, rubric: rubric))
            }, {
                SerialPosition.compute(judgements.judgements, index: index, rubric: rubric)
            }, {
                SplitHalfRatings.compute(judgements.judgements, index: index, rubric: rubric, splits: splitHalves, seed: options.seed)
            }, {
                (StudyFacts.compute(bundle: bundle, judgements: judgements, roster: roster),
                 RaterGroups.compute(judgements.judgements, raters: judgements.raters, roster: roster,
                                     study: study, rubric: rubric, options: options),
                 study.exclusion.map { RaterExclusion.compute($0, judgements: judgements, study: study, rubric: rubric, options: options) })
            })
            (scores, validity) = scoresAndValidity
            self.serialPosition = serialPosition
            self.splitHalf = splitHalf
            (facts, raterGroups, exclusion) = factsAndGroups
        }
    }
}
