import Foundation

/// How often Agon's 95% intervals hold the truth on simulated clustered studies (`ClusteredBattles`):
/// the check behind "95% interval". For every interval Agon prints on a pairwise study — Bradley–Terry
/// ratings (task and battle bootstrap), head-to-head win rates (Wilson and clustered), the sign test
/// (as 1 − its rejection rate under no difference), and the parameter effects — the share of
/// simulated studies whose interval covers the value a study of infinitely many tasks would give.
public enum IntervalCoverage {
    public struct Row: Sendable, Equatable, Codable {
        public var interval: String
        public var covered: Int
        public var total: Int
        public var coverage: Double { total > 0 ? Double(covered) / Double(total) : .nan }
    }

    public struct Settings: Sendable {
        public var simulations = 1000
        public var rounds = 500
        public var tasks = 40
        public var raters = 5
        public var taskSD = 100.0
        public var tieRate = 0.1
        public var seed: UInt64 = 1
        /// Also run the (wrong for clustered data) battle bootstrap for the effects, for contrast.
        public var effectsBattleBootstrap = true
        public init() {}
    }

    /// Scenario "two systems, 100 Elo apart": ratings, win rates.
    public static func twoSystems(_ settings: Settings, gap: Double = 100) -> [Row] {
        let world = ClusteredBattles(ratings: [1000 + gap / 2, 1000 - gap / 2], tasks: settings.tasks, raters: settings.raters,
                                     taskSD: settings.taskSD, tieRate: settings.tieRate)
        let truth = world.marginalRatings()
        let decisive = world.marginalWinRate(0, 1)
        let half = settings.tieRate / 2 + (1 - settings.tieRate) * decisive
        var counts = [String: (Int, Int)]()
        func count(_ name: String, _ hit: Bool) {
            var entry = counts[name] ?? (0, 0)
            entry.0 += hit ? 1 : 0
            entry.1 += 1
            counts[name] = entry
        }
        for simulation in 0..<settings.simulations {
            let battles = world.draw(seed: settings.seed &+ UInt64(simulation))
            let (matrix, byTask) = study(battles, systems: 2, tasks: settings.tasks)
            for kind in [BootstrapKind.tasks, .battles] {
                var options = RankingOptions()
                options.rounds = settings.rounds
                options.seed = UInt64(simulation) + 1
                options.bootstrap = kind
                options.eloShuffles = 1
                let ranking = Ranking.compute(matrix, clusters: byTask, options: options)
                for system in 0..<2 {
                    guard let row = ranking.row("s\(system)") else { continue }
                    let hit = (row.lower ?? .infinity) <= truth[system] && truth[system] <= (row.upper ?? -.infinity)
                    count(kind == .tasks ? "rating, task bootstrap (default)" : "rating, battle bootstrap", hit)
                }
            }
            var duel = HeadToHead(matrix, 0, 1)
            duel.cluster(byTask, i: 0, j: 1, name: "task")
            func covers(_ w: WilsonInterval?, _ value: Double) -> Bool { w.map { $0.lower <= value && value <= $0.upper } ?? false }
            count("win rate, ties as half — Wilson (independent battles)", covers(duel.winRateTiesHalf, half))
            count("win rate, ties as half — clustered by task (default)", covers(duel.clustered?.winRateTiesHalf?.interval, half))
            count("win rate, ties excluded — Wilson (independent battles)", covers(duel.winRateTiesExcluded, decisive))
            count("win rate, ties excluded — clustered by task (default)", covers(duel.clustered?.winRateTiesExcluded?.interval, decisive))
        }
        return rows(counts)
    }

    /// Scenario "no difference": the sign tests' rejection rate at 5%, as coverage 1 − rate.
    public static func noDifference(_ settings: Settings) -> [Row] {
        let world = ClusteredBattles(ratings: [1000, 1000], tasks: settings.tasks, raters: settings.raters,
                                     taskSD: settings.taskSD, tieRate: settings.tieRate)
        var plain = 0, clustered = 0
        for simulation in 0..<settings.simulations {
            let battles = world.draw(seed: settings.seed &+ 7_000_000 &+ UInt64(simulation))
            let (matrix, byTask) = study(battles, systems: 2, tasks: settings.tasks)
            var duel = HeadToHead(matrix, 0, 1)
            duel.cluster(byTask, i: 0, j: 1, name: "task")
            if (duel.signTestP ?? 1) >= 0.05 { plain += 1 }
            if (duel.clustered?.signTestP ?? 1) >= 0.05 { clustered += 1 }
        }
        return [Row(interval: "sign test, 1 − false-positive rate — exact (independent battles)", covered: plain, total: settings.simulations),
                Row(interval: "sign test, 1 − false-positive rate — sign-flip over tasks (default)", covered: clustered, total: settings.simulations)]
    }

