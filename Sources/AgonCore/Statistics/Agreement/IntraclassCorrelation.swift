/// Intraclass correlations of Shrout, P. E. & Fleiss, J. L. (1979) "Intraclass correlations: uses in
/// assessing rater reliability", Psychological Bulletin 86(2), Table 2 (n targets, k ratings each):
///
///     ICC(1,1) = (BMS − WMS) / (BMS + (k − 1) WMS)
///     ICC(2,1) = (BMS − EMS) / (BMS + (k − 1) EMS + k (JMS − EMS) / n)
///     ICC(3,1) = (BMS − EMS) / (BMS + (k − 1) EMS)
///     ICC(1,k) = (BMS − WMS) / BMS
///     ICC(2,k) = (BMS − EMS) / (BMS + (JMS − EMS) / n)
///     ICC(3,k) = (BMS − EMS) / BMS
///
/// Case 1: each target rated by a different set of k judges — the one-way ANOVA (between-targets
/// BMS, within-target WMS) does not ask who rated, so it only needs every unit used to have the same
/// number k of ratings (3 of 10 experts per story, say). Case 2: judges a random sample, absolute
/// agreement; case 3: these judges only, consistency — both from the two-way ANOVA (judges JMS,
/// residual EMS), which needs the same judges on every target: units rated by every rater.
/// "1" is one judge's reliability, "k" the mean of k judges'.
///
/// Which units: case 1 uses the units (two or more) that share one number k ≥ 2 of ratings, the k whose
/// units give the one-way ANOVA the most degrees of freedom within units, n_k (k − 1) (the larger k
/// on a tie); cases 2 and 3 use the units rated by every rater. The result lists both, so a report
/// can say which units were left out, instead of dropping them silently. With a complete table both
/// are every unit.
///
/// Undefined (each form with its own reason): non-numeric values; fewer than two raters; fewer than
/// two usable units for the case; every rating the same value (no variance: 0/0); and a zero
/// denominator of the form itself (ICC(1,k) and ICC(3,k) when the units' mean ratings are all equal).
public enum IntraclassCorrelation {
    public enum Form: String, CaseIterable, Sendable, Codable {
        case single1 = "ICC(1,1)", single2 = "ICC(2,1)", single3 = "ICC(3,1)"
        case average1 = "ICC(1,k)", average2 = "ICC(2,k)", average3 = "ICC(3,k)"

        /// Case 1 (one-way ANOVA) or cases 2 and 3 (two-way).
        public var isOneWay: Bool { self == .single1 || self == .average1 }
    }

    public typealias MeanSquares = (between: Double, within: Double, judges: Double, error: Double)

    public struct Result: Equatable, Sendable {
        public var values: [Form: AgreementValue]
        /// Indices of the units rated by every rater (cases 2 and 3).
        public var unitsUsed: [Int]
        /// Indices of the units case 1 used: those with `caseOneRatings` ratings each.
        public var caseOneUnits: [Int]
        public var caseOneRatings: Int
        public var unitsTotal: Int
        public var raters: Int
        public var meanSquares: MeanSquares?
        /// The complete rows the two-way ANOVA used, for resampling.
        public var rows: CompleteRows?
        /// Each case-1 unit's ratings (k of them, in rater order), for resampling.
        public var caseOneRows: CompleteRows?

        public static func == (lhs: Result, rhs: Result) -> Bool {
            lhs.values == rhs.values && lhs.unitsUsed == rhs.unitsUsed && lhs.caseOneUnits == rhs.caseOneUnits
                && lhs.unitsTotal == rhs.unitsTotal && lhs.raters == rhs.raters
        }

        public subscript(form: Form) -> AgreementValue { values[form] ?? .undefined(reason: "not computed") }
    }

