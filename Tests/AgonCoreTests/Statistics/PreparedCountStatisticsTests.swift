import Testing
@testable import AgonCore

/// The bootstrap's fast path (`PreparedCountStatistics`: row pieces worked out once, a round only
/// reweights them) against the straightforward one: each statistic recomputed from the definition,
/// unit by unit, on every resample. They must agree to the last bit — the report's intervals are
/// pinned by published values and compared byte for byte.
struct PreparedCountStatisticsTests {
    static let statistics: [CountStatistic] = MeasurementLevel.allCases.map { .alpha($0) }
        + AgreementWeights.allCases.map { .gwet($0) } + [.fleiss, .percentAgreement, .leaveOneOut]

    /// Missing ratings leave units with one rating or none, which every statistic must skip alike.
    static let table = AgreementInvariantTests.randomTable(seed: 31, units: 150, raters: 5, q: 5, missing: 0.35)

    @Test func fastIntervalsAreTheRecomputedOnes() {
        let counts = Self.table.categoryCounts
        let bootstrap = AgreementBootstrap(rounds: 400, seed: 12)
        let fast = bootstrap.intervals(counts, of: Self.statistics)
        let recomputed = bootstrap.intervals(counts, Self.statistics.map { statistic in { Straightforward.value(statistic, $0) } })
        #expect(fast.allSatisfy { $0?.isDefined == true })
        #expect(fast == recomputed)
    }

    @Test func valuesAreTheRecomputedOnes() {
        let counts = Self.table.categoryCounts
        let straightforward = Self.statistics.map { Straightforward.value($0, counts) }
        #expect(PreparedCountStatistics(counts, Self.statistics).values() == straightforward)
        #expect(Self.statistics.map { $0.value(counts) } == straightforward)
        // Reweighted rows, as a round sees them: some drawn twice, some not at all.
        var reweighted = counts
        for row in 0..<counts.rowCount { reweighted.multiplicity[row] = Double(row % 3) }
        #expect(PreparedCountStatistics(counts, Self.statistics).values(multiplicity: reweighted.multiplicity)
                == Self.statistics.map { Straightforward.value($0, reweighted) })
    }

    @Test func unorderedCategoriesLeaveWeightedAC2Undefined() {
        let values = PreparedCountStatistics(Self.table.categoryCounts, [.gwet(.identity, ordered: false), .gwet(.linear, ordered: false)]).values()
        #expect(values[0].value != nil)
        #expect(values[1].reason == "weighted AC2 needs ordered categories")
    }
}

/// Each statistic from its definition in one pass over the units, as the statistics were computed
/// before the bootstrap prepared them.
enum Straightforward {
    static func value(_ statistic: CountStatistic, _ counts: CategoryCounts) -> AgreementValue {
        switch statistic {
        case .alpha(let level, let ordered):
            return KrippendorffAlpha.alpha(coincidences: coincidences(counts), counts: counts, level: level, ordered: ordered)
        case .gwet(let weights, _): return gwet(counts, weights.matrix(positions: counts.positions))
        case .fleiss:
            let (agreement, shares) = sums(counts, AgreementWeights.identity.matrix(positions: counts.positions))
            return FleissKappa.kappa(agreement: agreement, shares: shares).kappa
        case .percentAgreement:
            return PercentAgreement.raw(agreement: sums(counts, AgreementWeights.identity.matrix(positions: counts.positions)).agreement)
        case .leaveOneOut: return leaveOneOut(counts)
        }
    }

    static func count(_ counts: CategoryCounts, _ u: Int, _ k: Int) -> Double { Double(counts.counts[u * counts.categoryCount + k]) }

    static func coincidences(_ counts: CategoryCounts) -> [Double] {
        let q = counts.categoryCount
        var o = [Double](repeating: 0, count: q * q)
        for u in 0..<counts.rowCount {
            let m = Double(counts.totals[u])
            guard m >= 2, counts.multiplicity[u] > 0 else { continue }
            let scale = counts.multiplicity[u] / (m - 1)
            for c in 0..<q where count(counts, u, c) > 0 {
                for k in 0..<q where count(counts, u, k) > 0 {
                    o[c * q + k] += count(counts, u, c) * (count(counts, u, k) - (c == k ? 1 : 0)) * scale
                }
            }
        }
        return o
    }

    static func sums(_ counts: CategoryCounts, _ w: [Double]) -> (agreement: (sum: Double, units: Double), shares: (shares: [Double], units: Double)) {
        let q = counts.categoryCount
        var agreement = (sum: 0.0, units: 0.0), shares = (shares: [Double](repeating: 0, count: q), units: 0.0)
        for u in 0..<counts.rowCount {
            let (r, weight) = (Double(counts.totals[u]), counts.multiplicity[u])
            guard r >= 1, weight > 0 else { continue }
            shares.units += weight
            for k in 0..<q { shares.shares[k] += weight * count(counts, u, k) / r }
            guard r >= 2 else { continue }
            var agreeing = 0.0
            for k in 0..<q where count(counts, u, k) > 0 {
                var weighted = 0.0
                for l in 0..<q where count(counts, u, l) > 0 { weighted += w[k * q + l] * count(counts, u, l) }
                agreeing += count(counts, u, k) * (weighted - 1)
            }
            agreement.sum += weight * agreeing / (r * (r - 1))
            agreement.units += weight
        }
        return (agreement, shares)
    }

    static func gwet(_ counts: CategoryCounts, _ w: [Double]) -> AgreementValue {
        guard counts.categoryCount >= 2 else { return GwetAC.singleCategory }
        let (agreement, shares) = sums(counts, w)
        return GwetAC.coefficient(agreement: agreement, shares: shares, totalWeight: w.reduce(0, +))
    }

    static func leaveOneOut(_ counts: CategoryCounts) -> AgreementValue {
        let q = counts.categoryCount
        var sum = 0.0, heldOut = 0.0
        for u in 0..<counts.rowCount where counts.totals[u] >= 2 && counts.multiplicity[u] > 0 {
            let weight = counts.multiplicity[u]
            for c in 0..<q where count(counts, u, c) > 0 {
                let others = (0..<q).map { count(counts, u, $0) - ($0 == c ? 1 : 0) }
                let top = others.max()!
                let modes = others.filter { $0 == top && $0 > 0 }.count
                if top > 0, others[c] == top { sum += weight * count(counts, u, c) / Double(modes) }
                heldOut += weight * count(counts, u, c)
            }
        }
        guard heldOut > 0 else { return .undefined(reason: "no unit has two or more ratings") }
        return .defined(sum / heldOut)
    }
}
