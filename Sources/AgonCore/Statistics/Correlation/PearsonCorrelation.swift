import Foundation

/// Pearson's product-moment correlation of paired observations, r = Σ(x−x̄)(y−ȳ) / √(Σ(x−x̄)²·Σ(y−ȳ)²)
/// (Pearson 1896), with the 95% interval from Fisher's z transformation,
/// tanh(atanh r ± 1.96/√(n−3)) (Fisher 1921). The interval treats the pairs as independent; when
/// they are clustered (one rater's many answers) it is too narrow, and the report says so.
/// Degenerate cases: fewer than 3 pairs, or no variation in x or y → `r` nil with the reason;
/// n = 3, or |r| = 1 → no interval.
public struct PearsonCorrelation: Sendable, Equatable, Codable {
    public var r: Double?
    public var lower: Double?
    public var upper: Double?
    public var n: Int
    public var undefinedReason: String?

    public init(_ x: [Double], _ y: [Double]) {
        precondition(x.count == y.count, "paired observations")
        n = x.count
        guard n >= 3 else {
            undefinedReason = "fewer than 3 observations"
            return
        }
        let meanX = x.reduce(0, +) / Double(n), meanY = y.reduce(0, +) / Double(n)
        var sxy = 0.0, sxx = 0.0, syy = 0.0
        for k in 0..<n {
            let dx = x[k] - meanX, dy = y[k] - meanY
            sxy += dx * dy
            sxx += dx * dx
            syy += dy * dy
        }
        guard sxx > 1e-12 * Double(n), syy > 1e-12 * Double(n) else {
            undefinedReason = "no variation: every observation has the same value"
            return
        }
        let value = max(-1, min(1, sxy / (sxx * syy).squareRoot()))
        r = value
        if n > 3, abs(value) < 1 {
            let z = atanh(value), half = 1.959_963_984_540_054 / Double(n - 3).squareRoot()
            lower = tanh(z - half)
            upper = tanh(z + half)
        }
    }

    /// Pairs where both values are present.
    public init(pairs: [(Double?, Double?)]) {
        var x: [Double] = [], y: [Double] = []
        for (a, b) in pairs {
            guard let a, let b, a.isFinite, b.isFinite else { continue }
            x.append(a)
            y.append(b)
        }
        self.init(x, y)
    }
}
