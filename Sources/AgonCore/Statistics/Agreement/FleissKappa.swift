/// Fleiss' kappa for many raters (Fleiss, J. L. 1971, "Measuring nominal scale agreement among
/// many raters", Psychological Bulletin 76(5)), with missing ratings handled as in Gwet, K. L.
/// (2014) *Handbook of Inter-Rater Reliability*, 4th ed., ch. 2 (the formulas of Gwet's `irrCAC`
/// package, `fleiss.kappa.raw`):
///
///     p_a = mean over units with r_i ≥ 2 of  Σ_k r_ik (r_ik − 1) / (r_i (r_i − 1))
///     π_k = mean over units with r_i ≥ 1 of  r_ik / r_i
///     p_e = Σ_k π_k²,   κ = (p_a − p_e) / (1 − p_e)
///
/// r_ik is the number of raters who put unit i in category k, r_i = Σ_k r_ik. Each unit's category
/// shares are averaged — a unit with few ratings weighs as much in chance agreement as one with many,
/// as it does in p_a — rather than pooling all ratings. With the same number of ratings on every unit
/// (Fleiss' design) the two are the same and this is exactly Fleiss (1971). Agon's AC1 uses the same
/// π_k. Nominal categories only: order is ignored.
///
/// Undefined (with the reason): no unit with two ratings; p_e = 1 (every rating in one category).
public enum FleissKappa {
    public struct Result: Equatable, Sendable {
        public var kappa: AgreementValue
        public var meanAgreement: Double?
        public var chanceAgreement: Double?
        /// Units with two or more ratings (those p_a averages over).
        public var unitsUsed: Int
    }

    public static func kappa(_ table: RatingsTable) -> Result {
        if table.raterCount < 2 {
            return Result(kappa: .undefined(reason: "a single rater: agreement needs at least two"),
                          meanAgreement: nil, chanceAgreement: nil, unitsUsed: 0)
        }
        return kappa(table.categoryCounts)
    }

    public static func kappa(_ counts: CategoryCounts) -> Result {
        let units = UnitShares(counts)
        return kappa(agreement: units.agreement(units.agreeingPairs(.identity), multiplicity: counts.multiplicity),
                     shares: units.shares(multiplicity: counts.multiplicity))
    }

    /// Kappa from the sums of `UnitShares`: agreeing pairs (unweighted) and category shares.
    static func kappa(agreement: (sum: Double, units: Double), shares: (shares: [Double], units: Double)) -> Result {
        guard agreement.units > 0 else {
            return Result(kappa: .undefined(reason: "no unit has two or more ratings"), meanAgreement: nil,
                          chanceAgreement: nil, unitsUsed: 0)
        }
        let meanP = agreement.sum / agreement.units
        let rated = shares.units
        let chance = shares.shares.reduce(0) { $0 + ($1 / rated) * ($1 / rated) }
        let kappa = AgreementValue.ratio(meanP - chance, over: 1 - chance,
            else: "every rating is in one category: chance agreement is 1 and kappa is 0/0")
        return Result(kappa: kappa, meanAgreement: meanP, chanceAgreement: chance, unitsUsed: Int(agreement.units))
    }
}
