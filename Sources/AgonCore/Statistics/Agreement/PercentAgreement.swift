/// Agreement without a chance correction: how often raters give the same category. Easy to read,
/// but high by construction when one category dominates, so read it next to alpha or AC1.
///
/// Raw agreement is the mean, over units with at least two ratings, of the share of agreeing pairs
/// of ratings, Σ_k n_uk (n_uk − 1) / (m_u (m_u − 1)) — Fleiss' P̄; for two raters, the share of
/// units on which they agree.
///
/// Leave-one-out agreement is the AlpacaEval human-agreement definition (Dubois et al. 2023,
/// "AlpacaFarm", §4 / `alpaca_eval` analysis): each rating in turn is held out and compared with the
/// majority (mode) of the other ratings of the same unit; the score is the mean over all held-out
/// ratings of units with two or more ratings. When the others' mode is not unique, AlpacaEval picks
/// one at random; here the held-out rating scores 1/(number of modes) if it is one of them — the
/// expected value of that random pick — so the result is deterministic.
///
/// Both undefined (with the reason) when no unit has two ratings.
public enum PercentAgreement {
    public static func raw(_ table: RatingsTable) -> AgreementValue {
        if table.raterCount < 2 { return .undefined(reason: "a single rater: agreement needs at least two") }
        return raw(table.categoryCounts)
    }

    public static func raw(_ counts: CategoryCounts) -> AgreementValue {
        let units = UnitShares(counts)
        return raw(agreement: units.agreement(units.agreeingPairs(.identity), multiplicity: counts.multiplicity))
    }

    /// Raw agreement from the unweighted agreeing pairs summed by `UnitShares` (Fleiss' P̄).
    static func raw(agreement: (sum: Double, units: Double)) -> AgreementValue {
        guard agreement.units > 0 else { return .undefined(reason: "no unit has two or more ratings") }
        return .defined(agreement.sum / agreement.units)
    }

    public static func leaveOneOut(_ table: RatingsTable) -> AgreementValue {
        if table.raterCount < 2 { return .undefined(reason: "a single rater: agreement needs at least two") }
        return leaveOneOut(table.categoryCounts)
    }

    public static func leaveOneOut(_ counts: CategoryCounts) -> AgreementValue {
        HeldOutRatings(counts).agreement(multiplicity: counts.multiplicity)
    }

    /// Each held-out rating's match with the others' majority, worked out once per unit and category
    /// (which categories are the others' modes does not depend on how often the unit is drawn), so
    /// that a bootstrap round only weights them. The sums are formed term by term as a direct pass
    /// would form them, so the value is the same to the last bit.
    public struct HeldOutRatings: Sendable {
        /// For each used category c of each unit with two or more ratings: the unit's row, n_uc, and
        /// the number of the others' modes when c is one of them (else ∞, so that n_uc / ∞ adds an
        /// exact 0 without a branch).
        private let rows: [Int32]
        private let ratings: [Double]
        private let modes: [Double]

        public init(_ counts: CategoryCounts) {
            let q = counts.categoryCount
            var rows: [Int32] = [], ratings: [Double] = [], modes: [Double] = []
            for u in 0..<counts.rowCount where counts.totals[u] >= 2 {
                let base = u * q
                for c in 0..<q {
                    let n = Int(counts.counts[base + c])
                    guard n > 0 else { continue }
                    // The others' counts are this unit's counts with one rating of c removed.
                    var top = 0
                    var tied = 0
                    var heldOutIsMode = false
                    for k in 0..<q {
                        let others = Int(counts.counts[base + k]) - (k == c ? 1 : 0)
                        if others > top {
                            top = others
                            tied = 1
                            heldOutIsMode = k == c
                        } else if others == top, others > 0 {
                            tied += 1
                            if k == c { heldOutIsMode = true }
                        }
                    }
                    rows.append(Int32(u))
                    ratings.append(Double(n))
                    modes.append(heldOutIsMode ? Double(tied) : .infinity)
                }
            }
            (self.rows, self.ratings, self.modes) = (rows, ratings, modes)
        }

        /// Leave-one-out agreement with row u of the counts standing for `multiplicity[u]` units.
        public func agreement(multiplicity: [Double]) -> AgreementValue {
            var sum = 0.0
            var heldOut = 0.0
            // Rows drawn no time add exact zeros, like the held-out ratings that match no mode.
            for e in rows.indices {
                let weight = multiplicity[Int(rows[e])]
                sum += weight * ratings[e] / modes[e]
                heldOut += weight * ratings[e]
            }
            guard heldOut > 0 else { return .undefined(reason: "no unit has two or more ratings") }
            return .defined(sum / heldOut)
        }
    }
}
