import Foundation

/// The exact two-sided sign test: are wins and losses equally likely? Ties are left out (Dixon &
/// Mood 1946). p = min(1, 2·P(X ≤ min(wins, losses))), X ~ Binomial(wins + losses, ½).
/// With no decisive battles there is nothing to test: nil.
public enum SignTest {
    public static func pValue(wins: Int, losses: Int) -> Double? {
        let n = wins + losses
        guard n > 0, wins >= 0, losses >= 0 else { return nil }
        let smaller = min(wins, losses)
        // Sum the lower tail in log space from its largest term down, so large n neither
        // underflows nor loses the small terms.
        let logHalfPowerN = Double(n) * log(0.5)
        let logNFactorial = LogFactorial.of(n)
        func logTerm(_ k: Int) -> Double { logNFactorial - LogFactorial.of(k) - LogFactorial.of(n - k) + logHalfPowerN }
        let peak = logTerm(smaller)
        var sum = 0.0
        var k = smaller
        while k >= 0 {
            let term = exp(logTerm(k) - peak)
            sum += term
            if term < 1e-17 * sum { break }
            k -= 1
        }
        return min(1, 2 * exp(peak) * sum)
    }
}
