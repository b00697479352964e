/// For each unit, how many raters put it in each category (the "reliability data" matrix n_uc of
/// Krippendorff and the n_ij of Fleiss). Statistics that do not care who gave a rating — alpha,
/// Fleiss' kappa, Gwet's AC, percent agreement — read only this, which is why relabelling raters
/// cannot change them.
///
/// Each row carries a multiplicity (how many units it stands for): `compressed()` merges units with
/// identical counts, and the bootstrap resamples by changing multiplicities, so a resample of
/// 100,000 units costs the few thousand distinct rows rather than a copy of the table.
public struct CategoryCounts: Sendable, Equatable {
    public private(set) var rowCount: Int
    public let categoryCount: Int
    /// rowCount × categoryCount, row-major.
    public private(set) var counts: [Int32]
    /// Ratings per row.
    public private(set) var totals: [Int32]
    /// How many units each row stands for (1 for an uncompressed table; 0 drops the row).
    public var multiplicity: [Double]
    /// Positions of the categories on the scale, for weights and metrics.
    public let positions: [Double]
    public let numericValues: [Double]?

    public init(_ table: RatingsTable) {
        rowCount = table.unitCount
        categoryCount = table.categoryCount
        positions = table.categoryPositions
        numericValues = table.numericValues
        multiplicity = [Double](repeating: 1, count: table.unitCount)
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
    public var pairableUnitCount: Double {
        var sum = 0.0
        for row in 0..<rowCount where totals[row] >= 2 { sum += multiplicity[row] }
        return sum
    }

    /// Identical rows merged (multiplicities added), and for each original row the merged row it
    /// went to. Every statistic read from counts gives the same value on the merged rows.
    public func compressed() -> (counts: CategoryCounts, rowOf: [Int32]) {
        let q = categoryCount
        // Small scales and panels (the usual case) pack a row into one integer key.
        if q <= 8, totals.allSatisfy({ $0 < 256 }) {
            return merge { row in
                var key: UInt64 = 0
                for c in 0..<q { key = key << 8 | UInt64(counts[row * q + c]) }
                return key
            }
        }
        return merge { row in counts[(row * q)..<(row * q + q)] }
    }

    private func merge<Key: Hashable>(by key: (Int) -> Key) -> (counts: CategoryCounts, rowOf: [Int32]) {
        var result = self
        var index: [Key: Int32] = [:]
        var rowOf = [Int32](repeating: 0, count: rowCount)
        var newCounts: [Int32] = []
        var newTotals: [Int32] = []
        var newMultiplicity: [Double] = []
        let q = categoryCount
        for row in 0..<rowCount {
            let rowKey = key(row)
            if let existing = index[rowKey] {
                rowOf[row] = existing
                newMultiplicity[Int(existing)] += multiplicity[row]
            } else {
                let id = Int32(newTotals.count)
                index[rowKey] = id
                rowOf[row] = id
                newCounts.append(contentsOf: counts[(row * q)..<(row * q + q)])
                newTotals.append(totals[row])
                newMultiplicity.append(multiplicity[row])
            }
        }
        result.counts = newCounts
        result.totals = newTotals
        result.multiplicity = newMultiplicity
        result.rowCount = newTotals.count
        return (result, rowOf)
    }
}
