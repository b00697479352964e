/// The report's control items and exclusion sections as text.
enum RaterQualityText {
    static func controls(_ controls: ControlResults) -> String {
        guard !controls.raters.isEmpty else { return "No control item judged yet." }
        var rows = [["rater", "controls passed", "failed"]]
        for rater in controls.raters { rows.append([rater.rater, rater.fraction, "\(rater.failed)"]) }
        return PlainTable.render(rows) + "\nA control shows one answer beside a degraded copy of it; it is passed when the overall preference goes to the intact answer. Controls are left out of every ranking, score and agreement figure."
    }

    static func exclusion(_ exclusion: RaterExclusion, withAll overall: Ranking?, labels: [String: String]) -> String {
        var lines: [String] = []
        if exclusion.excluded.isEmpty {
            lines.append("No rater meets an exclusion rule of the study: the results above are the only ones.")
            return lines.joined(separator: "\n")
        }
        var rows = [["rater", "excluded by"]]
        for excluded in exclusion.excluded {
            rows.append([excluded.rater, excluded.reasons.map(\.description).joined(separator: "; ")])
        }
        lines.append(PlainTable.render(rows))
        lines.append("")
        lines.append("Overall preference with every rater (as above):")
        if let overall { lines.append(StudyReportText.sectionTable(overall, labels: labels)) }
        lines.append("")
        lines.append("Overall preference without the excluded raters (\(exclusion.ratersKept.count) rater\(exclusion.ratersKept.count == 1 ? "" : "s"), \(exclusion.judgementsKept) judgements):")
        if let without = exclusion.overallWithout { lines.append(StudyReportText.sectionTable(without, labels: labels)) }
        return lines.joined(separator: "\n")
    }
}
