import Foundation

/// Every statistic that applies to one ratings table, with bootstrap intervals: what
/// `agon agreement --ratings FILE` prints, and the building block of a study's agreement report.
public struct RatingsAgreement: Sendable, Equatable, Codable {
    public var units: Int
    public var raters: [String]
    public var ratings: Int
    /// Units with two or more ratings (the only ones any statistic here can use).
    public var pairableUnits: Int
    public var categories: [String]
    public var levels: [MeasurementLevel]
    public var estimates: [AgreementEstimate]
    /// Cohen's kappa for every pair of raters, to spot an outlying rater: unweighted, and linear and
    /// quadratic weights when the levels allow them (the last is the one printed).
    public var pairwise: [PairwiseKappa]
    /// Units left out of ICC(2,·) and ICC(3,·) because some rater did not rate them (nil when none were).
    public var iccUnitsLeftOut: [String]?
    /// Units left out of ICC(1,·) because they have another number of ratings than the units used.
    public var iccCaseOneUnitsLeftOut: [String]?
    public var bootstrapRounds: Int
    public var seed: UInt64

    /// The levels a table supports: nominal always; ordinal with ordered categories; interval with
    /// numbers; ratio with non-negative numbers.
    public static func applicableLevels(_ table: RatingsTable) -> [MeasurementLevel] {
        var levels: [MeasurementLevel] = [.nominal]
        if table.isOrdered { levels.append(.ordinal) }
        if let values = table.numericValues {
            levels.append(.interval)
            if values.allSatisfy({ $0 >= 0 }) { levels.append(.ratio) }
        }
        return levels
    }

    public static func analyse(_ table: RatingsTable, levels requested: [MeasurementLevel]? = nil,
                               bootstrap: AgreementBootstrap = AgreementBootstrap(),
                               pairwise includePairwise: Bool = true) -> RatingsAgreement {
        let levels = (requested ?? applicableLevels(table)).sorted { $0.rank < $1.rank }
        let counts = table.categoryCounts
        let ordered = table.isOrdered
        let single = table.raterCount < 2
        // Count-based statistics, in print order.
        var countStatistics: [(key: String, name: String, level: MeasurementLevel, statistic: CountStatistic)] = []
        for level in levels {
            countStatistics.append(("alpha.\(level.rawValue)", "Krippendorff's alpha", level, .alpha(level, ordered: ordered)))
        }
        if levels.contains(.nominal) {
            countStatistics.append(("fleiss", "Fleiss' kappa", .nominal, .fleiss))
            countStatistics.append(("ac1", "Gwet's AC1", .nominal, .gwet(.identity)))
        }
        if levels.contains(.ordinal) {
            countStatistics.append(("ac2.linear", "Gwet's AC2 (linear)", .ordinal, .gwet(.linear, ordered: ordered)))
        }
        if levels.contains(.interval) {
            countStatistics.append(("ac2.quadratic", "Gwet's AC2 (quadratic)", .interval, .gwet(.quadratic, ordered: ordered)))
        }
        if levels.contains(.nominal) {
            countStatistics.append(("agreement.raw", "percent agreement", .nominal, .percentAgreement))
            countStatistics.append(("agreement.leave-one-out", "agreement with the others' majority", .nominal, .leaveOneOut))
        }
        // Units with the same counts are interchangeable for these statistics: compute on the
        // distinct rows (a few hundred, typically, however many units there are). With a single
        // rater nothing is defined, so there is nothing to resample either.
        let statistics = countStatistics.map(\.statistic)
        let merged = counts.compressed()
        let values = single
            ? statistics.map { _ in AgreementValue.undefined(reason: "a single rater: agreement needs at least two") }
            : PreparedCountStatistics(merged.counts, statistics).values()
        let intervals = single ? statistics.map { _ in nil } : bootstrap.intervals(counts, merged: merged, of: statistics)
        var estimates = countStatistics.indices.map { i in
            AgreementEstimate(key: countStatistics[i].key, statistic: countStatistics[i].name, level: countStatistics[i].level,
                              value: values[i], interval: intervals[i])
        }
        var leftOut: [String]?
        var caseOneLeftOut: [String]?
        if levels.contains(.interval) {
            let icc = iccEstimates(table, bootstrap: bootstrap)
            estimates += icc.estimates
            leftOut = icc.leftOut.isEmpty || table.numericValues == nil ? nil : icc.leftOut
            caseOneLeftOut = icc.caseOneLeftOut.isEmpty || table.numericValues == nil ? nil : icc.caseOneLeftOut
        }
        var pairwise: [PairwiseKappa] = []
        if includePairwise, table.raterCount >= 2 {
            var weightings: [AgreementWeights] = []
            if levels.contains(.nominal) { weightings.append(.identity) }
            if levels.contains(.ordinal) { weightings.append(.linear) }
            if levels.contains(.interval) || levels.contains(.ratio) { weightings.append(.quadratic) }
            let joint = CohenKappa.jointCounts(table)
            pairwise = weightings.map { PairwiseKappa(table, weights: $0, joint: joint) }
        }
        return RatingsAgreement(units: table.unitCount, raters: table.raterIDs, ratings: table.ratingCount,
                                pairableUnits: Int(counts.pairableUnitCount), categories: table.categories, levels: levels,
                                estimates: estimates, pairwise: pairwise, iccUnitsLeftOut: leftOut, iccCaseOneUnitsLeftOut: caseOneLeftOut,
                                bootstrapRounds: bootstrap.rounds, seed: bootstrap.seed)
    }

