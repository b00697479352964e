import Foundation

/// How many raters and judgements a contrast needs, found by simulating the study before it is run
/// (`agon plan`): each simulated study is drawn from `ClusteredBattles` with the study's tasks, the
/// expected win rate, the tie rate and the task and rater spread, and analysed with the figures the
/// report prints — the task-clustered win rate (`ClusteredWinRate`, the fast equivalent of the task
/// bootstrap; `agon-bench coverage` checks both hold 95%). Power is the share of simulated studies
/// whose 95% interval of the win rate (ties excluded) leaves out 50%; the width is the median width
/// of the ties-as-half interval, also on the Elo scale.
///
/// The rule of thumb it must agree with, with no ties and no clustering (one judgement a task): the
/// normal-approximation sample size for a binomial test at two-sided 5% and 80% power,
/// n = (1.96·√(¼) + 0.8416·√(p(1−p)))² / (p − ½)² — 85 for p = 65%, 194 for 60%, 783 for 55%.
public enum Planner {
    public struct Assumptions: Sendable, Equatable, Codable {
        public var tasks: Int
        public var tieRate: Double
        public var taskSD: Double
        public var raterSD: Double
        public var simulations: Int
        public var targetPower: Double
        public var maxRaters: Int
        public var seed: UInt64

        public init(tasks: Int, tieRate: Double = 0.1, taskSD: Double = 100, raterSD: Double = 50,
                    simulations: Int = 400, targetPower: Double = 0.8, maxRaters: Int = 200, seed: UInt64 = 1) {
            self.tasks = tasks
            self.tieRate = tieRate
            self.taskSD = taskSD
            self.raterSD = raterSD
            self.simulations = simulations
            self.targetPower = targetPower
            self.maxRaters = maxRaters
            self.seed = seed
        }
    }

    public struct Point: Sendable, Equatable, Codable {
        public var raters: Int
        public var judgements: Int
        public var power: Double
        /// Median width of the 95% interval: win-rate points (0…1) and Elo.
        public var width: Double
        public var widthElo: Double
    }

    public struct Plan: Sendable, Equatable, Codable {
        public var system: String
        public var opponent: String
        /// The population win rate (ties excluded) assumed, and the Bradley–Terry gap it means.
        public var winRate: Double
        public var eloGap: Double
        /// At the number of raters asked about.
        public var planned: Point
        /// The fewest raters reaching the target power; nil when `maxRaters` do not.
        public var needed: Point?
        public var note: String?
    }

    /// The Elo gap a Bradley–Terry fit would report for a win rate, and back.
    public static func eloGap(winRate p: Double) -> Double { BradleyTerry.eloPerNat * log(p / (1 - p)) }
    public static func winRate(eloGap gap: Double) -> Double { BradleyTerry.sigmoid(gap / BradleyTerry.eloPerNat) }

    /// - Parameter raterTasks: the tasks on which each rater judges the contrast (rater r's list at
    ///   index r, for at least `max(raters, maxRaters)` raters; `PlannedJudgements`), when the
    ///   study's design gives raters a budget; nil: every rater judges it on every task.
    public static func plan(system: String, opponent: String, winRate: Double, raters: Int,
                            assumptions: Assumptions, raterTasks: [[Int]]? = nil) -> Plan {
        let world = { (raters: Int) in self.world(winRate: winRate, raters: raters, assumptions: assumptions, raterTasks: raterTasks) }
        let planned = evaluate(world(raters), assumptions: assumptions)
        var needed: Point?
        var note: String?
        if planned.power >= assumptions.targetPower {
            // Search downwards for the fewest.
            var low = 0, high = raters
            var best = planned
            while high - low > 1 {
                let middle = (low + high) / 2
                let point = evaluate(world(middle), assumptions: assumptions)
                if point.power >= assumptions.targetPower { high = middle; best = point } else { low = middle }
            }
            needed = best
        } else {
            var low = raters, high = raters
            var best: Point?
            while high < assumptions.maxRaters {
                low = high
                high = min(assumptions.maxRaters, high * 2)
                let point = evaluate(world(high), assumptions: assumptions)
                if point.power >= assumptions.targetPower { best = point; break }
            }
            if var found = best {
                while high - low > 1 {
                    let middle = (low + high) / 2
                    let point = evaluate(world(middle), assumptions: assumptions)
                    if point.power >= assumptions.targetPower { high = middle; found = point } else { low = middle }
                }
                needed = found
            } else {
                note = "not reached with \(assumptions.maxRaters) raters: with \(assumptions.tasks) tasks the spread between tasks limits the precision — add tasks"
                    + (raterTasks == nil ? "." : ", or raise the design's items per rater.")
            }
        }
        return Plan(system: system, opponent: opponent, winRate: winRate, eloGap: eloGap(winRate: winRate),
                    planned: planned, needed: needed, note: note)
    }

    static func world(winRate: Double, raters: Int, assumptions: Assumptions, raterTasks: [[Int]]? = nil) -> ClusteredBattles {
        var world = ClusteredBattles(ratings: [1000, 1000], tasks: assumptions.tasks, raters: max(raters, 1),
                                     taskSD: assumptions.taskSD, raterSD: assumptions.raterSD, tieRate: assumptions.tieRate)
        world.raterTasks = raterTasks.map { Array($0.prefix(world.raters)) }
        // The conditional gap whose average over tasks and raters gives the population win rate.
        var low = 0.0, high = 4000.0
        let target = max(winRate, 1 - winRate)
        for _ in 0..<80 {
            let middle = (low + high) / 2
            if world.marginalProbability(eloGap: middle) < target { low = middle } else { high = middle }
        }
        let gap = winRate >= 0.5 ? (low + high) / 2 : -(low + high) / 2
        world.ratings = [1000 + gap / 2, 1000 - gap / 2]
        return world
    }

