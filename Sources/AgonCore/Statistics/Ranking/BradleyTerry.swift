import Foundation

/// How ties enter the Bradley–Terry fit.
public enum TieModel: String, Sendable, Codable, CaseIterable {
    /// A tie counts as half a win for each side (as Chatbot Arena does by duplicating tied rows).
    case half
    /// Davidson (1970): P(tie) ∝ ν·√(πᵢπⱼ), with ν estimated; see `DavidsonTies`.
    case davidson
}

/// A Bradley–Terry fit on the Elo scale.
public struct BradleyTerryFit: Sendable, Equatable {
    /// Natural-log strengths θ (P(i beats j) = 1 / (1 + e^{θⱼ − θᵢ})), anchored per component.
    public var strengths: [Double]
    /// 1000 + 400·log10(πᵢ) − anchor: a 400-point gap means 10:1 odds of winning.
    public var ratings: [Double]
    public var graph: ComparisonGraph
    /// Per component: fitted with one virtual tie per compared pair because the maximum-likelihood
    /// estimate does not exist there (a system never lost, or a group never beat another).
    public var penalised: [Bool]
    /// Davidson's ν (nil for `.half`, or when every battle was a tie and ν is unbounded).
    public var tieParameter: Double?
    public var iterations: Int
    public var converged: Bool
}

/// Bradley–Terry (1952) maximum likelihood from the win/tie count matrix, by damped Newton–Raphson
/// on the concave log-likelihood Σ wᵢⱼ·log σ(θᵢ − θⱼ) (Hunter 2004 §1; the same estimate as a
/// logistic regression of outcomes on ±1 system indicators without intercept).
///
/// Scale: rating = 1000 + 400·log10(e)·θ, with the mean of each component (or the anchor system,
/// when it is in that component) at 1000.
///
/// Degenerate cases, never a rating of ±∞ or a silent ±4000:
/// - systems that were never compared through any chain of battles are rated in separate
///   components, each centred on 1000, and flagged as not comparable;
/// - where the MLE does not exist (a system never lost, say), that component is fitted with one
///   virtual tie added to every compared pair — a mild shrinkage towards equal strength — and
///   flagged `penalised`;
/// - a system with no battles is its own component at 1000.
public enum BradleyTerry {
    public static let eloPerNat = 400 / log(10.0)
    public static let base = 1000.0
    /// Pseudo-ties added to each compared pair of a component whose MLE does not exist.
    public static let virtualTies = 1.0

    /// - Parameters:
    ///   - start: strengths to start from (a bootstrap round starts from the point estimate).
    ///   - tolerance: the fit stops after a Newton step smaller than this (in natural-log units);
    ///     Newton converges quadratically, so the error left is of the order of its square.
    ///   - graph: the comparison graph of `pairs`, when the caller already knows it.
    ///   - curvature: a Cholesky factor of the information matrix near the answer (from
    ///     `informationFactor`), for chord iterations that skip rebuilding and factoring the
    ///     Hessian: a bootstrap round lands close to the point estimate. Half-tie model only.
    public static func fit(_ pairs: [PairTally], systemCount: Int, ties: TieModel = .half,
                           anchor: Int? = nil, start: [Double]? = nil, tolerance: Double = 1e-7,
                           graph known: ComparisonGraph? = nil, curvature: [Double]? = nil) -> BradleyTerryFit {
        let graph = known ?? ComparisonGraph(systemCount: systemCount, pairs: pairs)
        var used = pairs.filter { $0.total > 0 }
        let penalised = graph.estimable.map { !$0 }
        if penalised.contains(true) {
            for index in used.indices where penalised[graph.component[used[index].i]] {
                used[index].ties += virtualTies
            }
        }
        var theta = start ?? [Double](repeating: 0, count: systemCount)
        if theta.count != systemCount { theta = [Double](repeating: 0, count: systemCount) }
        let solution: NewtonResult
        var tieParameter: Double?
        switch ties {
        case .half:
            solution = solveHalfTies(used, graph: graph, start: theta, tolerance: tolerance,
                                     curvature: penalised.contains(true) ? nil : curvature)
        case .davidson:
            let davidson = DavidsonTies.solve(used, graph: graph, start: theta)
            solution = davidson.result
            tieParameter = davidson.nu
        }
        theta = solution.theta
        for componentNumber in 0..<graph.componentCount {
            let members = graph.members(of: componentNumber)
            let shift: Double
            if let anchor, graph.component[anchor] == componentNumber {
                shift = theta[anchor]
            } else {
                shift = members.reduce(0) { $0 + theta[$1] } / Double(members.count)
            }
            for member in members { theta[member] -= shift }
        }
        return BradleyTerryFit(strengths: theta, ratings: theta.map { base + eloPerNat * $0 }, graph: graph,
                               penalised: penalised, tieParameter: tieParameter,
                               iterations: solution.iterations, converged: solution.converged)
    }

