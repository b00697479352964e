import Foundation

/// Permutation-based split-half reliability (Parsons, Kruijt & Fox 2019, "Psychological science
/// needs a standard practice of reporting the reliability of cognitive-behavioral measurements",
/// AMPPS 2(4)): the raters are split at random into two halves (⌊R/2⌋ and the rest) `splits`
/// times; each half yields its own vector of estimates (one per system, or per answer); the
/// Pearson correlation of the two vectors is stepped up by Spearman–Brown (k = 2), and the result
/// is the mean of the corrected values over the splits, with the 2.5th and 97.5th percentiles of
/// their spread. Degenerate cases (each gives `reliability` nil and the reason): fewer than two
/// raters; fewer than three estimates shared by the halves; a correlation undefined in every split
/// (no variation). Splits whose correlation is undefined are counted and left out.
public struct SplitHalfReliability: Sendable, Equatable, Codable {
    public var reliability: Double?
    public var lower: Double?
    public var upper: Double?
    /// Mean uncorrected correlation of the halves.
    public var halfCorrelation: Double?
    public var splits: Int
    public var usedSplits: Int
    public var raters: Int
    public var undefinedReason: String?

    /// - Parameter measure: the estimates from a subset of rater indices; nil entries are left out
    ///   pairwise (a half that never saw an answer).
    public static func estimate(raters: Int, splits: Int, seed: UInt64, mixing: [String] = [],
                                measure: ([Int]) -> [Double?]) -> SplitHalfReliability {
        var result = SplitHalfReliability(reliability: nil, lower: nil, upper: nil, halfCorrelation: nil,
                                          splits: splits, usedSplits: 0, raters: raters, undefinedReason: nil)
        guard raters >= 2 else {
            result.undefinedReason = "fewer than two raters: nothing to split"
            return result
        }
        guard splits > 0 else {
            result.undefinedReason = "no splits requested"
            return result
        }
        var random = SeededRandom(seed: seed, mixing: ["split-half"] + mixing)
        var corrected: [Double] = [], raw: [Double] = []
        var tooFew = 0
        var order = Array(0..<raters)
        for _ in 0..<splits {
            random.shuffle(&order)
            let half = raters / 2
            let first = measure(Array(order[..<half]).sorted()), second = measure(Array(order[half...]).sorted())
            let correlation = PearsonCorrelation(pairs: Array(zip(first, second)))
            if correlation.n < 3 { tooFew += 1 }
            guard let r = correlation.r, let stepped = SpearmanBrown.corrected(r) else { continue }
            raw.append(r)
            corrected.append(stepped)
        }
        result.usedSplits = corrected.count
        guard !corrected.isEmpty else {
            result.undefinedReason = tooFew == splits
                ? "fewer than three estimates shared by the two halves"
                : "the halves' estimates do not vary, so their correlation is undefined"
            return result
        }
        result.reliability = corrected.reduce(0, +) / Double(corrected.count)
        result.halfCorrelation = raw.reduce(0, +) / Double(raw.count)
        if let interval = BootstrapPercentile.interval95(corrected) {
            result.lower = interval.lower
            result.upper = interval.upper
        }
        return result
    }
}
