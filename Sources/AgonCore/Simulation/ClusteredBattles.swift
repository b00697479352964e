import Foundation

/// Made-up battles with known truth, clustered the way a study's are: for the coverage benchmark,
/// the planner and the tests, never for real results.
///
/// Each task t gives every system s its own deviation δ_ts ~ N(0, taskSD²) and each rater r a
/// deviation ε_rs ~ N(0, raterSD²) (Elo), so P(s beats o on t, judged by r) =
/// σ((θ_s − θ_o + δ_ts − δ_to + ε_rs − ε_ro)/(400/ln 10) + position) for the answer on the left,
/// after a tie with probability `tieRate`. Every rater judges every chosen pair on every task
/// `perTask` times, sides drawn at random.
public struct ClusteredBattles: Sendable {
    /// True conditional strengths, Elo (1000 = average).
    public var ratings: [Double]
    public var pairs: [(Int, Int)]
    public var tasks: Int
    public var raters: Int
    public var perTask: Int
    public var taskSD: Double
    public var raterSD: Double
    public var tieRate: Double
    /// Elo added to the left answer.
    public var leftElo: Double
    /// The tasks each rater judges (every chosen pair on each), as a design with a budget gives
    /// them; nil: every rater judges every task.
    public var raterTasks: [[Int]]?

    public init(ratings: [Double], pairs: [(Int, Int)]? = nil, tasks: Int, raters: Int, perTask: Int = 1,
                taskSD: Double, raterSD: Double = 0, tieRate: Double, leftElo: Double = 0) {
        self.ratings = ratings
        self.pairs = pairs ?? (0..<ratings.count).flatMap { i in ((i + 1)..<ratings.count).map { (i, $0) } }
        self.tasks = tasks
        self.raters = raters
        self.perTask = perTask
        self.taskSD = taskSD
        self.raterSD = raterSD
        self.tieRate = tieRate
        self.leftElo = leftElo
    }

    /// One simulated study: battles seen from the left answer (position covariate +1), aggregated per
    /// (task, left, right, outcome), clustered by task.
    public func draw(seed: UInt64) -> [CovariateBattle] {
        var random = SeededRandom(seed: seed, mixing: ["clustered-battles"])
        let k = ratings.count
        let scale = BradleyTerry.eloPerNat
        var raterShift = [Double](repeating: 0, count: raters * k)
        for index in raterShift.indices { raterShift[index] = raterSD * Self.normal(&random) }
        var battles: [CovariateBattle] = []
        var cell = [Double](repeating: 0, count: k * k * 3)
        var judges: [Bool]?
        if let raterTasks {
            var table = [Bool](repeating: false, count: raters * tasks)
            for (rater, list) in raterTasks.prefix(raters).enumerated() {
                for task in list where task >= 0 && task < tasks { table[rater * tasks + task] = true }
            }
            judges = table
        }
        for task in 0..<tasks {
            var shift = [Double](repeating: 0, count: k)
            for s in 0..<k { shift[s] = taskSD * Self.normal(&random) }
            for index in cell.indices { cell[index] = 0 }
            for (i, j) in pairs {
                for rater in 0..<raters where judges?[rater * tasks + task] ?? true {
                    let gap = ratings[i] - ratings[j] + shift[i] - shift[j] + raterShift[rater * k + i] - raterShift[rater * k + j]
                    for _ in 0..<perTask {
                        let iLeft = random.next() & 1 == 0
                        let (left, right) = iLeft ? (i, j) : (j, i)
                        let outcome: Int
                        if random.unit() < tieRate {
                            outcome = 2
                        } else {
                            let eta = ((iLeft ? gap : -gap) + leftElo) / scale
                            outcome = random.unit() < BradleyTerry.sigmoid(eta) ? 0 : 1
                        }
                        cell[(left * k + right) * 3 + outcome] += 1
                    }
                }
            }
            for left in 0..<k {
                for right in 0..<k where left != right {
                    for (outcome, score) in [1.0, 0.0, 0.5].enumerated() {
                        let count = cell[(left * k + right) * 3 + outcome]
                        if count > 0 {
                            battles.append(CovariateBattle(a: left, b: right, score: score, weight: count,
                                                           covariates: [1], cluster: task))
                        }
                    }
                }
            }
        }
        return battles
    }

    /// The battles of one simulated study per task as pair tallies (i < j), as `StudyBattles.byTask`.
    public static func tallies(_ battles: [CovariateBattle], systemCount: Int, tasks: Int) -> [[PairTally]] {
        var perTask = [BattleCounts](repeating: BattleCounts(systems: (0..<systemCount).map { "s\($0)" }), count: tasks)
        for battle in battles {
            let outcome: BattleOutcome = battle.score == 1 ? .winA : battle.score == 0 ? .winB : .tie
            perTask[battle.cluster].add(battle.a, battle.b, outcome, times: battle.weight)
        }
        return perTask.map(\.pairTallies)
    }

