import Testing
@testable import AgonCore

/// Every published value of Fixtures/agreement-reference/README.md, to the published digits.
struct PublishedValuesTests {
    // Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability": 4 observers × 12 units.
    @Test func krippendorffAlphaAllLevels() throws {
        let table = try ReferenceFixtures.table("krippendorff2011_4x12")
        #expect(table.unitCount == 12)
        #expect(table.raterCount == 4)
        #expect(rounded(KrippendorffAlpha.alpha(table, level: .nominal), 3) == 0.743)
        #expect(rounded(KrippendorffAlpha.alpha(table, level: .ordinal), 3) == 0.815)
        #expect(rounded(KrippendorffAlpha.alpha(table, level: .interval), 3) == 0.849)
        #expect(rounded(KrippendorffAlpha.alpha(table, level: .ratio), 3) == 0.797)
    }

    @Test func krippendorffCoincidenceMatrixMatchesThePaper() throws {
        // The paper's coincidence matrix: symmetric, 40 pairable values (unit 12, rated once, is
        // left out), marginals n_c = 9, 13, 10, 5, 3.
        let table = try ReferenceFixtures.table("krippendorff2011_4x12")
        let o = KrippendorffAlpha.coincidenceMatrix(table.categoryCounts)
        let q = table.categoryCount
        #expect(abs(o.reduce(0, +) - 40) < 1e-9)
        for c in 0..<q { for k in 0..<q { #expect(abs(o[c * q + k] - o[k * q + c]) < 1e-12) } }
        let marginals = (0..<q).map { c in (0..<q).reduce(0.0) { $0 + o[c * q + $1] } }
        #expect(marginals.map { ($0 * 1000).rounded() / 1000 } == [9, 13, 10, 5, 3])
    }

    @Test func gwetAC1AndAC2() throws {
        let table = try ReferenceFixtures.table("krippendorff2011_4x12")
        #expect(rounded(GwetAC.coefficient(table, weights: .identity), 3) == 0.775)
        #expect(rounded(GwetAC.coefficient(table, weights: .linear), 3) == 0.859)
        #expect(rounded(GwetAC.coefficient(table, weights: .quadratic), 3) == 0.914)
    }

    // Wikipedia, "Fleiss' kappa", worked example: 10 subjects, 14 raters, 5 categories.
    @Test func fleissKappa() throws {
        let table = try ReferenceFixtures.table("fleiss_wikipedia_10x14")
        let result = FleissKappa.kappa(table)
        #expect(rounded(result.kappa, 3) == 0.210)
        #expect(result.meanAgreement.map { ($0 * 1000).rounded() / 1000 } == 0.378)
        #expect(result.chanceAgreement.map { ($0 * 1000).rounded() / 1000 } == 0.213)
        #expect(result.unitsUsed == 10)
    }

    // Gwet (2014), Handbook of Inter-Rater Reliability, 4th ed.: Fleiss' kappa with missing ratings
    // averages each unit's category shares (π_k = mean of r_ik / r_i), as irrCAC does. Pooling the
    // ratings instead gives 0.464 here and 0.76077 on the 4 × 12 table.
    @Test func fleissKappaWithMissingRatingsFollowsGwet() throws {
        let observers = try ReferenceFixtures.table("gwet2014_5observers_15x5")
        #expect(observers.unitCount == 15)
        #expect(observers.raterCount == 5)
        #expect(observers.ratingCount == 58)
        let result = FleissKappa.kappa(observers)
        #expect(rounded(result.kappa, 3) == 0.458)
        #expect(result.meanAgreement.map { ($0 * 1000).rounded() / 1000 } == 0.616)
        #expect(result.chanceAgreement.map { ($0 * 1000).rounded() / 1000 } == 0.291)
        #expect(rounded(GwetAC.coefficient(observers), 3) == 0.497)
        // The same data as Krippendorff (2011): unit 12, rated once, still counts in π_k.
        let fourRaters = try ReferenceFixtures.table("krippendorff2011_4x12")
        let four = FleissKappa.kappa(fourRaters)
        #expect(rounded(four.kappa, 5) == 0.76117)
        #expect(four.chanceAgreement.map { ($0 * 100_000).rounded() / 100_000 } == 0.23872)
    }

    // Shrout & Fleiss (1979), Table 2 data: 6 targets × 4 judges.
    @Test func intraclassCorrelations() throws {
        let table = try ReferenceFixtures.table("shrout_fleiss1979_6x4")
        let icc = IntraclassCorrelation.compute(table)
        #expect(icc.unitsUsed.count == 6)
        #expect(rounded(icc[.single1], 2) == 0.17)
        #expect(rounded(icc[.single2], 2) == 0.29)
        #expect(rounded(icc[.single3], 2) == 0.71)
        #expect(rounded(icc[.average1], 2) == 0.44)
        #expect(rounded(icc[.average2], 2) == 0.62)
        #expect(rounded(icc[.average3], 2) == 0.91)
    }

    // Wikipedia, "Cohen's kappa", 2×2 example: 50 items, observed agreement 0.70.
    @Test func cohenKappa() throws {
        let table = try ReferenceFixtures.table("wikipedia_cohen_2x2")
        let pair = CohenKappa.kappa(table, raters: 0, 1)
        #expect(pair.sharedUnits == 50)
        #expect(pair.observedAgreement.map { ($0 * 100).rounded() / 100 } == 0.70)
        #expect(rounded(pair.kappa, 2) == 0.40)
        // Two raters: raw agreement is the share of units they agree on.
        #expect(rounded(PercentAgreement.raw(table), 2) == 0.70)
    }
}