    struct NewtonResult {
        var theta: [Double]
        var iterations: Int
        var converged: Bool
    }

    /// log σ(x), without overflow.
    @inline(__always) static func logSigmoid(_ x: Double) -> Double {
        x >= 0 ? -log1p(exp(-x)) : x - log1p(exp(x))
    }

    @inline(__always) static func sigmoid(_ x: Double) -> Double {
        x >= 0 ? 1 / (1 + exp(-x)) : exp(x) / (1 + exp(x))
    }

    static func logLikelihood(_ pairs: [PairTally], _ theta: [Double]) -> Double {
        var unused = [Double](repeating: 0, count: pairs.count)
        return logLikelihood(pairs, theta, probabilities: &unused)
    }

    /// The log-likelihood, leaving σ(θᵢ − θⱼ) of each pair in `probabilities` for the next
    /// Newton step (one exp and one log1p per pair).
    static func logLikelihood(_ pairs: [PairTally], _ theta: [Double], probabilities: inout [Double]) -> Double {
        var sum = 0.0
        for (index, pair) in pairs.enumerated() {
            let d = theta[pair.i] - theta[pair.j]
            let e = exp(-abs(d))
            let softplus = log1p(e)
            // log σ(d) and log σ(−d), whichever sign d has.
            let logWin = d >= 0 ? -softplus : d - softplus
            let logLoss = d >= 0 ? -d - softplus : -softplus
            sum += (pair.winsI + pair.ties / 2) * logWin + (pair.winsJ + pair.ties / 2) * logLoss
            probabilities[index] = d >= 0 ? 1 / (1 + e) : e / (1 + e)
        }
        return sum
    }

    /// Free parameters: every system except the first of each component (held at 0 during the
    /// fit; anchoring happens afterwards). Returns the free index of each system, or -1.
    static func freeIndex(_ graph: ComparisonGraph) -> (index: [Int], count: Int) {
        var seen = [Bool](repeating: false, count: graph.componentCount)
        var index = [Int](repeating: -1, count: graph.component.count)
        var count = 0
        for system in graph.component.indices {
            let c = graph.component[system]
            if seen[c] {
                index[system] = count
                count += 1
            } else {
                seen[c] = true
            }
        }
        return (index, count)
    }

    /// The Cholesky factor of the information matrix (minus the Hessian of the half-tie
    /// log-likelihood, over the free parameters of `graph`) at `strengths`.
    public static func informationFactor(_ pairs: [PairTally], graph: ComparisonGraph, strengths: [Double]) -> [Double]? {
        let (free, n) = freeIndex(graph)
        guard n > 0 else { return nil }
        var hessian = [Double](repeating: 0, count: n * n)
        for pair in pairs where pair.total > 0 {
            let p = sigmoid(strengths[pair.i] - strengths[pair.j])
            let w = pair.total * p * (1 - p)
            let a = free[pair.i], b = free[pair.j]
            if a >= 0 { hessian[a * n + a] += w }
            if b >= 0 { hessian[b * n + b] += w }
            if a >= 0, b >= 0 {
                hessian[a * n + b] -= w
                hessian[b * n + a] -= w
            }
        }
        return Cholesky.factor(hessian, size: n)
    }

    /// Shifts each component of a starting point so that its held system is at 0, keeping the
    /// differences (all the likelihood sees) of a warm start.
    static func holdFirstAtZero(_ theta: inout [Double], free: [Int], graph: ComparisonGraph) {
        var shift = [Double](repeating: 0, count: graph.componentCount)
        for system in theta.indices where free[system] < 0 { shift[graph.component[system]] = theta[system] }
        for system in theta.indices { theta[system] -= shift[graph.component[system]] }
    }