    /// P(i beats j | decisive), averaged over tasks and raters: the population win rate a study of
    /// many tasks estimates (Gauss–Hermite quadrature, 40 nodes, over the normal gap deviation).
    /// Sides are drawn at random, so the left lean averages over both orders.
    public func marginalWinRate(_ i: Int, _ j: Int) -> Double {
        let gap = ratings[i] - ratings[j]
        return (marginalProbability(eloGap: gap + leftElo) + marginalProbability(eloGap: gap - leftElo)) / 2
    }

    /// E[σ((gap + D)/(400/ln 10))] over the gap deviation D ~ N(0, 2·taskSD² + 2·raterSD²).
    public func marginalProbability(eloGap gap: Double) -> Double {
        let spread = (2 * taskSD * taskSD + 2 * raterSD * raterSD).squareRoot()
        guard spread > 0 else { return BradleyTerry.sigmoid(gap / BradleyTerry.eloPerNat) }
        var sum = 0.0
        for (node, weight) in GaussHermite.nodes40 {
            // ∫ f(x) φ(x) dx = Σ w f(√2·node) / √π.
            sum += weight * BradleyTerry.sigmoid((gap + spread * 2.0.squareRoot() * node) / BradleyTerry.eloPerNat)
        }
        return sum / Double.pi.squareRoot()
    }

    /// a's expected score against b with ties as half a win — tieRate/2 + (1 − tieRate)·P(decisive
    /// win) — for a gap that includes the left lean: what a half-tie Bradley–Terry fit of many tasks
    /// estimates for that ordered pair.
    public func marginalScore(eloGap gap: Double) -> Double {
        tieRate / 2 + (1 - tieRate) * marginalProbability(eloGap: gap)
    }

    /// The ratings a Bradley–Terry fit of infinitely many such battles would give (mean 1000), ties
    /// counted as half a win as Agon's default fit counts them: the fit of the pairs' expected
    /// scores. Closer together than `ratings`, since averaging a logistic over task deviations
    /// flattens it and ties pull every score towards ½.
    public func marginalRatings() -> [Double] {
        let k = ratings.count
        let tallies = pairs.map { (i, j) -> PairTally in
            let gap = ratings[i] - ratings[j]
            let p = (marginalScore(eloGap: gap + leftElo) + marginalScore(eloGap: gap - leftElo)) / 2
            return PairTally(i: min(i, j), j: max(i, j), winsI: (i < j ? p : 1 - p) * 1e6, winsJ: (i < j ? 1 - p : p) * 1e6, ties: 0)
        }
        return BradleyTerry.fit(tallies, systemCount: k, tolerance: 1e-12).ratings
    }

    static func normal(_ random: inout SeededRandom) -> Double {
        // Box–Muller.
        let u = max(random.unit(), 1e-300)
        let v = random.unit()
        return (-2 * log(u)).squareRoot() * cos(2 * Double.pi * v)
    }
}

/// Gauss–Hermite nodes and weights (physicists' weight e^{−x²}), computed once by Newton on the
/// Hermite recurrence (Golub–Welsch would do as well; 40 nodes integrate a logistic to 1e-10).
enum GaussHermite {
    static let nodes40: [(Double, Double)] = compute(40)

    static func compute(_ n: Int) -> [(Double, Double)] {
        precondition(n % 2 == 0, "an even number of nodes")
        var result: [(Double, Double)] = []
        var z = 0.0
        for i in 0..<((n + 1) / 2) {
            // Initial guesses from Numerical Recipes §4.6 (gauher).
            switch i {
            case 0: z = (2 * Double(n) + 1).squareRoot() - 1.85575 * pow(2 * Double(n) + 1, -0.16667)
            case 1: z -= 1.14 * pow(Double(n), 0.426) / z
            case 2: z = 1.86 * z - 0.86 * result[0].0
            case 3: z = 1.91 * z - 0.91 * result[1].0
            default: z = 2 * z - result[i - 2].0
            }
            var derivative = 0.0
            for _ in 0..<100 {
                var p1 = 1 / pow(Double.pi, 0.25), p2 = 0.0
                for j in 1...n {
                    let p3 = p2
                    p2 = p1
                    p1 = z * (2.0 / Double(j)).squareRoot() * p2 - (Double(j - 1) / Double(j)).squareRoot() * p3
                }
                derivative = (2 * Double(n)).squareRoot() * p2
                let step = p1 / derivative
                z -= step
                if abs(step) < 1e-14 { break }
            }
            result.append((z, 2 / (derivative * derivative)))
        }
        return result + result.map { (-$0.0, $0.1) }
    }
}
