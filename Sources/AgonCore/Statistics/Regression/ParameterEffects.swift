import Foundation

/// A battle-level nuisance covariate, oriented from system a (`CovariateBattle.a`).
public enum BattleCovariate: String, Sendable, Codable, CaseIterable {
    /// +1: a was shown on the left (position bias).
    case position
    /// (a − b)/(a + b) of the answers' words (Chatbot Arena's style control normalisation).
    case length
    /// (a − b)/(a + b) of markdown elements (headings, list items, bold spans); 0 when neither has any.
    case markdown

    public var name: String {
        switch self {
        case .position: return "position"
        case .length: return "answer length"
        case .markdown: return "markdown use"
        }
    }

    /// The change the effect is quoted for, and its size on the covariate's scale.
    public var unit: (text: String, size: Double) {
        switch self {
        case .position: return ("shown on the left", 1)
        case .length: return ("twice as long as the other ((a − b)/(a + b) = 1/3)", 1.0 / 3)
        case .markdown: return ("all the markdown on its side ((a − b)/(a + b) = 1)", 1)
        }
    }
}

/// What the knobs of a configuration are worth, in Elo per unit, from a structured Bradley–Terry fit
/// (`StructuredBradleyTerry`) with percentile intervals from a clustered bootstrap: whole clusters
/// (tasks; question ids) are resampled with replacement and the model refitted (Field & Welsh 2007),
/// or, with no cluster known, battles are resampled multinomially. The intervals are conditional on
/// the systems in the study: they say how sure the data are about these systems' knobs, not about a
/// population of models.
///
/// When the design cannot separate the knobs (`ProfileDesign.estimable` false) no knob effect is
/// fitted or printed — only why, and what arm would separate them; the nuisance covariates are still
/// estimated beside plain per-system strengths.
public struct ParameterEffects: Sendable, Equatable, Codable {
    public struct Effect: Sendable, Equatable, Codable {
        public var key: String
        public var name: String
        /// The change the numbers are quoted for, e.g. "doubling parameters".
        public var unit: String
        public var elo: Double
        public var lower: Double?
        public var upper: Double?
    }

    public var design: ProfileDesign
    /// Empty when the design cannot credit the knobs.
    public var effects: [Effect]
    public var covariates: [Effect]
    /// What each system's profile does not explain, in Elo (shrunk towards 0 by the residual prior).
    public var residuals: [String: Double]
    public var battles: Int
    public var clusters: Int
    /// What the bootstrap resampled: "tasks", "groups of equal `question_id`", or "battles".
    public var resampled: String
    public var rounds: Int
    public var seed: UInt64
    public var residualSDElo: Double
    public var converged: Bool
    public var notes: [String]

    public static let defaultResidualSDElo = 100.0

