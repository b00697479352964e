/// Agreement without a chance correction: how often raters give the same category. Easy to read,
/// but high by construction when one category dominates, so read it next to alpha or AC1.
///
/// Raw agreement is the mean, over units with at least two ratings, of the share of agreeing pairs
/// of ratings, Σ_k n_uk (n_uk − 1) / (m_u (m_u − 1)) — Fleiss' P̄; for two raters, the share of
/// units on which they agree.
///
/// Leave-one-out agreement is the AlpacaEval human-agreement definition (Dubois et al. 2023,
/// "AlpacaFarm", §4 / `alpaca_eval` analysis): each rating in turn is held out and compared with the
/// majority (mode) of the other ratings of the same unit; the score is the mean over all held-out
/// ratings of units with two or more ratings. When the others' mode is not unique, AlpacaEval picks
/// one at random; here the held-out rating scores 1/(number of modes) if it is one of them — the
/// expected value of that random pick — so the result is deterministic.
///
/// Both undefined (with the reason) when no unit has two ratings.
public enum PercentAgreement {
    public static func raw(_ table: RatingsTable) -> AgreementValue {
        if table.raterCount < 2 { return .undefined(reason: "a single rater: agreement needs at least two") }
        return raw(table.categoryCounts)
    }

    public static func raw(_ counts: CategoryCounts) -> AgreementValue {
        let q = counts.categoryCount
        var sum = 0.0
        var used = 0.0
        for u in 0..<counts.rowCount {
            let m = Double(counts.totals[u])
            let weight = counts.multiplicity[u]
            guard m >= 2, weight > 0 else { continue }
            var agreeing = 0.0
            for k in 0..<q {
                let n = Double(counts.counts[u * q + k])
                agreeing += n * (n - 1)
            }
            sum += weight * agreeing / (m * (m - 1))
            used += weight
        }
        guard used > 0 else { return .undefined(reason: "no unit has two or more ratings") }
        return .defined(sum / used)
    }

    public static func leaveOneOut(_ table: RatingsTable) -> AgreementValue {
        if table.raterCount < 2 { return .undefined(reason: "a single rater: agreement needs at least two") }
        return leaveOneOut(table.categoryCounts)
    }

    public static func leaveOneOut(_ counts: CategoryCounts) -> AgreementValue {
        let q = counts.categoryCount
        var sum = 0.0
        var heldOut = 0.0
        for u in 0..<counts.rowCount {
            let m = Int(counts.totals[u])
            let weight = counts.multiplicity[u]
            guard m >= 2, weight > 0 else { continue }
            let base = u * q
            for c in 0..<q {
                let n = Int(counts.counts[base + c])
                guard n > 0 else { continue }
                // The others' counts are this unit's counts with one rating of c removed.
                var top = 0
                var modes = 0
                var heldOutIsMode = false
                for k in 0..<q {
                    let others = Int(counts.counts[base + k]) - (k == c ? 1 : 0)
                    if others > top {
                        top = others
                        modes = 1
                        heldOutIsMode = k == c
                    } else if others == top, others > 0 {
                        modes += 1
                        if k == c { heldOutIsMode = true }
                    }
                }
                if heldOutIsMode { sum += weight * Double(n) / Double(modes) }
                heldOut += weight * Double(n)
            }
        }
        guard heldOut > 0 else { return .undefined(reason: "no unit has two or more ratings") }
        return .defined(sum / heldOut)
    }
}
