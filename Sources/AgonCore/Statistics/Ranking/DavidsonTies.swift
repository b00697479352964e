import Foundation

/// Davidson's (1970) tie model for paired comparisons: with d = θᵢ − θⱼ,
///
///     P(i wins) = e^{d/2} / D,  P(j wins) = e^{−d/2} / D,  P(tie) = ν / D,  D = e^{d/2} + e^{−d/2} + ν,
///
/// i.e. P(tie) ∝ ν·√(πᵢπⱼ). Given that the battle was decided, i wins with σ(d), so the strengths
/// share the Bradley–Terry Elo scale. Fitted jointly in (θ, log ν) by damped Newton–Raphson.
///
/// Degenerate cases: with no ties at all ν̂ = 0 and the fit is plain Bradley–Terry (ν reported as 0);
/// with nothing but ties ν̂ is unbounded: strengths are equal and ν is reported as nil.
enum DavidsonTies {
    static func solve(_ pairs: [PairTally], graph: ComparisonGraph,
                      start: [Double]) -> (result: BradleyTerry.NewtonResult, nu: Double?) {
        let tieTotal = pairs.reduce(0) { $0 + $1.ties }
        let decisive = pairs.reduce(0) { $0 + $1.winsI + $1.winsJ }
        if tieTotal == 0 {
            return (BradleyTerry.solveHalfTies(pairs, graph: graph, start: start), 0)
        }
        if decisive == 0 {
            return (BradleyTerry.NewtonResult(theta: [Double](repeating: 0, count: start.count), iterations: 0, converged: true), nil)
        }
        let (free, thetaCount) = BradleyTerry.freeIndex(graph)
        let n = thetaCount + 1
        let gammaIndex = thetaCount
        var theta = start
        BradleyTerry.holdFirstAtZero(&theta, free: free, graph: graph)
        // Start ν from the share of ties: P(tie) at equal strength is ν / (2 + ν).
        let tieShare = tieTotal / (tieTotal + decisive)
        var gamma = log(2 * tieShare / (1 - tieShare))
        var current = logLikelihood(pairs, theta, gamma)
        var gradient = [Double](repeating: 0, count: n)
        var hessian = [Double](repeating: 0, count: n * n)
        for iteration in 1...200 {
            for k in 0..<n { gradient[k] = 0 }
            for k in 0..<(n * n) { hessian[k] = 0 }
            for pair in pairs {
                let d = theta[pair.i] - theta[pair.j]
                let total = pair.total
                // Divide numerator and denominator by e^{|d|/2} to stay finite.
                let shrink = exp(-abs(d))
                let c = (1 + shrink) / 2
                let s = (d >= 0 ? 1.0 : -1.0) * (1 - shrink) / 2
                let nu = exp(gamma - abs(d) / 2)
                let denominator = 2 * c + nu
                let gd = (pair.winsI - pair.winsJ) / 2 - total * s / denominator
                let hdd = total * (c / (2 * denominator) - s * s / (denominator * denominator))
                let gg = pair.ties - total * nu / denominator
                let hgg = total * (nu / denominator - nu * nu / (denominator * denominator))
                let hdg = -total * s * nu / (denominator * denominator)
                // Negative Hessian, accumulated: d = θᵢ − θⱼ.
                let a = free[pair.i], b = free[pair.j]
                if a >= 0 {
                    gradient[a] += gd
                    hessian[a * n + a] += hdd
                    hessian[a * n + gammaIndex] += hdg
                    hessian[gammaIndex * n + a] += hdg
                }
                if b >= 0 {
                    gradient[b] -= gd
                    hessian[b * n + b] += hdd
                    hessian[b * n + gammaIndex] -= hdg
                    hessian[gammaIndex * n + b] -= hdg
                }
                if a >= 0, b >= 0 {
                    hessian[a * n + b] -= hdd
                    hessian[b * n + a] -= hdd
                }
                gradient[gammaIndex] += gg
                hessian[gammaIndex * n + gammaIndex] += hgg
            }
            guard let step = BradleyTerry.newtonStep(hessian, gradient, n) else { break }
            var scale = 1.0
            var candidate = theta
            var candidateGamma = gamma
            var accepted = false
            while scale > 1e-12 {
                for system in theta.indices where free[system] >= 0 {
                    candidate[system] = theta[system] + scale * step[free[system]]
                }
                candidateGamma = gamma + scale * step[gammaIndex]
                let value = logLikelihood(pairs, candidate, candidateGamma)
                if value >= current - 1e-12 * abs(current) {
                    current = value
                    accepted = true
                    break
                }
                scale /= 2
            }
            let largest = step.reduce(0) { max($0, abs($1)) } * scale
            if accepted {
                theta = candidate
                gamma = candidateGamma
            }
            if !accepted || largest < 1e-10 {
                return (BradleyTerry.NewtonResult(theta: theta, iterations: iteration, converged: accepted || largest < 1e-8), exp(gamma))
            }
        }
        return (BradleyTerry.NewtonResult(theta: theta, iterations: 200, converged: false), exp(gamma))
    }

    static func logLikelihood(_ pairs: [PairTally], _ theta: [Double], _ gamma: Double) -> Double {
        var sum = 0.0
        for pair in pairs {
            let d = theta[pair.i] - theta[pair.j]
            let logDenominator = abs(d) / 2 + log(1 + exp(-abs(d)) + exp(gamma - abs(d) / 2))
            sum += pair.winsI * d / 2 - pair.winsJ * d / 2 + pair.ties * gamma - pair.total * logDenominator
        }
        return sum
    }
}
