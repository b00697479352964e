import Foundation

/// Plain-text tables of agreement results for the terminal.
public enum AgreementText {
    /// The one-line reading guide printed under every agreement table.
    public static let readingGuide = "Reading: alpha ≥ 0.800 is reliable, 0.667–0.800 allows tentative conclusions only, "
        + "below 0.667 is unreliable (Krippendorff 2004); undefined means the ratings carry no information "
        + "for that statistic, not zero agreement."

    public static func number(_ value: Double?, digits: Int = 3) -> String {
        guard let value else { return "—" }
        var text = String(format: "%.\(digits)f", value)
        if text.hasPrefix("-0."), Double(text) == 0 { text.removeFirst() }
        return text
    }

    public static func interval(_ interval: AgreementBootstrap.Interval?) -> String {
        guard let interval else { return "—" }
        guard let low = interval.low, let high = interval.high else { return "undefined" }
        return "\(number(low)) … \(number(high))"
    }

    /// Rows of a statistics table: statistic, level, value, interval, note.
    public static func estimateRows(_ estimates: [AgreementEstimate], label: (AgreementEstimate) -> String = { $0.statistic }) -> [[String]] {
        estimates.map { estimate in
            var note = estimate.note ?? ""
            if let reason = estimate.undefinedReason { note = note.isEmpty ? reason : "\(reason); \(note)" }
            if let interval = estimate.interval {
                var extra: String?
                if let reason = interval.undefinedReason {
                    extra = "interval undefined: \(reason)"
                } else if interval.definedRounds < interval.rounds {
                    extra = "interval from \(interval.definedRounds) of \(interval.rounds) resamples (others undefined)"
                }
                if let extra { note = note.isEmpty ? extra : "\(note); \(extra)" }
            }
            return [label(estimate), estimate.level.rawValue, estimate.value.map { number($0) } ?? "undefined",
                    AgreementText.interval(estimate.interval), note]
        }
    }

    public static func render(_ agreement: RatingsAgreement, source: String) -> String {
        let cells = agreement.units * agreement.raters.count
        let missing = cells > 0 ? Double(cells - agreement.ratings) / Double(cells) * 100 : 0
        var lines = ["\(source): \(agreement.units) units, \(PluralNoun.rater.counted(agreement.raters.count)), \(agreement.ratings) ratings "
            + "(\(number(missing, digits: 1))% missing), \(agreement.pairableUnits) units rated twice or more; "
            + "scale: \(scaleSummary(agreement.categories))"]
        lines.append("")
        var rows = [["statistic", "level", "value", "95% interval", "note"]]
        rows += estimateRows(agreement.estimates)
        lines.append(PlainTable.render(rows))
        lines.append(readingGuide)
        if agreement.bootstrapRounds > 0 {
            lines.append("Intervals: percentile bootstrap over units, \(agreement.bootstrapRounds) resamples, seed \(agreement.seed).")
        }
        if let pairwise = agreement.pairwise.last {
            lines.append("")
            lines.append(render(pairwise))
            if agreement.pairwise.count > 1 {
                let others = agreement.pairwise.dropLast().map { $0.weights == .identity ? "unweighted" : $0.weights.rawValue }
                lines.append("(\(others.joined(separator: " and ")) kappa matrices in --json)")
            }
        }
        return lines.joined(separator: "\n")
    }

    public static func render(_ pairwise: PairwiseKappa, title: String? = nil) -> String {
        let name = pairwise.weights == .identity ? "Cohen's kappa" : "Cohen's kappa (\(pairwise.weights.rawValue) weights)"
        var lines = [title ?? "\(name) by rater pair (— on the diagonal or where undefined):"]
        guard pairwise.raters.count <= 30 else {
            lines.append("(\(pairwise.raters.count) raters: too many for a table; use --json)")
            return lines.joined(separator: "\n")
        }
        var rows = [[""] + pairwise.raters + ["mean"]]
        for (i, rater) in pairwise.raters.enumerated() {
            rows.append([rater] + pairwise.kappa[i].map { number($0, digits: 2) } + [number(pairwise.meanKappa[i], digits: 2)])
        }
        lines.append(PlainTable.render(rows))
        return lines.joined(separator: "\n")
    }

    static func scaleSummary(_ categories: [String]) -> String {
        if categories.count <= 12 { return categories.joined(separator: " ") }
        return categories.prefix(5).joined(separator: " ") + " … " + categories.suffix(3).joined(separator: " ")
            + " (\(categories.count) categories)"
    }
}
