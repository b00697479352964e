/// Wilson's (1927) score interval for a binomial proportion:
///
///     (p̂ + z²/2n ± z·√(p̂(1−p̂)/n + z²/4n²)) / (1 + z²/n),  z = 1.96 for 95%.
///
/// Unlike p̂ ± z·SE it stays inside [0, 1] and is sensible at p̂ = 0 or 1. `successes` may be
/// fractional (ties counted as half a win); then the interval is an approximation. n = 0 → nil.
public struct WilsonInterval: Sendable, Equatable, Codable {
    public var proportion: Double
    public var lower: Double
    public var upper: Double
    public var n: Double

    public init?(successes: Double, trials n: Double, z: Double = 1.959_963_984_540_054) {
        guard n > 0, successes >= 0, successes <= n else { return nil }
        let p = successes / n
        let z2 = z * z
        let centre = (p + z2 / (2 * n)) / (1 + z2 / n)
        let half = z * (p * (1 - p) / n + z2 / (4 * n * n)).squareRoot() / (1 + z2 / n)
        proportion = p
        lower = max(0, centre - half)
        upper = min(1, centre + half)
        self.n = n
    }
}
