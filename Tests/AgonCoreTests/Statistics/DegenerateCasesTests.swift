import Testing
@testable import AgonCore

/// Where a statistic is not defined it says so, with the reason — never 0, never a crash.
struct DegenerateCasesTests {
    func allUndefined(_ table: RatingsTable, mentioning word: String, sourceLocation: SourceLocation = #_sourceLocation) {
        var results: [(String, AgreementValue)] = MeasurementLevel.allCases.map { ("alpha \($0)", KrippendorffAlpha.alpha(table, level: $0)) }
        results.append(("fleiss", FleissKappa.kappa(table).kappa))
        results.append(("raw", PercentAgreement.raw(table)))
        results.append(("loo", PercentAgreement.leaveOneOut(table)))
        for (name, value) in results {
            #expect(value.value == nil, "\(name) should be undefined", sourceLocation: sourceLocation)
            #expect(value.reason?.contains(word) == true, "\(name): \(value.reason ?? "-")", sourceLocation: sourceLocation)
        }
    }

    @Test func noVariationIsUndefinedNotZero() {
        let table = RatingsTable(units: ["1", "2", "3"], raters: ["a", "b"], values: [[4, 4], [4, 4], [4, nil]],
                                 scale: [1, 2, 3, 4, 5, 6, 7])
        for level in MeasurementLevel.allCases {
            let alpha = KrippendorffAlpha.alpha(table, level: level)
            #expect(alpha.value == nil)
            #expect(alpha.reason?.contains("no variation") == true)
        }
        #expect(FleissKappa.kappa(table).kappa.value == nil)
        #expect(CohenKappa.kappa(table, raters: 0, 1).kappa.reason?.contains("chance agreement is 1") == true)
        // Agreement itself is perfect and defined; only the chance-corrected statistics are 0/0.
        #expect(PercentAgreement.raw(table) == .defined(1))
        // AC1's chance agreement stays below 1 on a 7-point scale, so it is defined (and 1).
        #expect(rounded(GwetAC.coefficient(table), 12) == 1)
        let icc = IntraclassCorrelation.compute(table)
        #expect(icc[.single2].reason?.contains("no variance") == true)
    }

    @Test func everyUnitRatedOnceIsUndefined() {
        let table = RatingsTable(units: ["1", "2", "3"], raters: ["a", "b"], values: [[1, nil], [nil, 2], [3, nil]])
        allUndefined(table, mentioning: "two or more ratings")
        #expect(GwetAC.coefficient(table).value == nil)
        #expect(CohenKappa.kappa(table, raters: 0, 1).kappa.reason?.contains("share no unit") == true)
        #expect(IntraclassCorrelation.compute(table)[.single1].reason?.contains("fewer than two units") == true)
    }

    @Test func aSingleRaterIsUndefined() {
        let table = RatingsTable(units: ["1", "2", "3"], raters: ["a"], values: [[1], [2], [3]])
        allUndefined(table, mentioning: "single rater")
        #expect(GwetAC.coefficient(table).reason?.contains("single rater") == true)
        #expect(IntraclassCorrelation.compute(table)[.single3].reason?.contains("single rater") == true)
        #expect(CohenKappa.matrix(table).allSatisfy { $0 == nil })
    }

    @Test func anEmptyTableIsUndefined() {
        let table = RatingsTable(units: [], raters: ["a", "b"], values: [])
        allUndefined(table, mentioning: "two or more ratings")
        #expect(AgreementBootstrap(rounds: 10).interval(table.categoryCounts) { PercentAgreement.raw($0) } == nil)
    }

    @Test func levelsThatDoNotApplyAreUndefined() {
        let table = RatingsTable(units: ["1", "2"], raters: ["a", "b"], labels: [["x", "y"], ["y", "y"]], scale: ["x", "y"])
        #expect(KrippendorffAlpha.alpha(table, level: .ordinal).reason?.contains("ordered") == true)
        #expect(KrippendorffAlpha.alpha(table, level: .interval).reason?.contains("numeric") == true)
        #expect(KrippendorffAlpha.alpha(table, level: .nominal).value != nil)
        #expect(GwetAC.coefficient(table, weights: .quadratic).reason?.contains("ordered") == true)
        #expect(IntraclassCorrelation.compute(table)[.single1].reason?.contains("numeric") == true)
    }

    @Test func iccSaysWhichUnitsItUsed() {
        let table = RatingsTable(units: ["1", "2", "3", "4"], raters: ["a", "b"],
                                 values: [[1, 2], [3, nil], [5, 5], [2, 3]])
        let icc = IntraclassCorrelation.compute(table)
        #expect(icc.unitsUsed == [0, 2, 3])
        #expect(icc.unitsTotal == 4)
        #expect(icc[.single1].value != nil)
    }
}

