import Foundation
import Testing
@testable import AgonCore

/// A bootstrap interval that the resamples cannot support is reported as undefined, with the
/// number of usable rounds, in the text and the JSON.
struct AgreementIntervalTests {
    /// Two units rated by both raters, the rest by one: ICC resamples only the two complete
    /// units, and only a resample that draws both (half of them) defines ICC — always the same
    /// value, a point. Too few units to say anything about variation.
    @Test func iccFromTwoCompleteUnitsHasNoInterval() throws {
        let table = RatingsTable(units: ["1", "2", "3", "4"], raters: ["a", "b"],
                                 values: [[1, 2], [5, 7], [3, nil], [nil, 4]], scale: Array(1...7).map(Double.init))
        let agreement = RatingsAgreement.analyse(table, levels: [.interval], bootstrap: AgreementBootstrap(rounds: 1000, seed: 1))
        let average1 = try #require(agreement.estimates.first { $0.key == "icc.1-k" })
        #expect(average1.value != nil)
        let interval = try #require(average1.interval)
        #expect(interval.low == nil && interval.high == nil, "\(interval)")
        let text = AgreementText.render(agreement, source: "two.csv")
        let line = try #require(text.split(separator: "\n").first { $0.hasPrefix("ICC(1,k)") })
        #expect(!line.contains("…"), "\(line)")
        #expect(line.contains("interval undefined"), "\(line)")
        #expect(line.contains("2 units"), "\(line)")
    }

    @Test func aRareStatisticSaysHowManyRoundsWereUsable() throws {
        let table = AgreementInvariantTests.randomTable(seed: 3, units: 40, raters: 3)
        let rare: @Sendable (RatingsTable) -> AgreementValue = { resample in
            resample.unitIDs.contains("u0") && resample.unitIDs.contains("u1")
                ? PercentAgreement.raw(resample) : .undefined(reason: "test")
        }
        let interval = AgreementBootstrap(rounds: 400, seed: 5).intervals(table, [rare])[0]
        let estimate = AgreementEstimate(key: "x", statistic: "x", level: .nominal, value: PercentAgreement.raw(table), interval: interval)
        let row = AgreementText.estimateRows([estimate])[0]
        #expect(row[3] == "undefined", "\(row)")
        let defined = try #require(interval?.definedRounds)
        #expect(row[4].contains("interval undefined: only \(defined) of 400 resamples"), "\(row)")
        let json = String(decoding: try JSONEncoder().encode(estimate), as: UTF8.self)
        #expect(json.contains("\"definedRounds\":\(defined)"), "\(json)")
    }
}
