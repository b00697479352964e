import Foundation

/// The least-squares slope of y on x within groups — the fixed-effects ("within") estimator
/// (Wooldridge 2010, Econometric Analysis of Cross Section and Panel Data, §10.5): x and y are
/// centred on their group means, so each rater is compared only with themselves (a lenient rater
/// does not look like a drift). With one group it is ordinary least squares. 95% interval
/// slope ± t(0.975, n − G − 1)·SE, SE = √(σ̂² / Σx̃²), σ̂² = Σ residual² / (n − G − 1).
/// Degenerate cases: no variation of x within any group, or no residual degrees of freedom
/// (n ≤ G + 1) → nil; a perfect fit (σ̂ = 0) gives a zero-width interval.
public struct LinearSlope: Sendable, Equatable, Codable {
    public var slope: Double
    public var lower: Double
    public var upper: Double
    public var standardError: Double
    public var n: Int
    public var groups: Int

    /// - Parameter groups: a group label per observation (nil: one group).
    public static func fit(x: [Double], y: [Double], groups: [Int]? = nil) -> LinearSlope? {
        precondition(x.count == y.count)
        let n = x.count
        let labels = groups ?? [Int](repeating: 0, count: n)
        var sums: [Int: (x: Double, y: Double, n: Double)] = [:]
        for k in 0..<n {
            var s = sums[labels[k]] ?? (0, 0, 0)
            s.x += x[k]
            s.y += y[k]
            s.n += 1
            sums[labels[k]] = s
        }
        let g = sums.count
        let df = n - g - 1
        guard df >= 1 else { return nil }
        var cx = [Double](repeating: 0, count: n), cy = cx
        var sxx = 0.0, sxy = 0.0
        for k in 0..<n {
            let s = sums[labels[k]]!
            cx[k] = x[k] - s.x / s.n
            cy[k] = y[k] - s.y / s.n
            sxx += cx[k] * cx[k]
            sxy += cx[k] * cy[k]
        }
        guard sxx > 1e-12 else { return nil }
        let slope = sxy / sxx
        var residuals = 0.0
        for k in 0..<n {
            let e = cy[k] - slope * cx[k]
            residuals += e * e
        }
        let se = (residuals / Double(df) / sxx).squareRoot()
        guard let t = StudentT.critical95(degreesOfFreedom: Double(df)) else { return nil }
        return LinearSlope(slope: slope, lower: slope - t * se, upper: slope + t * se, standardError: se, n: n, groups: g)
    }
}
