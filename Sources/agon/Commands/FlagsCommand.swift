import AgonCommandLine
import AgonCore
import ArgumentParser
import Foundation

/// The researcher's review queue: every item a rater flagged, with its task, systems and reasons.
struct FlagsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "flags",
        abstract: "List the items raters flagged (task, rater, systems, reason): the review queue.",
        discussion: "A flag the rater withdrew (undo) is not listed. `agon report --exclude-flagged` leaves flagged judgements out.")

    @Argument(help: "The study id (a folder in Studies/).")
    var study: String

    @Flag(help: "Print JSON instead of a table.")
    var json = false

    func run() throws {
        let workspace = Workspace.fromEnvironment()
        let bundle = try StudyBundle.loadForCommand(study, in: workspace)
        let judgements = StudyJudgements.load(bundle: bundle, workspace: workspace)
        for warning in judgements.warnings { FileHandle.standardError.write(Data("warning: \(warning)\n".utf8)) }
        if json {
            print(try ReportJSON.encode(judgements.flags))
        } else if judgements.flags.isEmpty {
            print("\(study): no flagged items.")
        } else {
            let categories = Dictionary(uniqueKeysWithValues: bundle.study.tasks.map { ($0.id, $0.category) })
            print(FlagTable.render(judgements.flags, categories: categories))
            let raters = Set(judgements.flags.map(\.rater)).count
            print("\(PluralNoun.flaggedItem.counted(judgements.flags.count)) from \(PluralNoun.rater.counted(raters)).")
        }
    }
}
