import Testing
@testable import AgonCore

struct AgreementBootstrapTests {
    @Test func percentileInterpolatesLikeRAndNumpy() {
        // numpy.percentile([1, 2, 3, 4], [25, 50, 97.5]) == [1.75, 2.5, 3.925]
        #expect(AgreementBootstrap.percentile([1, 2, 3, 4], 0.25) == 1.75)
        #expect(AgreementBootstrap.percentile([1, 2, 3, 4], 0.5) == 2.5)
        #expect(abs(AgreementBootstrap.percentile([1, 2, 3, 4], 0.975) - 3.925) < 1e-12)
        #expect(AgreementBootstrap.percentile([7], 0.025) == 7)
    }

    @Test func intervalIsSeededAndContainsTheEstimate() throws {
        let table = AgreementInvariantTests.randomTable(seed: 21, units: 60, raters: 4)
        let bootstrap = AgreementBootstrap(rounds: 300, seed: 7)
        let statistic: (RatingsTable, CategoryCounts) -> AgreementValue = { _, counts in
            KrippendorffAlpha.alpha(counts, level: .interval)
        }
        let first = bootstrap.interval(table, statistic)
        let second = bootstrap.interval(table, statistic)
        #expect(first == second)
        let estimate = KrippendorffAlpha.alpha(table, level: .interval).value!
        let interval = try #require(first)
        #expect(interval.low < estimate && estimate < interval.high)
        #expect(interval.high - interval.low > 0.01)
        #expect(interval.definedRounds == 300)
        let other = AgreementBootstrap(rounds: 300, seed: 8).interval(table, statistic)
        #expect(other != first)
    }

    @Test func intervalIsUndefinedWhenMostResamplesAre() throws {
        let table = AgreementInvariantTests.randomTable(seed: 3, units: 40, raters: 3)
        // Defined only when both u0 and u1 are drawn: about 0.63² = 40% of resamples.
        let rare: (RatingsTable, CategoryCounts) -> AgreementValue = { resample, counts in
            resample.unitIDs.contains("u0") && resample.unitIDs.contains("u1")
                ? PercentAgreement.raw(counts) : .undefined(reason: "test")
        }
        // Undefined only when both are drawn: about 60% defined.
        let common: (RatingsTable, CategoryCounts) -> AgreementValue = { resample, counts in
            resample.unitIDs.contains("u0") && resample.unitIDs.contains("u1")
                ? .undefined(reason: "test") : PercentAgreement.raw(counts)
        }
        let intervals = AgreementBootstrap(rounds: 400, seed: 5).intervals(table, [rare, common])
        #expect(intervals[0] == nil)
        let kept = try #require(intervals[1])
        #expect(kept.definedRounds > 200 && kept.definedRounds < 300)
    }
}
