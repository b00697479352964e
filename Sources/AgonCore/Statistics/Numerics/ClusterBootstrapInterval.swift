import Foundation

/// A 95% interval from a bootstrap that resampled G clusters (tasks; question ids), corrected for
/// having few of them: the percentile interval (2.5th and 97.5th percentiles of the rounds),
/// stretched about the point estimate by
///
///     c = √(G/(G − 1)) · t(0.975, G − 1) / z(0.975)
///
/// Why: resampling G clusters with replacement estimates the variance of a mean of clusters with
/// divisor G instead of G − 1 (the bootstrap variance of a linear statistic is (G − 1)/G times the
/// unbiased one: Davison & Hinkley 1997, *Bootstrap Methods and their Application*, §2.4 and §3.8 on
/// clustered data), and a variance estimated from G clusters calls for Student's t on G − 1 degrees of
/// freedom rather than the normal quantile. Both are the standard small-cluster corrections of
/// cluster-robust inference (Cameron, Gelbach & Miller 2008, *Rev. Econ. Stat.* 90:414–427; Cameron &
/// Miller 2015, "A practitioner's guide to cluster-robust inference", *J. Human Resources*
/// 50:317–372, §VI: the G/(G − 1) factor and t(G − 1) critical values). Stretching the percentile
/// interval rather than replacing it by a symmetric one keeps its skew (a win rate near 100%, an
/// effect bounded on one side). With 40 tasks c ≈ 1.045; with 10, 1.22; it tends to 1 as G grows.
///
/// Degenerate cases: no usable rounds → nil; G < 2 → nil (a resample of one cluster cannot vary).
public enum ClusterBootstrapInterval {
    /// The stretch c for G clusters; nil below 2.
    public static func stretch(clusters: Int) -> Double? {
        guard clusters >= 2, let t = StudentT.critical95(degreesOfFreedom: Double(clusters - 1)) else { return nil }
        let g = Double(clusters)
        return (g / (g - 1)).squareRoot() * t / 1.959_963_984_540_054
    }

    public static func interval95(_ rounds: [Double], estimate: Double, clusters: Int) -> (lower: Double, upper: Double)? {
        guard let stretch = stretch(clusters: clusters), let plain = BootstrapPercentile.interval95(rounds) else { return nil }
        return (estimate + stretch * (plain.lower - estimate), estimate + stretch * (plain.upper - estimate))
    }
}
