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
///
/// A round adds every row, including those drawn no time: their terms are exact zeros (weights and
/// agreeing pairs are never negative), and adding them costs less than a branch on random draws,
/// which the processor would mispredict a third of the time.
public struct UnitShares: Sendable {
    public let categoryCount: Int
    /// Positions of the categories on the scale, for weights.
    public let positions: [Double]
    /// The rows with one rating or more; r_i and r_ik (row-major) of each, as doubles.
    let rated: [Int32]
    let ratings: [Double]
    let counts: [Double]
    /// The rows with two ratings or more (indices into `rated`, and into the counts' rows), and
    /// r_i (r_i − 1) of each: the ordered pairs of ratings of a unit.
    let pairableRated: [Int32]
    let pairable: [Int32]
    let pairs: [Double]

    public init(_ counts: CategoryCounts) {
        let q = counts.categoryCount
        categoryCount = q
        positions = counts.positions
        var rated: [Int32] = [], ratings: [Double] = [], values: [Double] = []
        var pairableRated: [Int32] = [], pairable: [Int32] = [], pairs: [Double] = []
        for u in 0..<counts.rowCount where counts.totals[u] >= 1 {
            let r = Double(counts.totals[u])
            if r >= 2 {
                pairableRated.append(Int32(rated.count))
                pairable.append(Int32(u))
                pairs.append(r * (r - 1))
            }
            rated.append(Int32(u))
            ratings.append(r)
            values += counts.counts[(u * q)..<(u * q + q)].map(Double.init)
        }
        (self.rated, self.ratings, self.counts) = (rated, ratings, values)
        (self.pairableRated, self.pairable, self.pairs) = (pairableRated, pairable, pairs)
    }

    /// Σ_k r_ik (r*_ik − 1) for each row with two ratings or more (in the order of `pairable`): the
    /// agreeing pairs of ratings, partly agreeing ones counted by their weight (identity weights:
    /// Σ_k r_ik (r_ik − 1)). Only categories a unit used contribute (r_ik (r*_ik − 1) is 0
    /// elsewhere), so a row costs its used categories squared.
    public func agreeingPairs(_ weights: AgreementWeights) -> [Double] {
        let q = categoryCount
        let w = weights.matrix(positions: positions)
        var present = [Int](repeating: 0, count: q)
        return pairableRated.map { row in
            let base = Int(row) * q
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
        pairable.withUnsafeBufferPointer { pairable in
            pairs.withUnsafeBufferPointer { pairs in
                agreeing.withUnsafeBufferPointer { agreeing in
                    multiplicity.withUnsafeBufferPointer { multiplicity in
                        for i in 0..<pairable.count {
                            let weight = multiplicity[Int(pairable[i])]
                            sum += weight * agreeing[i] / pairs[i]
                            units += weight
                        }
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
        rated.withUnsafeBufferPointer { rated in
            ratings.withUnsafeBufferPointer { ratings in
                counts.withUnsafeBufferPointer { counts in
                    multiplicity.withUnsafeBufferPointer { multiplicity in
                        shares.withUnsafeMutableBufferPointer { shares in
                            for i in 0..<rated.count {
                                let (r, weight) = (ratings[i], multiplicity[Int(rated[i])])
                                units += weight
                                let base = i * q
                                for k in 0..<q { shares[k] += weight * counts[base + k] / r }
                            }
                        }
                    }
                }
            }
        }
        return (shares, units)
    }
}
