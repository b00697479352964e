/// Intraclass correlations of Shrout, P. E. & Fleiss, J. L. (1979) "Intraclass correlations: uses in
/// assessing rater reliability", Psychological Bulletin 86(2), Table 2, from the two-way ANOVA of a
/// complete targets × judges table (n targets, k judges):
///
///     ICC(1,1) = (BMS − WMS) / (BMS + (k − 1) WMS)
///     ICC(2,1) = (BMS − EMS) / (BMS + (k − 1) EMS + k (JMS − EMS) / n)
///     ICC(3,1) = (BMS − EMS) / (BMS + (k − 1) EMS)
///     ICC(1,k) = (BMS − WMS) / BMS
///     ICC(2,k) = (BMS − EMS) / (BMS + (JMS − EMS) / n)
///     ICC(3,k) = (BMS − EMS) / BMS
///
/// Case 1: each target rated by different judges; case 2: judges a random sample, absolute
/// agreement; case 3: these judges only, consistency. "1" is one judge's reliability, "k" the mean
/// of k judges'.
///
/// The ANOVA needs a complete table: only units rated by every rater are used, and the result says
/// how many (and which) units that was, instead of dropping units silently. Undefined (with the
/// reason): non-numeric values; fewer than two raters; fewer than two complete units; a zero
/// denominator (no variance at all).
public enum IntraclassCorrelation {
    public enum Form: String, CaseIterable, Sendable, Codable {
        case single1 = "ICC(1,1)", single2 = "ICC(2,1)", single3 = "ICC(3,1)"
        case average1 = "ICC(1,k)", average2 = "ICC(2,k)", average3 = "ICC(3,k)"
    }

    public struct Result: Equatable, Sendable {
        public var values: [Form: AgreementValue]
        /// Indices of the units used (those rated by every rater).
        public var unitsUsed: [Int]
        public var unitsTotal: Int
        public var raters: Int
        public var meanSquares: (between: Double, within: Double, judges: Double, error: Double)?
        /// The complete rows the ANOVA used, for resampling.
        public var rows: CompleteRows?

        public static func == (lhs: Result, rhs: Result) -> Bool {
            lhs.values == rhs.values && lhs.unitsUsed == rhs.unitsUsed && lhs.unitsTotal == rhs.unitsTotal && lhs.raters == rhs.raters
        }

        public subscript(form: Form) -> AgreementValue { values[form] ?? .undefined(reason: "not computed") }
    }

    public static func compute(_ table: RatingsTable) -> Result {
        let k = table.raterCount
        let complete = table.cells.withUnsafeBufferPointer { cells in
            (0..<table.unitCount).filter { u in (0..<k).allSatisfy { cells[u * k + $0] >= 0 } }
        }
        func undefined(_ reason: String) -> Result {
            Result(values: Dictionary(uniqueKeysWithValues: Form.allCases.map { ($0, .undefined(reason: reason)) }),
                   unitsUsed: complete, unitsTotal: table.unitCount, raters: k, meanSquares: nil, rows: nil)
        }
        guard let values = table.numericValues else { return undefined("ICC needs numeric values") }
        guard k >= 2 else { return undefined("a single rater: ICC needs at least two") }
        let n = complete.count
        guard n >= 2 else {
            return undefined("fewer than two units rated by every rater (\(n) of \(table.unitCount)); ICC needs a complete table")
        }
        var matrix = [Double](repeating: 0, count: n * k)
        for (row, u) in complete.enumerated() {
            for r in 0..<k { matrix[row * k + r] = values[Int(table.cells[u * k + r])] }
        }
        let rows = CompleteRows(values: matrix, raters: k)
        let (result, meanSquares) = anova(rows, multiplicity: nil)
        return Result(values: result, unitsUsed: complete, unitsTotal: table.unitCount, raters: k,
                      meanSquares: meanSquares, rows: rows)
    }

