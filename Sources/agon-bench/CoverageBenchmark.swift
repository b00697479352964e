import AgonCommandLine
import AgonCore
import ArgumentParser
import Foundation

/// The coverage of every interval Agon prints, on simulated clustered studies (run with
/// `swift run -c release agon-bench coverage`).
struct CoverageBenchmark: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "coverage",
        abstract: "Simulate clustered studies with known truth and print how often each 95% interval covers it.",
        discussion: """
        Three settings: two systems 100 Elo apart (ratings, win rates), two equal systems (the sign tests), \
        and five ablation systems (ratings, parameter effects, position). Every task gives each system its own \
        N(0, task-sd²) Elo deviation; every rater judges every pair on every task once.
        """)

    @Option(help: "Simulated studies per setting.") var simulations = 1000
    @Option(help: "Bootstrap rounds per interval.") var rounds = 500
    @Option(help: "Tasks per study.") var tasks = 40
    @Option(help: "Raters per study.") var raters = 5
    @Option(name: .customLong("task-sd"), help: "Standard deviation of a system's per-task deviation, Elo.") var taskSD = 100.0
    @Option(name: .customLong("tie-rate"), help: "Share of ties.") var tieRate = 0.1
    @Option(help: "Seed.") var seed: UInt64 = 1
    @Option(help: "Only these settings (comma-separated: two, null, ablation).") var only: String?

    func run() throws {
        guard simulations > 0, rounds >= 20, tasks >= 2, raters >= 1, taskSD >= 0, (0..<1).contains(tieRate) else {
            throw Failure("need --simulations > 0, --rounds ≥ 20, --tasks ≥ 2, --raters ≥ 1, --task-sd ≥ 0 and 0 ≤ --tie-rate < 1")
        }
        var settings = IntervalCoverage.Settings()
        settings.simulations = simulations
        settings.rounds = rounds
        settings.tasks = tasks
        settings.raters = raters
        settings.taskSD = taskSD
        settings.tieRate = tieRate
        settings.seed = seed
        let chosen = Set((only ?? "two,null,ablation").split(separator: ",").map { String($0) })
        print("\(simulations) simulated studies a setting: \(tasks) tasks × \(raters) raters, task SD \(Int(taskSD)) Elo, ties \(Int(tieRate * 100))%, \(rounds) bootstrap rounds; nominal 95%, target 93–97%.")
        let clock = ContinuousClock()
        var rows: [IntervalCoverage.Row] = []
        let started = clock.now
        if chosen.contains("two") { rows += IntervalCoverage.twoSystems(settings) }
        if chosen.contains("null") { rows += IntervalCoverage.noDifference(settings) }
        if chosen.contains("ablation") { rows += IntervalCoverage.ablation(settings) }
        var table = [["interval", "covered", "of", "coverage", "verdict"]]
        for row in rows {
            let coverage = row.coverage
            let verdict = coverage < 0.93 ? "falls short" : coverage > 0.97 ? "too wide" : "ok"
            table.append([row.interval, "\(row.covered)", "\(row.total)", String(format: "%.1f%%", coverage * 100), verdict])
        }
        print(PlainTable.render(table))
        let seconds = (clock.now - started).components
        print(String(format: "%.1f s", Double(seconds.seconds) + Double(seconds.attoseconds) / 1e18))
    }
}
