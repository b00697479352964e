/// A statistic read from category counts alone, named as a value so that a list of them can be
/// prepared once for a table and recomputed on resamples (`PreparedCountStatistics`).
public enum CountStatistic: Hashable, Sendable {
    /// Krippendorff's alpha at a level; `ordered` says whether the categories have an order.
    case alpha(MeasurementLevel, ordered: Bool = true)
    /// Gwet's AC1 (identity weights) or AC2 (linear or quadratic weights, which need an order).
    case gwet(AgreementWeights, ordered: Bool = true)
    case fleiss
    /// Percent agreement: the mean share of agreeing pairs of ratings.
    case percentAgreement
    /// Agreement of each rating with the others' majority (AlpacaEval's human agreement).
    case leaveOneOut

    static let unorderedAC2 = AgreementValue.undefined(reason: "weighted AC2 needs ordered categories")

    /// The statistic on `counts`, computed on its own.
    public func value(_ counts: CategoryCounts) -> AgreementValue {
        switch self {
        case .alpha(let level, let ordered): return KrippendorffAlpha.alpha(counts, level: level, ordered: ordered)
        case .gwet(let weights, let ordered):
            return weights != .identity && !ordered ? Self.unorderedAC2 : GwetAC.coefficient(counts, weights: weights)
        case .fleiss: return FleissKappa.kappa(counts).kappa
        case .percentAgreement: return PercentAgreement.raw(counts)
        case .leaveOneOut: return PercentAgreement.leaveOneOut(counts)
        }
    }
}
