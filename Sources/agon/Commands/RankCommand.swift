import AgonCommandLine
import AgonCore
import ArgumentParser
import Foundation

/// Options shared by `rank` and `report`.
struct RankingArguments: ParsableArguments {
    @Option(help: "Bootstrap rounds for the 95% intervals (0 for none).")
    var rounds = 1000

    @Option(help: "Seed of the bootstrap and of the online Elo orders.")
    var seed: UInt64 = 1

    @Option(help: "How ties enter the fit: half (half a win each) or davidson (Davidson's tie model).")
    var ties: TieModel = .half

    @Option(help: "Hold this system at 1000 instead of the mean.")
    var anchor: String?

    @Option(name: .customLong("elo-k"), help: "K factor of the online Elo column.")
    var eloK = 4.0

    @Option(name: .customLong("elo-orders"), help: "Random battle orders the online Elo column is averaged over (default: 10, fewer above 200,000 battles).")
    var eloOrders: Int?

    func options(bootstrap: BootstrapKind) throws -> RankingOptions {
        guard rounds >= 0, rounds <= 1_000_000 else { throw Failure("--rounds must be between 0 and 1000000") }
        guard eloK > 0, eloK.isFinite else { throw Failure("--elo-k must be a positive number") }
        if let eloOrders, !(1...10_000).contains(eloOrders) { throw Failure("--elo-orders must be between 1 and 10000") }
        var options = RankingOptions()
        options.rounds = rounds
        options.seed = seed
        options.ties = ties
        options.anchor = anchor
        options.eloK = eloK
        options.eloShuffles = eloOrders
        options.bootstrap = bootstrap
        return options
    }
}

extension TieModel: ExpressibleByArgument {}
extension BootstrapKind: ExpressibleByArgument {}

struct RankCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rank",
        abstract: "Rank systems from any pairwise battles (Chatbot Arena format).",
        discussion: """
        The file is CSV with a header row, JSON Lines, or a JSON array; each battle has model_a, model_b and \
        winner (model_a, model_b, tie or "tie (bothbad)"). Other columns are ignored.
        """)

    @Option(help: "The battles file (.csv, .jsonl or .json).")
    var battles: String

    @OptionGroup var ranking: RankingArguments

    @Option(help: "A column whose values group battles: the bootstrap, win rates and sign test then treat these groups as the independent units. Default: question_id when the file has it; `none` treats every battle as independent.")
    var cluster: String?

    @Option(help: "A TOML file of [[systems]] profiles keyed by system name (the keys of a study's [[systems]]): adds the parameter-effects fit.")
    var profiles: String?

    @Option(help: "With more than two systems, also compare these two head to head (two ids, comma-separated).")
    var pair: String?

    @Flag(help: "Print every number as JSON instead of tables.")
    var json = false

    @Flag(name: .customLong("timings"), help: .hidden)
    var timings = false

    func run() throws {
        let clock = ContinuousClock()
        let started = clock.now
        var file: BattleFileReader.Battles
        var cluster = self.cluster == "none" ? nil : self.cluster
        var clusterNote: String?
        if self.cluster == nil, BattleFileReader.namesField(path: battles, "question_id") {
            cluster = "question_id"
            clusterNote = "Clustered by `question_id` (found in the file): battles on one question are not independent. `--cluster none` treats them as if they were."
        }
        do {
            file = try BattleFileReader.read(path: battles, cluster: cluster)
        } catch {
            guard clusterNote != nil else { throw Failure(diagnostics: error.diagnostics) }
            // `question_id` was found but not on every battle: fall back to independent battles, and say so.
            do {
                file = try BattleFileReader.read(path: battles)
            } catch {
                throw Failure(diagnostics: error.diagnostics)
            }
            cluster = nil
            clusterNote = "`question_id` is missing from some battles: battles resampled as if independent (name a complete column with --cluster)."
        }
        let profileTable: [String: SystemProfile]?
        do {
            profileTable = try profiles.map { path throws(DiagnosticsError) in try ProfilesFile.read(path: path) }
        } catch {
            throw Failure(diagnostics: error.diagnostics)
        }
        let counts = file.counts
        if let anchor = ranking.anchor, counts.index(of: anchor) == nil {
            throw Failure("--anchor `\(anchor)` is not a system in \(battles) (systems: \(counts.systems.sorted().joined(separator: ", ")))")
        }
        let read = clock.now
        let result = Ranking.compute(counts, clusters: file.clusters,
                                     options: try ranking.options(bootstrap: cluster == nil ? .battles : .tasks))
        if timings {
            let seconds = { (d: Duration) in String(format: "%.3f s", Double(d.components.attoseconds) / 1e18 + Double(d.components.seconds)) }
            FileHandle.standardError.write(Data("read \(seconds(read - started)), rank \(seconds(clock.now - read))\n".utf8))
        }
        var duel: HeadToHead?
        if let pair {
            let ids = pair.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            guard ids.count == 2, let i = counts.index(of: ids[0]), let j = counts.index(of: ids[1]), i != j else {
                throw Failure("--pair takes two different systems of the file, e.g. --pair \(counts.systems.prefix(2).joined(separator: ","))")
            }
            duel = HeadToHead(counts, i, j)
            if let cluster { duel?.cluster(file.clusters, i: i, j: j, name: "`\(cluster)`") }
        } else if counts.count == 2 {
            let first = counts.index(of: result.rows[0].system)!
            duel = HeadToHead(counts, first, 1 - first)
            if let cluster { duel?.cluster(file.clusters, i: first, j: 1 - first, name: "`\(cluster)`") }
        }
        let effects = profileTable.map {
            BattleFileEffects.compute(file, profiles: $0, clusterName: cluster, rounds: ranking.rounds, seed: ranking.seed)
        }
        if json {
            struct Output: Encodable {
                var file: String
                var systems: Int
                var ranking: Ranking
                var cluster: String?
                var headToHead: HeadToHead?
                var effects: ParameterEffects?
            }
            print(try ReportJSON.encode(Output(file: battles, systems: counts.count, ranking: result, cluster: cluster,
                                               headToHead: duel, effects: effects)))
            return
        }
        print("\(battles): \(result.battles) battles among \(counts.count) systems")
        print(RankingTable.method(result, clusterName: cluster.map { "groups of equal `\($0)`" } ?? "tasks"))
        if let clusterNote { print(clusterNote) }
        print("")
        print(RankingTable.render(result))
        if let duel {
            print("")
            print(RankingTable.headToHead(duel))
        }
        if let effects {
            print("")
            print(EffectsText.render(effects))
        }
    }
}
