import Foundation

/// A sign test for clustered battles: a sign-flip randomisation test over clusters (Fisher 1935, §21;
/// for clustered data, Canay, Romano & Shaikh 2017, "Randomization tests under an approximate
/// symmetry assumption", Econometrica 85:1013–1030). Under "A and B are equally good" the sides of
/// a cluster's battles are exchangeable, so each cluster's wins − losses d_c is symmetric about 0;
/// the statistic |Σ d_c| is compared with its distribution over all 2^C sign flips (exactly up to
/// C = 20 clusters with a non-zero d_c, otherwise 20,000 seeded random flips, p counted with the
/// observed flip included: (1 + hits)/(1 + draws)). With one battle per cluster it is the exact
/// sign test. Ties are left out, as in `SignTest`.
///
/// Degenerate cases: no decisive battles → nil.
public enum ClusteredSignTest {
    public static func pValue(differences: [Int], seed: UInt64 = 1) -> Double? {
        let d = differences.filter { $0 != 0 }
        guard !d.isEmpty else { return differences.isEmpty ? nil : (differences.allSatisfy { $0 == 0 } ? nil : 1) }
        let observed = abs(d.reduce(0, +))
        if d.count <= 20 {
            var hits = 0
            let total = 1 << d.count
            for mask in 0..<total {
                var sum = 0
                for (index, value) in d.enumerated() { sum += mask & (1 << index) != 0 ? -value : value }
                if abs(sum) >= observed { hits += 1 }
            }
            return Double(hits) / Double(total)
        }
        var random = SeededRandom(seed: seed)
        let draws = 20_000
        var hits = 0
        for _ in 0..<draws {
            var sum = 0
            for value in d { sum += random.next() & 1 == 0 ? value : -value }
            if abs(sum) >= observed { hits += 1 }
        }
        return Double(1 + hits) / Double(1 + draws)
    }
}
