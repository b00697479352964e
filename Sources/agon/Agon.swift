import AgonCommandLine
import AgonCore
import ArgumentParser
import Foundation

@main
struct Agon: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "agon",
        abstract: "Blind side-by-side human judgement of machine-written creative and philosophical text.",
        discussion: """
        Run from the folder that holds Studies/, Rubrics/ and Sessions/ (or set AGON_HOME).
        Start with `agon rate --rater NAME` to rate the bundled demo study.
        """,
        version: AgonVersion.current,
        subcommands: [
            RateCommand.self,
            ValidateCommand.self,
            CollectCommand.self,
            ImportCommand.self,
            SessionsGroup.self,
            ReportCommand.self,
            RankCommand.self,
            ExportCommand.self,
            AgreementCommand.self,
            FlagsCommand.self,
            PlanCommand.self,
            RatersCommand.self,
        ]
    )

    static func main() { mainPrintingFailuresPlainly() }
}