    /// The complete rows of a table (units rated by every rater) with each row's sum and sum of
    /// squares, so that a resample only has to weight them.
    public struct CompleteRows: Sendable {
        public let values: [Double]
        public let raters: Int
        public let rowSums: [Double]
        public let rowSquares: [Double]
        public var count: Int { rowSums.count }

        public init(values: [Double], raters: Int) {
            self.values = values
            self.raters = raters
            let rows = raters > 0 ? values.count / raters : 0
            var sums = [Double](repeating: 0, count: rows)
            var squares = [Double](repeating: 0, count: rows)
            for row in 0..<rows {
                for r in 0..<raters {
                    let x = values[row * raters + r]
                    sums[row] += x
                    squares[row] += x * x
                }
            }
            rowSums = sums
            rowSquares = squares
        }
    }

    public static func completeRows(_ table: RatingsTable) -> CompleteRows? {
        compute(table).rows
    }

    /// The six ICCs from the two-way ANOVA of complete rows, each row counted `multiplicity` times
    /// (nil: once) — the same as expanding the rows, without copying them.
    public static func anova(_ rows: CompleteRows, multiplicity: [Double]?)
        -> (values: [Form: AgreementValue], meanSquares: (between: Double, within: Double, judges: Double, error: Double)?) {
        let k = rows.raters
        var n = 0.0
        var grand = 0.0
        var squares = 0.0
        var rowMeanSquares = 0.0
        var columnSums = [Double](repeating: 0, count: k)
        rows.values.withUnsafeBufferPointer { x in
            columnSums.withUnsafeMutableBufferPointer { columns in
                for row in 0..<rows.count {
                    let w = multiplicity?[row] ?? 1
                    guard w > 0 else { continue }
                    let sum = rows.rowSums[row]
                    n += w
                    grand += w * sum
                    squares += w * rows.rowSquares[row]
                    rowMeanSquares += w * sum * sum
                    let base = row * k
                    for r in 0..<k { columns[r] += w * x[base + r] }
                }
            }
        }
        guard n >= 2, k >= 2 else {
            let undefined = AgreementValue.undefined(reason: "fewer than two units rated by every rater")
            return (Dictionary(uniqueKeysWithValues: Form.allCases.map { ($0, undefined) }), nil)
        }
        let kd = Double(k)
        let correction = grand * grand / (n * kd)
        // Σ_u k (mean_u − mean)² = Σ_u S_u² / k − grand² / (n k)
        let between = rowMeanSquares / kd - correction
        var judges = 0.0
        for r in 0..<k { judges += columnSums[r] * columnSums[r] }
        judges = judges / n - correction
        let total = squares - correction
        let reason = "no variance in the ratings: ICC is 0/0"
        // Sums of squares come from differences of large sums: treat a rounding-sized total as none.
        guard total > 1e-12 * max(1, squares) else {
            return (Dictionary(uniqueKeysWithValues: Form.allCases.map { ($0, .undefined(reason: reason)) }), nil)
        }
        let within = total - between
        let error = within - judges
        let bms = between / (n - 1)
        let wms = within / (n * (kd - 1))
        let jms = judges / (kd - 1)
        let ems = error / ((n - 1) * (kd - 1))
        var result: [Form: AgreementValue] = [:]
        result[.single1] = .ratio(bms - wms, over: bms + (kd - 1) * wms, else: reason)
        result[.single2] = .ratio(bms - ems, over: bms + (kd - 1) * ems + kd * (jms - ems) / n, else: reason)
        result[.single3] = .ratio(bms - ems, over: bms + (kd - 1) * ems, else: reason)
        result[.average1] = .ratio(bms - wms, over: bms, else: reason)
        result[.average2] = .ratio(bms - ems, over: bms + (jms - ems) / n, else: reason)
        result[.average3] = .ratio(bms - ems, over: bms, else: reason)
        return (result, (bms, wms, jms, ems))
    }
}
