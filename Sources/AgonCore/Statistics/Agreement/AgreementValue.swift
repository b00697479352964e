/// The outcome of an agreement statistic: a number, or the honest statement that the statistic is
/// not defined on these ratings and why (0/0 when nobody varied, no unit rated twice, …). An
/// undefined statistic is never reported as 0: "no information" and "chance-level agreement" are
/// different findings.
public enum AgreementValue: Equatable, Sendable {
    case defined(Double)
    case undefined(reason: String)

    public var value: Double? {
        if case .defined(let value) = self { return value }
        return nil
    }

    public var reason: String? {
        if case .undefined(let reason) = self { return reason }
        return nil
    }

    /// `value` when the denominator is a usable number, else undefined with `reason`.
    static func ratio(_ numerator: Double, over denominator: Double, else reason: String) -> AgreementValue {
        guard denominator.isFinite, abs(denominator) > 1e-12 else { return .undefined(reason: reason) }
        let value = numerator / denominator
        return value.isFinite ? .defined(value) : .undefined(reason: reason)
    }
}

/// Krippendorff's levels of measurement: which differences between two values count as disagreement.
public enum MeasurementLevel: String, CaseIterable, Sendable, Codable {
    /// Only equal or not equal.
    case nominal
    /// Order matters; distance grows with how many ratings lie between two values.
    case ordinal
    /// Squared numeric difference.
    case interval
    /// Squared difference relative to the sum (values are counts or amounts with a true zero).
    case ratio
}

/// Agreement weights between two categories of an ordered scale, on positions 0…q−1 or on the
/// categories' numeric values when they have them (Cohen 1968; Gwet 2014 §3.5):
/// identity 1 if equal else 0; linear 1 − |x−y|/(max−min); quadratic 1 − (x−y)²/(max−min)².
public enum AgreementWeights: String, CaseIterable, Sendable, Codable {
    case identity
    case linear
    case quadratic

    /// The q×q weight matrix, row-major, for categories at `positions` (sorted ascending).
    public func matrix(positions: [Double]) -> [Double] {
        let q = positions.count
        var weights = [Double](repeating: 0, count: q * q)
        let span = (positions.last ?? 0) - (positions.first ?? 0)
        for k in 0..<q {
            for l in 0..<q {
                switch self {
                case .identity:
                    weights[k * q + l] = k == l ? 1 : 0
                case .linear:
                    weights[k * q + l] = span > 0 ? 1 - abs(positions[k] - positions[l]) / span : (k == l ? 1 : 0)
                case .quadratic:
                    let d = positions[k] - positions[l]
                    weights[k * q + l] = span > 0 ? 1 - d * d / (span * span) : (k == l ? 1 : 0)
                }
            }
        }
        return weights
    }

    /// T_w = Σ_kl w_kl, the sum of the weight matrix (Gwet's chance agreement scales with it).
    public func total(positions: [Double]) -> Double {
        matrix(positions: positions).reduce(0, +)
    }
}
