/// The q-th quantile (0…1) of a sample by linear interpolation between order statistics
/// (Hyndman & Fan 1996, definition 7: R's and numpy's default). Empty sample → nil.
public enum BootstrapPercentile {
    public static func of(_ values: [Double], _ q: Double) -> Double? {
        let sorted = values.filter { !$0.isNaN }.sorted()
        return ofSorted(sorted, q)
    }

    public static func ofSorted(_ sorted: [Double], _ q: Double) -> Double? {
        guard !sorted.isEmpty else { return nil }
        let position = Double(sorted.count - 1) * min(max(q, 0), 1)
        let lower = Int(position.rounded(.down))
        let upper = min(lower + 1, sorted.count - 1)
        let fraction = position - Double(lower)
        return sorted[lower] + (sorted[upper] - sorted[lower]) * fraction
    }

    /// The central 95% interval (2.5th and 97.5th percentiles).
    public static func interval95(_ values: [Double]) -> (lower: Double, upper: Double)? {
        let sorted = values.filter { !$0.isNaN }.sorted()
        guard let lower = ofSorted(sorted, 0.025), let upper = ofSorted(sorted, 0.975) else { return nil }
        return (lower, upper)
    }
}
