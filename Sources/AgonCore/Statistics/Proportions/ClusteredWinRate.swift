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
        let t = StudentT.quantile975(degreesOfFreedom: c - 1)
        guard let wilson = WilsonInterval(successes: y / deff, trials: n / deff, z: t) else { return nil }
        var adjusted = wilson
        adjusted.proportion = p
        adjusted.n = n
        interval = adjusted
        self.clusters = used.count
        designEffect = deff
    }
}

/// Student's t quantiles, by the Cornish–Fisher expansion of t in z (Abramowitz & Stegun 26.7.5):
/// error below 2e-3 for ν ≥ 5, against the tables; table values for ν ≤ 4.
enum StudentT {
    static func quantile975(degreesOfFreedom nu: Double) -> Double {
        let z = 1.959_963_984_540_054
        if nu <= 1 { return 12.706_204_736 }
        if nu <= 2 { return 4.302_652_730 }
        if nu <= 3 { return 3.182_446_305 }
        if nu <= 4 { return 2.776_445_105 }
        let z3 = z * z * z, z5 = z3 * z * z, z7 = z5 * z * z, z9 = z7 * z * z
        return z + (z3 + z) / (4 * nu)
            + (5 * z5 + 16 * z3 + 3 * z) / (96 * nu * nu)
            + (3 * z7 + 19 * z5 + 17 * z3 - 15 * z) / (384 * nu * nu * nu)
            + (79 * z9 + 776 * z7 + 1482 * z5 - 1920 * z3 - 945 * z) / (92160 * nu * nu * nu * nu)
    }
}
