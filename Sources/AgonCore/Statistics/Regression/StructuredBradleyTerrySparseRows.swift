extension StructuredBradleyTerry {
    /// The battles as rows of the model's design, built once: each row's nonzero features (knob
    /// differences x_a − x_b, the covariates, +1 for a's residual and −1 for b's) in flat arrays, so
    /// that a Newton iteration or a bootstrap round walks numbers instead of rebuilding vectors.
    /// Parameters are ordered knobs, then covariates, then one residual a system.
    struct SparseRows {
        let knobCount: Int
        let covariateCount: Int
        let systemCount: Int
        var parameterCount: Int { knobCount + covariateCount + systemCount }
        var count: Int { score.count }
        /// Row r's features are `columns[start[r]..<start[r + 1]]` with `values` alike.
        private(set) var start: [Int] = [0]
        private(set) var columns: [Int] = []
        private(set) var values: [Double] = []
        private(set) var score: [Double] = []
        /// The battle's weight times its cluster's multiplier.
        private(set) var weight: [Double] = []
        private(set) var cluster: [Int] = []
        /// Covariates nonzero in some battle; the others are held at 0.
        private(set) var used: [Bool]

        init(_ battles: [CovariateBattle], systemCount: Int, design: [Double], knobCount: Int, covariateCount: Int,
             clusterWeights: [Double]?) {
            self.knobCount = knobCount
            self.covariateCount = covariateCount
            self.systemCount = systemCount
            used = [Bool](repeating: false, count: covariateCount)
            let p = knobCount, q = covariateCount
            columns.reserveCapacity(battles.count * (p + q + 2))
            values.reserveCapacity(battles.count * (p + q + 2))
            for battle in battles {
                for j in 0..<p {
                    let difference = design[battle.a * p + j] - design[battle.b * p + j]
                    if difference != 0 {
                        columns.append(j)
                        values.append(difference)
                    }
                }
                for c in 0..<q where battle.covariates[c] != 0 {
                    used[c] = true
                    columns.append(p + c)
                    values.append(battle.covariates[c])
                }
                columns.append(p + q + battle.a)
                values.append(1)
                columns.append(p + q + battle.b)
                values.append(-1)
                start.append(columns.count)
                score.append(battle.score)
                weight.append(clusterWeights.map { battle.weight * $0[battle.cluster] } ?? battle.weight)
                cluster.append(battle.cluster)
            }
        }

        /// The diagonal of the penalty: 0 for the knobs, 1/covariateSD² for the covariates, 1/τ² for
        /// the residuals.
        func penalty(residualSD: Double, covariateSD: Double) -> [Double] {
            [Double](repeating: 0, count: knobCount)
                + [Double](repeating: 1 / (covariateSD * covariateSD), count: covariateCount)
                + [Double](repeating: 1 / (residualSD * residualSD), count: systemCount)
        }

        @inline(__always) func predictor(_ r: Int, _ phi: [Double]) -> Double {
            var eta = 0.0
            for x in start[r]..<start[r + 1] { eta += values[x] * phi[columns[x]] }
            return eta
        }

        /// Adds row r's gradient g·f and information h·f fᵀ (the negative Hessian) to dense arrays.
        @inline(__always) func accumulate(_ r: Int, g: Double, h: Double, gradient: inout [Double], hessian: inout [Double],
                                          offset: Int = 0, gradientOffset: Int = 0, stride m: Int) {
            let range = start[r]..<start[r + 1]
            for x in range {
                let column = columns[x]
                gradient[gradientOffset + column] += g * values[x]
                let row = offset + column * m
                let hx = h * values[x]
                for y in range { hessian[row + columns[y]] += hx * values[y] }
            }
        }

        /// A covariate no battle has is held at 0: no gradient, an identity row in the Hessian.
        func holdUnusedAtZero(_ gradient: inout [Double], _ hessian: inout [Double]) {
            let m = parameterCount
            for c in 0..<covariateCount where !used[c] {
                let index = knobCount + c
                gradient[index] = 0
                for j in 0..<m {
                    hessian[index * m + j] = 0
                    hessian[j * m + index] = 0
                }
                hessian[index * m + index] = 1
            }
        }

        /// The sum over rows of the squared number of features: what one pass of `accumulate` costs.
        var accumulationCost: Int {
            var cost = 0
            for r in 0..<count {
                let n = start[r + 1] - start[r]
                cost += n * n
            }
            return cost
        }
    }
}
