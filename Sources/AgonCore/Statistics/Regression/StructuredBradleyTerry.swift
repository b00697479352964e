import Foundation

/// One battle (or several identical ones) for the structured fit, seen from system `a`.
public struct CovariateBattle: Sendable, Equatable {
    public var a: Int
    public var b: Int
    /// a's share of the win: 1 won, ½ tie (both kinds), 0 lost — or the mean over `weight` battles.
    public var score: Double
    public var weight: Double
    /// Battle-level nuisance covariates, each oriented from a (e.g. +1 when a sat on the left).
    public var covariates: [Double]
    /// The resampling group (a task; a question id).
    public var cluster: Int

    public init(a: Int, b: Int, score: Double, weight: Double = 1, covariates: [Double] = [], cluster: Int = 0) {
        self.a = a
        self.b = b
        self.score = score
        self.weight = weight
        self.covariates = covariates
        self.cluster = cluster
    }
}

/// Bradley–Terry with strengths structured by the systems' profiles, plus battle-level covariates:
///
///     logit P(a beats b) = (x_a − x_b)ᵀβ + (u_a − u_b) + zᵀγ
///
/// Strengths θ_s = x_sᵀβ + u_s are a linear function of the profile x_s (Springall 1973, "Response
/// surface fitting using a generalization of the Bradley–Terry paired comparison model", Appl.
/// Statist. 22:59–68; Critchlow & Fligner 1991, "Paired comparison, triple comparison, and ranking
/// experiments as generalized linear models", Psychometrika 56:517–533) with a per-system residual
/// u_s: what the profile does not explain. The battle covariates z (position, length and markdown
/// differences) enter as in Chatbot Arena's style control (Li et al. 2024, "Does style matter?
/// Disentangling style and substance in Chatbot Arena"), so β is read net of them.
///
/// The residuals are a normal random effect with a fixed standard deviation τ, fitted by its mode:
/// a ridge penalty ½·Σu²/τ² on the log-likelihood (penalised quasi-likelihood with known variance,
/// Breslow & Clayton 1993). Fixed rather than estimated because a study has a handful of systems, and
/// a variance estimated from 4–12 residuals is mostly noise (often exactly 0, which would credit every
/// gap to the knobs); τ is a stated prior (`residualSD`, 100 Elo by default: "two systems with the
/// same profile typically differ by about a hundred Elo"). Without residuals a knob would be credited
/// with every difference between two systems; without the penalty the residuals would absorb every
/// knob. The knobs β are unpenalised; the covariates γ carry only a weak guard against separation
/// (`covariateSD`, 4 natural-log units — about 700 Elo per unit of the covariate — far wider than any
/// style effect, so it matters only when a covariate almost perfectly predicts the verdicts in a
/// small study, where the unpenalised estimate would run off to infinity).
///
/// Ties count as half a win (the half-tie likelihood of `BradleyTerry`: a fractional response in the
/// binomial log-likelihood, still concave). Fitted by Newton–Raphson with step halving (IRLS); the
/// penalised log-likelihood is strictly concave whenever the design has full column rank, so the
/// optimum is unique. Degenerate case: a nuisance column that is zero in every battle is held at 0.
public enum StructuredBradleyTerry {
    public struct Fit: Sendable, Equatable {
        /// Natural-log units per knob unit.
        public var effects: [Double]
        public var covariates: [Double]
        public var residuals: [Double]
        public var iterations: Int
        public var converged: Bool

        /// All parameters, effects then covariates then residuals, as `fit(start:)` takes them.
        public var parameters: [Double] { effects + covariates + residuals }
    }