    static func evaluate(_ world: ClusteredBattles, assumptions: Assumptions) -> Point {
        var hits = 0
        var widths: [Double] = []
        var elo: [Double] = []
        for simulation in 0..<assumptions.simulations {
            let battles = world.draw(seed: assumptions.seed &+ UInt64(simulation) &* 0x9e37_79b9)
            let (counts, byTask) = IntervalCoverage.study(battles, systems: 2, tasks: world.tasks)
            // The head-to-head's clustered win rates (without its sign-flip test, which the power
            // does not use and which costs 20,000 flips a study beyond 20 tasks).
            let duel = HeadToHead(counts, 0, 1)
            let tallies = byTask.compactMap { $0.first { $0.i == 0 && $0.j == 1 } }
            let clusteredExcluded = ClusteredWinRate(clusters: tallies.map { (successes: $0.winsI, trials: $0.winsI + $0.winsJ) })
            let clusteredHalf = ClusteredWinRate(clusters: tallies.map { (successes: $0.winsI + $0.ties / 2, trials: $0.total) })
            // A single task has no between-task spread to see: fall back to the Wilson interval.
            let decisive = clusteredExcluded?.interval ?? duel.winRateTiesExcluded
            if let decisive, decisive.lower > 0.5 || decisive.upper < 0.5 { hits += 1 }
            if let half = clusteredHalf?.interval ?? duel.winRateTiesHalf {
                widths.append(half.upper - half.lower)
                let clamp = { (p: Double) in min(max(p, 1e-4), 1 - 1e-4) }
                elo.append(eloGap(winRate: clamp(half.upper)) - eloGap(winRate: clamp(half.lower)))
            }
        }
        let cells = world.raterTasks.map { $0.reduce(0) { $0 + Set($1).count } } ?? world.raters * world.tasks
        return Point(raters: world.raters, judgements: cells * world.perTask,
                     power: Double(hits) / Double(max(assumptions.simulations, 1)),
                     width: BootstrapPercentile.of(widths, 0.5) ?? .nan, widthElo: BootstrapPercentile.of(elo, 0.5) ?? .nan)
    }

    /// Decisive judgements needed at `power` when judgements are independent and there are no ties
    /// (each judgement its own task): the simulated counterpart of the rule of thumb.
    public static func independentJudgementsNeeded(winRate: Double, power: Double = 0.8, simulations: Int = 2000,
                                                   seed: UInt64 = 1) -> Int {
        // Independent judgements without ties: n Bernoulli draws a study, each its own cluster,
        // analysed by the same clustered interval as the full plan (which then equals a Wilson
        // interval with t in place of z).
        let decisive = BradleyTerry.sigmoid(eloGap(winRate: winRate) / BradleyTerry.eloPerNat)
        func powerAt(_ n: Int) -> Double {
            var hits = 0
            for simulation in 0..<simulations {
                var random = SeededRandom(seed: seed &+ UInt64(simulation) &* 0x9e37_79b9)
                let clusters = (0..<n).map { _ in (successes: random.unit() < decisive ? 1.0 : 0.0, trials: 1.0) }
                if let interval = ClusteredWinRate(clusters: clusters)?.interval, interval.lower > 0.5 || interval.upper < 0.5 { hits += 1 }
            }
            return Double(hits) / Double(simulations)
        }
        var low = 4, high = 8
        while powerAt(high) < power, high < 1_000_000 { low = high; high *= 2 }
        while high - low > 1 {
            let middle = (low + high) / 2
            if powerAt(middle) >= power { high = middle } else { low = middle }
        }
        return high
    }

    /// The normal-approximation rule of thumb (see the type's comment).
    public static func ruleOfThumb(winRate p: Double) -> Double {
        let numerator = 1.959_963_984_540_054 * 0.5 + 0.841_621_233_572_914 * (p * (1 - p)).squareRoot()
        return numerator * numerator / ((p - 0.5) * (p - 0.5))
    }

    /// The spread (SD, Elo, of one system's deviation) between groups — tasks, or raters — in a
    /// pilot's battles of one pair, by the method of moments: the variance of the groups' win shares
    /// beyond what binomial sampling explains, taken to the logit scale by the delta method and split
    /// between the two systems (the gap's variance is twice a system's). nil with fewer than 3 groups.
    public static func spread(groups: [(successes: Double, trials: Double)]) -> Double? {
        let used = groups.filter { $0.trials > 0 }
        guard used.count >= 3 else { return nil }
        let n = used.reduce(0) { $0 + $1.trials }
        let p = used.reduce(0) { $0 + $1.successes } / n
        guard p > 0, p < 1 else { return 0 }
        let shares = used.map { $0.successes / $0.trials }
        let mean = shares.reduce(0, +) / Double(shares.count)
        let observed = shares.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(shares.count - 1)
        let sampling = used.reduce(0) { $0 + p * (1 - p) / $1.trials } / Double(used.count)
        let between = max(0, observed - sampling)
        return between.squareRoot() / (p * (1 - p)) * BradleyTerry.eloPerNat / 2.0.squareRoot()
    }
}