    /// The ablation systems: 70B and 7B at 16 and 4 bits, and a 13B at 8 bits.
    public static let ablationProfiles: [SystemProfile] = [
        SystemProfile(parametersBillions: 70, quantisationBits: 16, family: "sim"),
        SystemProfile(parametersBillions: 70, quantisationBits: 4, family: "sim"),
        SystemProfile(parametersBillions: 7, quantisationBits: 16, family: "sim"),
        SystemProfile(parametersBillions: 7, quantisationBits: 4, family: "sim"),
        SystemProfile(parametersBillions: 13, quantisationBits: 8, family: "sim"),
    ]

    /// Scenario "ablation": five systems whose strengths are +40 Elo per doubling of parameters and
    /// +5 Elo per bit, a +20 Elo lean to the left answer; ratings and the parameter effects.
    public static func ablation(_ settings: Settings, perDoubling: Double = 40, perBit: Double = 5, left: Double = 20) -> [Row] {
        let profiles = ablationProfiles
        let systems = (0..<profiles.count).map { "s\($0)" }
        let design = ProfileDesign(systems: systems, profiles: profiles)
        precondition(design.estimable && design.knobs == [.parameters, .quantisation])
        let ratings = (0..<profiles.count).map { s in
            1000 + perDoubling * design.matrix[s * 2] + perBit * design.matrix[s * 2 + 1]
        }
        let world = ClusteredBattles(ratings: ratings, tasks: settings.tasks, raters: settings.raters,
                                     taskSD: settings.taskSD, tieRate: settings.tieRate, leftElo: left)
        // The truth: the same model fitted to the expected scores (ties as half) of infinitely many tasks.
        var expected: [CovariateBattle] = []
        for (i, j) in world.pairs {
            for (l, r) in [(i, j), (j, i)] {
                let p = world.marginalScore(eloGap: ratings[l] - ratings[r] + left)
                expected.append(CovariateBattle(a: l, b: r, score: p, weight: 1e6, covariates: [1]))
            }
        }
        let exact = StructuredBradleyTerry.fit(expected, systemCount: profiles.count, design: design.matrix, knobCount: 2,
                                               covariateCount: 1, residualSD: ParameterEffects.defaultResidualSDElo / BradleyTerry.eloPerNat,
                                               tolerance: 1e-12)
        let truth = (exact.effects + exact.covariates).map { $0 * BradleyTerry.eloPerNat }
        let truthRatings = world.marginalRatings()
        var counts = [String: (Int, Int)]()
        func count(_ name: String, _ hit: Bool) {
            var entry = counts[name] ?? (0, 0)
            entry.0 += hit ? 1 : 0
            entry.1 += 1
            counts[name] = entry
        }
        for simulation in 0..<settings.simulations {
            let battles = world.draw(seed: settings.seed &+ 9_000_000 &+ UInt64(simulation))
            let (matrix, byTask) = study(battles, systems: profiles.count, tasks: settings.tasks)
            var options = RankingOptions()
            options.rounds = settings.rounds
            options.seed = UInt64(simulation) + 1
            options.bootstrap = .tasks
            options.eloShuffles = 1
            let ranking = Ranking.compute(matrix, clusters: byTask, options: options)
            for (system, name) in systems.enumerated() {
                guard let row = ranking.row(name) else { continue }
                count("rating, task bootstrap, 5 systems", (row.lower ?? .infinity) <= truthRatings[system] && truthRatings[system] <= (row.upper ?? -.infinity))
            }
            for clustered in settings.effectsBattleBootstrap ? [true, false] : [true] {
                let effects = ParameterEffects.compute(battles, systems: systems, profiles: profiles, covariates: [.position],
                                                       clustered: clustered, clusterCount: settings.tasks,
                                                       resampled: clustered ? "tasks" : "battles",
                                                       rounds: settings.rounds, seed: UInt64(simulation) + 1)
                let how = clustered ? "task bootstrap (default)" : "battle bootstrap"
                for (index, effect) in (effects.effects + effects.covariates).enumerated() {
                    let hit = (effect.lower ?? .infinity) <= truth[index] && truth[index] <= (effect.upper ?? -.infinity)
                    count("effect: \(effect.unit), \(how)", hit)
                }
            }
        }
        return rows(counts)
    }

    static func study(_ battles: [CovariateBattle], systems: Int, tasks: Int) -> (BattleCounts, [[PairTally]]) {
        var matrix = BattleCounts(systems: (0..<systems).map { "s\($0)" })
        for battle in battles {
            matrix.add(battle.a, battle.b, battle.score == 1 ? .winA : battle.score == 0 ? .winB : .tie, times: battle.weight)
        }
        return (matrix, ClusteredBattles.tallies(battles, systemCount: systems, tasks: tasks))
    }

    static func rows(_ counts: [String: (Int, Int)]) -> [Row] {
        counts.keys.sorted().map { Row(interval: $0, covered: counts[$0]!.0, total: counts[$0]!.1) }
    }
}