    /// ICC(1,·) from the units with the usual number of ratings, ICC(2,·) and ICC(3,·) from the units
    /// every rater rated; each interval resamples the units its case used, and each note says which
    /// units were left out.
    static func iccEstimates(_ table: RatingsTable, bootstrap: AgreementBootstrap) -> (estimates: [AgreementEstimate], leftOut: [String], caseOneLeftOut: [String]) {
        let icc = IntraclassCorrelation.compute(table)
        let sameUnits = icc.caseOneUnits == icc.unitsUsed
        func leftOut(_ used: [Int]) -> [String] {
            guard used.count < table.unitCount else { return [] }
            let kept = Set(used)
            return (0..<table.unitCount).filter { !kept.contains($0) }.map { table.unitIDs[$0] }
        }
        let twoWayOut = leftOut(icc.unitsUsed)
        let caseOneOut = sameUnits ? twoWayOut : leftOut(icc.caseOneUnits)
        func note(_ used: [Int], _ out: [String], _ which: String) -> String? {
            guard !used.isEmpty, !out.isEmpty else { return nil }
            return "\(used.count) of \(table.unitCount) units, \(which); left out: "
                + (out.count <= 8 ? out.joined(separator: ", ") : "\(out.count) units (listed in --json)")
        }
        let caseOneNote = note(icc.caseOneUnits, caseOneOut, icc.caseOneRatings == table.raterCount
            ? "those rated by all \(table.raterCount) raters" : "those with \(icc.caseOneRatings) ratings each")
        let twoWayNote = note(icc.unitsUsed, twoWayOut, "those rated by all \(table.raterCount) raters")
        var intervals: [IntraclassCorrelation.Form: AgreementBootstrap.Interval] = [:]
        let oneWayForms = IntraclassCorrelation.Form.allCases.filter(\.isOneWay)
        let twoWayForms = IntraclassCorrelation.Form.allCases.filter { !$0.isOneWay }
        // Resample each case's units by weighting their rows: one ANOVA per round for its forms —
        // one for all six when both cases use the same units.
        if sameUnits, IntraclassCorrelation.Form.allCases.contains(where: { icc[$0].value != nil }), let rows = icc.rows {
            let forms = IntraclassCorrelation.Form.allCases
            let found = bootstrap.intervals(units: rows.count, statistics: forms.count) { multiplicity in
                let values = IntraclassCorrelation.anova(rows, multiplicity: multiplicity).values
                return forms.map { values[$0]! }
            }
            for (form, interval) in zip(forms, found) { intervals[form] = interval }
        } else if oneWayForms.contains(where: { icc[$0].value != nil }), let rows = icc.caseOneRows {
            let found = bootstrap.intervals(units: rows.count, statistics: oneWayForms.count) { multiplicity in
                let values = IntraclassCorrelation.oneWay(rows, multiplicity: multiplicity)
                return oneWayForms.map { values[$0]! }
            }
            for (form, interval) in zip(oneWayForms, found) { intervals[form] = interval }
        }
        if !sameUnits, twoWayForms.contains(where: { icc[$0].value != nil }), let rows = icc.rows {
            let found = bootstrap.intervals(units: rows.count, statistics: twoWayForms.count) { multiplicity in
                let values = IntraclassCorrelation.anova(rows, multiplicity: multiplicity).values
                return twoWayForms.map { values[$0]! }
            }
            for (form, interval) in zip(twoWayForms, found) { intervals[form] = interval }
        }
        let estimates = IntraclassCorrelation.Form.allCases.map { form in
            AgreementEstimate(key: "icc.\(form.key)", statistic: form.rawValue, level: .interval,
                              value: icc[form], interval: intervals[form], note: form.isOneWay ? caseOneNote : twoWayNote)
        }
        return (estimates, twoWayOut, caseOneOut)
    }
}

