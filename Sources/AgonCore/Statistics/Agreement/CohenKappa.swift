/// Cohen's kappa for one pair of raters (Cohen 1960), and weighted kappa (Cohen 1968):
///
///     p_o = Σ_kl w_kl p_kl,   p_e = Σ_kl w_kl p_k· p_·l,   κ = (p_o − p_e) / (1 − p_e)
///
/// over the units both raters rated, with p_kl the share of those units rated k by the first and
/// l by the second. Weights (`AgreementWeights`) are identity (unweighted κ), linear or quadratic,
/// always over the whole scale — categories neither rater used still set the distance between the
/// ones they did use.
///
/// Undefined (with the reason): no unit rated by both; p_e = 1 (both raters put every shared unit
/// in one and the same category, so chance explains everything and κ is 0/0); weighted κ on a
/// scale with no order.
public enum CohenKappa {
    public struct PairResult: Equatable, Sendable {
        public var kappa: AgreementValue
        /// Units rated by both raters.
        public var sharedUnits: Int
        /// Observed (weighted) agreement p_o; nil when there are no shared units.
        public var observedAgreement: Double?
    }

    public static func kappa(_ table: RatingsTable, raters first: Int, _ second: Int,
                             weights: AgreementWeights = .identity) -> PairResult {
        if weights != .identity, !table.isOrdered {
            return PairResult(kappa: .undefined(reason: "weighted kappa needs ordered categories"), sharedUnits: 0, observedAgreement: nil)
        }
        let q = table.categoryCount
        let raters = table.raterCount
        var joint = [Double](repeating: 0, count: q * q)
        var shared = 0
        for u in 0..<table.unitCount {
            let a = table.cells[u * raters + first], b = table.cells[u * raters + second]
            guard a >= 0, b >= 0 else { continue }
            joint[Int(a) * q + Int(b)] += 1
            shared += 1
        }
        guard shared > 0 else {
            return PairResult(kappa: .undefined(reason: "the two raters share no unit"), sharedUnits: 0, observedAgreement: nil)
        }
        return fromJointCounts(joint, categories: q, positions: table.categoryPositions, weights: weights)
    }

    /// κ from a q×q table of joint counts (rows: first rater, columns: second).
    public static func fromJointCounts(_ joint: [Double], categories q: Int, positions: [Double],
                                       weights: AgreementWeights) -> PairResult {
        let total = joint.reduce(0, +)
        guard total > 0 else {
            return PairResult(kappa: .undefined(reason: "the two raters share no unit"), sharedUnits: 0, observedAgreement: nil)
        }
        let w = weights.matrix(positions: positions)
        var rows = [Double](repeating: 0, count: q)
        var columns = [Double](repeating: 0, count: q)
        for k in 0..<q {
            for l in 0..<q {
                rows[k] += joint[k * q + l] / total
                columns[l] += joint[k * q + l] / total
            }
        }
        var observed = 0.0, expected = 0.0
        for k in 0..<q {
            for l in 0..<q {
                observed += w[k * q + l] * joint[k * q + l] / total
                expected += w[k * q + l] * rows[k] * columns[l]
            }
        }
        let kappa = AgreementValue.ratio(observed - expected, over: 1 - expected,
            else: "chance agreement is 1 (both raters used a single category throughout): kappa is 0/0")
        return PairResult(kappa: kappa, sharedUnits: Int(total), observedAgreement: observed)
    }

    /// Joint counts of every rater pair i < j (q×q each, at offset (i·r + j)·q²), from one pass over
    /// the units: the sufficient statistic of every pair's kappa, whatever the weights.
    public static func jointCounts(_ table: RatingsTable) -> [Double] {
        let r = table.raterCount
        let q = table.categoryCount
        var joint = [Double](repeating: 0, count: r * r * q * q)
        guard r >= 2 else { return joint }
        var present = [Int](repeating: 0, count: r)
        table.cells.withUnsafeBufferPointer { cells in
            joint.withUnsafeMutableBufferPointer { joint in
                for u in 0..<table.unitCount {
                    var used = 0
                    for rater in 0..<r where cells[u * r + rater] >= 0 {
                        present[used] = rater
                        used += 1
                    }
                    guard used >= 2 else { continue }
                    for x in 0..<(used - 1) {
                        let i = present[x]
                        let a = Int(cells[u * r + i])
                        for y in (x + 1)..<used {
                            let j = present[y]
                            joint[(i * r + j) * q * q + a * q + Int(cells[u * r + j])] += 1
                        }
                    }
                }
            }
        }
        return joint
    }

    /// κ for every pair of raters, row-major raterCount × raterCount; the diagonal is nil.
    /// `joint` may pass `jointCounts(table)` when the caller has it already.
    public static func matrix(_ table: RatingsTable, weights: AgreementWeights = .identity, joint: [Double]? = nil) -> [PairResult?] {
        let r = table.raterCount
        let q = table.categoryCount
        var result = [PairResult?](repeating: nil, count: r * r)
        guard r >= 2 else { return result }
        if weights != .identity, !table.isOrdered {
            let undefined = PairResult(kappa: .undefined(reason: "weighted kappa needs ordered categories"), sharedUnits: 0, observedAgreement: nil)
            for i in 0..<r { for j in 0..<r where i != j { result[i * r + j] = undefined } }
            return result
        }
        let joint = joint ?? jointCounts(table)
        let positions = table.categoryPositions
        for i in 0..<r {
            for j in (i + 1)..<r {
                let base = (i * r + j) * q * q
                let pair = fromJointCounts(Array(joint[base..<(base + q * q)]), categories: q, positions: positions, weights: weights)
                result[i * r + j] = pair
                result[j * r + i] = pair
            }
        }
        return result
    }
}