    /// - Parameters:
    ///   - design: `design[system * knobCount + k]`, centred knob values (`ProfileDesign.matrix`).
    ///   - residualSD: τ in natural-log units.
    ///   - clusterWeights: a multiplier per cluster (a bootstrap round's draw counts).
    public static func fit(_ battles: [CovariateBattle], systemCount: Int, design: [Double], knobCount: Int,
                           covariateCount: Int, residualSD: Double, covariateSD: Double = 4, clusterWeights: [Double]? = nil,
                           start: [Double]? = nil, tolerance: Double = 1e-8) -> Fit {
        let p = knobCount, q = covariateCount, k = systemCount
        let m = p + q + k
        let precision = 1 / (residualSD * residualSD)
        let covariatePrecision = 1 / (covariateSD * covariateSD)
        var phi = start.flatMap { $0.count == m ? $0 : nil } ?? [Double](repeating: 0, count: m)
        var used = [Bool](repeating: false, count: q)
        for battle in battles {
            for c in 0..<q where battle.covariates[c] != 0 { used[c] = true }
        }
        for c in 0..<q where !used[c] { phi[p + c] = 0 }

        func weight(_ battle: CovariateBattle) -> Double {
            guard let clusterWeights else { return battle.weight }
            return battle.weight * clusterWeights[battle.cluster]
        }
        func features(_ battle: CovariateBattle, into f: inout [Double]) {
            for j in 0..<p { f[j] = design[battle.a * p + j] - design[battle.b * p + j] }
            for c in 0..<q { f[p + c] = battle.covariates[c] }
        }
        func predictor(_ battle: CovariateBattle, _ phi: [Double], _ f: inout [Double]) -> Double {
            features(battle, into: &f)
            var eta = phi[p + q + battle.a] - phi[p + q + battle.b]
            for j in 0..<(p + q) { eta += f[j] * phi[j] }
            return eta
        }
        func objective(_ phi: [Double]) -> Double {
            var f = [Double](repeating: 0, count: p + q)
            var sum = 0.0
            for battle in battles {
                let w = weight(battle)
                guard w > 0 else { continue }
                let eta = predictor(battle, phi, &f)
                sum += w * (battle.score * eta - softplus(eta))
            }
            for s in 0..<k { sum -= 0.5 * precision * phi[p + q + s] * phi[p + q + s] }
            for c in 0..<q { sum -= 0.5 * covariatePrecision * phi[p + c] * phi[p + c] }
            return sum
        }

        var current = objective(phi)
        var f = [Double](repeating: 0, count: p + q)
        var index = [Int](repeating: 0, count: p + q + 2)
        var value = [Double](repeating: 0, count: p + q + 2)
        for iteration in 1...100 {
            var gradient = [Double](repeating: 0, count: m)
            var hessian = [Double](repeating: 0, count: m * m)
            for battle in battles {
                let w = weight(battle)
                guard w > 0 else { continue }
                let eta = predictor(battle, phi, &f)
                let probability = BradleyTerry.sigmoid(eta)
                let g = w * (battle.score - probability)
                let h = w * probability * (1 - probability)
                // The battle's features as a sparse vector: knobs, covariates, +1 for a, −1 for b.
                var count = 0
                for j in 0..<(p + q) where f[j] != 0 {
                    index[count] = j
                    value[count] = f[j]
                    count += 1
                }
                index[count] = p + q + battle.a; value[count] = 1; count += 1
                index[count] = p + q + battle.b; value[count] = -1; count += 1
                for x in 0..<count {
                    gradient[index[x]] += g * value[x]
                    let row = index[x] * m
                    let hx = h * value[x]
                    for y in 0..<count { hessian[row + index[y]] += hx * value[y] }
                }
            }
            for s in 0..<k {
                gradient[p + q + s] -= precision * phi[p + q + s]
                hessian[(p + q + s) * m + p + q + s] += precision
            }
            for c in 0..<q {
                gradient[p + c] -= covariatePrecision * phi[p + c]
                hessian[(p + c) * m + p + c] += covariatePrecision
            }
            for c in 0..<q where !used[c] {
                gradient[p + c] = 0
                for j in 0..<m {
                    hessian[(p + c) * m + j] = 0
                    hessian[j * m + p + c] = 0
                }
                hessian[(p + c) * m + p + c] = 1
            }
            guard let step = BradleyTerry.newtonStep(hessian, gradient, m) else {
                return Fit(phi, p: p, q: q, iterations: iteration, converged: false)
            }
            let largest = step.reduce(0) { max($0, abs($1)) }
            var scale = 1.0
            var accepted = false
            while scale > 1e-10 {
                let candidate = zip(phi, step).map { $0 + scale * $1 }
                let value = objective(candidate)
                if value >= current - 1e-12 * abs(current) {
                    phi = candidate
                    current = value
                    accepted = true
                    break
                }
                scale /= 2
            }
            if !accepted || largest < tolerance {
                return Fit(phi, p: p, q: q, iterations: iteration, converged: accepted || largest < 1e-6)
            }
        }
        return Fit(phi, p: p, q: q, iterations: 100, converged: false)
    }

    @inline(__always) static func softplus(_ x: Double) -> Double {
        x > 0 ? x + log1p(exp(-x)) : log1p(exp(x))
    }
}

extension StructuredBradleyTerry.Fit {
    init(_ phi: [Double], p: Int, q: Int, iterations: Int, converged: Bool) {
        effects = Array(phi[0..<p])
        covariates = Array(phi[p..<(p + q)])
        residuals = Array(phi[(p + q)...])
        self.iterations = iterations
        self.converged = converged
    }
}
