/// Ratings as a units × raters table with missing cells: the shape every agreement statistic reads.
///
/// Values are stored as category codes (positions on the scale, −1 for missing) so that a
/// statistic never compares strings or floating-point values in its inner loop. The categories are
/// the whole scale — including categories nobody used — because weighted statistics depend on it.
public struct RatingsTable: Sendable, Equatable {
    public private(set) var unitIDs: [String]
    public private(set) var raterIDs: [String]
    /// Category labels in scale order (ascending numeric order when every label is a number).
    public private(set) var categories: [String]
    /// The numeric value of each category, when every label is a number (needed for interval and
    /// ratio statistics and ICC).
    public private(set) var numericValues: [Double]?
    /// True when the categories have a meaningful order (numbers, or a scale given in order).
    public private(set) var isOrdered: Bool
    /// unitCount × raterCount codes, unit-major; −1 is a missing rating.
    public private(set) var cells: [Int32]

    public var unitCount: Int { unitIDs.count }
    public var raterCount: Int { raterIDs.count }
    public var categoryCount: Int { categories.count }

    public init(unitIDs: [String], raterIDs: [String], categories: [String], numericValues: [Double]?,
                isOrdered: Bool, cells: [Int32]) {
        precondition(cells.count == unitIDs.count * raterIDs.count, "cells must be units × raters")
        precondition(numericValues == nil || numericValues!.count == categories.count)
        self.unitIDs = unitIDs
        self.raterIDs = raterIDs
        self.categories = categories
        self.numericValues = numericValues
        self.isOrdered = isOrdered
        self.cells = cells
    }

    /// Builds a table from rows of numbers (`nil` = missing), e.g. scores on a 1…7 scale.
    /// `scale` lists every value the scale allows; when omitted, the values that occur are the scale.
    public init(units: [String], raters: [String], values: [[Double?]], scale: [Double]? = nil) {
        var categories = scale ?? Array(Set(values.flatMap { $0.compactMap { $0 } }))
        categories = Array(Set(categories)).sorted()
        var index: [Double: Int32] = [:]
        for (position, value) in categories.enumerated() { index[value] = Int32(position) }
        var cells = [Int32](repeating: -1, count: units.count * raters.count)
        for (u, row) in values.enumerated() {
            for (r, value) in row.enumerated() {
                guard let value else { continue }
                guard let code = index[value] else { preconditionFailure("value \(value) is not on the scale") }
                cells[u * raters.count + r] = code
            }
        }
        self.init(unitIDs: units, raterIDs: raters, categories: categories.map(Self.label), numericValues: categories,
                  isOrdered: true, cells: cells)
    }

    /// Builds a nominal (or ordered, when `ordered`) table from labels; `scale` gives the categories
    /// in order, including unused ones.
    public init(units: [String], raters: [String], labels: [[String?]], scale: [String], ordered: Bool = false) {
        var index: [String: Int32] = [:]
        for (position, label) in scale.enumerated() { index[label] = Int32(position) }
        var cells = [Int32](repeating: -1, count: units.count * raters.count)
        for (u, row) in labels.enumerated() {
            for (r, label) in row.enumerated() {
                guard let label else { continue }
                guard let code = index[label] else { preconditionFailure("label \(label) is not on the scale") }
                cells[u * raters.count + r] = code
            }
        }
        let numbers = scale.compactMap(Double.init)
        self.init(unitIDs: units, raterIDs: raters, categories: scale,
                  numericValues: numbers.count == scale.count ? numbers : nil, isOrdered: ordered, cells: cells)
    }

    public func code(unit: Int, rater: Int) -> Int32 { cells[unit * raterIDs.count + rater] }

    /// The numeric value of a rating, or nil when it is missing or the scale is not numeric.
    public func value(unit: Int, rater: Int) -> Double? {
        let code = cells[unit * raterIDs.count + rater]
        guard code >= 0, let numericValues else { return nil }
        return numericValues[Int(code)]
    }

    public var ratingCount: Int { cells.reduce(0) { $0 + ($1 >= 0 ? 1 : 0) } }

    /// Positions used for weights: numeric values when there are any, else 0…q−1.
    public var categoryPositions: [Double] {
        numericValues ?? categories.indices.map(Double.init)
    }

    /// The same raters and scale over the given units (repeats allowed): a bootstrap resample.
    public func selecting(units selection: [Int]) -> RatingsTable {
        let raters = raterIDs.count
        var newCells = [Int32](repeating: -1, count: selection.count * raters)
        newCells.withUnsafeMutableBufferPointer { target in
            cells.withUnsafeBufferPointer { source in
                for (row, unit) in selection.enumerated() {
                    for r in 0..<raters { target[row * raters + r] = source[unit * raters + r] }
                }
            }
        }
        return RatingsTable(unitIDs: selection.map { unitIDs[$0] }, raterIDs: raterIDs, categories: categories,
                            numericValues: numericValues, isOrdered: isOrdered, cells: newCells)
    }

    /// The same units over the given raters, in the given order.
    public func selecting(raters selection: [Int]) -> RatingsTable {
        let raters = raterIDs.count
        var newCells = [Int32](repeating: -1, count: unitIDs.count * selection.count)
        for u in 0..<unitIDs.count {
            for (column, r) in selection.enumerated() { newCells[u * selection.count + column] = cells[u * raters + r] }
        }
        return RatingsTable(unitIDs: unitIDs, raterIDs: selection.map { raterIDs[$0] }, categories: categories,
                            numericValues: numericValues, isOrdered: isOrdered, cells: newCells)
    }

    /// The table with some ratings treated as missing (e.g. ties left out of "agreement without ties").
    public func droppingRatings(where drop: (Int32) -> Bool) -> RatingsTable {
        var copy = self
        for index in copy.cells.indices where copy.cells[index] >= 0 && drop(copy.cells[index]) { copy.cells[index] = -1 }
        return copy
    }

    /// How many ratings each unit has in each category: the sufficient statistic of alpha, Fleiss'
    /// kappa, Gwet's AC and percent agreement.
    public var categoryCounts: CategoryCounts { CategoryCounts(self) }

    static func label(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)
    }
}
