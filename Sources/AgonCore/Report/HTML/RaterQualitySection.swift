/// Control items passed per rater and the raters the study's exclusion rules set aside, on the
/// facts page under the raters (the rankings without them are in `--json` and the text report).
extension StudyReportHTML {
    static func raterQuality(_ report: StudyReport, _ words: Words) -> [HTMLNode] {
        var children: [HTMLNode] = []
        if let controls = report.controls, !controls.raters.isEmpty {
            children.append(H.el("h3", text: words("Control items", "Контрольные пары")))
            children.append(H.table([words("rater", "оценщик"), words("passed", "пройдено"), words("judged", "оценено")],
                                    controls.raters.enumerated().map { index, rater in
                                        [.text(rater.rater), count(rater.passed, "controls.raters[\(index)].passed", words),
                                         count(rater.judged, "controls.raters[\(index)].judged", words)]
                                    }, numericFrom: 1))
        }
        if let exclusion = report.exclusion, !exclusion.excluded.isEmpty {
            children.append(H.el("h3", text: words("Excluded by the study's rules", "Исключены по правилам исследования")))
            children.append(H.table([words("rater", "оценщик"), words("rule", "правило")],
                                    exclusion.excluded.map { [.text($0.rater), .text($0.reasons.map(\.description).joined(separator: "; "))] },
                                    numericFrom: 2))
        }
        return children
    }
}
