/// The Spearman–Brown prophecy formula: the reliability of a measure lengthened k times,
/// ρ* = k·ρ / (1 + (k − 1)·ρ) (Spearman 1910; Brown 1910). With k = 2 it steps a split-half
/// correlation up to the reliability of the whole panel. Degenerate case: a denominator of 0
/// (ρ = −1/(k−1)) → nil.
public enum SpearmanBrown {
    public static func corrected(_ rho: Double, lengthening k: Double = 2) -> Double? {
        let denominator = 1 + (k - 1) * rho
        guard abs(denominator) > 1e-12, rho.isFinite else { return nil }
        return k * rho / denominator
    }
}
