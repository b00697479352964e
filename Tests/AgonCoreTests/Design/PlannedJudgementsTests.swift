import Foundation
import Testing
@testable import AgonCore

/// `agon plan` plans for the study's own design: its pairs, and each rater's share of them.
@Suite struct PlannedJudgementsTests {
    static let workspace = Workspace(root: TestWorkspace.repository)

    @Test func theManySystemStudyIsPlannedForItsContrastsAndBudget() throws {
        let study = try StudyBundle.load(studyID: "six-families", in: Self.workspace).study
        let layout = PlannedJudgements(study: study, raters: 12)
        guard case .contrasts(let contrasts) = study.design.pairs else {
            Issue.record("six-families should compare contrasts")
            return
        }
        #expect(layout.pairs == contrasts)
        #expect(layout.budget == 60)
        let tasks = try #require(layout.tasks)
        // The same shares as the schedules the twelve raters get, repeats left out.
        for rater in 0..<12 {
            let schedule = Schedule.make(study: study, rater: "rater-\(rater + 1)").items.filter { !$0.isRepeat }
            #expect(contrasts.reduce(0) { $0 + tasks[$1]![rater].count } == schedule.count)
            for pair in contrasts {
                let seen = schedule.filter { SystemPair($0.left, $0.right) == pair || SystemPair($0.right, $0.left) == pair }
                    .map { item in study.tasks.firstIndex { $0.id == item.task }! }
                #expect(tasks[pair]![rater].sorted() == seen.sorted())
            }
        }
        #expect(layout.designed("llama2-7b", "llama2-70b") == SystemPair("llama2-70b", "llama2-7b"))
        #expect(layout.designed("llama2-7b", "llama3-8b") == nil)
        #expect(layout.raterTasks("llama2-7b", "llama3-8b") == nil)
        #expect(layout.share(raters: 12, tasks: 85).contains("60 of the 1020 items (the design's budget): 5 of each pair"))
    }

    @Test func aCompleteDesignHasEveryRaterOnEveryTask() throws {
        let study = try StudyBundle.load(studyID: "extremes", in: Self.workspace, answers: .mayBeAbsent).study
        let layout = PlannedJudgements(study: study, raters: 5)
        #expect(layout.pairs == [SystemPair("giant", "minimal")])
        #expect(layout.budget == nil && layout.tasks == nil)
        #expect(layout.share(raters: 5, tasks: 30) == "each rater judges every compared pair on every task once (30 judgements a pair a rater)")
    }

    /// With a budget the plan counts only the judgements the raters make, and fewer judgements a
    /// contrast give less power than every rater on every task.
    @Test func aBudgetCostsPower() {
        let assumptions = Planner.Assumptions(tasks: 40, tieRate: 0.1, taskSD: 100, raterSD: 50, simulations: 200, maxRaters: 40)
        let fewTasks = (0..<40).map { rater in (0..<5).map { (rater * 5 + $0) % 40 } }
        let budget = Planner.plan(system: "a", opponent: "b", winRate: 0.65, raters: 10, assumptions: assumptions, raterTasks: fewTasks)
        let complete = Planner.plan(system: "a", opponent: "b", winRate: 0.65, raters: 10, assumptions: assumptions)
        #expect(budget.planned.judgements == 50)
        #expect(complete.planned.judgements == 400)
        #expect(budget.planned.power < complete.planned.power)
        #expect(budget.planned.width > complete.planned.width)
        if let needed = budget.needed { #expect(needed.judgements == needed.raters * 5) }
    }
}
