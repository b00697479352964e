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
        let statistic: @Sendable (CategoryCounts) -> AgreementValue = { KrippendorffAlpha.alpha($0, level: .interval) }
        let first = bootstrap.interval(table.categoryCounts, statistic)
        let second = bootstrap.interval(table.categoryCounts, statistic)
        #expect(first == second)
        let estimate = KrippendorffAlpha.alpha(table, level: .interval).value!
        let interval = try #require(first)
        let low = try #require(interval.low), high = try #require(interval.high)
        #expect(low < estimate && estimate < high)
        #expect(high - low > 0.01)
        #expect(interval.definedRounds == 300)
        let other = AgreementBootstrap(rounds: 300, seed: 8).interval(table.categoryCounts, statistic)
        #expect(other != first)
    }

    /// Resampling count rows through multiplicities draws the same units as copying them.
    @Test func multiplicityResamplingEqualsCopyingUnits() {
        let table = AgreementInvariantTests.randomTable(seed: 22, units: 50, raters: 4)
        let bootstrap = AgreementBootstrap(rounds: 200, seed: 3)
        for level in MeasurementLevel.allCases {
            let viaCounts = bootstrap.interval(table.categoryCounts) { KrippendorffAlpha.alpha($0, level: level) }
            let viaTable = bootstrap.interval(table) { KrippendorffAlpha.alpha($0, level: level) }
            #expect(viaCounts != nil)
            #expect(abs((viaCounts?.low ?? 0) - (viaTable?.low ?? 9)) < 1e-9)
            #expect(abs((viaCounts?.high ?? 0) - (viaTable?.high ?? 9)) < 1e-9)
        }
        let fleissCounts = bootstrap.interval(table.categoryCounts) { FleissKappa.kappa($0).kappa }
        let fleissTable = bootstrap.interval(table) { FleissKappa.kappa($0).kappa }
        #expect(abs((fleissCounts?.low ?? 0) - (fleissTable?.low ?? 9)) < 1e-9)
    }

    /// Weighting complete rows equals repeating them in the table.
    @Test func weightedICCEqualsRepeatedUnits() throws {
        let table = AgreementInvariantTests.randomTable(seed: 24, units: 30, raters: 3, missing: 0)
        let rows = try #require(IntraclassCorrelation.completeRows(table))
        var multiplicity = [Double](repeating: 0, count: 30)
        var selection: [Int] = []
        var random = SeededRandom(seed: 9)
        for _ in 0..<30 {
            let unit = random.below(30)
            multiplicity[unit] += 1
            selection.append(unit)
        }
        let weighted = IntraclassCorrelation.anova(rows, multiplicity: multiplicity).values
        let expanded = IntraclassCorrelation.compute(table.selecting(units: selection))
        for form in IntraclassCorrelation.Form.allCases {
            #expect(abs(weighted[form]!.value! - expanded[form].value!) < 1e-9, "\(form)")
        }
    }

    @Test func compressionKeepsEveryStatistic() {
        let table = AgreementInvariantTests.randomTable(seed: 23, units: 200, raters: 3, q: 3)
        let counts = table.categoryCounts
        let (compressed, _) = counts.compressed()
        #expect(compressed.rowCount < counts.rowCount)
        for level in MeasurementLevel.allCases {
            #expect(abs(KrippendorffAlpha.alpha(counts, level: level).value! - KrippendorffAlpha.alpha(compressed, level: level).value!) < 1e-12)
        }
        #expect(abs(GwetAC.coefficient(counts, weights: .quadratic).value! - GwetAC.coefficient(compressed, weights: .quadratic).value!) < 1e-12)
        #expect(abs(PercentAgreement.leaveOneOut(counts).value! - PercentAgreement.leaveOneOut(compressed).value!) < 1e-12)
        #expect(abs(FleissKappa.kappa(counts).kappa.value! - FleissKappa.kappa(compressed).kappa.value!) < 1e-12)
    }

    @Test func intervalIsUndefinedWhenMostResamplesAre() throws {
        let table = AgreementInvariantTests.randomTable(seed: 3, units: 40, raters: 3)
        // Defined only when both u0 and u1 are drawn: about 0.63² = 40% of resamples.
        let rare: @Sendable (RatingsTable) -> AgreementValue = { resample in
            resample.unitIDs.contains("u0") && resample.unitIDs.contains("u1")
                ? PercentAgreement.raw(resample) : .undefined(reason: "test")
        }
        // Undefined only when both are drawn: about 60% defined.
        let common: @Sendable (RatingsTable) -> AgreementValue = { resample in
            resample.unitIDs.contains("u0") && resample.unitIDs.contains("u1")
                ? .undefined(reason: "test") : PercentAgreement.raw(resample)
        }
        let intervals = AgreementBootstrap(rounds: 400, seed: 5).intervals(table, [rare, common])
        // Undefined, and saying from how few rounds: never a silent "—".
        let dropped = try #require(intervals[0])
        #expect(dropped.low == nil && dropped.high == nil)
        #expect(dropped.definedRounds > 100 && dropped.definedRounds < 200, "\(dropped)")
        #expect(dropped.rounds == 400)
        let kept = try #require(intervals[1])
        #expect(kept.definedRounds > 200 && kept.definedRounds < 300)
    }
}
