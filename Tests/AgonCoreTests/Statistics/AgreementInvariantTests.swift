import Foundation
import Testing
@testable import AgonCore

/// Properties any correct agreement statistic has, checked on seeded random tables.
struct AgreementInvariantTests {
    /// A units × raters table on a 1…q scale with some missing ratings and real (noisy) agreement.
    static func randomTable(seed: UInt64, units: Int = 40, raters: Int = 5, q: Int = 5, missing: Double = 0.2) -> RatingsTable {
        var random = SeededRandom(seed: seed)
        var values: [[Double?]] = []
        for _ in 0..<units {
            let truth = random.below(q)
            values.append((0..<raters).map { _ in
                if random.unit() < missing { return nil }
                let noise = random.below(3) - 1
                return Double(min(q - 1, max(0, truth + noise)) + 1)
            })
        }
        return RatingsTable(units: (0..<units).map { "u\($0)" }, raters: (0..<raters).map { "r\($0)" }, values: values,
                            scale: (1...q).map(Double.init))
    }

    static func permuted<T>(_ array: [T], seed: UInt64) -> [T] {
        var random = SeededRandom(seed: seed)
        var copy = array
        random.shuffle(&copy)
        return copy
    }

    static func summary(_ table: RatingsTable) -> [Double?] {
        var values: [Double?] = MeasurementLevel.allCases.map { KrippendorffAlpha.alpha(table, level: $0).value }
        values.append(FleissKappa.kappa(table).kappa.value)
        values += AgreementWeights.allCases.map { GwetAC.coefficient(table, weights: $0).value }
        values.append(PercentAgreement.raw(table).value)
        values.append(PercentAgreement.leaveOneOut(table).value)
        let icc = IntraclassCorrelation.compute(table)
        values += IntraclassCorrelation.Form.allCases.map { icc[$0].value }
        return values
    }

    static func close(_ a: [Double?], _ b: [Double?]) -> Bool {
        a.count == b.count && zip(a, b).allSatisfy { x, y in
            switch (x, y) {
            case (nil, nil): return true
            case let (x?, y?): return abs(x - y) < 1e-9
            default: return false
            }
        }
    }