    public static func compute(_ table: RatingsTable) -> Result {
        let raters = table.raterCount
        var ratingsOf = [Int](repeating: 0, count: table.unitCount)
        table.cells.withUnsafeBufferPointer { cells in
            for u in 0..<table.unitCount {
                var count = 0
                for r in 0..<raters where cells[u * raters + r] >= 0 { count += 1 }
                ratingsOf[u] = count
            }
        }
        let complete = (0..<table.unitCount).filter { ratingsOf[$0] == raters }
        // Case 1: the number of ratings whose units carry the most within-unit information.
        var unitsWith: [Int: Int] = [:]
        for count in ratingsOf where count >= 2 { unitsWith[count, default: 0] += 1 }
        unitsWith = unitsWith.filter { $0.value >= 2 }
        let k = unitsWith.max { ($0.value * ($0.key - 1), $0.key) < ($1.value * ($1.key - 1), $1.key) }?.key ?? 0
        let caseOne = k >= 2 ? (0..<table.unitCount).filter { ratingsOf[$0] == k } : []
        var result = Result(values: [:], unitsUsed: complete, caseOneUnits: caseOne, caseOneRatings: k,
                            unitsTotal: table.unitCount, raters: raters, meanSquares: nil, rows: nil, caseOneRows: nil)
        func undefined(_ reason: String, _ forms: [Form] = Form.allCases) {
            for form in forms { result.values[form] = .undefined(reason: reason) }
        }
        guard let values = table.numericValues else {
            undefined("ICC needs numeric values")
            return result
        }
        guard raters >= 2 else {
            undefined("a single rater: ICC needs at least two")
            return result
        }
        func rows(_ units: [Int], width: Int) -> CompleteRows {
            var matrix: [Double] = []
            matrix.reserveCapacity(units.count * width)
            table.cells.withUnsafeBufferPointer { cells in
                for u in units {
                    for r in 0..<raters where cells[u * raters + r] >= 0 { matrix.append(values[Int(cells[u * raters + r])]) }
                }
            }
            return CompleteRows(values: matrix, raters: width)
        }
        let twoWayRows = complete.count >= 2 ? rows(complete, width: raters) : nil
        if caseOne.count >= 2 {
            // When case 1 takes the complete units, the rows are the same.
            let oneWayRows = caseOne == complete ? twoWayRows! : rows(caseOne, width: k)
            result.caseOneRows = oneWayRows
            for (form, value) in oneWay(oneWayRows, multiplicity: nil) { result.values[form] = value }
        } else {
            undefined("fewer than two units rated twice or more with the same number of ratings (\(caseOne.count) of \(table.unitCount)); "
                + "ICC(1,·) needs them", [.single1, .average1])
        }
        if let twoWayRows {
            result.rows = twoWayRows
            let (twoWay, meanSquares) = anova(twoWayRows, multiplicity: nil)
            for form in Form.allCases where !form.isOneWay { result.values[form] = twoWay[form] }
            result.meanSquares = meanSquares
        } else {
            undefined("fewer than two units rated by every rater (\(complete.count) of \(table.unitCount)); "
                + "ICC(2,·) and ICC(3,·) need the same raters on every unit", Form.allCases.filter { !$0.isOneWay })
        }
        return result
    }

    /// Rows of k ratings each, with each row's sum and sum of squares, so that a resample only has
    /// to weight them.
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

    /// Sums of squares of weighted rows (each row counted `multiplicity` times; nil: once) — the
    /// same as expanding the rows, without copying them.
    struct SumsOfSquares {
        var n = 0.0
        var k = 0.0
        var between = 0.0
        var judges = 0.0
        var total = 0.0
        var squares = 0.0
        /// A rating of a row drawn (for naming the value when all are the same).
        var someRating: Double?

