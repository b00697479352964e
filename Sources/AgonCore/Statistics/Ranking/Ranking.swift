import Foundation

/// How a ranking is computed.
public struct RankingOptions: Sendable, Equatable {
    public var ties: TieModel = .half
    /// The system held at 1000; by default the mean of the ratings is.
    public var anchor: String?
    public var rounds = 1000
    public var seed: UInt64 = 1
    public var bootstrap: BootstrapKind = .battles
    public var eloK = 4.0
    /// Random orders the online Elo is averaged over; nil: 10, or fewer for very many battles so
    /// that at most `eloBudget` battle updates are spent (never fewer than 2).
    public var eloShuffles: Int?
    public static let eloBudget = 2_000_000

    public init() {}
}

/// One system's line in a ranking table.
public struct RankingRow: Sendable, Equatable, Codable {
    public var system: String
    /// 1 + the number of systems whose 95% interval lies wholly above this one's.
    public var rank: Int
    public var rating: Double
    /// The 2.5th and 97.5th bootstrap percentiles. nil at an end that is open (`openAbove`,
    /// `openBelow`) and when there is no interval (no bootstrap, no battles, too few usable rounds).
    public var lower: Double?
    public var upper: Double?
    /// The exact maximum-likelihood rating is unbounded above (the system never lost in its group,
    /// which is fitted with virtual ties): the interval is "≥ lower".
    public var openAbove: Bool
    /// Unbounded below (never won): "≤ upper".
    public var openBelow: Bool
    /// Systems in different components were never compared, even indirectly.
    public var component: Int
    public var battles: Int
    public var wins: Int
    public var losses: Int
    public var ties: Int
    public var bothWeak: Int
    public var onlineElo: Double
}

/// A Bradley–Terry ranking with bootstrap intervals: what `agon rank` prints, and one section of
/// `agon report`.
public struct Ranking: Sendable, Equatable, Codable {
    public var rows: [RankingRow]
    public var battles: Int
    public var tieModel: TieModel
    /// Davidson's ν when `tieModel` is `.davidson`.
    public var tieParameter: Double?
    public var anchor: String?
    public var bootstrap: BootstrapKind
    public var rounds: Int
    public var seed: UInt64
    public var penalisedRounds: Int
    /// Bootstrap rounds whose resample split systems the data compares into groups never compared;
    /// they are left out of the intervals.
    public var disconnectedRounds: Int
    public var eloK: Double
    public var eloShuffles: Int
    /// Plain-language remarks on anything unusual (disconnected systems, undefeated systems).
    public var notes: [String]

    public func row(_ system: String) -> RankingRow? { rows.first { $0.system == system } }

