import AgonCommandLine
import AgonCore
import ArgumentParser
import Foundation

extension StudyExport.Format: ExpressibleByArgument {}

struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write a study's judgements as CSV or JSON Lines, one row per judgement × criterion.",
        discussion: "Columns: \(StudyExport.columns.joined(separator: ", ")).")

    @Argument(help: "The study id (a folder in Studies/).")
    var study: String

    @Option(help: "csv or jsonl.")
    var format: StudyExport.Format = .csv

    @Option(name: [.short, .long], help: "Write to this file instead of standard output.")
    var output: String?

    func run() throws {
        let workspace = Workspace.fromEnvironment()
        let bundle = try StudyBundle.loadForCommand(study, in: workspace)
        let judgements = StudyJudgements.load(bundle: bundle, workspace: workspace)
        for warning in judgements.warnings { FileHandle.standardError.write(Data("warning: \(warning)\n".utf8)) }
        let text = StudyExport.render(StudyExport.rows(judgements.judgements, study: bundle.study, rubric: bundle.rubric), format: format)
        if let output {
            do {
                try Data(text.utf8).write(to: URL(fileURLWithPath: output), options: .atomic)
            } catch {
                throw Failure("\(output): cannot write (\((error as NSError).localizedDescription))")
            }
        } else {
            FileHandle.standardOutput.write(Data(text.utf8))
        }
    }
}
