import Foundation
import Testing
@testable import AgonCore

struct BradleyTerryTests {
    static func counts(_ systems: [String], _ pairs: [(Int, Int, Double, Double, Double)]) -> BattleCounts {
        var counts = BattleCounts(systems: systems)
        for (i, j, winsI, winsJ, ties) in pairs {
            counts.add(i, j, .winA, times: winsI)
            counts.add(i, j, .winB, times: winsJ)
            counts.add(i, j, .tie, times: ties)
        }
        return counts
    }

    @Test func twoSystemsByHand() {
        // A beat B 3 times out of 4: P = 3/4 = σ(θA − θB), so the gap is 400·log10(3).
        let fit = BradleyTerry.fit(Self.counts(["A", "B"], [(0, 1, 3, 1, 0)]).pairTallies, systemCount: 2)
        let gap = 400 * log10(3.0)
        #expect(abs(fit.ratings[0] - (1000 + gap / 2)) < 1e-9)
        #expect(abs(fit.ratings[1] - (1000 - gap / 2)) < 1e-9)
        #expect(fit.penalised == [false])
    }

    @Test func threeSystemsByHand() {
        // Counts that match π = (4, 2, 1) exactly, so the score equations hold at the truth:
        // A beats B 20:10, B beats C 20:10, A beats C 40:10.
        let fit = BradleyTerry.fit(Self.counts(["A", "B", "C"], [(0, 1, 20, 10, 0), (1, 2, 20, 10, 0), (0, 2, 40, 10, 0)]).pairTallies,
                                   systemCount: 3)
        let step = 400 * log10(2.0)
        #expect(abs(fit.ratings[0] - (1000 + step)) < 1e-9)
        #expect(abs(fit.ratings[1] - 1000) < 1e-9)
        #expect(abs(fit.ratings[2] - (1000 - step)) < 1e-9)
    }

