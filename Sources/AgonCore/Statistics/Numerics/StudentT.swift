import Foundation

/// Student's t distribution: the cumulative probability and the quantile, for the intervals of
/// small-sample regressions. The CDF goes through the regularised incomplete beta function,
/// F(t) = 1 − ½·I_{ν/(ν+t²)}(ν/2, ½) for t ≥ 0 (Abramowitz & Stegun 1964, 26.7.1 and 26.5.27),
/// evaluated by its continued fraction with the modified Lentz method (Press et al., Numerical
/// Recipes, 3rd ed., §6.4); the quantile inverts it by bisection to 1e-12.
/// Degenerate cases: ν ≤ 0 or not finite → nil; p outside (0, 1) → nil.
public enum StudentT {
    public static func cdf(_ t: Double, degreesOfFreedom nu: Double) -> Double? {
        guard nu > 0, nu.isFinite, !t.isNaN else { return nil }
        if t.isInfinite { return t > 0 ? 1 : 0 }
        let tail = 0.5 * regularizedBeta(nu / (nu + t * t), nu / 2, 0.5)
        return t >= 0 ? 1 - tail : tail
    }

    public static func quantile(_ p: Double, degreesOfFreedom nu: Double) -> Double? {
        guard nu > 0, nu.isFinite, p > 0, p < 1 else { return nil }
        if p == 0.5 { return 0 }
        if p < 0.5 { return quantile(1 - p, degreesOfFreedom: nu).map { -$0 } }
        var low = 0.0, high = 1.0
        while (cdf(high, degreesOfFreedom: nu) ?? 1) < p { high *= 2 }
        for _ in 0..<200 where high - low > 1e-12 * max(1, high) {
            let middle = (low + high) / 2
            if (cdf(middle, degreesOfFreedom: nu) ?? 0) < p { low = middle } else { high = middle }
        }
        return (low + high) / 2
    }

    /// The two-sided 95% critical value t(0.975, ν).
    public static func critical95(degreesOfFreedom nu: Double) -> Double? {
        quantile(0.975, degreesOfFreedom: nu)
    }

    /// I_x(a, b) for 0 ≤ x ≤ 1, a, b > 0.
    static func regularizedBeta(_ x: Double, _ a: Double, _ b: Double) -> Double {
        if x <= 0 { return 0 }
        if x >= 1 { return 1 }
        let logGammas: Double = lgamma(a + b) - lgamma(a) - lgamma(b)
        let logPowers: Double = a * log(x) + b * log(1 - x)
        let logFront = logGammas + logPowers
        // The continued fraction converges fast for x < (a+1)/(a+b+2); use the symmetry otherwise.
        if x < (a + 1) / (a + b + 2) {
            return exp(logFront) * continuedFraction(x, a, b) / a
        }
        return 1 - exp(logFront) * continuedFraction(1 - x, b, a) / b
    }

    static func continuedFraction(_ x: Double, _ a: Double, _ b: Double) -> Double {
        let tiny = 1e-300
        var c = 1.0
        var d = 1 - (a + b) * x / (a + 1)
        if abs(d) < tiny { d = tiny }
        d = 1 / d
        var h = d
        for m in 1...300 {
            let m = Double(m)
            let even = m * (b - m) * x / ((a + 2 * m - 1) * (a + 2 * m))
            d = 1 + even * d
            if abs(d) < tiny { d = tiny }
            c = 1 + even / c
            if abs(c) < tiny { c = tiny }
            d = 1 / d
            h *= d * c
            let odd = -(a + m) * (a + b + m) * x / ((a + 2 * m) * (a + 2 * m + 1))
            d = 1 + odd * d
            if abs(d) < tiny { d = tiny }
            c = 1 + odd / c
            if abs(c) < tiny { c = tiny }
            d = 1 / d
            let step = d * c
            h *= step
            if abs(step - 1) < 1e-15 { break }
        }
        return h
    }
}
