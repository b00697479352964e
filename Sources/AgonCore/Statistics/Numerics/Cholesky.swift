/// Solves A·x = b for a symmetric positive-definite A (row-major, n × n) by Cholesky
/// factorisation: the Newton step of a concave log-likelihood. Returns nil when A is not positive
/// definite (numerically), so the caller can add a ridge and try again.
enum Cholesky {
    static func solve(_ matrix: [Double], _ rhs: [Double], size n: Int) -> [Double]? {
        guard let factor = factor(matrix, size: n) else { return nil }
        return solve(factor: factor, rhs, size: n)
    }

    /// L with A = L·Lᵀ (lower triangle, row-major), or nil when A is not positive definite.
    static func factor(_ matrix: [Double], size n: Int) -> [Double]? {
        var l = matrix
        l.withUnsafeMutableBufferPointer { l in
            for column in 0..<n {
                var diagonal = l[column * n + column]
                for k in 0..<column { diagonal -= l[column * n + k] * l[column * n + k] }
                guard diagonal > 0, diagonal.isFinite else {
                    l[0] = .nan
                    return
                }
                let root = diagonal.squareRoot()
                l[column * n + column] = root
                for row in (column + 1)..<max(column + 1, n) {
                    var value = l[row * n + column]
                    for k in 0..<column { value -= l[row * n + k] * l[column * n + k] }
                    l[row * n + column] = value / root
                }
            }
        }
        return n > 0 && l[0].isNaN ? nil : l
    }

    /// Solves L·Lᵀ·x = b by forward and back substitution.
    static func solve(factor l: [Double], _ rhs: [Double], size n: Int) -> [Double] {
        var y = rhs
        for row in 0..<n {
            var value = y[row]
            for k in 0..<row { value -= l[row * n + k] * y[k] }
            y[row] = value / l[row * n + row]
        }
        for row in stride(from: n - 1, through: 0, by: -1) {
            var value = y[row]
            for k in (row + 1)..<max(row + 1, n) { value -= l[k * n + row] * y[k] }
            y[row] = value / l[row * n + row]
        }
        return y
    }
}
