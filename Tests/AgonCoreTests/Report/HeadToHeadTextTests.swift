import Foundation
import Testing
@testable import AgonCore

struct HeadToHeadTextTests {
    /// The Wilson score interval is an approximation (and rougher still with ties counted half);
    /// only the sign test is exact. The block must say which is which.
    @Test func theWilsonIntervalIsNotCalledExact() {
        let counts = BradleyTerryTests.counts(["A", "B"], [(0, 1, 6, 2, 1)])
        let text = RankingTable.headToHead(HeadToHead(counts, 0, 1))
        #expect(text.contains("Wilson"), "\(text)")
        for line in text.split(separator: "\n") where line.contains("Wilson") || line.contains("win rate") {
            #expect(!line.lowercased().contains("exact"), "\(line)")
        }
        #expect(text.contains("sign test p (two-sided, exact)"), "\(text)")
    }
}