    @Test func symmetricDataGivesEqualRatings() {
        // A cycle A > B > C > A with the same margins, plus ties: no system is stronger.
        let fit = BradleyTerry.fit(Self.counts(["A", "B", "C"], [(0, 1, 7, 3, 2), (1, 2, 7, 3, 2), (2, 0, 7, 3, 2)]).pairTallies,
                                   systemCount: 3)
        for rating in fit.ratings { #expect(abs(rating - 1000) < 1e-9) }
        let davidson = BradleyTerry.fit(Self.counts(["A", "B", "C"], [(0, 1, 5, 5, 4), (1, 2, 6, 6, 1), (0, 2, 2, 2, 9)]).pairTallies,
                                        systemCount: 3, ties: .davidson)
        for rating in davidson.ratings { #expect(abs(rating - 1000) < 1e-9) }
    }

    static let referencePairs: [(Int, Int, Double, Double, Double)] = [
        (0, 1, 30, 20, 10), (0, 2, 25, 15, 5), (0, 3, 12, 30, 8), (1, 2, 18, 17, 9), (1, 3, 7, 21, 4), (2, 3, 9, 28, 6),
    ]

    @Test func agreesWithLogisticRegression() {
        // Reference: python3 + scipy 1.17.1 (scipy.optimize.minimize, BFGS, gtol 1e-13, analytic
        // gradient ~1e-13 at the optimum) on the logistic regression of outcomes on ±1 system
        // indicators without intercept, each tie entered as half a win for each side (weights), the
        // first coefficient fixed at 0; then centred and mapped to 1000 + 400/ln(10)·θ.
        let expected = [1001.618171669608, 945.598183771339, 936.376673774929, 1116.406970784124]
        let fit = BradleyTerry.fit(Self.counts(["a", "b", "c", "d"], Self.referencePairs).pairTallies, systemCount: 4)
        for (rating, reference) in zip(fit.ratings, expected) { #expect(abs(rating - reference) < 1e-8) }
        #expect(fit.converged)
    }

    @Test func davidsonAgreesWithDirectMaximisation() {
        // Reference: python3 + scipy 1.17.1, Davidson's log-likelihood maximised over (θ₂…θ₄, log ν)
        // with BFGS then Nelder–Mead (xatol 1e-12); numerical gradient at the optimum ~1e-6.
        let expected = [1001.851791326267, 934.758471583156, 923.670664175939, 1139.719072914638]
        let fit = BradleyTerry.fit(Self.counts(["a", "b", "c", "d"], Self.referencePairs).pairTallies, systemCount: 4, ties: .davidson)
        for (rating, reference) in zip(fit.ratings, expected) { #expect(abs(rating - reference) < 1e-3) }
        #expect(abs((fit.tieParameter ?? 0) - 0.3877211352671303) < 1e-6)
    }

    @Test func davidsonTwoSystemsByHand() {
        // Saturated: wins 30, losses 10, ties 20 are matched exactly by e^{d} = 3 and ν·e^{d/2} = 2.
        let fit = BradleyTerry.fit(Self.counts(["A", "B"], [(0, 1, 30, 10, 20)]).pairTallies, systemCount: 2, ties: .davidson)
        #expect(abs((fit.ratings[0] - fit.ratings[1]) - 400 * log10(3.0)) < 1e-7)
        #expect(abs((fit.tieParameter ?? 0) - 2 / 3.0.squareRoot()) < 1e-9)
    }

    @Test func recoversKnownStrengths() {
        // 200,000 battles drawn from known ratings, with ties; the fit must land within a few points.
        let truth: [Double] = [1200, 1100, 1000, 950, 750]
        var random = SeededRandom(seed: 42)
        var counts = BattleCounts(systems: ["s0", "s1", "s2", "s3", "s4"])
        var decisive = BattleCounts(systems: ["s0", "s1", "s2", "s3", "s4"])
        for _ in 0..<200_000 {
            let a = random.below(5)
            var b = random.below(4)
            if b >= a { b += 1 }
            let p = 1 / (1 + pow(10, (truth[b] - truth[a]) / 400))
            if random.unit() < 0.1 {
                counts.add(a, b, .tie)
            } else {
                let outcome: BattleOutcome = random.unit() < p ? .winA : .winB
                counts.add(a, b, outcome)
                decisive.add(a, b, outcome)
            }
        }
        let mean = truth.reduce(0, +) / 5
        let fit = BradleyTerry.fit(counts.pairTallies, systemCount: 5)
        let decisiveFit = BradleyTerry.fit(decisive.pairTallies, systemCount: 5)
        // Ties thrown in at random, independent of strength, pull half-tie ratings together by
        // the 0.9 share of decisive battles (to first order); Davidson models them and is unbiased.
        let davidson = BradleyTerry.fit(counts.pairTallies, systemCount: 5, ties: .davidson)
        for system in 0..<5 {
            #expect(abs(decisiveFit.ratings[system] - (truth[system] - mean + 1000)) < 8)
            #expect(abs(davidson.ratings[system] - (truth[system] - mean + 1000)) < 8)
            #expect(abs(fit.ratings[system] - 1000) < abs(truth[system] - mean) + 1)
        }
        let rankingOrder = fit.ratings.indices.sorted { fit.ratings[$0] > fit.ratings[$1] }
        #expect(rankingOrder == [0, 1, 2, 3, 4])
    }

    @Test func anchorHoldsChosenSystemAt1000() {
        let fit = BradleyTerry.fit(Self.counts(["A", "B", "C"], [(0, 1, 20, 10, 0), (1, 2, 20, 10, 0), (0, 2, 40, 10, 0)]).pairTallies,
                                   systemCount: 3, anchor: 2)
        #expect(abs(fit.ratings[2] - 1000) < 1e-9)
        #expect(abs(fit.ratings[0] - (1000 + 400 * log10(4.0))) < 1e-9)
    }

    @Test func disconnectedSystemsAreRatedApart() {
        let counts = Self.counts(["A", "B", "C", "D"], [(0, 1, 3, 1, 0), (2, 3, 1, 1, 0)])
        let fit = BradleyTerry.fit(counts.pairTallies, systemCount: 4)
        #expect(fit.graph.componentCount == 2)
        #expect(fit.graph.component == [0, 0, 1, 1])
        #expect(abs(fit.ratings[0] + fit.ratings[1] - 2000) < 1e-9)
        #expect(abs(fit.ratings[2] - 1000) < 1e-9)
        let ranking = Ranking.compute(counts, options: { var o = RankingOptions(); o.rounds = 50; return o }())
        #expect(ranking.notes.contains { $0.contains("never compared") })
    }

    @Test func undefeatedSystemGetsAFiniteFlaggedRating() throws {
        // A never lost: the MLE would send A to +∞. One virtual tie per pair, half a win each way:
        // A–B 5.5 : 0.5, B–C 3.5 : 3.5. The score equations give σ(θA − θB) = 5.5 / 6, so the gap is
        // ln 11 nats = 400·log10(11) Elo, and σ(θC − θB) = 1/2, so B and C are level; centred on 1000.
        let counts = Self.counts(["A", "B", "C"], [(0, 1, 5, 0, 0), (1, 2, 3, 3, 0)])
        let fit = BradleyTerry.fit(counts.pairTallies, systemCount: 3)
        #expect(fit.penalised == [true])
        let gap = 400 * log10(11.0)
        #expect(abs(fit.ratings[0] - (1000 + 2 * gap / 3)) < 1e-7)
        #expect(abs(fit.ratings[1] - (1000 - gap / 3)) < 1e-7)
        #expect(abs(fit.ratings[2] - (1000 - gap / 3)) < 1e-7)
        let ranking = Ranking.compute(counts, options: { var o = RankingOptions(); o.rounds = 100; return o }())
        #expect(ranking.notes.contains { $0.contains("A never lost") })
        // The true gap is unbounded: A's interval is open above; B and C, which beat nobody
        // outside their own pair, are open below. No end is a made-up number.
        let a = try #require(ranking.row("A"))
        #expect(a.upper == nil)
        #expect(a.lower.map { $0.isFinite && $0 > 1000 } == true)
        for system in ["B", "C"] {
            let row = try #require(ranking.row(system))
            #expect(row.lower == nil, "\(row)")
            #expect(row.upper.map { $0.isFinite && $0 >= row.rating } == true, "\(row)")
        }
        #expect(a.rank == 1)
    }

    @Test func estimabilityFollowsStrongConnectivity() {
        let cycle = ComparisonGraph(systemCount: 3, pairs: [PairTally(i: 0, j: 1, winsI: 1, winsJ: 0, ties: 0),
                                                           PairTally(i: 1, j: 2, winsI: 1, winsJ: 0, ties: 0),
                                                           PairTally(i: 0, j: 2, winsI: 0, winsJ: 1, ties: 0)])
        #expect(cycle.estimable == [true])
        let chain = ComparisonGraph(systemCount: 3, pairs: [PairTally(i: 0, j: 1, winsI: 1, winsJ: 0, ties: 0),
                                                           PairTally(i: 1, j: 2, winsI: 1, winsJ: 1, ties: 0)])
        #expect(chain.estimable == [false])
        let tied = ComparisonGraph(systemCount: 2, pairs: [PairTally(i: 0, j: 1, winsI: 4, winsJ: 0, ties: 1)])
        #expect(tied.estimable == [true])
    }
}