/// One statistic's value, interval and, when undefined, the reason.
public struct AgreementEstimate: Sendable, Equatable, Codable {
    /// Stable machine name, e.g. `alpha.ordinal`, `ac1`, `icc.2-1`.
    public var key: String
    public var statistic: String
    public var level: MeasurementLevel
    public var value: Double?
    public var undefinedReason: String?
    public var interval: AgreementBootstrap.Interval?
    public var note: String?

    public init(key: String, statistic: String, level: MeasurementLevel, value: AgreementValue,
                interval: AgreementBootstrap.Interval?, note: String? = nil) {
        self.key = key
        self.statistic = statistic
        self.level = level
        self.value = value.value
        self.undefinedReason = value.reason
        self.interval = value.value == nil ? nil : interval
        self.note = note
    }
}

/// Cohen's kappa for every pair of raters over the whole scale, with each rater's mean kappa with
/// the others: a rater whose mean stands well below the rest rates differently (or carelessly).
public struct PairwiseKappa: Sendable, Equatable, Codable {
    public var weights: AgreementWeights
    public var raters: [String]
    /// raters × raters; nil on the diagonal and where undefined.
    public var kappa: [[Double?]]
    public var sharedUnits: [[Int]]
    /// Mean of each rater's defined kappas with the others.
    public var meanKappa: [Double?]

    public init(_ table: RatingsTable, weights: AgreementWeights, joint: [Double]? = nil) {
        self.weights = weights
        raters = table.raterIDs
        let r = table.raterCount
        let matrix = CohenKappa.matrix(table, weights: weights, joint: joint)
        kappa = (0..<r).map { i in (0..<r).map { j in matrix[i * r + j]?.kappa.value } }
        sharedUnits = (0..<r).map { i in (0..<r).map { j in matrix[i * r + j]?.sharedUnits ?? 0 } }
        meanKappa = kappa.map { row in
            let defined = row.compactMap { $0 }
            return defined.isEmpty ? nil : defined.reduce(0, +) / Double(defined.count)
        }
    }
}

extension MeasurementLevel {
    var rank: Int { MeasurementLevel.allCases.firstIndex(of: self)! }
}

extension IntraclassCorrelation.Form {
    /// `1-1`, `2-k`, …: for JSON keys.
    var key: String {
        rawValue.dropFirst(4).dropLast().replacingOccurrences(of: ",", with: "-")
    }
}
