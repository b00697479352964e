import AgonCommandLine
import AgonCore
import ArgumentParser
import Foundation

struct PlanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan",
        abstract: "Before recruiting: the power, interval width, raters and judgements each contrast of a study needs.",
        discussion: """
        Simulates the study as its design will run it (its tasks; the pairs its design compares; each rater's \
        share of items from the schedules raters will get, or every pair on every task when the design sets no \
        budget) with the expected \
        win rate, the tie rate and the spread between tasks and raters, and analyses each simulated study as \
        `agon report` does (task-clustered 95% intervals). Spreads default to 100 Elo between tasks and 50 between \
        raters; --pilot STUDY measures them, and the tie rate, from a pilot study's journals.
        """)

    @Argument(help: "The study id (a folder in Studies/).")
    var study: String

    @Option(help: "A contrast to plan for (two system ids, comma-separated); repeat for several. Default: the pairs the study's design compares.")
    var contrast: [String] = []

    @Option(name: .customLong("win-rate"), help: "Expected win rate of the first system, ties excluded (e.g. 0.6); one for all contrasts, or one per --contrast.")
    var winRate: [Double] = []

    @Option(name: .customLong("elo-gap"), help: "Expected Elo gap instead of a win rate (e.g. 70); one for all, or one per --contrast.")
    var eloGap: [Double] = []

    @Option(name: .customLong("tie-rate"), help: "Share of ties and both-weak verdicts (default 0.1, or the pilot's).")
    var tieRate: Double?

    @Option(name: .customLong("task-sd"), help: "SD of a system's deviation from task to task, Elo (default 100, or the pilot's).")
    var taskSD: Double?

    @Option(name: .customLong("rater-sd"), help: "SD of a system's deviation from rater to rater, Elo (default 50, or the pilot's).")
    var raterSD: Double?

    @Option(help: "A pilot study whose journals give the tie rate and the task and rater spreads.")
    var pilot: String?

    @Option(help: "Raters you plan to recruit: the power is shown at this number.")
    var raters = 5

    @Option(help: "Power to reach.")
    var power = 0.8

    @Option(help: "Simulated studies per point.")
    var simulations = 400

    @Option(help: "Seed of the simulation.")
    var seed: UInt64 = 1

    @Flag(help: "Print every number as JSON instead of a table.")
    var json = false

    func run() throws {
        let workspace = Workspace.fromEnvironment()
        // Planning comes before collecting: a study without answers yet is planned all the same.
        let bundle: StudyBundle
        do {
            bundle = try StudyBundle.load(studyID: study, in: workspace, answers: .mayBeAbsent)
        } catch {
            throw Failure(diagnostics: error.diagnostics)
        }
        let ids = bundle.study.systems.map(\.id)
        var contrasts: [(String, String)] = []
        for text in contrast {
            let parts = text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.count == 2, parts[0] != parts[1], ids.contains(parts[0]), ids.contains(parts[1]) else {
                throw Failure("--contrast takes two different systems of \(study), e.g. --contrast \(ids.prefix(2).joined(separator: ","))")
            }
            contrasts.append((parts[0], parts[1]))
        }
        guard (1...10_000).contains(raters) else { throw Failure("--raters must be between 1 and 10000") }
        let maxRaters = max(200, raters)
        let layout = PlannedJudgements(study: bundle.study, raters: maxRaters)
        let chosen: String
        if contrasts.isEmpty {
            contrasts = layout.pairs.map { ($0.first, $0.second) }
            chosen = "the \(layout.pairs.count) pair\(layout.pairs.count == 1 ? "" : "s") its design compares (\(layout.pairDesign))"
        } else {
            let outside = contrasts.filter { layout.designed($0.0, $0.1) == nil }.count
            chosen = "\(contrasts.count) contrast\(contrasts.count == 1 ? "" : "s") given with --contrast"
                + (outside == 0 ? "" : " (\(outside) not compared by the study's design (\(layout.pairDesign)): planned as if every rater judged \(outside == 1 ? "it" : "them") on every task)")
        }
        guard winRate.isEmpty || eloGap.isEmpty else { throw Failure("give --win-rate or --elo-gap, not both") }
        var expected = winRate.isEmpty ? eloGap.map(Planner.winRate(eloGap:)) : winRate
        if expected.isEmpty { expected = [0.6] }
        guard expected.allSatisfy({ $0 > 0 && $0 < 1 && $0 != 0.5 }) else {
            throw Failure("--win-rate must be between 0 and 1 and not 0.5 (and --elo-gap not 0): a contrast with no difference has no power to plan")
        }
        guard expected.count == 1 || expected.count == contrasts.count else {
            throw Failure("give one --win-rate/--elo-gap for all contrasts, or one per --contrast (\(contrasts.count))")
        }
        guard power > 0.05, power < 1 else { throw Failure("--power must be between 0.05 and 1") }
        guard (10...100_000).contains(simulations) else { throw Failure("--simulations must be between 10 and 100000") }

        var assumptions = Planner.Assumptions(tasks: bundle.study.tasks.count, simulations: simulations, targetPower: power,
                                              maxRaters: maxRaters, seed: seed)
        var source = "defaults"
        if let pilot {
            let measured = try Self.measure(pilot: pilot, workspace: workspace)
            assumptions.tieRate = measured.tieRate
            assumptions.taskSD = measured.taskSD
            assumptions.raterSD = measured.raterSD
            source = "pilot \(pilot): \(measured.judgements) judgements"
        }
        if let tieRate {
            guard (0..<1).contains(tieRate) else { throw Failure("--tie-rate must be at least 0 and below 1") }
            assumptions.tieRate = tieRate
        }
        if let taskSD {
            guard taskSD >= 0, taskSD.isFinite else { throw Failure("--task-sd must not be negative") }
            assumptions.taskSD = taskSD
        }
        if let raterSD {
            guard raterSD >= 0, raterSD.isFinite else { throw Failure("--rater-sd must not be negative") }
            assumptions.raterSD = raterSD
        }
        let plans = contrasts.enumerated().map { index, pair in
            var plan = Planner.plan(system: pair.0, opponent: pair.1, winRate: expected.count == 1 ? expected[0] : expected[index],
                                    raters: raters, assumptions: assumptions, raterTasks: layout.raterTasks(pair.0, pair.1))
            if layout.designed(pair.0, pair.1) == nil {
                plan.note = ["not compared by the study's design: planned as if every rater judged it on every task", plan.note]
                    .compactMap { $0 }.joined(separator: "; ")
            }
            return plan
        }
        let share = layout.share(raters: raters, tasks: assumptions.tasks)
        if json {
            struct Output: Encodable {
                var study: String
                var assumptions: Planner.Assumptions
                var source: String
                var contrasts: String
                var share: String
                var plans: [Planner.Plan]
            }
            print(try ReportJSON.encode(Output(study: study, assumptions: assumptions, source: source, contrasts: chosen, share: share, plans: plans)))
            return
        }
        print(PlanText.render(study: study, assumptions: assumptions, source: source, contrasts: chosen, share: share, raters: raters, plans: plans))
    }

    /// Tie rate, and task and rater spreads averaged over the pilot's compared pairs.
    static func measure(pilot: String, workspace: Workspace) throws -> (tieRate: Double, taskSD: Double, raterSD: Double, judgements: Int) {
        let bundle = try StudyBundle.loadForCommand(pilot, in: workspace)
        let judgements = StudyJudgements.load(bundle: bundle, workspace: workspace).judgements.filter { $0.judgement.repeatOf == nil }
        let verdicts = judgements.compactMap { rated in rated.judgement.preference.map { (rated, $0) } }
        guard verdicts.count >= 20 else {
            throw Failure("pilot \(pilot) has \(verdicts.count) judgements with a preference; at least 20 are needed to measure anything")
        }
        let tieRate = Double(verdicts.filter { $0.1 == .tie || $0.1 == .bothWeak }.count) / Double(verdicts.count)
        var byTask: [String: [String: (Double, Double)]] = [:]
        var byRater: [String: [String: (Double, Double)]] = [:]
        for (rated, preference) in verdicts {
            let j = rated.judgement
            let (first, second) = j.left < j.right ? (j.left, j.right) : (j.right, j.left)
            let pair = first + "\u{1F}" + second
            let score: Double = preference == .a ? (j.left == first ? 1 : 0) : preference == .b ? (j.right == first ? 1 : 0) : 0.5
            byTask[pair, default: [:]][j.task, default: (0, 0)].0 += score
            byTask[pair, default: [:]][j.task, default: (0, 0)].1 += 1
            byRater[pair, default: [:]][rated.rater, default: (0, 0)].0 += score
            byRater[pair, default: [:]][rated.rater, default: (0, 0)].1 += 1
        }
        func average(_ groups: [String: [String: (Double, Double)]]) -> Double? {
            let values = groups.values.compactMap { Planner.spread(groups: $0.values.map { (successes: $0.0, trials: $0.1) }) }
            return values.isEmpty ? nil : values.reduce(0, +) / Double(values.count)
        }
        guard let task = average(byTask) else { throw Failure("pilot \(pilot): fewer than 3 tasks with battles of one pair; cannot measure the task spread") }
        return (tieRate, task, average(byRater) ?? 50, verdicts.count)
    }
}
