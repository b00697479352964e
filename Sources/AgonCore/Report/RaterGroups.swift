import Foundation

/// Do raters of different backgrounds rank the systems alike? From the roster's `background`:
/// philosophers against writers when both are present, else the two largest backgrounds. Each
/// group gets its own overall ranking (Bradley–Terry, task bootstrap, as the report's), and each
/// system the difference of its ratings, first group − second, with a 95% interval from the same
/// task bootstrap applied to both groups at once (a round draws one set of tasks and fits both
/// groups on it, so the interval reflects that the groups judged the same tasks).
/// Raters without a background, or of a third background, are left out and counted.
/// Degenerate cases: fewer than two backgrounds with judgements → no comparison (nil); a system
/// one group never saw → difference nil.
public struct RaterGroups: Sendable, Equatable, Codable {
    public struct Group: Sendable, Equatable, Codable {
        public var background: String
        public var raters: [String]
        public var judgements: Int
        public var ranking: Ranking
    }

    public struct Difference: Sendable, Equatable, Codable {
        public var system: String
        public var difference: Double?
        public var lower: Double?
        public var upper: Double?
    }

    public var groups: [Group]
    public var differences: [Difference]
    public var ratersLeftOut: [String]

    public static func compute(_ judgements: [RatedJudgement], raters: [String], roster: RaterRoster?,
                               study: Study, rubric: Rubric, options: RankingOptions) -> RaterGroups? {
        guard let roster else { return nil }
        var members: [String: [String]] = [:]
        for rater in raters {
            if let background = roster.background(of: rater) { members[background, default: []].append(rater) }
        }
        let backgrounds: [String]
        if members["philosopher"] != nil, members["writer"] != nil {
            backgrounds = ["philosopher", "writer"]
        } else {
            backgrounds = Array(members.keys.sorted { (members[$0]!.count, $1) > (members[$1]!.count, $0) }.prefix(2))
        }
        guard backgrounds.count == 2 else { return nil }
        let systems = study.systems.map(\.id)
        let k = systems.count
        var groups: [Group] = []
        var battles: [StudyBattles] = []
        for background in backgrounds {
            let chosen = Set(members[background]!)
            let own = judgements.filter { chosen.contains($0.rater) }
            let groupBattles = StudyBattles(own, study: study, rubric: rubric)
            battles.append(groupBattles)
            let ranking = Ranking.compute(groupBattles.counts[StudyBattles.overall]!,
                                          clusters: groupBattles.byTask[StudyBattles.overall]!, options: options)
            groups.append(Group(background: background, raters: members[background]!, judgements: own.count, ranking: ranking))
        }
        // Both groups as one set of 2k systems (the second group's shifted by k): never compared
        // with each other, so the fit centres each group on 1000 separately; clusters are tasks.
        let taskOf: [[String: Int]] = battles.map { Dictionary(uniqueKeysWithValues: $0.tasks.enumerated().map { ($1, $0) }) }
        var allTasks = battles[0].tasks
        for task in battles[1].tasks where taskOf[0][task] == nil { allTasks.append(task) }
        var clusters: [[PairTally]] = []
        for task in allTasks {
            var cluster: [PairTally] = []
            if let t = taskOf[0][task] { cluster += battles[0].byTask[StudyBattles.overall]![t] }
            if let t = taskOf[1][task] {
                cluster += battles[1].byTask[StudyBattles.overall]![t].map {
                    PairTally(i: $0.i + k, j: $0.j + k, winsI: $0.winsI, winsJ: $0.winsJ, ties: $0.ties)
                }
            }
            clusters.append(cluster)
        }
        let ties = options.ties
        // The two groups' systems are never compared with each other: the data has two pieces at
        // least, and a resample that splits them further is left out, as in `Ranking`.
        let pieces = ComparisonGraph(systemCount: 2 * k, pairs: clusters.flatMap { $0 }).componentCount
        let rounds = RatingBootstrap.clusters(clusters, systemCount: 2 * k, rounds: options.rounds, seed: options.seed) { sample in
            let fit = BradleyTerry.fit(sample, systemCount: 2 * k, ties: ties, tolerance: 1e-4)
            return (fit.ratings, fit.penalised.contains(true), fit.graph.componentCount > pieces)
        }
        var differences: [Difference] = []
        for (s, system) in systems.enumerated() {
            guard let first = groups[0].ranking.row(system), let second = groups[1].ranking.row(system),
                  first.battles > 0, second.battles > 0 else {
                differences.append(Difference(system: system, difference: nil, lower: nil, upper: nil))
                continue
            }
            let spread = zip(rounds.ratings(of: s), rounds.ratings(of: s + k)).map { $0 - $1 }
            let interval = options.rounds > 0 ? BootstrapPercentile.interval95(spread) : nil
            differences.append(Difference(system: system, difference: first.rating - second.rating,
                                          lower: interval?.lower, upper: interval?.upper))
        }
        let grouped = Set(backgrounds.flatMap { members[$0]! })
        return RaterGroups(groups: groups, differences: differences, ratersLeftOut: raters.filter { !grouped.contains($0) })
    }
}
