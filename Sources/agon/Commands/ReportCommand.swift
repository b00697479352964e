import AgonCommandLine
import AgonCore
import ArgumentParser
import Foundation

struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Rank the systems of a study per criterion, with intervals, scores and bias diagnostics.",
        discussion: "Reads every journal in Sessions/<study>/. Repeated showings count once in rankings.")

    @Argument(help: "The study id (a folder in Studies/).")
    var study: String

    @OptionGroup var ranking: RankingArguments

    @Option(help: "What the bootstrap resamples: tasks (clustered; the default for a study) or battles.")
    var bootstrap: BootstrapKind = .tasks

    @Option(help: "The two systems to compare head to head (two ids, comma-separated); by default the top and bottom overall.")
    var pair: String?

    @Option(name: .customLong("reading-speed"), help: "Words a minute above which a judgement counts as too fast to have read both answers.")
    var readingSpeed = 500.0

    @Flag(help: "Print every number as JSON instead of tables.")
    var json = false

    @Flag(name: .customLong("exclude-flagged"), help: "Leave out the judgements of items their rater flagged (they are still listed).")
    var excludeFlagged = false

    @Option(help: "Write the report as one self-contained HTML file (figures included) to this path.")
    var html: String?

    @Option(help: "Language of the HTML report: en or ru.")
    var lang: Language = .en

    @Flag(help: "Replace the --html file if it exists.")
    var force = false

    @Flag(name: .customLong("timings"), help: .hidden)
    var timings = false

    func run() throws {
        let workspace = Workspace.fromEnvironment()
        let bundle = try StudyBundle.loadForCommand(study, in: workspace)
        let ids = bundle.study.systems.map(\.id)
        if let anchor = ranking.anchor, !ids.contains(anchor) {
            throw Failure("--anchor `\(anchor)` is not a system of \(study) (systems: \(ids.joined(separator: ", ")))")
        }
        var chosen: (String, String)?
        if let pair {
            let parts = pair.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.count == 2, parts[0] != parts[1], ids.contains(parts[0]), ids.contains(parts[1]) else {
                throw Failure("--pair takes two different systems of \(study), e.g. --pair \(ids.prefix(2).joined(separator: ","))")
            }
            chosen = (parts[0], parts[1])
        }
        guard readingSpeed > 0, readingSpeed.isFinite else { throw Failure("--reading-speed must be a positive number") }
        if json, html != nil { throw Failure("--json and --html write different things; choose one") }
        let target = html.map { URL(fileURLWithPath: $0) }
        if let target, !force, FileManager.default.fileExists(atPath: target.path) {
            throw Failure("\(html!) exists; add --force to replace it")
        }
        let roster: RaterRoster?
        do {
            roster = try RaterRoster.load(study: study, in: workspace)
        } catch {
            throw Failure(diagnostics: error.diagnostics)
        }
        let clock = ContinuousClock()
        let started = clock.now
        let judgements = StudyJudgements.load(bundle: bundle, workspace: workspace, excludeFlagged: excludeFlagged)
        let loaded = clock.now
        let report = StudyReport.build(bundle: bundle, judgements: judgements,
                                       options: try ranking.options(bootstrap: bootstrap),
                                       pair: chosen, readingWordsPerMinute: readingSpeed, roster: roster,
                                       includeAgreement: json || target != nil)
        let built = clock.now
        if let target {
            let document = StudyReportHTML.render(report, language: lang)
            do {
                // Written beside the target and renamed over it: never a half-written report.
                try Data(document.utf8).write(to: target, options: .atomic)
            } catch {
                throw Failure("\(html!): cannot write: \(error.localizedDescription)")
            }
            print(target.path)
        } else {
            print(json ? try ReportJSON.encode(report) : StudyReportText.render(report))
        }
        if timings {
            let seconds = { (d: Duration) in String(format: "%.3f s", Double(d.components.attoseconds) / 1e18 + Double(d.components.seconds)) }
            FileHandle.standardError.write(Data("read journals \(seconds(loaded - started)), statistics \(seconds(built - loaded)), print \(seconds(clock.now - built))\n".utf8))
        }
    }
}