    /// - Parameter clustered: resample whole clusters (`CovariateBattle.cluster`, 0..<clusterCount);
    ///   otherwise battles, multinomially.
    public static func compute(_ battles: [CovariateBattle], systems: [String], profiles: [SystemProfile],
                               covariates: [BattleCovariate], clustered: Bool, clusterCount: Int,
                               resampled: String, rounds: Int, seed: UInt64,
                               residualSDElo: Double = defaultResidualSDElo) -> ParameterEffects {
        let design = ProfileDesign(systems: systems, profiles: profiles)
        let k = systems.count
        let p = design.estimable ? design.knobs.count : 0
        let q = covariates.count
        // Without knobs the residuals are the systems' own strengths: a weak ridge (1000 Elo) only pins
        // their mean and keeps an undefeated system finite.
        let tau = (design.estimable ? residualSDElo : 1000) / BradleyTerry.eloPerNat
        let matrix = design.estimable ? design.matrix : []
        // Battle resampling draws per row: each row is its own group.
        let rows = clustered ? battles : battles.enumerated().map { index, battle in
            var own = battle
            own.cluster = index
            return own
        }
        let sparse = StructuredBradleyTerry.SparseRows(rows, systemCount: k, design: matrix, knobCount: p,
                                                       covariateCount: q, clusterWeights: nil)
        let covariateSD = 4.0
        let point = StructuredBradleyTerry.fit(sparse, residualSD: tau, covariateSD: covariateSD, start: nil, tolerance: 1e-8)
        let total = battles.reduce(0) { $0 + $1.weight }
        var draws: [[Double]] = []
        if rounds > 0, total > 0 {
            let oneStep = StructuredBradleyTerry.OneStepBootstrap(
                sparse, estimate: point.parameters, penalty: sparse.penalty(residualSD: tau, covariateSD: covariateSD),
                clusterCount: clustered ? max(clusterCount, 1) : rows.count)
            draws = bootstrap(rows, rounds: rounds, seed: seed, clustered: clustered, clusterCount: clusterCount) { weights in
                if let parameters = oneStep.round(weights) { return Array(parameters[0..<(p + q)]) }
                let fit = StructuredBradleyTerry.fit(rows, systemCount: k, design: matrix, knobCount: p,
                                                     covariateCount: q, residualSD: tau, covariateSD: covariateSD,
                                                     clusterWeights: weights, start: point.parameters, tolerance: 1e-6)
                return fit.effects + fit.covariates
            }
        }
        // Resampled clusters get the small-cluster stretch of `ClusterBootstrapInterval` (the plain
        // percentile interval covered 89–93% with 40 tasks); resampled battles are many, and keep it.
        let groups = Set(battles.filter { $0.weight > 0 }.map(\.cluster)).count
        func interval(_ column: Int, estimate: Double, scale: Double) -> (Double, Double)? {
            guard !draws.isEmpty else { return nil }
            let rounds = draws.map { $0[column] * scale * BradleyTerry.eloPerNat }
            let point = estimate * scale * BradleyTerry.eloPerNat
            return clustered ? ClusterBootstrapInterval.interval95(rounds, estimate: point, clusters: groups)
                : BootstrapPercentile.interval95(rounds)
        }
        var effects: [Effect] = []
        for (j, knob) in design.knobs.enumerated() where design.estimable {
            let range = interval(j, estimate: point.effects[j], scale: 1)
            effects.append(Effect(key: knob.rawValue, name: knob.name, unit: knob.unit,
                                  elo: point.effects[j] * BradleyTerry.eloPerNat, lower: range?.0, upper: range?.1))
        }
        var covariateEffects: [Effect] = []
        for (c, covariate) in covariates.enumerated() {
            let unit = covariate.unit
            let range = interval(p + c, estimate: point.covariates[c], scale: unit.size)
            covariateEffects.append(Effect(key: covariate.rawValue, name: covariate.name, unit: unit.text,
                                           elo: point.covariates[c] * unit.size * BradleyTerry.eloPerNat,
                                           lower: range?.0, upper: range?.1))
        }
        var residuals: [String: Double] = [:]
        if design.estimable {
            for (s, system) in systems.enumerated() { residuals[system] = point.residuals[s] * BradleyTerry.eloPerNat }
        }
        var notes: [String] = []
        if clustered, clusterCount < 5, rounds > 0 {
            notes.append("Only \(clusterCount) resampling group\(clusterCount == 1 ? "" : "s"): the intervals are too narrow.")
        }
        if !point.converged { notes.append("The fit did not fully converge in \(point.iterations) iterations.") }
        return ParameterEffects(design: design, effects: effects, covariates: covariateEffects, residuals: residuals,
                                battles: Int(total.rounded()), clusters: clusterCount, resampled: resampled,
                                rounds: draws.count, seed: seed, residualSDElo: residualSDElo,
                                converged: point.converged, notes: notes)
    }

    /// Runs `refit` once per round on cluster (or battle) weights; rounds are seeded from (seed, round)
    /// so results do not depend on threads.
    static func bootstrap(_ battles: [CovariateBattle], rounds: Int, seed: UInt64, clustered: Bool, clusterCount: Int,
                          refit: @Sendable ([Double]) -> [Double]) -> [[Double]] {
        let weights = battles.map(\.weight)
        let output = UnsafeMutableBufferPointer<[Double]>.allocate(capacity: rounds)
        output.initialize(repeating: [])
        defer { output.deallocate() }
        nonisolated(unsafe) let shared = output
        let workers = max(1, min(ProcessInfo.processInfo.activeProcessorCount, rounds))
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            var round = worker
            while round < rounds {
                var random = RatingBootstrap.generator(seed, round)
                var multipliers: [Double]
                if clustered {
                    multipliers = [Double](repeating: 0, count: max(clusterCount, 1))
                    for _ in 0..<clusterCount { multipliers[random.below(clusterCount)] += 1 }
                } else {
                    // Each row stands for `weight` battles: a multinomial draw of the same total.
                    multipliers = []
                    multipliers.reserveCapacity(weights.count)
                    var remaining = Int(weights.reduce(0, +).rounded())
                    var mass = weights.reduce(0, +)
                    for w in weights {
                        let draw = mass > 0 && remaining > 0 ? BinomialSampler.draw(remaining, min(w / mass, 1), &random) : 0
                        multipliers.append(w > 0 ? Double(draw) / w : 0)
                        remaining -= draw
                        mass -= w
                    }
                }
                shared[round] = refit(multipliers)
                round += workers
            }
        }
        return Array(output)
    }
}
