import Foundation
import Testing
@testable import AgonCore

/// Shrout & Fleiss case 1 (one-way ANOVA) when the units were rated by different raters, and the
/// reasons of undefined ICCs.
struct IntraclassCorrelationTests {
    /// Shrout & Fleiss (1979) 6 targets × 4 judges, each rating given by a rater of its own: 24
    /// raters, every target rated 4 times, never by the same two raters. Case 1 does not ask who
    /// rated, so ICC(1,1) and ICC(1,k) must still be the published 0.17 and 0.44; cases 2 and 3 need
    /// the same raters on every unit and are undefined, each saying so.
    static func scattered(extraUnit: [Double?]? = nil) throws -> RatingsTable {
        let complete = try ReferenceFixtures.table("shrout_fleiss1979_6x4")
        let k = complete.raterCount
        let raters = (0..<(complete.unitCount * k + 2)).map { "r\($0)" }
        var values = [[Double?]](repeating: [Double?](repeating: nil, count: raters.count), count: complete.unitCount)
        for u in 0..<complete.unitCount {
            for j in 0..<k { values[u][u * k + j] = complete.value(unit: u, rater: j) }
        }
        var units = complete.unitIDs
        if let extraUnit {
            // A unit with a different number of ratings, by the two spare raters.
            var row = [Double?](repeating: nil, count: raters.count)
            for (offset, value) in extraUnit.enumerated() { row[raters.count - 2 + offset] = value }
            values.append(row)
            units.append("extra")
        }
        return RatingsTable(units: units, raters: raters, values: values, scale: Array(1...10).map(Double.init))
    }

    @Test func caseOneNeedsEqualCountsNotTheSameRaters() throws {
        let icc = IntraclassCorrelation.compute(try Self.scattered())
        #expect(rounded(icc[.single1], 2) == 0.17)
        #expect(rounded(icc[.average1], 2) == 0.44)
        for form in [IntraclassCorrelation.Form.single2, .single3, .average2, .average3] {
            #expect(icc[form].value == nil)
            #expect(icc[form].reason?.contains("rated by every rater") == true, "\(form): \(icc[form])")
        }
    }

    @Test func unequalCountsSayWhichUnitsCaseOneUsed() throws {
        let table = try Self.scattered(extraUnit: [3, 9])
        let icc = IntraclassCorrelation.compute(table)
        // The extra unit has 2 ratings, the others 4: case 1 takes the units with the usual count.
        #expect(rounded(icc[.single1], 2) == 0.17)
        let agreement = RatingsAgreement.analyse(table, levels: [.interval], bootstrap: AgreementBootstrap(rounds: 200))
        let single1 = try #require(agreement.estimates.first { $0.key == "icc.1-1" })
        #expect(single1.note?.contains("6 of 7 units") == true, "\(single1.note ?? "")")
        #expect(single1.note?.contains("extra") == true, "\(single1.note ?? "")")
        #expect(single1.interval?.low != nil)
        let single2 = try #require(agreement.estimates.first { $0.key == "icc.2-1" })
        #expect(single2.value == nil)
    }

    @Test func caseOneRecordsItsUnits() throws {
        let icc = IntraclassCorrelation.compute(try Self.scattered(extraUnit: [3, 9]))
        #expect(icc.caseOneUnits == [0, 1, 2, 3, 4, 5])
        #expect(icc.caseOneRatings == 4)
        #expect(icc.unitsUsed.isEmpty)
    }

    /// Each unit's mean is 2 (between-unit mean square 0) but ratings vary within units: ICC(1,1)
    /// is defined (−1/(k−1) = −1), while ICC(1,k) and ICC(3,k) divide by BMS = 0 and must say that,
    /// not "no variance in the ratings".
    @Test func eachUndefinedFormNamesItsOwnReason() {
        let table = RatingsTable(units: ["1", "2", "3"], raters: ["a", "b"], values: [[1, 3], [3, 1], [2, 2]])
        let icc = IntraclassCorrelation.compute(table)
        #expect(icc[.single1].value.map { abs($0 + 1) < 1e-12 } == true, "\(icc[.single1])")
        for form in [IntraclassCorrelation.Form.average1, .average3] {
            let reason = icc[form].reason ?? ""
            #expect(reason.contains("mean"), "\(form): \(reason)")
            #expect(!reason.contains("no variance"), "\(form): \(reason)")
            #expect(reason.contains(form.rawValue), "\(form): \(reason)")
        }
        let constant = RatingsTable(units: ["1", "2"], raters: ["a", "b"], values: [[4, 4], [4, 4]])
        let flat = IntraclassCorrelation.compute(constant)
        for form in IntraclassCorrelation.Form.allCases {
            #expect(flat[form].reason?.contains("every rating is 4") == true, "\(form): \(flat[form])")
        }
        // Too few units for case 1 and for cases 2–3 are different shortfalls.
        let sparse = RatingsTable(units: ["1", "2", "3"], raters: ["a", "b", "c"], values: [[1, 2, nil], [3, nil, 4], [2, 5, 6]])
        let few = IntraclassCorrelation.compute(sparse)
        #expect(few[.single1].value != nil)
        #expect(few[.single2].reason?.contains("rated by every rater") == true, "\(few[.single2])")
    }
}
