import Foundation

/// Everything `agon report` says about a study: per section (each criterion, and the overall
/// preference) a Bradley–Terry ranking with intervals and, for two systems, the head-to-head
/// figures; mean scores; bias diagnostics. Codable, so `--json` carries every number.
public struct StudyReport: Sendable, Equatable, Codable {
    public struct SystemInfo: Sendable, Equatable, Codable {
        public var id: String
        public var label: String
        public var profile: String
        public var parameters: SystemProfile
    }

    public struct Section: Sendable, Equatable, Codable {
        /// A criterion id, or `overall`.
        public var id: String
        public var name: String
        public var ranking: Ranking
        public var headToHead: HeadToHead?
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
    /// Items raters flagged, and how many flagged judgements were left out (`--exclude-flagged`).
    public var flags: [RatedFlag]
    public var flaggedLeftOut: Int
    public var warnings: [String]

    public func section(_ id: String) -> Section? { sections.first { $0.id == id } }

    /// - Parameter pair: the two systems compared head to head; by default the only two, or the
    ///   top- and bottom-rated systems overall.
    public static func build(bundle: StudyBundle, judgements: StudyJudgements, options: RankingOptions,
                             pair: (String, String)? = nil, readingWordsPerMinute: Double = 500) -> StudyReport {
        let study = bundle.study
        let rubric = bundle.rubric
        let battles = StudyBattles(judgements.judgements, study: study, rubric: rubric)
        var sections: [Section] = []
        let order = [StudyBattles.overall] + rubric.criteria.map(\.id)
        for id in order {
            let counts = battles.counts[id]!
            let ranking = Ranking.compute(counts, clusters: battles.byTask[id]!, options: options)
            let name = id == StudyBattles.overall
                ? "Overall preference"
                : rubric.criterion(id: id)?.name.text(in: .en) ?? id
            sections.append(Section(id: id, name: name, ranking: ranking, headToHead: nil))
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
                sections[index].headToHead = HeadToHead(battles.counts[sections[index].id]!, duel.0, duel.1)
            }
        }
        let scores = ScoreSummary.compute(judgements.judgements, study: study, rubric: rubric,
                                          rounds: options.rounds, seed: options.seed)
        var strengths: [String: Double] = [:]
        for row in sections.first?.ranking.rows ?? [] { strengths[row.system] = (row.rating - BradleyTerry.base) / BradleyTerry.eloPerNat }
        let bias = BiasDiagnostics.compute(judgements.judgements, raters: judgements.raters, answers: bundle.answers,
                                           strengths: strengths, readingWordsPerMinute: readingWordsPerMinute)
        return StudyReport(study: study.id, title: study.title, rubric: rubric.id, rubricMode: rubric.mode,
                           systems: study.systems.map { SystemInfo(id: $0.id, label: $0.label, profile: $0.profile.summary, parameters: $0.profile) },
                           raters: judgements.raters, judgements: judgements.judgements.count,
                           repeats: battles.repeatsLeftOut, sections: sections, scores: scores, bias: bias,
                           samples: study.design.samples > 1 ? SampleUse.compute(judgements.judgements, study: study) : nil,
                           flags: judgements.flags, flaggedLeftOut: judgements.flaggedLeftOut, warnings: judgements.warnings)
    }
}
