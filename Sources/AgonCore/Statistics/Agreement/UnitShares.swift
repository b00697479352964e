/// The two averages over units that Fleiss' kappa, Gwet's AC1/AC2 and percent agreement are made
/// of (Gwet, K. L. 2014, *Handbook of Inter-Rater Reliability*, 4th ed., ch. 2 and 4):
///
///     p_a = mean over units with r_i ≥ 2 of  Σ_k r_ik (r*_ik − 1) / (r_i (r_i − 1))
///     π_k = mean over units with r_i ≥ 1 of  r_ik / r_i
///
/// with r_ik the ratings of unit i in category k, r_i = Σ_k r_ik and r*_ik = Σ_l w_kl r_il.
///
/// What a unit contributes apart from how often it counts — r_ik, r_i (r_i − 1) and the weighted
/// agreeing pairs Σ_k r_ik (r*_ik − 1) — is worked out once, because a bootstrap recomputes these
/// averages a thousand times with new multiplicities: a round then costs a pass over the rows, not
/// the q² loop of weighted agreement in each. Each sum is formed term by term as the statistics
/// formed it before (the same products, in the same order), so values are the same to the last bit.
public struct UnitShares: Sendable {
    public let categoryCount: Int
    /// Positions of the categories on the scale, for weights.
    public let positions: [Double]
    /// How many units each row stands for in the counts this was made from.
    public let multiplicity: [Double]
    /// r_i, and r_ik (row-major), as doubles.
    let ratings: [Double]
    let counts: [Double]
    /// r_i (r_i − 1): the ordered pairs of ratings of a unit.
    let pairs: [Double]

    public init(_ counts: CategoryCounts) {
        categoryCount = counts.categoryCount
        positions = counts.positions
        multiplicity = counts.multiplicity
        ratings = counts.totals.map(Double.init)
        self.counts = counts.counts.map(Double.init)
        pairs = ratings.map { $0 * ($0 - 1) }
    }

    public var rowCount: Int { ratings.count }

    /// Σ_k r_ik (r*_ik − 1) for each row: the agreeing pairs of ratings, partly agreeing ones counted
    /// by their weight (identity weights: Σ_k r_ik (r_ik − 1)). Only categories a unit used contribute
    /// (r_ik (r*_ik − 1) is 0 elsewhere), so a row costs its used categories squared.
    public func agreeingPairs(_ weights: AgreementWeights) -> [Double] {
        let q = categoryCount
        let w = weights.matrix(positions: positions)
        var present = [Int](repeating: 0, count: q)
        return (0..<rowCount).map { u in
            let base = u * q
            var used = 0
            for k in 0..<q where counts[base + k] > 0 {
                present[used] = k
                used += 1
            }
            var agreement = 0.0
            for i in 0..<used {
                let k = present[i]
                var weightedCount = 0.0
                for j in 0..<used {
                    let l = present[j]
                    weightedCount += w[k * q + l] * counts[base + l]
                }
                agreement += counts[base + k] * (weightedCount - 1)
            }
            return agreement
        }
    }

    /// Σ over rows with r_i ≥ 2 of multiplicity · agreeing / (r_i (r_i − 1)), and how many units
    /// those rows stand for: p_a is their ratio.
    public func agreement(_ agreeing: [Double], multiplicity: [Double]) -> (sum: Double, units: Double) {
        var sum = 0.0
        var units = 0.0
        pairs.withUnsafeBufferPointer { pairs in
            agreeing.withUnsafeBufferPointer { agreeing in
                multiplicity.withUnsafeBufferPointer { multiplicity in
                    for u in 0..<pairs.count {
                        let weight = multiplicity[u]
                        // r_i (r_i − 1) > 0 exactly when r_i ≥ 2.
                        guard pairs[u] > 0, weight > 0 else { continue }
                        sum += weight * agreeing[u] / pairs[u]
                        units += weight
                    }
                }
            }
        }
        return (sum, units)
    }

    /// Σ over rows with r_i ≥ 1 of multiplicity · r_ik / r_i for each category, and how many units
    /// those rows stand for: π_k is their ratio.
    public func shares(multiplicity: [Double]) -> (shares: [Double], units: Double) {
        let q = categoryCount
        var shares = [Double](repeating: 0, count: q)
        var units = 0.0
        ratings.withUnsafeBufferPointer { ratings in
            counts.withUnsafeBufferPointer { counts in
                multiplicity.withUnsafeBufferPointer { multiplicity in
                    shares.withUnsafeMutableBufferPointer { shares in
                        for u in 0..<ratings.count {
                            let (r, weight) = (ratings[u], multiplicity[u])
                            guard r >= 1, weight > 0 else { continue }
                            units += weight
                            let base = u * q
                            for k in 0..<q { shares[k] += weight * counts[base + k] / r }
                        }
                    }
                }
            }
        }
        return (shares, units)
    }
}
