import Foundation
import Testing
@testable import AgonCore

/// Published values for the statistics behind the reviewer's checks, and their degenerate cases.
struct ReviewerStatisticsTests {
    // Anscombe (1973), data set I.
    static let x = [10.0, 8, 13, 9, 11, 14, 6, 4, 12, 7, 5]
    static let y = [8.04, 6.95, 7.58, 8.81, 8.33, 9.96, 7.24, 4.26, 10.84, 4.82, 5.68]

    @Test func pearsonReproducesAnscombeAndRsCorTest() throws {
        let c = PearsonCorrelation(Self.x, Self.y)
        // Anscombe 1973: r = 0.816; R cor.test: 95% CI 0.4243912 … 0.9506933.
        #expect(abs(try #require(c.r) - 0.816) < 0.0005)
        #expect(abs(try #require(c.lower) - 0.4243912) < 1e-6)
        #expect(abs(try #require(c.upper) - 0.9506933) < 1e-6)
        #expect(c.n == 11)
    }

    @Test func pearsonDegenerateCases() {
        #expect(PearsonCorrelation([1, 2], [3, 4]).r == nil)
        let flat = PearsonCorrelation([1, 2, 3, 4], [5, 5, 5, 5])
        #expect(flat.r == nil && flat.undefinedReason != nil)
        let three = PearsonCorrelation([1, 2, 3], [1, 3, 2])
        #expect(three.r == 0.5 && three.lower == nil)
        let perfect = PearsonCorrelation([1, 2, 3, 4, 5], [2, 4, 6, 8, 10])
        #expect(perfect.r == 1 && perfect.lower == nil)
        #expect(PearsonCorrelation(pairs: [(1, 2), (nil, 3), (2, 4), (3, nil), (4, 9)]).n == 3)
    }

    @Test func studentTQuantilesMatchTables() throws {
        // Abramowitz & Stegun table 26.10 / R qt(0.975, df).
        #expect(abs(try #require(StudentT.critical95(degreesOfFreedom: 1)) - 12.7062047) < 1e-6)
        #expect(abs(try #require(StudentT.critical95(degreesOfFreedom: 9)) - 2.2621572) < 1e-6)
        #expect(abs(try #require(StudentT.critical95(degreesOfFreedom: 30)) - 2.0422725) < 1e-6)
        #expect(abs(try #require(StudentT.quantile(0.05, degreesOfFreedom: 5)) + 2.0150484) < 1e-6)
        #expect(StudentT.cdf(0, degreesOfFreedom: 3) == 0.5)
        #expect(StudentT.quantile(1, degreesOfFreedom: 3) == nil)
        #expect(StudentT.cdf(1, degreesOfFreedom: 0) == nil)
    }

    @Test func linearSlopeReproducesAnscombeRegression() throws {
        // R: summary(lm(y1 ~ x1, anscombe)): slope 0.5001, SE 0.1179; confint(): 0.2334 … 0.7668.
        let fit = try #require(LinearSlope.fit(x: Self.x, y: Self.y))
        #expect(abs(fit.slope - 0.5001) < 0.00005)
        #expect(abs(fit.standardError - 0.1179) < 0.00005)
        #expect(abs(fit.lower - 0.2334) < 0.00005)
        #expect(abs(fit.upper - 0.7668) < 0.00005)
    }

    @Test func linearSlopeWithinGroupsIgnoresTheGroupsLevels() throws {
        // Two raters, one 3 points more lenient, both rising by exactly 0.5 per item.
        let x: [Double] = [1, 2, 3, 4, 1, 2, 3, 4]
        let y = x.enumerated().map { index, position in (index < 4 ? 0 : 3) + 0.5 * position }
        let within = try #require(LinearSlope.fit(x: x, y: y, groups: [0, 0, 0, 0, 1, 1, 1, 1]))
        #expect(abs(within.slope - 0.5) < 1e-12)
        #expect(abs(within.upper - within.lower) < 1e-9)
        #expect(within.groups == 2)
        // Each group a single point: no variation within a group.
        #expect(LinearSlope.fit(x: [1, 2, 3], y: [1, 2, 3], groups: [0, 1, 2]) == nil)
        // Two points, one group: no residual degrees of freedom.
        #expect(LinearSlope.fit(x: [1, 2], y: [1, 2]) == nil)
    }

    @Test func holmMatchesRsPAdjust() throws {
        // R: p.adjust(c(0.01, 0.04, 0.03, 0.005), "holm") = 0.03 0.06 0.06 0.02.
        let adjusted = HolmCorrection.adjusted([0.01, 0.04, 0.03, 0.005])
        let expected = [0.03, 0.06, 0.06, 0.02]
        for (a, e) in zip(adjusted, expected) { #expect(abs(try #require(a) - e) < 1e-12) }
        // A test with nothing to test stays nil and leaves the family smaller; capped at 1.
        let partial = HolmCorrection.adjusted([0.2, nil, 0.9])
        #expect(partial[1] == nil)
        #expect(abs(try #require(partial[0]) - 0.4) < 1e-12)
        #expect(partial[2] == 0.9)
        #expect(HolmCorrection.adjusted([0.6, 0.7]) == [1, 1])
    }

    @Test func spearmanBrownSteppingUp() throws {
        #expect(abs(try #require(SpearmanBrown.corrected(0.5)) - 2.0 / 3) < 1e-12)
        #expect(abs(try #require(SpearmanBrown.corrected(0.5, lengthening: 3)) - 0.75) < 1e-12)
        #expect(SpearmanBrown.corrected(-1) == nil)
    }

    @Test func splitHalfOnAMeasureEveryHalfAgreesOn() throws {
        let truth: [Double?] = [1, 4, 2, 8, 5]
        let same = SplitHalfReliability.estimate(raters: 6, splits: 50, seed: 3) { _ in truth }
        #expect(abs(try #require(same.reliability) - 1) < 1e-12)
        #expect(same.usedSplits == 50)
        // Halves that disagree completely: the first rater decides the sign of half the values.
        let noisy = SplitHalfReliability.estimate(raters: 8, splits: 200, seed: 3) { half in
            var random = SeededRandom(seed: UInt64(half.reduce(0) { $0 * 31 + $1 + 1 }))
            return (0..<30).map { _ in random.unit() }
        }
        let value = try #require(noisy.reliability)
        #expect(abs(value) < 0.3)
        #expect(try #require(noisy.lower) < value && value < (try #require(noisy.upper)))
    }

    @Test func splitHalfDegenerateCases() {
        #expect(SplitHalfReliability.estimate(raters: 1, splits: 10, seed: 1) { _ in [1, 2, 3] }.undefinedReason != nil)
        let flat = SplitHalfReliability.estimate(raters: 4, splits: 10, seed: 1) { _ in [2, 2, 2, 2] }
        #expect(flat.reliability == nil && flat.undefinedReason?.contains("vary") == true)
        let short = SplitHalfReliability.estimate(raters: 4, splits: 10, seed: 1) { _ in [1, nil, 2] }
        #expect(short.reliability == nil && short.undefinedReason?.contains("three") == true)
    }
}
