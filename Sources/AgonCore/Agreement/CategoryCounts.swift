/// For each unit, how many raters put it in each category (the "reliability data" matrix n_uc of
/// Krippendorff and the n_ij of Fleiss). Statistics that do not care who gave a rating — alpha,
/// Fleiss' kappa, Gwet's AC, percent agreement — read only this, which is why relabelling raters
/// cannot change them.
public struct CategoryCounts: Sendable, Equatable {
    public let unitCount: Int
    public let categoryCount: Int
    /// unitCount × categoryCount, unit-major.
    public private(set) var counts: [Int32]
    /// Ratings per unit.
    public private(set) var totals: [Int32]
    /// Positions of the categories on the scale, for weights and metrics.
    public let positions: [Double]
    public let numericValues: [Double]?

    public init(_ table: RatingsTable) {
        unitCount = table.unitCount
        categoryCount = table.categoryCount
        positions = table.categoryPositions
        numericValues = table.numericValues
        var counts = [Int32](repeating: 0, count: table.unitCount * table.categoryCount)
        var totals = [Int32](repeating: 0, count: table.unitCount)
        let raters = table.raterCount
        let q = table.categoryCount
        counts.withUnsafeMutableBufferPointer { counts in
            totals.withUnsafeMutableBufferPointer { totals in
                table.cells.withUnsafeBufferPointer { cells in
                    for u in 0..<table.unitCount {
                        var total: Int32 = 0
                        let base = u * raters
                        for r in 0..<raters {
                            let code = cells[base + r]
                            if code >= 0 {
                                counts[u * q + Int(code)] += 1
                                total += 1
                            }
                        }
                        totals[u] = total
                    }
                }
            }
        }
        self.counts = counts
        self.totals = totals
    }

    /// Units with at least two ratings: the only ones that say anything about agreement.
    public var pairableUnitCount: Int { totals.reduce(0) { $0 + ($1 >= 2 ? 1 : 0) } }
}
