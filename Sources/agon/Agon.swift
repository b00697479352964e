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
            SessionsCommand.self,
            ReportCommand.self,
            RankCommand.self,
            ExportCommand.self,
            AgreementCommand.self,
            BenchScreenCommand.self,
            BenchRankCommand.self,
            BenchAgreementCommand.self,
            ScriptedRaterCommand.self,
            BenchScaleCommand.self,
            BenchCollectCommand.self,
        ]
    )

    /// Like the default entry point, but problems in a person's files come out as plain
    /// `file:line: message` lines, without ArgumentParser's "Error:" prefix or usage text.
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch let failure as Failure {
            FileHandle.standardError.write(Data((failure.description + "\n").utf8))
            Foundation.exit(1)
        } catch {
            exit(withError: error)
        }
    }
}
