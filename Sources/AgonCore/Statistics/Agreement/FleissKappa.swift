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
        let q = counts.categoryCount
        var sumP = 0.0
        var pairable = 0.0
        var rated = 0.0
        var shares = [Double](repeating: 0, count: q)
        for u in 0..<counts.rowCount {
            let n = Double(counts.totals[u])
            let weight = counts.multiplicity[u]
            guard n >= 1, weight > 0 else { continue }
            rated += weight
            let base = u * q
            var agreeing = 0.0
            for j in 0..<q {
                let nij = Double(counts.counts[base + j])
                agreeing += nij * (nij - 1)
                shares[j] += weight * nij / n
            }
            guard n >= 2 else { continue }
            sumP += weight * agreeing / (n * (n - 1))
            pairable += weight
        }
        guard pairable > 0 else {
            return Result(kappa: .undefined(reason: "no unit has two or more ratings"), meanAgreement: nil,
                          chanceAgreement: nil, unitsUsed: 0)
        }
        let meanP = sumP / pairable
        let chance = shares.reduce(0) { $0 + ($1 / rated) * ($1 / rated) }
        let kappa = AgreementValue.ratio(meanP - chance, over: 1 - chance,
            else: "every rating is in one category: chance agreement is 1 and kappa is 0/0")
        return Result(kappa: kappa, meanAgreement: meanP, chanceAgreement: chance, unitsUsed: Int(pairable))
    }
}