    @Test(arguments: [1, 2, 3] as [UInt64])
    func relabellingRatersChangesNothing(seed: UInt64) {
        let table = Self.randomTable(seed: seed, missing: 0.05)
        let order = Self.permuted(Array(0..<table.raterCount), seed: seed + 100)
        #expect(order != Array(0..<table.raterCount))
        #expect(Self.close(Self.summary(table), Self.summary(table.selecting(raters: order))))
        // A pair's kappa is the same pair's kappa under the new names.
        let moved = table.selecting(raters: order)
        let i = order.firstIndex(of: 0)!, j = order.firstIndex(of: 1)!
        for weights in AgreementWeights.allCases {
            #expect(CohenKappa.kappa(table, raters: 0, 1, weights: weights).kappa.value.map { ($0 * 1e9).rounded() }
                == CohenKappa.kappa(moved, raters: i, j, weights: weights).kappa.value.map { ($0 * 1e9).rounded() })
        }
    }

    @Test(arguments: [4, 5, 6] as [UInt64])
    func relabellingUnitsChangesNothing(seed: UInt64) {
        let table = Self.randomTable(seed: seed)
        let order = Self.permuted(Array(0..<table.unitCount), seed: seed + 200)
        #expect(Self.close(Self.summary(table), Self.summary(table.selecting(units: order))))
    }

    @Test func renamingNominalCategoriesChangesNothing() {
        let table = Self.randomTable(seed: 9)
        // The same ratings with the categories listed in another order (as nominal labels).
        let newOrder = [3, 0, 4, 1, 2]
        let labels: [[String?]] = (0..<table.unitCount).map { u in
            (0..<table.raterCount).map { r in
                let code = table.code(unit: u, rater: r)
                return code < 0 ? nil : "c\(newOrder[Int(code)])"
            }
        }
        let renamed = RatingsTable(units: table.unitIDs, raters: table.raterIDs, labels: labels, scale: (0..<5).map { "c\($0)" })
        func nominal(_ t: RatingsTable) -> [Double?] {
            [KrippendorffAlpha.alpha(t, level: .nominal).value, FleissKappa.kappa(t).kappa.value,
             GwetAC.coefficient(t).value, PercentAgreement.raw(t).value, PercentAgreement.leaveOneOut(t).value,
             CohenKappa.kappa(t, raters: 0, 2).kappa.value]
        }
        #expect(Self.close(nominal(table), nominal(renamed)))
    }

    @Test func perfectAgreementGivesOne() {
        let values: [[Double?]] = (0..<12).map { u in
            let v = Double(u % 5 + 1)
            return [v, v, u % 3 == 0 ? nil : v, v]
        }
        let table = RatingsTable(units: (0..<12).map { "u\($0)" }, raters: ["a", "b", "c", "d"], values: values,
                                 scale: [1, 2, 3, 4, 5, 6, 7])
        for level in MeasurementLevel.allCases { #expect(KrippendorffAlpha.alpha(table, level: level) == .defined(1)) }
        #expect(rounded(FleissKappa.kappa(table).kappa, 12) == 1)
        for weights in AgreementWeights.allCases {
            #expect(rounded(GwetAC.coefficient(table, weights: weights), 12) == 1)
            #expect(rounded(CohenKappa.kappa(table, raters: 0, 1, weights: weights).kappa, 12) == 1)
        }
        #expect(PercentAgreement.raw(table) == .defined(1))
        #expect(PercentAgreement.leaveOneOut(table) == .defined(1))
        let complete = table.selecting(raters: [0, 1, 3])
        let icc = IntraclassCorrelation.compute(complete)
        for form in IntraclassCorrelation.Form.allCases { #expect(rounded(icc[form], 12) == 1) }
    }

    /// Alpha written the long way, straight from the pairable values (Krippendorff 2011, §D/E):
    /// observed disagreement averages δ² over all pairs of values within a unit (weighted 1/(m_u − 1));
    /// expected disagreement averages δ² over all pairs of pairable values in the whole table.
    static func slowAlpha(_ table: RatingsTable, level: MeasurementLevel) -> Double? {
        var pairable: [[Int]] = []
        for u in 0..<table.unitCount {
            let codes = (0..<table.raterCount).map { Int(table.code(unit: u, rater: $0)) }.filter { $0 >= 0 }
            if codes.count >= 2 { pairable.append(codes) }
        }
        let all = pairable.flatMap { $0 }
        let n = Double(all.count)
        guard n > 1 else { return nil }
        let values = table.numericValues!
        let frequency = (0..<table.categoryCount).map { c in Double(all.filter { $0 == c }.count) }
        func delta(_ c: Int, _ k: Int) -> Double {
            switch level {
            case .nominal: return c == k ? 0 : 1
            case .ordinal:
                let low = min(c, k), high = max(c, k)
                var sum = 0.0
                for g in low...high { sum += frequency[g] }
                sum -= (frequency[c] + frequency[k]) / 2
                return c == k ? 0 : sum * sum
            case .interval: return (values[c] - values[k]) * (values[c] - values[k])
            case .ratio:
                let s = values[c] + values[k]
                return s == 0 ? 0 : ((values[c] - values[k]) / s) * ((values[c] - values[k]) / s)
            }
        }
        var observed = 0.0
        for codes in pairable {
            var sum = 0.0
            for i in codes.indices { for j in codes.indices where i != j { sum += delta(codes[i], codes[j]) } }
            observed += sum / Double(codes.count - 1)
        }
        observed /= n
        var expected = 0.0
        for i in all.indices { for j in all.indices where i != j { expected += delta(all[i], all[j]) } }
        expected /= n * (n - 1)
        guard expected > 0 else { return nil }
        return 1 - observed / expected
    }

    @Test(arguments: [11, 12, 13, 14, 15] as [UInt64])
    func alphaMatchesTheLongWayOnRandomData(seed: UInt64) {
        let table = Self.randomTable(seed: seed, units: 30, raters: 4, q: 7, missing: 0.3)
        for level in MeasurementLevel.allCases {
            let fast = KrippendorffAlpha.alpha(table, level: level).value
            let slow = Self.slowAlpha(table, level: level)
            #expect(fast != nil)
            #expect(abs((fast ?? 0) - (slow ?? 99)) < 1e-10, "\(level)")
        }
    }

    @Test func weightedKappaUsesTheWholeScale() {
        // The pair used 1, 2 and 7 of a 1…7 scale. Over the whole scale 7 is far from 2; a version
        // that re-indexed the used categories (1, 2, 7 → 0, 1, 2) would make them neighbours.
        let pairs: [(Double, Double)] = [(1, 2), (1, 2), (1, 2), (2, 1), (2, 1), (7, 7), (7, 7), (7, 7), (2, 2), (1, 1)]
        let table = RatingsTable(units: pairs.indices.map { "u\($0)" }, raters: ["a", "b"],
                                 values: pairs.map { [$0.0, $0.1] }, scale: [1, 2, 3, 4, 5, 6, 7])
        for (weights, power) in [(AgreementWeights.linear, 1.0), (.quadratic, 2.0)] {
            // 1 − (mean disagreement over the pairs) / (mean disagreement over all cross pairs).
            func d(_ x: Double, _ y: Double) -> Double { pow(abs(x - y), power) }
            let observed = pairs.reduce(0) { $0 + d($1.0, $1.1) } / Double(pairs.count)
            var expected = 0.0
            for p in pairs { for r in pairs { expected += d(p.0, r.1) } }
            expected /= Double(pairs.count * pairs.count)
            let kappa = CohenKappa.kappa(table, raters: 0, 1, weights: weights).kappa.value!
            #expect(abs(kappa - (1 - observed / expected)) < 1e-12)
            let usedOnly = RatingsTable(units: table.unitIDs, raters: ["a", "b"],
                                        labels: pairs.map { ["\(Int($0.0))", "\(Int($0.1))"] }, scale: ["1", "2", "7"], ordered: true)
            // Positions would be the values 1, 2, 7 here too; force positions 0, 1, 2 to show the pitfall.
            let reindexed = RatingsTable(unitIDs: usedOnly.unitIDs, raterIDs: usedOnly.raterIDs, categories: usedOnly.categories,
                                         numericValues: [0, 1, 2], isOrdered: true, cells: usedOnly.cells)
            let wrong = CohenKappa.kappa(reindexed, raters: 0, 1, weights: weights).kappa.value!
            #expect(abs(kappa - wrong) > 0.01)
        }
    }
}

struct CohenMatrixTests {
    /// The one-pass matrix equals pair-by-pair kappa.
    @Test func matrixEqualsPairByPair() {
        let table = AgreementInvariantTests.randomTable(seed: 31, units: 50, raters: 4, missing: 0.3)
        for weights in AgreementWeights.allCases {
            let matrix = CohenKappa.matrix(table, weights: weights)
            for i in 0..<4 {
                #expect(matrix[i * 4 + i] == nil)
                for j in 0..<4 where i != j {
                    let pair = CohenKappa.kappa(table, raters: min(i, j), max(i, j), weights: weights)
                    #expect(matrix[i * 4 + j]?.sharedUnits == pair.sharedUnits)
                    #expect(abs((matrix[i * 4 + j]?.kappa.value ?? 9) - (pair.kappa.value ?? 0)) < 1e-12)
                }
            }
        }
    }
}
