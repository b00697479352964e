import AgonCommandLine
import AgonCore
import ArgumentParser
import Foundation

struct AgreementCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "agreement",
        abstract: "Inter-rater agreement: Krippendorff's alpha, Cohen's and Fleiss' kappa, Gwet's AC1/AC2, ICC, percent agreement.",
        discussion: """
        agon agreement STUDY
          every session of a study: scores and winners per criterion, the
          overall preference, rater × rater kappa, intra-rater consistency.
        agon agreement --ratings FILE
          any CSV with columns unit,rater,value (empty, NA or NaN: missing).

        Intervals: 95% percentile bootstrap over units, seeded. A statistic the
        data cannot support (no variation, no unit rated twice, one rater) is
        printed as `undefined` with the reason, never as 0.
        """)

    @Argument(help: "A study id (a folder under Studies/ with sessions under Sessions/).")
    var study: String?

    @Option(name: .long, help: ArgumentHelp("A CSV file with columns unit,rater,value.", valueName: "file"))
    var ratings: String?

    @Option(name: .long, help: ArgumentHelp("With --ratings: every category of the scale, in order, comma-separated (e.g. 1,2,3,4,5,6,7); weighted statistics need the whole scale.", valueName: "list"))
    var scale: String?

    @Option(name: .long, parsing: .singleValue,
            help: ArgumentHelp("With --ratings: nominal, ordinal, interval or ratio (repeat or comma-separate); default: every level that applies.", valueName: "level"))
    var level: [String] = []

    @Option(name: .long, help: "Bootstrap resamples for the 95% intervals (0: no intervals).")
    var bootstrap: Int = 1000

    @Option(name: .long, help: "Seed of the bootstrap.")
    var seed: UInt64 = 1

    @Flag(name: .long, help: "Print JSON instead of tables.")
    var json = false

    @Flag(name: .customLong("exclude-flagged"), help: "With a study: leave out the judgements of items their rater flagged.")
    var excludeFlagged = false

    func validate() throws {
        if (study == nil) == (ratings == nil) {
            throw ValidationError("give either a study id or --ratings FILE")
        }
        if study != nil, scale != nil || !level.isEmpty {
            throw ValidationError("--scale and --level apply to --ratings; a study's scale comes from its rubric")
        }
        if bootstrap < 0 { throw ValidationError("--bootstrap must be 0 or more") }
        _ = try levels()
    }

    func levels() throws -> [MeasurementLevel]? {
        let names = level.flatMap { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).lowercased() } }
        guard !names.isEmpty else { return nil }
        return try names.map { name in
            guard let level = MeasurementLevel(rawValue: name) else {
                throw ValidationError("unknown level `\(name)`: use nominal, ordinal, interval or ratio")
            }
            return level
        }
    }

    func run() throws {
        let bootstrap = AgreementBootstrap(rounds: self.bootstrap, seed: seed)
        if let ratings {
            try runRatings(file: ratings, bootstrap: bootstrap)
        } else if let study {
            try runStudy(study, bootstrap: bootstrap)
        }
    }

    func runRatings(file: String, bootstrap: AgreementBootstrap) throws {
        let scaleList = scale.map { $0.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) } }
        if let scaleList, scaleList.contains(where: \.isEmpty) || Set(scaleList).count != scaleList.count {
            throw Failure("--scale must list distinct, non-empty categories separated by commas")
        }
        let table: RatingsTable
        do {
            table = try RatingsFileReader.read(file: URL(fileURLWithPath: file), displayName: file, scale: scaleList)
        } catch {
            throw Failure(diagnostics: error.diagnostics)
        }
        let applicable = RatingsAgreement.applicableLevels(table)
        let requested = try levels()
        if let requested, let missing = requested.first(where: { !applicable.contains($0) }) {
            let why = missing == .ordinal ? "the categories have no order (give --scale in order)"
                : missing == .ratio && table.numericValues != nil ? "some values are negative" : "the values are not all numbers"
            throw Failure("\(file): the \(missing.rawValue) level does not apply: \(why)")
        }
        let agreement = RatingsAgreement.analyse(table, levels: requested, bootstrap: bootstrap)
        if json {
            try printJSON(agreement)
        } else {
            print(AgreementText.render(agreement, source: file))
        }
    }

    func runStudy(_ studyID: String, bootstrap: AgreementBootstrap) throws {
        let workspace = Workspace.fromEnvironment()
        let bundle = try StudyBundle.loadForCommand(studyID, in: workspace)
        // The same reading as `report`: undo applied, unknown systems left out, a changed study said.
        let judgements = StudyJudgements.load(bundle: bundle, workspace: workspace, excludeFlagged: excludeFlagged)
        if judgements.flaggedLeftOut > 0 {
            FileHandle.standardError.write(Data("\(PluralNoun.judgement.counted(judgements.flaggedLeftOut)) of flagged items left out (--exclude-flagged)\n".utf8))
        }
        if judgements.raters.isEmpty {
            throw Failure("\(studyID): no judgements yet in \(workspace.display(workspace.sessionFolder(studyID)))")
        }
        for warning in judgements.warnings { FileHandle.standardError.write(Data("warning: \(warning)\n".utf8)) }
        let byRater = Dictionary(grouping: judgements.judgements, by: \.rater)
        let sessions = judgements.raters.map { rater in
            StudyAgreement.Session(rater: rater, judgements: (byRater[rater] ?? []).map(\.judgement))
        }
        let agreement = StudyAgreement.analyse(bundle: bundle, sessions: sessions, bootstrap: bootstrap)
        if json {
            try printJSON(agreement)
        } else {
            print(StudyAgreementText.render(agreement))
        }
    }

    func printJSON<T: Encodable>(_ value: T) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let data = try encoder.encode(value)
        FileHandle.standardOutput.write(data)
        FileHandle.standardOutput.write(Data("\n".utf8))
    }
}
