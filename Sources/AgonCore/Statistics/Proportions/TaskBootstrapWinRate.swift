/// A 95% interval for a head-to-head win rate, (wins + ½·ties) / battles, from a percentile
/// bootstrap over clusters (Efron & Tibshirani 1993, ch. 13; Field & Welsh 2007 on resampling
/// clusters): each round draws as many tasks as there are, with replacement, each bringing all
/// its battles between the two systems; the percentile interval is stretched by the small-cluster
/// correction of `ClusterBootstrapInterval` (the plain one covered 92–93% with 40 tasks). Wider than the Wilson interval when battles of one task
/// agree with each other, which is the honest width for a study (one task's answers recur in every
/// rater's session). Degenerate cases: no battles → nil; rounds ≤ 0 → nil; fewer than two tasks
/// with battles → nil (the resample cannot vary).
public struct TaskBootstrapWinRate: Sendable, Equatable, Codable {
    public var rate: Double
    public var lower: Double
    public var upper: Double
    public var clusters: Int
    public var rounds: Int

    /// - Parameter clusters: per task, (wins, losses, ties) of the first system against the second.
    public init?(clusters: [(wins: Double, losses: Double, ties: Double)], rounds: Int, seed: UInt64) {
        let used = clusters.filter { $0.wins + $0.losses + $0.ties > 0 }
        let total = used.reduce(0) { $0 + $1.wins + $1.losses + $1.ties }
        guard total > 0, rounds > 0, used.count >= 2 else { return nil }
        rate = used.reduce(0) { $0 + $1.wins + $1.ties / 2 } / total
        var random = SeededRandom(seed: seed, mixing: ["clustered-win-rate"])
        var rates: [Double] = []
        rates.reserveCapacity(rounds)
        for _ in 0..<rounds {
            var won = 0.0, all = 0.0
            for _ in used.indices {
                let c = used[random.below(used.count)]
                won += c.wins + c.ties / 2
                all += c.wins + c.losses + c.ties
            }
            rates.append(won / all)
        }
        // The percentile interval stretched for having few tasks (`ClusterBootstrapInterval`), kept
        // within 0…1.
        guard let interval = ClusterBootstrapInterval.interval95(rates, estimate: rate, clusters: used.count) else { return nil }
        lower = max(0, interval.lower)
        upper = min(1, interval.upper)
        self.clusters = used.count
        self.rounds = rounds
    }
}
