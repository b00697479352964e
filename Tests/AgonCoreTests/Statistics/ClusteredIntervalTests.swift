import Foundation
import Testing
@testable import AgonCore

@Suite struct ClusteredIntervalTests {
    @Test func signFlipWithOneBattleAClusterIsTheExactSignTest() {
        for (wins, losses) in [(7, 3), (10, 0), (4, 4), (12, 5), (1, 9)] {
            let differences = [Int](repeating: 1, count: wins) + [Int](repeating: -1, count: losses)
            let flip = ClusteredSignTest.pValue(differences: differences)!
            #expect(abs(flip - SignTest.pValue(wins: wins, losses: losses)!) < 1e-12)
        }
        // Published: 10 wins, 0 losses → p = 2/1024.
        #expect(abs(ClusteredSignTest.pValue(differences: [Int](repeating: 1, count: 10))! - 2.0 / 1024) < 1e-15)
        #expect(ClusteredSignTest.pValue(differences: []) == nil)
    }

    @Test func clusteredWinRateWidensWithClusteringAndNeverNarrows() throws {
        // Identical clusters: no extra spread, deff 1.
        let even = try #require(ClusteredWinRate(clusters: [(successes: 3, trials: 5), (3, 5), (3, 5), (3, 5)]))
        #expect(even.designEffect == 1)
        // All-or-nothing clusters: the design effect is about the cluster size.
        let lumpy = try #require(ClusteredWinRate(clusters: (0..<20).map { $0 % 2 == 0 ? (successes: 5, trials: 5) : (0, 5) }))
        #expect(lumpy.designEffect > 4)
        let wilson = try #require(WilsonInterval(successes: 50, trials: 100))
        #expect(lumpy.interval.upper - lumpy.interval.lower > 2 * (wilson.upper - wilson.lower))
        #expect(ClusteredWinRate(clusters: [(successes: 3, trials: 5)]) == nil)
        #expect(ClusteredWinRate(clusters: [(successes: 0, trials: 0), (0, 0)]) == nil)
    }

    @Test func studentTQuantilesMatchTheTables() {
        for (nu, t) in [(3.0, 3.182446), (4, 2.776445), (5, 2.570582), (10, 2.228139), (39, 2.022691), (1000, 1.962339)] {
            #expect(abs((StudentT.critical95(degreesOfFreedom: nu) ?? .nan) - t) < 2e-3, "ν = \(nu)")
        }
    }

    /// 40 tasks × 10 raters, task SD 150 Elo: the clustered intervals hold ≥ 90% of the time and the
    /// intervals that assume independent battles visibly do not — so this test fails if the clustered
    /// forms are replaced by the independent ones.
    @Test func clusteredIntervalsHoldWhereIndependentOnesUnderCover() {
        var settings = IntervalCoverage.Settings()
        settings.simulations = 200
        settings.rounds = 100
        settings.raters = 10
        settings.taskSD = 150
        let rows = IntervalCoverage.twoSystems(settings)
        func coverage(_ prefix: String) -> Double { rows.first { $0.interval.hasPrefix(prefix) }!.coverage }
        #expect(coverage("win rate, ties as half — clustered") >= 0.9, "\(rows)")
        #expect(coverage("win rate, ties excluded — clustered") >= 0.9, "\(rows)")
        #expect(coverage("win rate, ties as half — Wilson") <= 0.88, "\(rows)")
        #expect(coverage("win rate, ties excluded — Wilson") <= 0.88, "\(rows)")
        #expect(coverage("rating, task bootstrap") >= 0.88, "\(rows)")
        #expect(coverage("rating, battle bootstrap") <= 0.85, "\(rows)")
    }

    @Test func theSignFlipTestHoldsItsSizeWhereTheExactTestDoesNot() {
        var settings = IntervalCoverage.Settings()
        settings.simulations = 150
        settings.tasks = 12
        settings.raters = 15
        settings.taskSD = 150
        let rows = IntervalCoverage.noDifference(settings)
        #expect(rows[1].coverage >= 0.92, "\(rows)")
        #expect(rows[0].coverage <= 0.9, "\(rows)")
    }

    @Test func marginalRatingsOfAnUnclusteredWorldAreTheTrueRatings() {
        let world = ClusteredBattles(ratings: [1100, 1000, 900], tasks: 1, raters: 1, taskSD: 0, tieRate: 0)
        for (got, want) in zip(world.marginalRatings(), [1100.0, 1000, 900]) { #expect(abs(got - want) < 1e-6) }
        // With task spread the population win rate is flatter than the conditional one.
        let spread = ClusteredBattles(ratings: [1100, 900], tasks: 1, raters: 1, taskSD: 100, tieRate: 0)
        #expect(spread.marginalWinRate(0, 1) < BradleyTerry.sigmoid(200 / BradleyTerry.eloPerNat))
        #expect(spread.marginalWinRate(0, 1) > 0.5)
    }

    @Test func tiesCountAsHalfInTheTruthAsTheyDoInTheFit() {
        // Ties as half a win pull a pair's score towards ½: the truth a study of many tasks estimates
        // is the fit of tieRate/2 + (1 − tieRate)·p, not of the decisive win rate p.
        let world = ClusteredBattles(ratings: [1100, 900], tasks: 1, raters: 1, taskSD: 0, tieRate: 0.2)
        let score = 0.1 + 0.8 * BradleyTerry.sigmoid(200 / BradleyTerry.eloPerNat)
        let gap = log(score / (1 - score)) * BradleyTerry.eloPerNat
        let ratings = world.marginalRatings()
        #expect(abs((ratings[0] - ratings[1]) - gap) < 1e-6)
        #expect(gap < 180)
    }
}

/// The small-cluster stretch of the task-bootstrap intervals.
@Suite struct ClusterBootstrapIntervalTests {
    @Test func theStretchIsTheCorrectionForFewClustersAndVanishesWithMany() throws {
        #expect(ClusterBootstrapInterval.stretch(clusters: 1) == nil)
        // √(40/39) · t(0.975, 39) / z(0.975), t(0.975, 39) = 2.0227 (published tables).
        let forty = try #require(ClusterBootstrapInterval.stretch(clusters: 40))
        #expect(abs(forty - (40.0 / 39).squareRoot() * 2.0227 / 1.96) < 0.001)
        let stretches = [2, 5, 10, 40, 1000].compactMap { ClusterBootstrapInterval.stretch(clusters: $0) }
        #expect(zip(stretches, stretches.dropFirst()).allSatisfy { $0 > $1 })
        #expect(stretches.last! > 1 && stretches.last! < 1.002)
    }

    @Test func theIntervalKeepsTheSkewAndHoldsThePercentileInterval() throws {
        // Rounds skewed to the right of the estimate 0.
        var rounds: [Double] = []
        for index in 0..<1000 {
            let u = Double(index) / 1000
            rounds.append(u < 0.5 ? u - 0.5 : 2 * (u - 0.5))
        }
        let plain = try #require(BootstrapPercentile.interval95(rounds))
        let wide = try #require(ClusterBootstrapInterval.interval95(rounds, estimate: 0, clusters: 10))
        let stretch = try #require(ClusterBootstrapInterval.stretch(clusters: 10))
        #expect(wide.lower < plain.lower && wide.upper > plain.upper)
        #expect(abs(wide.lower - stretch * plain.lower) < 1e-12 && abs(wide.upper - stretch * plain.upper) < 1e-12)
        #expect(ClusterBootstrapInterval.interval95(rounds, estimate: 0, clusters: 1) == nil)
        #expect(ClusterBootstrapInterval.interval95([], estimate: 0, clusters: 10) == nil)
    }
}
