import AgonCommandLine
import AgonCore
import ArgumentParser
import Foundation

extension StudyExport.Format: ExpressibleByArgument {}

struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write a study's judgements as CSV or JSON Lines, one row per judgement × criterion (--long: × system).",
        discussion: """
        Columns: \(StudyExport.columns.joined(separator: ", ")).
        With --long: \(StudyExport.longColumns.joined(separator: ", ")).
        """)

    @Argument(help: "The study id (a folder in Studies/).")
    var study: String

    @Option(help: "csv or jsonl.")
    var format: StudyExport.Format = .csv

    @Flag(help: "One row per judgement × criterion × system, with that system's side, score and result.")
    var long = false

    @Option(name: [.short, .long], help: "Write to this file instead of standard output.")
    var output: String?

    @Flag(help: "With -o: replace the file if it exists.")
    var force = false

    func run() throws {
        let workspace = Workspace.fromEnvironment()
        let bundle = try StudyBundle.loadForCommand(study, in: workspace)
        if let output, !force, FileManager.default.fileExists(atPath: output) {
            throw Failure("\(output): already exists; choose another file or add --force to replace it")
        }
        let judgements = StudyJudgements.load(bundle: bundle, workspace: workspace)
        for warning in judgements.warnings { FileHandle.standardError.write(Data("warning: \(warning)\n".utf8)) }
        let shape: StudyExport.Shape = long ? .long : .wide
        let rows = StudyExport.rows(judgements.judgements, study: bundle.study, rubric: bundle.rubric,
                                    flags: judgements.flags, shape: shape)
        let text = StudyExport.render(rows, format: format, shape: shape)
        guard let output else {
            FileHandle.standardOutput.write(Data(text.utf8))
            return
        }
        do {
            try Data(text.utf8).write(to: URL(fileURLWithPath: output), options: .atomic)
        } catch {
            throw Failure("\(output): cannot write (\((error as NSError).localizedDescription))")
        }
        let raters = Set(judgements.judgements.map(\.rater)).count
        print("wrote \(output): \(PluralNoun.row.counted(rows.count)) (\(PluralNoun.judgement.counted(judgements.judgements.count)) from \(PluralNoun.rater.counted(raters)))")
    }
}
