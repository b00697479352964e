/// Krippendorff's alpha, computed from the coincidence matrix as in Krippendorff, K. (2011)
/// "Computing Krippendorff's Alpha-Reliability", and Krippendorff (2004) *Content Analysis*, §11.3:
///
///     o_ck = Σ_u  n_uc · (n_uk − [c = k]) / (m_u − 1)     over units u with m_u ≥ 2 ratings
///     n_c  = Σ_k o_ck,   n = Σ_c n_c                        (pairable values)
///     α    = 1 − D_o / D_e = 1 − (n − 1) · Σ_ck o_ck δ²_ck / Σ_ck n_c n_k δ²_ck
///
/// with the difference functions δ²: nominal [c ≠ k]; ordinal (Σ_{g=c..k} n_g − (n_c + n_k)/2)²;
/// interval (c − k)²; ratio ((c − k)/(c + k))². Any number of raters, any missing ratings; units
/// with a single rating are not pairable and are ignored, as the definition says.
///
/// Degenerate cases, returned as undefined with the reason (never 0): no unit with two ratings
/// (which includes a single rater); no variation among pairable values (D_e = 0, alpha is 0/0);
/// ordinal on unordered categories; interval or ratio on non-numeric ones; ratio with negative values.
///
/// One pass over units builds the q×q matrix, so the cost is O(units × raters + q²).
public enum KrippendorffAlpha {
    public static func alpha(_ table: RatingsTable, level: MeasurementLevel) -> AgreementValue {
        if table.raterCount < 2 { return .undefined(reason: "a single rater: agreement needs at least two") }
        return alpha(table.categoryCounts, level: level, ordered: table.isOrdered)
    }

    public static func alpha(_ counts: CategoryCounts, level: MeasurementLevel, ordered: Bool = true) -> AgreementValue {
        let q = counts.categoryCount
        let o = coincidenceMatrix(counts)
        var marginals = [Double](repeating: 0, count: q)
        for c in 0..<q { for k in 0..<q { marginals[c] += o[c * q + k] } }
        let n = marginals.reduce(0, +)
        guard n > 0 else {
            return .undefined(reason: "no unit has two or more ratings (units rated once are ignored by the definition)")
        }
        let delta: [Double]
        switch differences(level: level, marginals: marginals, counts: counts, ordered: ordered) {
        case .success(let matrix): delta = matrix
        case .failure(let problem): return .undefined(reason: problem.reason)
        }
        var observed = 0.0
        var expected = 0.0
        for c in 0..<q {
            for k in 0..<q where c != k {
                let d = delta[c * q + k]
                observed += o[c * q + k] * d
                expected += marginals[c] * marginals[k] * d
            }
        }
        guard expected > 0 else {
            return .undefined(reason: "no variation: every pairable rating has the same value, so alpha is 0/0")
        }
        return .defined(1 - (n - 1) * observed / expected)
    }

    /// The coincidence matrix o_ck (q×q, row-major): each unit's m_u(m_u − 1) ordered pairs of
    /// ratings, each weighted 1/(m_u − 1), so that a unit contributes m_u pairable values.
    public static func coincidenceMatrix(_ counts: CategoryCounts) -> [Double] {
        let q = counts.categoryCount
        var o = [Double](repeating: 0, count: q * q)
        var present = [Int](repeating: 0, count: q)
        counts.counts.withUnsafeBufferPointer { n in
            counts.totals.withUnsafeBufferPointer { totals in
                o.withUnsafeMutableBufferPointer { o in
                    for u in 0..<counts.rowCount {
                        let m = Int(totals[u])
                        let weight = counts.multiplicity[u]
                        guard m >= 2, weight > 0 else { continue }
                        let base = u * q
                        var used = 0
                        for c in 0..<q where n[base + c] > 0 {
                            present[used] = c
                            used += 1
                        }
                        let scale = weight / Double(m - 1)
                        for i in 0..<used {
                            let c = present[i]
                            let nc = Double(n[base + c])
                            o[c * q + c] += nc * (nc - 1) * scale
                            for j in 0..<used where j != i {
                                let k = present[j]
                                o[c * q + k] += nc * Double(n[base + k]) * scale
                            }
                        }
                    }
                }
            }
        }
        return o
    }

    struct Problem: Error { var reason: String }

    /// δ²_ck for a level (q×q, row-major).
    static func differences(level: MeasurementLevel, marginals: [Double], counts: CategoryCounts,
                            ordered: Bool) -> Result<[Double], Problem> {
        let q = counts.categoryCount
        var delta = [Double](repeating: 0, count: q * q)
        switch level {
        case .nominal:
            for c in 0..<q { for k in 0..<q where c != k { delta[c * q + k] = 1 } }
        case .ordinal:
            guard ordered else { return .failure(Problem(reason: "ordinal needs ordered categories (numbers, or --scale in order)")) }
            // Categories are in scale order; the distance counts pairable values lying between them.
            var cumulative = [Double](repeating: 0, count: q + 1)
            for g in 0..<q { cumulative[g + 1] = cumulative[g] + marginals[g] }
            for c in 0..<q {
                for k in 0..<q where c != k {
                    let low = min(c, k), high = max(c, k)
                    let between = cumulative[high + 1] - cumulative[low] - (marginals[c] + marginals[k]) / 2
                    delta[c * q + k] = between * between
                }
            }
        case .interval:
            guard let values = counts.numericValues else {
                return .failure(Problem(reason: "interval needs numeric values"))
            }
            for c in 0..<q { for k in 0..<q { delta[c * q + k] = (values[c] - values[k]) * (values[c] - values[k]) } }
        case .ratio:
            guard let values = counts.numericValues else {
                return .failure(Problem(reason: "ratio needs numeric values"))
            }
            guard values.allSatisfy({ $0 >= 0 }) else {
                return .failure(Problem(reason: "ratio needs values with a true zero (none negative)"))
            }
            for c in 0..<q {
                for k in 0..<q where c != k {
                    let sum = values[c] + values[k]
                    let d = sum > 0 ? (values[c] - values[k]) / sum : 0
                    delta[c * q + k] = d * d
                }
            }
        }
        return .success(delta)
    }
}