        init(_ rows: CompleteRows, multiplicity: [Double]?, judges withJudges: Bool) {
            let k = rows.raters
            self.k = Double(k)
            var grand = 0.0
            var rowMeanSquares = 0.0
            var columnSums = [Double](repeating: 0, count: withJudges ? k : 0)
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
                        if someRating == nil, k > 0 { someRating = x[base] }
                        // Indexing from the row's start with no overflow check lets the loop run
                        // on vector registers (each column still sums its rows in order).
                        if withJudges, let ratings = x.baseAddress.map({ $0 + base }) {
                            for r in 0..<k { columns[r] += w * ratings[r] }
                        }
                    }
                }
            }
            guard n > 0, k > 0 else { return }
            let correction = grand * grand / (n * self.k)
            // Σ_u k (mean_u − mean)² = Σ_u S_u² / k − grand² / (n k)
            between = rowMeanSquares / self.k - correction
            if withJudges {
                for r in 0..<k { judges += columnSums[r] * columnSums[r] }
                judges = judges / n - correction
            }
            total = squares - correction
        }

        /// Sums of squares come from differences of large sums: a rounding-sized total is none.
        var noVariance: Bool { total <= 1e-12 * max(1, squares) }

        /// With no variance every rating drawn equals any one of them.
        var noVarianceReason: String {
            "every rating is \(someRating.map(RatingsTable.label) ?? "the same"): no variance, ICC is 0/0"
        }
    }

    static let unitMeansEqual = "the units' mean ratings are all equal (between-unit mean square 0)"

    /// ICC(1,1) and ICC(1,k) from the one-way ANOVA of rows of k ratings, each from any raters.
    public static func oneWay(_ rows: CompleteRows, multiplicity: [Double]?) -> [Form: AgreementValue] {
        let s = SumsOfSquares(rows, multiplicity: multiplicity, judges: false)
        guard s.n >= 2, s.k >= 2 else {
            let reason = AgreementValue.undefined(reason: "fewer than two units rated twice or more with the same number of ratings")
            return [.single1: reason, .average1: reason]
        }
        guard !s.noVariance else {
            return [.single1: .undefined(reason: s.noVarianceReason), .average1: .undefined(reason: s.noVarianceReason)]
        }
        let bms = s.between / (s.n - 1)
        let wms = (s.total - s.between) / (s.n * (s.k - 1))
        return [
            .single1: .ratio(bms - wms, over: bms + (s.k - 1) * wms, else: "ICC(1,1) is 0/0: BMS + (k − 1)·WMS is 0"),
            .average1: .ratio(bms - wms, over: bms, else: "ICC(1,k) is 0/0: \(unitMeansEqual)"),
        ]
    }

    /// The six ICCs from the two-way ANOVA of complete rows (same raters, in the same columns).
    public static func anova(_ rows: CompleteRows, multiplicity: [Double]?) -> (values: [Form: AgreementValue], meanSquares: MeanSquares?) {
        let s = SumsOfSquares(rows, multiplicity: multiplicity, judges: true)
        guard s.n >= 2, s.k >= 2 else {
            let undefined = AgreementValue.undefined(reason: "fewer than two units rated by every rater")
            return (Dictionary(uniqueKeysWithValues: Form.allCases.map { ($0, undefined) }), nil)
        }
        guard !s.noVariance else {
            return (Dictionary(uniqueKeysWithValues: Form.allCases.map { ($0, .undefined(reason: s.noVarianceReason)) }), nil)
        }
        let (n, kd) = (s.n, s.k)
        let within = s.total - s.between
        let error = within - s.judges
        let bms = s.between / (n - 1)
        let wms = within / (n * (kd - 1))
        let jms = s.judges / (kd - 1)
        let ems = error / ((n - 1) * (kd - 1))
        var result: [Form: AgreementValue] = [:]
        result[.single1] = .ratio(bms - wms, over: bms + (kd - 1) * wms, else: "ICC(1,1) is 0/0: BMS + (k − 1)·WMS is 0")
        result[.single2] = .ratio(bms - ems, over: bms + (kd - 1) * ems + kd * (jms - ems) / n,
                                  else: "ICC(2,1) is 0/0: BMS + (k − 1)·EMS + k·(JMS − EMS)/n is 0")
        result[.single3] = .ratio(bms - ems, over: bms + (kd - 1) * ems,
                                  else: "ICC(3,1) is 0/0: no variance between units and none left beyond the raters' means")
        result[.average1] = .ratio(bms - wms, over: bms, else: "ICC(1,k) is 0/0: \(unitMeansEqual)")
        result[.average2] = .ratio(bms - ems, over: bms + (jms - ems) / n, else: "ICC(2,k) is 0/0: BMS + (JMS − EMS)/n is 0")
        result[.average3] = .ratio(bms - ems, over: bms, else: "ICC(3,k) is 0/0: \(unitMeansEqual)")
        return (result, (bms, wms, jms, ems))
    }
}
