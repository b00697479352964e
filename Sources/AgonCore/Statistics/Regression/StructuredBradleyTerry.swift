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
        let rows = SparseRows(battles, systemCount: systemCount, design: design, knobCount: knobCount,
                              covariateCount: covariateCount, clusterWeights: clusterWeights)
        return fit(rows, residualSD: residualSD, covariateSD: covariateSD, start: start, tolerance: tolerance)
    }

    static func fit(_ rows: SparseRows, residualSD: Double, covariateSD: Double, start: [Double]?, tolerance: Double) -> Fit {
        let p = rows.knobCount, q = rows.covariateCount, m = rows.parameterCount
        let penalty = rows.penalty(residualSD: residualSD, covariateSD: covariateSD)
        var phi = start.flatMap { $0.count == m ? $0 : nil } ?? [Double](repeating: 0, count: m)
        for c in 0..<q where !rows.used[c] { phi[p + c] = 0 }

        func objective(_ phi: [Double]) -> Double {
            var sum = 0.0
            for r in 0..<rows.count where rows.weight[r] > 0 {
                let eta = rows.predictor(r, phi)
                sum += rows.weight[r] * (rows.score[r] * eta - softplus(eta))
            }
            for j in 0..<m { sum -= 0.5 * penalty[j] * phi[j] * phi[j] }
            return sum
        }

        var current = objective(phi)
        for iteration in 1...100 {
            var gradient = [Double](repeating: 0, count: m)
            var hessian = [Double](repeating: 0, count: m * m)
            for r in 0..<rows.count where rows.weight[r] > 0 {
                let probability = BradleyTerry.sigmoid(rows.predictor(r, phi))
                let w = rows.weight[r]
                rows.accumulate(r, g: w * (rows.score[r] - probability), h: w * probability * (1 - probability),
                                gradient: &gradient, hessian: &hessian, stride: m)
            }
            for j in 0..<m {
                gradient[j] -= penalty[j] * phi[j]
                hessian[j * m + j] += penalty[j]
            }
            rows.holdUnusedAtZero(&gradient, &hessian)
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
