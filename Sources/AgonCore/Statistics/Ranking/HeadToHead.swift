/// Two systems face to face: the direct reading of "does A beat B?", beside the fitted ratings.
/// Degenerate cases: no battles → both win rates nil; no decisive battles → the ties-excluded rate
/// and the sign test nil (nothing to test).
public struct HeadToHead: Sendable, Equatable, Codable {
    public var system: String
    public var opponent: String
    public var wins: Int
    public var losses: Int
    public var ties: Int
    public var bothWeak: Int
    /// (wins + ½·ties) / all battles, both kinds of tie counted half; Wilson score interval (an
    /// approximation, rougher with half counts).
    public var winRateTiesHalf: WilsonInterval?
    /// wins / (wins + losses); Wilson score interval (an approximation, not an exact interval).
    public var winRateTiesExcluded: WilsonInterval?
    /// Two-sided exact sign test of wins against losses.
    public var signTestP: Double?

    public init(_ counts: BattleCounts, _ i: Int, _ j: Int) {
        system = counts.systems[i]
        opponent = counts.systems[j]
        wins = Int(counts.wins(i, over: j).rounded())
        losses = Int(counts.wins(j, over: i).rounded())
        ties = Int(counts.ties(i, j).rounded())
        bothWeak = Int(counts.bothWeak(i, j).rounded())
        let all = Double(wins + losses + ties + bothWeak)
        winRateTiesHalf = WilsonInterval(successes: Double(wins) + Double(ties + bothWeak) / 2, trials: all)
        winRateTiesExcluded = WilsonInterval(successes: Double(wins), trials: Double(wins + losses))
        signTestP = SignTest.pValue(wins: wins, losses: losses)
    }

    public var battles: Int { wins + losses + ties + bothWeak }

    /// The same figures when battles come in clusters (tasks; question ids): what the report reads
    /// first, since battles of one task are not independent. nil when no cluster is known.
    public var clustered: ClusteredHeadToHead?

    /// Fills `clustered` from the pair's battles per cluster.
    public mutating func cluster(_ byCluster: [[PairTally]], i: Int, j: Int, name: String) {
        let (low, high) = (min(i, j), max(i, j))
        var half: [(successes: Double, trials: Double)] = []
        var excluded: [(successes: Double, trials: Double)] = []
        var differences: [Int] = []
        for cluster in byCluster {
            guard let tally = cluster.first(where: { $0.i == low && $0.j == high }), tally.total > 0 else { continue }
            let won = i == low ? tally.winsI : tally.winsJ
            let lost = i == low ? tally.winsJ : tally.winsI
            half.append((won + tally.ties / 2, tally.total))
            excluded.append((won, won + lost))
            differences.append(Int((won - lost).rounded()))
        }
        clustered = ClusteredHeadToHead(name: name, clusters: half.count,
                                        winRateTiesHalf: ClusteredWinRate(clusters: half),
                                        winRateTiesExcluded: ClusteredWinRate(clusters: excluded),
                                        signTestP: ClusteredSignTest.pValue(differences: differences))
    }
}

/// A head-to-head's win rates and sign test with clusters taken into account.
public struct ClusteredHeadToHead: Sendable, Equatable, Codable {
    /// What a cluster is: "task", "`question_id`".
    public var name: String
    public var clusters: Int
    public var winRateTiesHalf: ClusteredWinRate?
    public var winRateTiesExcluded: ClusteredWinRate?
    /// Sign-flip randomisation test over clusters (`ClusteredSignTest`).
    public var signTestP: Double?
}
