/// Count statistics of one table, ready to be recomputed with its rows reweighted — a bootstrap
/// round's resample. What each statistic needs of a row is worked out once
/// (`KrippendorffAlpha.Coincidences`, `UnitShares`, `PercentAgreement.HeldOutRatings`), and what
/// several need is worked out once a round: one coincidence matrix for alpha at every level, one
/// pass of category shares for Fleiss' kappa and every AC, one sum of agreeing pairs for Fleiss,
/// AC1 and percent agreement. Each value is the statistic's own value on the counts with those
/// multiplicities, to the last bit (`CountStatistic.value`).
public struct PreparedCountStatistics: Sendable {
    public let statistics: [CountStatistic]
    let counts: CategoryCounts
    let coincidences: KrippendorffAlpha.Coincidences?
    let shares: UnitShares?
    /// Each weighting's agreeing pairs per row (`UnitShares.agreeingPairs`) and Σ w_kl.
    let agreeing: [AgreementWeights: (pairs: [Double], total: Double)]
    let heldOut: PercentAgreement.HeldOutRatings?

    public init(_ counts: CategoryCounts, _ statistics: [CountStatistic]) {
        self.counts = counts
        self.statistics = statistics
        var weightings: Set<AgreementWeights> = []
        var alpha = false, leaveOneOut = false
        for statistic in statistics {
            switch statistic {
            case .alpha: alpha = true
            case .gwet(let weights, _): weightings.insert(weights)
            case .fleiss, .percentAgreement: weightings.insert(.identity)
            case .leaveOneOut: leaveOneOut = true
            }
        }
        coincidences = alpha ? KrippendorffAlpha.Coincidences(counts) : nil
        let shares = weightings.isEmpty ? nil : UnitShares(counts)
        self.shares = shares
        var agreeing: [AgreementWeights: (pairs: [Double], total: Double)] = [:]
        if let shares {
            for weights in weightings { agreeing[weights] = (shares.agreeingPairs(weights), weights.total(positions: counts.positions)) }
        }
        self.agreeing = agreeing
        heldOut = leaveOneOut ? PercentAgreement.HeldOutRatings(counts) : nil
    }

    /// The statistics on the counts as they are.
    public func values() -> [AgreementValue] { values(multiplicity: counts.multiplicity) }

    /// The statistics with row u of the counts standing for `multiplicity[u]` units.
    public func values(multiplicity: [Double]) -> [AgreementValue] {
        var coincidenceMatrix: [Double]?
        var categoryShares: (shares: [Double], units: Double)?
        var agreementSums: [AgreementWeights: (sum: Double, units: Double)] = [:]
        func matrix() -> [Double] {
            if let coincidenceMatrix { return coincidenceMatrix }
            let found = coincidences!.matrix(multiplicity: multiplicity)
            coincidenceMatrix = found
            return found
        }
        func sharesSum() -> (shares: [Double], units: Double) {
            if let categoryShares { return categoryShares }
            let found = shares!.shares(multiplicity: multiplicity)
            categoryShares = found
            return found
        }
        func agreement(_ weights: AgreementWeights) -> (sum: Double, units: Double) {
            if let known = agreementSums[weights] { return known }
            let found = shares!.agreement(agreeing[weights]!.pairs, multiplicity: multiplicity)
            agreementSums[weights] = found
            return found
        }
        return statistics.map { statistic in
            switch statistic {
            case .alpha(let level, let ordered):
                return KrippendorffAlpha.alpha(coincidences: matrix(), counts: counts, level: level, ordered: ordered)
            case .gwet(let weights, let ordered):
                if weights != .identity, !ordered { return CountStatistic.unorderedAC2 }
                return GwetAC.coefficient(agreement: agreement(weights), shares: sharesSum(), totalWeight: agreeing[weights]!.total)
            case .fleiss: return FleissKappa.kappa(agreement: agreement(.identity), shares: sharesSum()).kappa
            case .percentAgreement: return PercentAgreement.raw(agreement: agreement(.identity))
            case .leaveOneOut: return heldOut!.agreement(multiplicity: multiplicity)
            }
        }
    }
}