    static func solveHalfTies(_ pairs: [PairTally], graph: ComparisonGraph, start: [Double],
                              tolerance: Double = 1e-7, curvature: [Double]? = nil) -> NewtonResult {
        let (free, n) = freeIndex(graph)
        var theta = start
        holdFirstAtZero(&theta, free: free, graph: graph)
        guard n > 0 else { return NewtonResult(theta: theta, iterations: 0, converged: true) }
        var probabilities = [Double](repeating: 0, count: pairs.count)
        var trial = probabilities
        // The log-likelihood is needed only for a line search, which a warm start rarely needs.
        for (index, pair) in pairs.enumerated() { probabilities[index] = sigmoid(theta[pair.i] - theta[pair.j]) }
        var current = 0.0
        var currentIsStale = true
        var gradient = [Double](repeating: 0, count: n)
        var hessian = [Double](repeating: 0, count: n * n)
        var chordSteps = 0
        if let curvature, curvature.count == n * n {
            // Chord iterations (Newton with a fixed matrix): linear convergence at a rate set by how
            // much the curvature differs from the one given, cheap per step. Any sign of trouble
            // hands over to full Newton below.
            var previous = Double.infinity
            while chordSteps < 30 {
                chordSteps += 1
                for k in 0..<n { gradient[k] = 0 }
                for (index, pair) in pairs.enumerated() {
                    let g = pair.winsI + pair.ties / 2 - pair.total * probabilities[index]
                    if free[pair.i] >= 0 { gradient[free[pair.i]] += g }
                    if free[pair.j] >= 0 { gradient[free[pair.j]] -= g }
                }
                let step = Cholesky.solve(factor: curvature, gradient, size: n)
                let largest = step.reduce(0) { max($0, abs($1)) }
                guard largest.isFinite, largest < 0.05, largest < previous * 0.7 else { break }
                previous = largest
                for system in theta.indices where free[system] >= 0 { theta[system] += step[free[system]] }
                if largest < tolerance { return NewtonResult(theta: theta, iterations: chordSteps, converged: true) }
                for (index, pair) in pairs.enumerated() { probabilities[index] = sigmoid(theta[pair.i] - theta[pair.j]) }
            }
        }
        for iteration in (chordSteps + 1)...(chordSteps + 200) {
            for k in 0..<n { gradient[k] = 0 }
            for k in 0..<(n * n) { hessian[k] = 0 }
            for (index, pair) in pairs.enumerated() {
                let p = probabilities[index]
                let total = pair.total
                let g = pair.winsI + pair.ties / 2 - total * p
                let w = total * p * (1 - p)
                let a = free[pair.i], b = free[pair.j]
                if a >= 0 {
                    gradient[a] += g
                    hessian[a * n + a] += w
                }
                if b >= 0 {
                    gradient[b] -= g
                    hessian[b * n + b] += w
                }
                if a >= 0, b >= 0 {
                    hessian[a * n + b] -= w
                    hessian[b * n + a] -= w
                }
            }
            guard let step = newtonStep(hessian, gradient, n) else { break }
            let largest = step.reduce(0) { max($0, abs($1)) }
            if largest < tolerance {
                // Quadratic convergence: after this step the error is of the order of its square.
                for system in theta.indices where free[system] >= 0 { theta[system] += step[free[system]] }
                return NewtonResult(theta: theta, iterations: iteration, converged: true)
            }
            if largest < 0.05 {
                // Close to the optimum a full Newton step cannot overshoot on this likelihood
                // (as in IRLS): take it without the line search, and only refresh σ(θᵢ − θⱼ).
                for system in theta.indices where free[system] >= 0 { theta[system] += step[free[system]] }
                for (index, pair) in pairs.enumerated() { probabilities[index] = sigmoid(theta[pair.i] - theta[pair.j]) }
                currentIsStale = true
                continue
            }
            if currentIsStale {
                current = logLikelihood(pairs, theta, probabilities: &trial)
                currentIsStale = false
            }
            var scale = 1.0
            var candidate = theta
            var accepted = false
            while scale > 1e-12 {
                for system in theta.indices where free[system] >= 0 {
                    candidate[system] = theta[system] + scale * step[free[system]]
                }
                let value = logLikelihood(pairs, candidate, probabilities: &trial)
                if value >= current - 1e-12 * abs(current) {
                    current = value
                    accepted = true
                    swap(&probabilities, &trial)
                    break
                }
                scale /= 2
            }
            guard accepted else { return NewtonResult(theta: theta, iterations: iteration, converged: largest < 1e-7) }
            theta = candidate
        }
        return NewtonResult(theta: theta, iterations: chordSteps + 200, converged: false)
    }

    /// Solves H·δ = g, adding a growing ridge if H is numerically singular.
    static func newtonStep(_ hessian: [Double], _ gradient: [Double], _ n: Int) -> [Double]? {
        if let step = Cholesky.solve(hessian, gradient, size: n) { return step }
        var ridge = 1e-10
        let scale = (0..<n).reduce(0.0) { max($0, hessian[$1 * n + $1]) }
        while ridge < 1 {
            var damped = hessian
            for k in 0..<n { damped[k * n + k] += ridge * max(scale, 1) }
            if let step = Cholesky.solve(damped, gradient, size: n) { return step }
            ridge *= 100
        }
        return nil
    }
}
