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
        alpha(coincidences: coincidenceMatrix(counts), counts: counts, level: level, ordered: ordered)
    }

    /// Alpha from the coincidence matrix `o` of `counts` (whose scale the differences are read from):
    /// one matrix serves every level.
    static func alpha(coincidences o: [Double], counts: CategoryCounts, level: MeasurementLevel, ordered: Bool) -> AgreementValue {
        let q = counts.categoryCount
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
        Coincidences(counts).matrix(multiplicity: counts.multiplicity)
    }

    /// Each unit's pairs of ratings by pair of categories, n_uc (n_uk − [c = k]), worked out once: the
    /// coincidence matrix is their sum with each unit weighted multiplicity/(m_u − 1), so a bootstrap
    /// round costs one multiply-add per pair of categories a unit used, without looking for them
    /// again. Only c ≤ k is kept — o is symmetric, and o_kc receives the very same terms as o_ck —
    /// and units with fewer than two ratings not at all. Each cell sums the same products in the same
    /// order as a direct pass over the units would, so the matrix is the same to the last bit.
    public struct Coincidences: Sendable {
        public let categoryCount: Int
        /// The counts' rows with two or more ratings, and m_u − 1 of each.
        private let rows: [Int32]
        private let others: [Double]
        /// Row i's pairs are `cells[start[i]..<start[i + 1]]` (c·q + k, c ≤ k) with `pairs` of them.
        private let start: [Int32]
        private let cells: [Int32]
        private let pairs: [Double]

        public init(_ counts: CategoryCounts) {
            let q = counts.categoryCount
            var rows: [Int32] = [], others: [Double] = [], start: [Int32] = [0], cells: [Int32] = [], pairs: [Double] = []
            var present = [Int](repeating: 0, count: q)
            for u in 0..<counts.rowCount where counts.totals[u] >= 2 {
                let base = u * q
                var used = 0
                for c in 0..<q where counts.counts[base + c] > 0 {
                    present[used] = c
                    used += 1
                }
                for i in 0..<used {
                    let c = present[i]
                    let nc = Double(counts.counts[base + c])
                    // A category rated once pairs with no other rating of itself: nothing to add.
                    if nc > 1 {
                        cells.append(Int32(c * q + c))
                        pairs.append(nc * (nc - 1))
                    }
                    for j in (i + 1)..<used {
                        let k = present[j]
                        cells.append(Int32(c * q + k))
                        pairs.append(nc * Double(counts.counts[base + k]))
                    }
                }
                rows.append(Int32(u))
                others.append(Double(counts.totals[u] - 1))
                start.append(Int32(cells.count))
            }
            categoryCount = q
            (self.rows, self.others, self.start, self.cells, self.pairs) = (rows, others, start, cells, pairs)
        }

        /// o_ck with row u of the counts standing for `multiplicity[u]` units.
        public func matrix(multiplicity: [Double]) -> [Double] {
            let q = categoryCount
            var o = [Double](repeating: 0, count: q * q)
            o.withUnsafeMutableBufferPointer { o in
                multiplicity.withUnsafeBufferPointer { multiplicity in
                    rows.withUnsafeBufferPointer { rows in
                        others.withUnsafeBufferPointer { others in
                            start.withUnsafeBufferPointer { start in
                                cells.withUnsafeBufferPointer { cells in
                                    pairs.withUnsafeBufferPointer { pairs in
                                        // A row drawn no time adds exact zeros: cheaper than a
                                        // branch on random draws, which would be mispredicted.
                                        for i in 0..<rows.count {
                                            let scale = multiplicity[Int(rows[i])] / others[i]
                                            for e in Int(start[i])..<Int(start[i + 1]) { o[Int(cells[e])] += pairs[e] * scale }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
                for c in 0..<q { for k in (c + 1)..<q { o[k * q + c] = o[c * q + k] } }
            }
            return o
        }
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
