import Foundation
import Testing
@testable import AgonCore

struct OnlineEloTests {
    /// The same battles and seed give the same bits whether the orders run on 1, 2 or 16 workers:
    /// every order starts from the same battle list and the orders are summed in order.
    @Test func resultDoesNotDependOnTheNumberOfWorkers() {
        var counts = BattleCounts(systems: ["a", "b", "c", "d"])
        var random = SeededRandom(seed: 9)
        for _ in 0..<3000 {
            let i = random.below(4)
            var j = random.below(3)
            if j >= i { j += 1 }
            counts.add(i, j, random.unit() < 0.1 ? .tie : random.unit() < 0.3 + 0.1 * Double(i) ? .winA : .winB)
        }
        let pairs = counts.pairTallies
        let one = OnlineElo.ratings(pairs, systemCount: 4, k: 4, shuffles: 10, seed: 1, workers: 1)
        for workers in [2, 3, 16] {
            let many = OnlineElo.ratings(pairs, systemCount: 4, k: 4, shuffles: 10, seed: 1, workers: workers)
            #expect(many.map(\.bitPattern) == one.map(\.bitPattern), "\(workers) workers: \(many) vs \(one)")
        }
        // The default (as many workers as cores) is the same too.
        #expect(OnlineElo.ratings(pairs, systemCount: 4, k: 4, shuffles: 10, seed: 1).map(\.bitPattern) == one.map(\.bitPattern))
    }
}