    /// - Parameter clusters: for `.tasks`, the battles of each task as pair tallies.
    public static func compute(_ counts: BattleCounts, clusters: [[PairTally]] = [],
                               options: RankingOptions = RankingOptions()) -> Ranking {
        let k = counts.count
        let pairs = counts.pairTallies
        let anchorIndex = options.anchor.flatMap { counts.index(of: $0) }
        let point = BradleyTerry.fit(pairs, systemCount: k, ties: options.ties, anchor: anchorIndex)
        let start = point.strengths
        let ties = options.ties
        let graph = point.graph
        let curvature = options.ties == .half && !point.penalised.contains(true)
            ? BradleyTerry.informationFactor(pairs, graph: graph, strengths: point.strengths) : nil
        let fit: RatingBootstrap.Fit = { sample in
            // A resample with the same pattern of wins as the data has the same comparison graph.
            let sameSupport = sample.count == pairs.count && zip(sample, pairs).allSatisfy { drawn, seen in
                drawn.i == seen.i && drawn.j == seen.j
                    && (drawn.winsI + drawn.ties > 0) == (seen.winsI + seen.ties > 0)
                    && (drawn.winsJ + drawn.ties > 0) == (seen.winsJ + seen.ties > 0)
            }
            // 1e-4 nats leaves an error of about 1e-8 nats: far below the bootstrap's own spread.
            let result = BradleyTerry.fit(sample, systemCount: k, ties: ties, anchor: anchorIndex, start: start,
                                          tolerance: 1e-4, graph: sameSupport ? graph : nil,
                                          curvature: sameSupport ? curvature : nil)
            // A resample that compares fewer systems with each other than the data does would
            // centre each piece on 1000 by itself: not the data's scale.
            return (result.ratings, result.penalised.contains(true), result.graph.componentCount > graph.componentCount)
        }
        let rounds: RatingBootstrap.Rounds
        if options.bootstrap == .tasks {
            rounds = RatingBootstrap.clusters(clusters, systemCount: k, rounds: options.rounds, seed: options.seed, fit: fit)
        } else {
            rounds = RatingBootstrap.battles(pairs, systemCount: k, rounds: options.rounds, seed: options.seed, fit: fit)
        }
        // Percentiles of the rounds that kept the comparison graph whole, when they are more than half.
        let enoughRounds = rounds.usableRounds * 2 > options.rounds
        // Resampled tasks get the small-cluster stretch of `ClusterBootstrapInterval` (the plain
        // percentile interval covered 92–93% with 40 tasks); resampled battles are many, and keep it.
        let taskCount = clusters.filter { !$0.isEmpty }.count
        var intervals: [(lower: Double, upper: Double)?] = (0..<k).map { system in
            guard options.rounds > 0, enoughRounds else { return nil }
            return options.bootstrap == .tasks
                ? ClusterBootstrapInterval.interval95(rounds.ratings(of: system), estimate: point.ratings[system], clusters: taskCount)
                : BootstrapPercentile.interval95(rounds.ratings(of: system))
        }
        for system in 0..<k where counts.record(of: system) == (0, 0, 0, 0) { intervals[system] = nil }
        // Where the exact rating is unbounded, that end of the interval is open: the virtual-tie
        // fit is finite only because of the pseudo-data.
        let open = graph.openEnds(pairs: pairs, anchor: anchorIndex)
        func ends(_ system: Int) -> (lower: Double, upper: Double)? {
            guard let interval = intervals[system] else { return nil }
            return (open[system].below ? -.infinity : interval.lower, open[system].above ? .infinity : interval.upper)
        }
        let eloOrders = options.eloShuffles ?? max(2, min(10, RankingOptions.eloBudget / max(1, Int(counts.total))))
        let elo = OnlineElo.ratings(pairs, systemCount: k, k: options.eloK, shuffles: eloOrders, seed: options.seed)

        var rows: [RankingRow] = []
        for system in 0..<k {
            var rank = 1
            for other in 0..<k where other != system && point.graph.component[other] == point.graph.component[system] {
                if let mine = ends(system), let theirs = ends(other) {
                    if theirs.lower > mine.upper { rank += 1 }
                } else if ends(system) == nil, point.ratings[other] > point.ratings[system] {
                    rank += 1
                }
            }
            let record = counts.record(of: system)
            let interval = ends(system)
            rows.append(RankingRow(system: counts.systems[system], rank: rank, rating: point.ratings[system],
                                   lower: interval.flatMap { $0.lower.isFinite ? $0.lower : nil },
                                   upper: interval.flatMap { $0.upper.isFinite ? $0.upper : nil },
                                   openAbove: open[system].above, openBelow: open[system].below,
                                   component: point.graph.component[system],
                                   battles: Int((record.wins + record.losses + record.ties + record.bothWeak).rounded()),
                                   wins: Int(record.wins.rounded()), losses: Int(record.losses.rounded()),
                                   ties: Int(record.ties.rounded()), bothWeak: Int(record.bothWeak.rounded()),
                                   onlineElo: elo[system]))
        }
        rows.sort { ($0.component, -$0.rating, $0.system) < ($1.component, -$1.rating, $1.system) }

        var notes: [String] = []
        if counts.total == 0 {
            notes.append("No battles here yet.")
        } else if graph.componentCount > 1 {
            let groups = (0..<graph.componentCount).map { c in
                graph.members(of: c).map { counts.systems[$0] }.joined(separator: ", ")
            }
            notes.append("The systems fall into \(graph.componentCount) groups never compared with each other, even indirectly: "
                + groups.map { "{\($0)}" }.joined(separator: " ") + ". Ratings are comparable only within a group; each group is centred on 1000.")
        }
        for c in 0..<graph.componentCount where point.penalised[c] {
            let members = graph.members(of: c)
            let undefeated = members.filter { counts.record(of: $0).losses == 0 && counts.record(of: $0).ties == 0 && counts.record(of: $0).bothWeak == 0 && counts.record(of: $0).wins > 0 }
            let winless = members.filter { counts.record(of: $0).wins == 0 && counts.record(of: $0).ties == 0 && counts.record(of: $0).bothWeak == 0 && counts.record(of: $0).losses > 0 }
            var why: [String] = []
            if !undefeated.isEmpty { why.append(undefeated.map { counts.systems[$0] }.joined(separator: ", ") + " never lost") }
            if !winless.isEmpty { why.append(winless.map { counts.systems[$0] }.joined(separator: ", ") + " never won") }
            if why.isEmpty { why.append("one group of systems never beat another") }
            var intervalsSaid = ""
            if options.rounds > 0 {
                let openAbove = members.filter { open[$0].above && !open[$0].below }.map { counts.systems[$0] }
                let openBelow = members.filter { open[$0].below && !open[$0].above }.map { counts.systems[$0] }
                let openBoth = members.filter { open[$0].above && open[$0].below }.map { counts.systems[$0] }
                var parts: [String] = []
                if !openAbove.isEmpty { parts.append("≥ for " + openAbove.joined(separator: ", ")) }
                if !openBelow.isEmpty { parts.append("≤ for " + openBelow.joined(separator: ", ")) }
                if !openBoth.isEmpty { parts.append("none for " + openBoth.joined(separator: ", ") + ", which could lie anywhere") }
                if !parts.isEmpty {
                    intervalsSaid = " Their 95% intervals are open-ended (" + parts.joined(separator: "; ")
                        + "): the bound shown is that of the virtual-tie fits; towards the other side the rating is unbounded."
                }
            }
            notes.append("The exact maximum-likelihood ratings are unbounded here (\(why.joined(separator: "; "))): ratings of "
                + members.map { counts.systems[$0] }.joined(separator: ", ")
                + " are fitted with one virtual tie added to each compared pair, which pulls them towards each other; read the gap as a lower bound."
                + intervalsSaid)
        }
        if rounds.penalisedRounds > 0, !point.penalised.contains(true) {
            notes.append("\(rounds.penalisedRounds) of \(options.rounds) bootstrap rounds drew a sample where some system never lost; those rounds were fitted with virtual ties.")
        }
        if rounds.splitRounds > 0 {
            notes.append("\(rounds.splitRounds) of \(options.rounds) bootstrap rounds drew a sample that split the systems into groups never compared with each other; "
                + (enoughRounds
                    ? "those rounds are left out of the intervals."
                    : "with only \(rounds.usableRounds) usable rounds (an interval needs more than half) the intervals are undefined."))
        }
        let clustersWithBattles = clusters.filter { $0.contains { $0.total > 0 } }.count
        if options.bootstrap == .tasks, options.rounds > 0, counts.total > 0, clustersWithBattles < 5 {
            notes.append("Only \(clustersWithBattles) task\(clustersWithBattles == 1 ? "" : "s") (resampling groups) have battles: a bootstrap over so few cannot see how much results vary between tasks, so the intervals are too narrow. Rate more tasks, or use the battle bootstrap.")
        }
        if !point.converged { notes.append("The fit did not fully converge in \(point.iterations) iterations.") }
        if let anchor = options.anchor, anchorIndex == nil {
            notes.append("Anchor `\(anchor)` has no battles here; the mean is held at 1000 instead.")
        }
        return Ranking(rows: rows, battles: Int(counts.total.rounded()), tieModel: options.ties,
                       tieParameter: point.tieParameter, anchor: anchorIndex.map { counts.systems[$0] },
                       bootstrap: options.bootstrap, rounds: options.rounds, seed: options.seed,
                       penalisedRounds: rounds.penalisedRounds, disconnectedRounds: rounds.splitRounds,
                       eloK: options.eloK, eloShuffles: eloOrders,
                       notes: notes)
    }
}
