import Foundation
import Testing
@testable import AgonCore

@Suite struct PlannerTests {
    /// The rule of thumb (85 decisive judgements for 65%, 194 for 60%, 783 for 55%, 80% power,
    /// two-sided 5%, independent judgements) from the formula and from the planner's simulation.
    @Test(arguments: [(0.65, 85.0), (0.60, 194.0), (0.55, 783.0)])
    func theSimulationAgreesWithTheRuleOfThumb(winRate: Double, published: Double) {
        #expect(abs(Planner.ruleOfThumb(winRate: winRate) - published) < 1)
        let simulated = Double(Planner.independentJudgementsNeeded(winRate: winRate, simulations: 1000))
        #expect(abs(simulated - published) / published < 0.12, "simulated \(simulated) for \(winRate)")
    }

    @Test func clusteringCostsJudgements() {
        let loose = Planner.plan(system: "a", opponent: "b", winRate: 0.65, raters: 5,
                                 assumptions: Planner.Assumptions(tasks: 40, tieRate: 0, taskSD: 0, raterSD: 0, simulations: 200))
        let clustered = Planner.plan(system: "a", opponent: "b", winRate: 0.65, raters: 5,
                                     assumptions: Planner.Assumptions(tasks: 40, tieRate: 0, taskSD: 150, raterSD: 50, simulations: 200))
        #expect(clustered.planned.power < loose.planned.power)
        #expect(clustered.planned.width > loose.planned.width)
        let few = try? #require(loose.needed)
        #expect((few?.judgements ?? 0) <= 120)
    }

    @Test func spreadBetweenGroupsIsMeasured() {
        // Identical groups: no spread beyond sampling.
        #expect(Planner.spread(groups: [(successes: 5, trials: 10), (5, 10), (5, 10), (5, 10)]) == 0)
        // Groups that go all one way or the other: a large spread.
        #expect(Planner.spread(groups: (0..<10).map { $0 % 2 == 0 ? (successes: 10, trials: 10) : (0, 10) })! > 200)
    }
}
