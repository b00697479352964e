import Foundation

/// The reviewer's checks of `agon report` as text: construct validity, serial position, rater
/// groups and split-half reliability (Holm's correction and the clustered win rate sit with each
/// section's head-to-head block).
public enum ReviewerChecksText {
    public static func facts(_ facts: StudyFacts) -> String {
        var line = "\(PluralNoun.task.counted(facts.tasks)) (\(facts.tasksJudged) judged; categories: \(facts.categories.joined(separator: ", "))), "
            + "\(PluralNoun.answer.counted(facts.answers)) (up to \(PluralNoun.sample.counted(facts.samplesPerAnswer)) per task × system), "
            + "\(PluralNoun.item.counted(facts.itemsPerRater)) per rater; "
            + "left out: \(PluralNoun.repeatShowing.counted(facts.repeatsLeftOut)), \(PluralNoun.judgement.counted(facts.unknownSystemJudgements)) of unknown systems, "
            + "\(facts.damagedLines) damaged \(PluralNoun.line.form(facts.damagedLines, in: .en)); \(PluralNoun.flag.counted(facts.flags.count))."
        let backgrounds = facts.raters.compactMap { rater in rater.background.map { "\(rater.name) (\($0))" } }
        if !backgrounds.isEmpty { line += "\nRaters: " + backgrounds.joined(separator: ", ") }
        return line
    }

    static func correlation(_ value: Double?) -> String {
        value.map { String(format: "%.2f", $0) } ?? "—"
    }

    static func interval(_ c: PearsonCorrelation) -> String {
        guard let lower = c.lower, let upper = c.upper else { return "—" }
        return String(format: "%.2f–%.2f", lower, upper)
    }

    public static func constructValidity(_ validity: ConstructValidity, names: [String: String]) -> String {
        var lines = ["Correlation of the criteria over \(validity.observations) scored answers (Pearson):"]
        var rows = [[""] + validity.criteria.map { names[$0] ?? $0 }]
        for (i, id) in validity.criteria.enumerated() {
            rows.append([names[id] ?? id] + validity.matrix[i].enumerated().map { j, r in i == j ? "—" : correlation(r) })
        }
        lines.append(PlainTable.render(rows))
        lines.append("")
        rows = [["criterion", "r with the overall preference", "95% interval", "n"]]
        for entry in validity.withPreference {
            rows.append([names[entry.criterion] ?? entry.criterion, correlation(entry.correlation.r), interval(entry.correlation), "\(entry.correlation.n)"])
        }
        lines.append(PlainTable.render(rows))
        if validity.haloWarnings.isEmpty {
            lines.append("No two criteria correlate above \(validity.haloThreshold).")
        } else {
            for pair in validity.haloWarnings {
                lines.append("Halo warning: \(pair) correlate above \(validity.haloThreshold) — the rubric is not telling them apart.")
            }
        }
        return lines.joined(separator: "\n")
    }

    static func slope(_ slope: LinearSlope?, digits: Int = 3) -> [String] {
        guard let slope else { return ["—", "—", ""] }
        return [String(format: "%+.\(digits)f", slope.slope), String(format: "%+.\(digits)f…%+.\(digits)f", slope.lower, slope.upper), "\(slope.n)"]
    }

    public static func serialPosition(_ drift: SerialPosition) -> String {
        var rows = [["change per item of position (within raters)", "slope", "95% interval", "n"]]
        rows.append(["mean score"] + slope(drift.scoreSlope))
        rows.append(["distance from the other raters' mean score"] + slope(drift.distanceSlope))
        rows.append(["seconds per judgement"] + slope(drift.secondsSlope, digits: 2))
        var lines = [PlainTable.render(rows), ""]
        rows = [["rater", "judgements", "score slope", "95% interval"]]
        for rater in drift.raters {
            rows.append([rater.rater, "\(rater.judgements)"] + slope(rater.scoreSlope).prefix(2))
        }
        lines.append(PlainTable.render(rows))
        return lines.joined(separator: "\n")
    }

    public static func raterGroups(_ groups: RaterGroups) -> String {
        guard groups.groups.count == 2 else { return "" }
        let (first, second) = (groups.groups[0], groups.groups[1])
        var lines = ["\(first.background) (\(PluralNoun.rater.counted(first.raters.count)), \(PluralNoun.judgement.counted(first.judgements))) against "
            + "\(second.background) (\(PluralNoun.rater.counted(second.raters.count)), \(PluralNoun.judgement.counted(second.judgements))), overall preference:"]
        var rows = [["system", "\(first.background) rating", "95% interval", "\(second.background) rating", "95% interval", "difference", "95% interval"]]
        func interval(_ row: RankingRow?) -> String {
            guard let row, let lower = row.lower, let upper = row.upper else { return "—" }
            return "\(RankingTable.whole(lower))…\(RankingTable.whole(upper))"
        }
        for difference in groups.differences {
            let a = first.ranking.row(difference.system), b = second.ranking.row(difference.system)
            rows.append([difference.system, a.map { RankingTable.whole($0.rating) } ?? "—", interval(a),
                         b.map { RankingTable.whole($0.rating) } ?? "—", interval(b),
                         difference.difference.map { String(format: "%+.0f", $0) } ?? "—",
                         difference.lower.flatMap { lower in difference.upper.map { String(format: "%+.0f…%+.0f", lower, $0) } } ?? "—"])
        }
        lines.append(PlainTable.render(rows))
        if !groups.ratersLeftOut.isEmpty {
            lines.append("Left out (no background, or another one): \(groups.ratersLeftOut.joined(separator: ", "))")
        }
        return lines.joined(separator: "\n")
    }

    public static func splitHalf(_ split: SplitHalfRatings, names: [String: String]) -> String {
        var reasons: [String] = []
        func cells(_ r: SplitHalfReliability?) -> [String] {
            guard let r else { return ["", ""] }
            guard let value = r.reliability else {
                if let reason = r.undefinedReason, !reasons.contains(reason) { reasons.append(reason) }
                return ["—", ""]
            }
            let interval = r.lower.flatMap { lower in r.upper.map { String(format: "%.2f–%.2f", lower, $0) } } ?? "—"
            return [String(format: "%.2f", value), interval]
        }
        var rows = [["section", "system ratings", "95% of splits", "answer scores", "95% of splits"]]
        for entry in split.entries {
            rows.append([names[entry.section] ?? entry.section] + cells(entry.ratings) + cells(entry.scores))
        }
        return "Split-half reliability, Spearman–Brown corrected (raters split at random \(split.splits) times, seed \(split.seed)):\n"
            + PlainTable.render(rows) + reasons.map { "\n— \($0)" }.joined()
    }
}
