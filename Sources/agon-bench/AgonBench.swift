import AgonCommandLine
import AgonCore
import ArgumentParser

/// The developers' tool beside `agon`: benchmarks that print figures (build with `-c release`) and
/// the scripted rater the fault tests drive. Made-up data only, never in the working study folders.
@main
struct AgonBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "agon-bench",
        abstract: "Benchmarks of agon, and the scripted rater of its fault tests.",
        discussion: """
        Run from the folder that holds Studies/ and Rubrics/ (or set AGON_HOME); commands that time \
        agon as a whole process run the agon built beside this binary: `swift build -c release` builds both.
        """,
        version: AgonVersion.current,
        subcommands: [
            RankBenchmark.self,
            ScreenBenchmark.self,
            AgreementBenchmark.self,
            ScaleBenchmark.self,
            PasteBenchmark.self,
            CollectBenchmark.self,
            CoverageBenchmark.self,
            SshBenchmark.self,
            ScriptedRaterCommand.self,
        ]
    )

    static func main() { mainPrintingFailuresPlainly() }
}