struct AgreementTextTests {
    @Test func undefinedIsPrintedWithItsReason() {
        let table = RatingsTable(units: ["1", "2"], raters: ["a", "b"], values: [[4, 4], [4, 4]], scale: [1, 2, 3, 4, 5])
        let text = AgreementText.render(RatingsAgreement.analyse(table, bootstrap: AgreementBootstrap(rounds: 50)), source: "x.csv")
        let alphaLine = text.split(separator: "\n").first { $0.hasPrefix("Krippendorff's alpha") && $0.contains("nominal") }
        #expect(alphaLine?.contains("undefined") == true)
        #expect(alphaLine?.contains("no variation") == true)
        #expect(!text.contains("nan"))
        #expect(text.contains(AgreementText.readingGuide))
    }

    @Test func applicableLevelsFollowTheValues() {
        let numbers = RatingsTable(units: ["1"], raters: ["a", "b"], values: [[1, 2]])
        #expect(RatingsAgreement.applicableLevels(numbers) == [.nominal, .ordinal, .interval, .ratio])
        let signed = RatingsTable(units: ["1"], raters: ["a", "b"], values: [[-1, 2]])
        #expect(RatingsAgreement.applicableLevels(signed) == [.nominal, .ordinal, .interval])
        let labels = RatingsTable(units: ["1"], raters: ["a", "b"], labels: [["x", "y"]], scale: ["x", "y"])
        #expect(RatingsAgreement.applicableLevels(labels) == [.nominal])
        let agreement = RatingsAgreement.analyse(labels, bootstrap: AgreementBootstrap(rounds: 0))
        #expect(agreement.estimates.allSatisfy { $0.level == .nominal })
        #expect(agreement.pairwise.map(\.weights) == [.identity])
        let numeric = RatingsAgreement.analyse(numbers, bootstrap: AgreementBootstrap(rounds: 0))
        #expect(numeric.pairwise.map(\.weights) == [.identity, .linear, .quadratic])
    }
}

struct PercentAgreementTests {
    /// By hand: unit 1 = A A B, unit 2 = A A B B.
    /// Raw: unit 1 has 2 agreeing ordered pairs of 6, unit 2 has 4 of 12 → mean 1/3.
    /// Leave-one-out: in unit 1 each A faces {A, B} (two modes: ½ each) and B faces {A, A} (0);
    /// in unit 2 every rating faces a majority of the other category (0) → (½ + ½) / 7.
    @Test func handWorkedExample() {
        let table = RatingsTable(units: ["1", "2"], raters: ["a", "b", "c", "d"],
                                 labels: [["A", "A", "B", nil], ["A", "A", "B", "B"]], scale: ["A", "B"])
        #expect(abs(PercentAgreement.raw(table).value! - 1.0 / 3) < 1e-12)
        #expect(abs(PercentAgreement.leaveOneOut(table).value! - 1.0 / 7) < 1e-12)
    }

    @Test func iccOfConstantNonIntegerValuesIsUndefined() {
        let table = RatingsTable(units: ["1", "2", "3"], raters: ["a", "b"], values: [[0.1, 0.1], [0.1, 0.1], [0.1, 0.1]])
        #expect(IntraclassCorrelation.compute(table)[.single1].reason?.contains("no variance") == true)
    }
}

struct KappaParadoxTests {
    /// Two raters, 100 items, 90 both "A", 5 + 5 split, none both "B": 90% agreement.
    /// Cohen: p_o = 0.90, p_e = 0.95² + 0.05² = 0.905, κ = −0.005/0.095 = −0.0526.
    /// Gwet: π_A = 0.95, p_e = 2 · 0.95 · 0.05 / (2 − 1) = 0.095, AC1 = 0.805/0.905 = 0.8895.
    @Test func acOneStaysReadableWhenOneCategoryDominates() {
        var labels: [[String?]] = Array(repeating: ["A", "A"], count: 90)
        labels += Array(repeating: ["A", "B"], count: 5)
        labels += Array(repeating: ["B", "A"], count: 5)
        let table = RatingsTable(units: labels.indices.map(String.init), raters: ["r1", "r2"], labels: labels, scale: ["A", "B"])
        #expect(abs(CohenKappa.kappa(table, raters: 0, 1).kappa.value! - (-0.005 / 0.095)) < 1e-12)
        #expect(abs(GwetAC.coefficient(table).value! - 0.805 / 0.905) < 1e-12)
        #expect(PercentAgreement.raw(table) == .defined(0.9))
    }
}
