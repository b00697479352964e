import Foundation
import Testing
@testable import AgonCore

struct IntervalTests {
    @Test func wilsonMatchesFormula() {
        // Reference: Wilson's formula evaluated in python3 with z = scipy.stats.norm.ppf(0.975);
        // 0/10 → [0, 0.2775] is also the textbook value (Brown, Cai & DasGupta 2001).
        let cases: [(Double, Double, Double, Double)] = [
            (8, 10, 0.49016247153664183, 0.9433178485456247),
            (0, 10, 0.0, 0.2775327998628892),
            (37, 50, 0.6044684273515117, 0.8412847250644762),
        ]
        for (x, n, lower, upper) in cases {
            let interval = WilsonInterval(successes: x, trials: n)!
            #expect(abs(interval.lower - lower) < 1e-12)
            #expect(abs(interval.upper - upper) < 1e-12)
        }
        #expect(WilsonInterval(successes: 0, trials: 0) == nil)
    }

    @Test func signTestMatchesExactBinomial() {
        // Reference: scipy.stats.binomtest(k, n).pvalue (two-sided), scipy 1.17.1.
        #expect(abs(SignTest.pValue(wins: 8, losses: 2)! - 0.109375) < 1e-12)
        #expect(abs(SignTest.pValue(wins: 60, losses: 40)! - 0.05688793364098089) < 1e-12)
        #expect(abs(SignTest.pValue(wins: 4990, losses: 5010)! - 0.849310326637318) < 1e-9)
        #expect(abs(SignTest.pValue(wins: 0, losses: 5)! - 0.0625) < 1e-12)
        #expect(SignTest.pValue(wins: 5, losses: 5) == 1)
        #expect(SignTest.pValue(wins: 0, losses: 0) == nil)
    }

    @Test func percentileMatchesNumpy() {
        // Reference: numpy.percentile([3,1,4,1,5,9,2,6], [2.5, 50, 97.5]) = [1, 3.5, 8.475].
        let values: [Double] = [3, 1, 4, 1, 5, 9, 2, 6]
        #expect(BootstrapPercentile.of(values, 0.025) == 1)
        #expect(BootstrapPercentile.of(values, 0.5) == 3.5)
        #expect(abs(BootstrapPercentile.of(values, 0.975)! - 8.475) < 1e-12)
        #expect(BootstrapPercentile.of([], 0.5) == nil)
    }

    @Test func binomialDrawsHaveTheRightMoments() {
        var random = SeededRandom(seed: 7)
        for (n, p) in [(20, 0.1), (1000, 0.3), (1_000_000, 0.02), (50, 0.9)] {
            let draws = (0..<20_000).map { _ in Double(BinomialSampler.draw(n, p, &random)) }
            let mean = draws.reduce(0, +) / Double(draws.count)
            let variance = draws.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(draws.count - 1)
            let expectedVariance = Double(n) * p * (1 - p)
            // Five standard errors of the mean; variance within 5%.
            #expect(abs(mean - Double(n) * p) < 5 * (expectedVariance / 20_000).squareRoot())
            #expect(abs(variance / expectedVariance - 1) < 0.05)
            #expect(draws.allSatisfy { $0 >= 0 && $0 <= Double(n) })
        }
    }

    @Test func logFactorialIsAccurate() {
        for k in [0, 1, 10, 255, 256, 1000, 123_456] {
            #expect(abs(LogFactorial.of(k) - lgamma(Double(k) + 1)) < 1e-9 * max(1, lgamma(Double(k) + 1)))
        }
    }

    @Test func bootstrapIsSeededAndCoversTheEstimate() {
        let counts = BradleyTerryTests.counts(["a", "b", "c", "d"], BradleyTerryTests.referencePairs)
        var options = RankingOptions()
        options.rounds = 300
        let first = Ranking.compute(counts, options: options)
        let second = Ranking.compute(counts, options: options)
        #expect(first == second)
        for row in first.rows {
            #expect(row.lower! < row.rating && row.rating < row.upper!)
        }
        options.seed = 2
        #expect(Ranking.compute(counts, options: options) != first)
        // d clearly above b and c: their intervals do not overlap it, so d alone is rank 1.
        #expect(first.row("d")?.rank == 1)
        #expect(first.rows.first?.system == "d")
    }

    @Test func multinomialBootstrapKeepsTheTotal() {
        let pairs = BradleyTerryTests.counts(["a", "b", "c", "d"], BradleyTerryTests.referencePairs).pairTallies
        let total = pairs.reduce(0) { $0 + $1.total }
        let rounds = RatingBootstrap.battles(pairs, systemCount: 4, rounds: 20, seed: 3) { sample in
            #expect(sample.reduce(0) { $0 + $1.total } == total)
            return ([0, 0, 0, 0], false, false)
        }
        #expect(rounds.rounds == 20)
    }

    @Test func headToHeadCountsTiesBothWays() {
        var counts = BattleCounts(systems: ["big", "small"])
        counts.add(0, 1, .winA, times: 6)
        counts.add(1, 0, .winA, times: 2)
        counts.add(0, 1, .tie, times: 1)
        counts.add(0, 1, .bothWeak, times: 1)
        let duel = HeadToHead(counts, 0, 1)
        #expect(duel.wins == 6 && duel.losses == 2 && duel.ties == 1 && duel.bothWeak == 1)
        #expect(duel.winRateTiesHalf?.proportion == 0.7)
        #expect(duel.winRateTiesExcluded?.proportion == 0.75)
        #expect(abs(duel.signTestP! - 0.2890625) < 1e-12)  // scipy.stats.binomtest(6, 8).pvalue
    }

    @Test func onlineEloFollowsTheWinner() {
        let pairs = BradleyTerryTests.counts(["A", "B"], [(0, 1, 80, 20, 0)]).pairTallies
        let elo = OnlineElo.ratings(pairs, systemCount: 2, k: 16, shuffles: 5, seed: 1)
        #expect(elo[0] > 1000 && elo[1] < 1000)
        #expect(abs(elo[0] + elo[1] - 2000) < 1e-9)
    }
}
