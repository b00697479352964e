import Foundation

/// Exact draws from Binomial(n, p) with `SeededRandom`, for the multinomial bootstrap.
///
/// For n·min(p, 1−p) < 10, inversion by the recurrence P(k+1) = P(k)·(n−k)/(k+1)·p/q; otherwise
/// Hörmann's (1993) BTRS transformed rejection with squeeze ("The generation of binomial random
/// variates", J. Statist. Comput. Simul. 46), which costs O(1) per draw for any n.
enum BinomialSampler {
    static func draw(_ n: Int, _ p: Double, _ random: inout SeededRandom) -> Int {
        if n <= 0 || p <= 0 { return 0 }
        if p >= 1 { return n }
        if p > 0.5 { return n - draw(n, 1 - p, &random) }
        if Double(n) * p < 10 { return inversion(n, p, &random) }
        return btrs(n, p, &random)
    }

    private static func inversion(_ n: Int, _ p: Double, _ random: inout SeededRandom) -> Int {
        let q = 1 - p
        let odds = p / q
        var probability = exp(Double(n) * log1p(-p))
        var u = random.unit()
        var k = 0
        while u > probability, k < n {
            u -= probability
            probability *= odds * Double(n - k) / Double(k + 1)
            k += 1
        }
        return k
    }

    private static func btrs(_ n: Int, _ p: Double, _ random: inout SeededRandom) -> Int {
        let q = 1 - p
        let spq = (Double(n) * p * q).squareRoot()
        let b = 1.15 + 2.53 * spq
        let a = -0.0873 + 0.0248 * b + 0.01 * p
        let c = Double(n) * p + 0.5
        let vr = 0.92 - 4.2 / b
        let alpha = (2.83 + 5.1 / b) * spq
        // Needed only when the squeeze fails (about one draw in seven): computed on first use.
        var lpq = 0.0, m = 0, h = 0.0
        var prepared = false
        while true {
            let u = random.unit() - 0.5
            var v = random.unit()
            let us = 0.5 - abs(u)
            let kReal = ((2 * a / us + b) * u + c).rounded(.down)
            if kReal < 0 || kReal > Double(n) { continue }
            let k = Int(kReal)
            if us >= 0.07, v <= vr { return k }
            if !prepared {
                lpq = log(p / q)
                m = Int((Double(n + 1) * p).rounded(.down))
                h = LogFactorial.of(m) + LogFactorial.of(n - m)
                prepared = true
            }
            v = log(v * alpha / (a / (us * us) + b))
            if v <= h - LogFactorial.of(k) - LogFactorial.of(n - k) + Double(k - m) * lpq { return k }
        }
    }
}

/// log(k!) from a table for small k and Stirling's series beyond (error below 1e-14 for k ≥ 256).
enum LogFactorial {
    private static let table: [Double] = {
        var values = [0.0]
        for k in 1..<256 { values.append(values[k - 1] + log(Double(k))) }
        return values
    }()

    static func of(_ k: Int) -> Double {
        if k < 256 { return table[k] }
        let x = Double(k + 1)
        let inverse = 1 / x
        let inverse2 = inverse * inverse
        return (x - 0.5) * log(x) - x + 0.918_938_533_204_672_7
            + inverse * (1.0 / 12 - inverse2 * (1.0 / 360 - inverse2 * (1.0 / 1260 - inverse2 / 1680)))
    }
}
