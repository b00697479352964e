import Foundation

/// Does the rubric measure distinct things? The Pearson correlation of every two criteria over
/// scored answers, and of each criterion with the overall preference (convergent and discriminant
/// validity in the sense of Campbell & Fiske 1959, read off a correlation matrix).
///
/// Observations: in an absolute rubric, each answer of each first showing (repeats left out) is one
/// observation carrying its score on every criterion; in a comparative rubric, each judgement, with
/// the comparison on every criterion. Against the preference, each judgement gives the criterion's
/// margin for the left answer (score A − score B, or −comparison) and the preference coded +1 (A),
/// −1 (B), 0 (tie, both weak) — a point-biserial-like Pearson correlation.
///
/// A **halo warning** names each pair of criteria correlating above 0.85: the raters (or the
/// rubric) are not telling them apart, and the criteria should not be read as separate findings
/// (Thorndike 1920's halo effect). Intervals are Fisher-z and assume independent observations;
/// answers of one rater are not, so read them as lower bounds on the uncertainty. Degenerate cases
/// are those of `PearsonCorrelation` (fewer than 3 observations, no variation → undefined).
public struct ConstructValidity: Sendable, Equatable, Codable {
    public static let haloThreshold = 0.85

    public struct Pair: Sendable, Equatable, Codable {
        public var first: String
        public var second: String
        public var correlation: PearsonCorrelation
    }

    public struct WithPreference: Sendable, Equatable, Codable {
        public var criterion: String
        public var correlation: PearsonCorrelation
    }

    /// Criterion ids in rubric order.
    public var criteria: [String]
    /// `criteria.count × criteria.count`, row-major; 1 on the diagonal.
    public var matrix: [[Double?]]
    /// Every pair above the diagonal, in rubric order.
    public var pairs: [Pair]
    public var withPreference: [WithPreference]
    public var haloThreshold: Double
    /// Pairs above the threshold, as "originality and tension".
    public var haloWarnings: [String]
    public var observations: Int

    public static func compute(_ judgements: [RatedJudgement], rubric: Rubric) -> ConstructValidity {
        let criteria = rubric.criteria.map(\.id)
        let k = criteria.count
        // Flat columns with NaN for a missing score: one pass, no optionals per cell.
        var columns = [[Double]](repeating: [], count: k), margins = columns
        var preferences: [Double] = []
        for rated in judgements where rated.judgement.repeatOf == nil {
            let judgement = rated.judgement
            for (c, id) in criteria.enumerated() {
                let score = judgement.scores[id]
                if rubric.mode == .absolute {
                    columns[c].append(score?.a.map(Double.init) ?? .nan)
                    columns[c].append(score?.b.map(Double.init) ?? .nan)
                    if let a = score?.a, let b = score?.b { margins[c].append(Double(a - b)) } else { margins[c].append(.nan) }
                } else {
                    columns[c].append(score?.comparison.map(Double.init) ?? .nan)
                    margins[c].append(score?.comparison.map { Double(-$0) } ?? .nan)
                }
            }
            switch judgement.preference {
            case .a: preferences.append(1)
            case .b: preferences.append(-1)
            case .tie, .bothWeak: preferences.append(0)
            case nil: preferences.append(.nan)
            }
        }
        func correlation(_ x: [Double], _ y: [Double]) -> PearsonCorrelation {
            var a: [Double] = [], b: [Double] = []
            a.reserveCapacity(x.count)
            b.reserveCapacity(x.count)
            for index in x.indices where !x[index].isNaN && !y[index].isNaN {
                a.append(x[index])
                b.append(y[index])
            }
            return PearsonCorrelation(a, b)
        }
        let observations = columns.first?.count ?? 0
        var matrix = [[Double?]](repeating: [Double?](repeating: nil, count: k), count: k)
        var pairs: [Pair] = []
        var warnings: [String] = []
        let names = Dictionary(uniqueKeysWithValues: rubric.criteria.map { ($0.id, $0.name.en) })
        for i in 0..<k {
            matrix[i][i] = 1
            for j in (i + 1)..<max(i + 1, k) {
                let correlation = correlation(columns[i], columns[j])
                matrix[i][j] = correlation.r
                matrix[j][i] = correlation.r
                pairs.append(Pair(first: criteria[i], second: criteria[j], correlation: correlation))
                if let r = correlation.r, r > haloThreshold {
                    warnings.append("\(names[criteria[i]] ?? criteria[i]) and \(names[criteria[j]] ?? criteria[j])")
                }
            }
        }
        let withPreference = criteria.indices.map { c in
            WithPreference(criterion: criteria[c], correlation: correlation(margins[c], preferences))
        }
        return ConstructValidity(criteria: criteria, matrix: matrix, pairs: pairs, withPreference: withPreference,
                                 haloThreshold: haloThreshold, haloWarnings: warnings, observations: observations)
    }
}
