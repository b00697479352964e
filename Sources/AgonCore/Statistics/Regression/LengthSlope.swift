import Foundation

/// Logistic regression of "the left answer won" on log(words left / words right) (Agresti 2013,
/// §5.1; fitted by Newton–Raphson), optionally with an offset: the difference of the two systems'
/// overall Bradley–Terry strengths, so that the slope measures the pull of length beyond what the
/// systems' quality already explains (a stronger system that also writes longer does not count as
/// length bias). The slope says how much length sways the verdict: the odds of winning multiply by
/// 2^slope when an answer is twice as long. The intercept is the log-odds that the left answer wins
/// at equal length and equal strength (position bias). 95% Wald intervals. nil when the lengths
/// never differ, or one outcome never occurs, or verdicts follow length (almost) perfectly — the
/// estimate then runs off towards infinity (separation); we give up beyond |slope| > 10, odds
/// ×1000 per doubling, where the Wald interval means nothing.
public struct LengthSlope: Sendable, Equatable, Codable {
    public var slope: Double
    public var slopeLower: Double
    public var slopeUpper: Double
    public var intercept: Double
    public var oddsRatioPerDoubling: Double
    public var n: Int

    public static func fit(logRatios x: [Double], leftWon y: [Bool], offsets: [Double]? = nil) -> LengthSlope? {
        let n = x.count
        let offset = offsets ?? [Double](repeating: 0, count: n)
        guard n >= 3, y.contains(true), y.contains(false),
              let first = x.first, x.contains(where: { abs($0 - first) > 1e-12 }) else { return nil }
        var alpha = 0.0, beta = 0.0
        var information = (0.0, 0.0, 0.0)
        for _ in 0..<100 {
            var g0 = 0.0, g1 = 0.0, h00 = 0.0, h01 = 0.0, h11 = 0.0
            for k in 0..<n {
                let p = BradleyTerry.sigmoid(alpha + beta * x[k] + offset[k])
                let residual = (y[k] ? 1 : 0) - p
                let w = p * (1 - p)
                g0 += residual
                g1 += residual * x[k]
                h00 += w
                h01 += w * x[k]
                h11 += w * x[k] * x[k]
            }
            information = (h00, h01, h11)
            let determinant = h00 * h11 - h01 * h01
            guard determinant > 1e-12 else { return nil }
            let d0 = (h11 * g0 - h01 * g1) / determinant
            let d1 = (h00 * g1 - h01 * g0) / determinant
            alpha += d0
            beta += d1
            guard alpha.isFinite, beta.isFinite, abs(beta) < 10 else { return nil }  // (quasi-)separation
            if max(abs(d0), abs(d1)) < 1e-10 { break }
        }
        let determinant = information.0 * information.2 - information.1 * information.1
        guard determinant > 0 else { return nil }
        let standardError = (information.0 / determinant).squareRoot()
        return LengthSlope(slope: beta, slopeLower: beta - 1.959_963_984_540_054 * standardError,
                           slopeUpper: beta + 1.959_963_984_540_054 * standardError, intercept: alpha,
                           oddsRatioPerDoubling: pow(2, beta), n: n)
    }
}
