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
    /// Whether some statistic reads the category shares (Fleiss' kappa and the ACs; percent
    /// agreement does not).
    let readsShares: Bool
    /// The weightings the statistics use, each with its agreeing pairs per row
    /// (`UnitShares.agreeingPairs`) and Σ w_kl; `weighting[i]` is statistic i's, if any.
    let weightings: [AgreementWeights]
    let agreeing: [[Double]]
    let totalWeights: [Double]
    let weighting: [Int?]
    let heldOut: PercentAgreement.HeldOutRatings?

    public init(_ counts: CategoryCounts, _ statistics: [CountStatistic]) {
        self.counts = counts
        self.statistics = statistics
        var weightings: [AgreementWeights] = []
        weighting = statistics.map { statistic in
            let weights: AgreementWeights
            switch statistic {
            case .gwet(let used, _): weights = used
            case .fleiss, .percentAgreement: weights = .identity
            case .alpha, .leaveOneOut: return nil
            }
            if let known = weightings.firstIndex(of: weights) { return known }
            weightings.append(weights)
            return weightings.count - 1
        }
        self.weightings = weightings
        readsShares = statistics.contains { if case .gwet = $0 { true } else { $0 == .fleiss } }
        coincidences = statistics.contains { if case .alpha = $0 { true } else { false } } ? KrippendorffAlpha.Coincidences(counts) : nil
        let shares = weightings.isEmpty ? nil : UnitShares(counts)
        self.shares = shares
        agreeing = weightings.map { shares!.agreeingPairs($0) }
        totalWeights = weightings.map { $0.total(positions: counts.positions) }
        heldOut = statistics.contains(.leaveOneOut) ? PercentAgreement.HeldOutRatings(counts) : nil
    }

    /// The statistics on the counts as they are.
    public func values() -> [AgreementValue] { values(multiplicity: counts.multiplicity) }

    /// The statistics with row u of the counts standing for `multiplicity[u]` units.
    public func values(multiplicity: [Double]) -> [AgreementValue] {
        let matrix = coincidences?.matrix(multiplicity: multiplicity)
        let categoryShares = readsShares ? shares?.shares(multiplicity: multiplicity) : nil
        let agreement = agreeing.map { shares!.agreement($0, multiplicity: multiplicity) }
        return statistics.indices.map { i in
            switch statistics[i] {
            case .alpha(let level, let ordered):
                return KrippendorffAlpha.alpha(coincidences: matrix!, counts: counts, level: level, ordered: ordered)
            case .gwet(let weights, let ordered):
                if weights != .identity, !ordered { return CountStatistic.unorderedAC2 }
                return GwetAC.coefficient(agreement: agreement[weighting[i]!], shares: categoryShares!, totalWeight: totalWeights[weighting[i]!])
            case .fleiss: return FleissKappa.kappa(agreement: agreement[weighting[i]!], shares: categoryShares!).kappa
            case .percentAgreement: return PercentAgreement.raw(agreement: agreement[weighting[i]!])
            case .leaveOneOut: return heldOut!.agreement(multiplicity: multiplicity)
            }
        }
    }
}
