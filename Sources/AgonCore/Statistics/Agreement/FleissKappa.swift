/// Fleiss' kappa for many raters (Fleiss, J. L. 1971, "Measuring nominal scale agreement among
/// many raters", Psychological Bulletin 76(5)):
///
///     P_i = Σ_j n_ij (n_ij − 1) / (n_i (n_i − 1)),   P̄ = mean_i P_i
///     p_j = Σ_i n_ij / Σ_i n_i,   P̄_e = Σ_j p_j²,   κ = (P̄ − P̄_e) / (1 − P̄_e)
///
/// Fleiss defined it for the same number of ratings n on every unit. When units have different
/// numbers of ratings (missing data), this implementation keeps the same formulas with each unit's
/// own n_i: units with fewer than two ratings are left out (they hold no pair), P̄ is the unweighted
/// mean of P_i over the remaining units, and p_j pools all their ratings. With equal n_i this is
/// exactly Fleiss (1971). Nominal categories only: order is ignored.
///
/// Undefined (with the reason): no unit with two ratings; P̄_e = 1 (every rating in one category).
public enum FleissKappa {
    public struct Result: Equatable, Sendable {
        public var kappa: AgreementValue
        public var meanAgreement: Double?
        public var chanceAgreement: Double?
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
        var used = 0.0
        var pooled = [Double](repeating: 0, count: q)
        var ratings = 0.0
        for u in 0..<counts.rowCount {
            let n = Double(counts.totals[u])
            let weight = counts.multiplicity[u]
            guard n >= 2, weight > 0 else { continue }
            var agreeing = 0.0
            for j in 0..<q {
                let nij = Double(counts.counts[u * q + j])
                agreeing += nij * (nij - 1)
                pooled[j] += weight * nij
            }
            sumP += weight * agreeing / (n * (n - 1))
            ratings += weight * n
            used += weight
        }
        guard used > 0 else {
            return Result(kappa: .undefined(reason: "no unit has two or more ratings"), meanAgreement: nil,
                          chanceAgreement: nil, unitsUsed: 0)
        }
        let meanP = sumP / used
        let chance = pooled.reduce(0) { $0 + ($1 / ratings) * ($1 / ratings) }
        let kappa = AgreementValue.ratio(meanP - chance, over: 1 - chance,
            else: "every rating is in one category: chance agreement is 1 and kappa is 0/0")
        return Result(kappa: kappa, meanAgreement: meanP, chanceAgreement: chance, unitsUsed: Int(used))
    }
}
