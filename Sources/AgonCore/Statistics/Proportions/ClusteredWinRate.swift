import Foundation

/// A win rate when battles come in clusters (the judgements of one task): the ratio estimator
/// p̂ = Σ y_c / Σ n_c over clusters c, with the cluster-robust (linearisation) variance
///
///     V = C/(C − 1) · Σ (y_c − p̂·n_c)² / (Σ n_c)²          (Cochran 1977, §6.4; Donner & Klar 2000)
///
/// turned into an interval as Korn & Graubard (1998) do for survey proportions: a Wilson interval
/// (`WilsonInterval`) on the effective sample size n* = n / deff, deff = V / (p̂(1 − p̂)/n) (never
/// below 1: clustering is not allowed to make the interval narrower than independent battles would),
/// with Student's t on C − 1 degrees of freedom in place of z, since V is estimated from C clusters.
///
/// Degenerate cases: no battles → nil; a single cluster → nil (no spread between clusters to see);
/// p̂ = 0 or 1 (no variance in the data) → deff 1, the plain Wilson interval with the t quantile.
public struct ClusteredWinRate: Sendable, Equatable, Codable {
    public var interval: WilsonInterval
    public var clusters: Int
    public var designEffect: Double

    /// - Parameter clusters: per cluster, (successes — ties may count half —, trials).
    public init?(clusters: [(successes: Double, trials: Double)]) {
        let used = clusters.filter { $0.trials > 0 }
        let n = used.reduce(0) { $0 + $1.trials }
        let y = used.reduce(0) { $0 + $1.successes }
        guard n > 0, used.count >= 2 else { return nil }
        let p = y / n
        let c = Double(used.count)
        let variance = c / (c - 1) * used.reduce(0) { $0 + pow($1.successes - p * $1.trials, 2) } / (n * n)
        let binomial = p * (1 - p) / n
        let deff = binomial > 0 ? max(1, variance / binomial) : 1
        let t = StudentT.critical95(degreesOfFreedom: c - 1) ?? 1.959_963_984_540_054
        guard let wilson = WilsonInterval(successes: y / deff, trials: n / deff, z: t) else { return nil }
        var adjusted = wilson
        adjusted.proportion = p
        adjusted.n = n
        interval = adjusted
        self.clusters = used.count
        designEffect = deff
    }
}
