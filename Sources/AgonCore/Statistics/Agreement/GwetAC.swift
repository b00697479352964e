/// Gwet's agreement coefficients AC1 (nominal) and AC2 (weighted) for any number of raters with
/// missing ratings, as in Gwet, K. L. (2014) *Handbook of Inter-Rater Reliability*, 4th ed., ch. 4
/// (equations for multiple raters with missing data; the same formulas as the `irrCAC` package):
///
///     r_ik  = raters who put unit i in category k,  r_i = Σ_k r_ik,  r*_ik = Σ_l w_kl r_il
///     p_a   = mean over units with r_i ≥ 2 of  Σ_k r_ik (r*_ik − 1) / (r_i (r_i − 1))
///     π_k   = mean over units with r_i ≥ 1 of  r_ik / r_i
///     p_e   = T_w / (q (q − 1)) · Σ_k π_k (1 − π_k),   T_w = Σ_kl w_kl
///     AC    = (p_a − p_e) / (1 − p_e)
///
/// AC1 uses identity weights (T_w = q); AC2 linear or quadratic weights over the whole scale of q
/// categories. Because p_e shrinks when one category dominates, AC1 does not collapse the way
/// kappa does when most items go one way (the "kappa paradox", Feinstein & Cicchetti 1990).
///
/// Undefined (with the reason): fewer than two categories on the scale; no unit with two ratings;
/// weighted AC2 on unordered categories.
public enum GwetAC {
    public static func coefficient(_ table: RatingsTable, weights: AgreementWeights = .identity) -> AgreementValue {
        if table.raterCount < 2 { return .undefined(reason: "a single rater: agreement needs at least two") }
        if weights != .identity, !table.isOrdered { return .undefined(reason: "weighted AC2 needs ordered categories") }
        return coefficient(table.categoryCounts, weights: weights)
    }

    public static func coefficient(_ counts: CategoryCounts, weights: AgreementWeights = .identity) -> AgreementValue {
        guard counts.categoryCount >= 2 else { return singleCategory }
        let units = UnitShares(counts)
        return coefficient(agreement: units.agreement(units.agreeingPairs(weights), multiplicity: counts.multiplicity),
                           shares: units.shares(multiplicity: counts.multiplicity), totalWeight: weights.total(positions: counts.positions))
    }

    static let singleCategory = AgreementValue.undefined(reason: "the scale has a single category")

    /// AC from the sums of `UnitShares`: agreeing pairs weighted by w (p_a's) and category shares
    /// (the π_k's), with T_w = Σ_kl w_kl (`AgreementWeights.total`).
    static func coefficient(agreement: (sum: Double, units: Double), shares: (shares: [Double], units: Double),
                            totalWeight: Double) -> AgreementValue {
        let q = shares.shares.count
        guard q >= 2 else { return singleCategory }
        guard agreement.units > 0 else { return .undefined(reason: "no unit has two or more ratings") }
        let observed = agreement.sum / agreement.units
        var spread = 0.0
        for k in 0..<q {
            let p = shares.shares[k] / shares.units
            spread += p * (1 - p)
        }
        let chance = totalWeight * spread / Double(q * (q - 1))
        return AgreementValue.ratio(observed - chance, over: 1 - chance, else: "chance agreement is 1: the coefficient is 0/0")
    }
}
