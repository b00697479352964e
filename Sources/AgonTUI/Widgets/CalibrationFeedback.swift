import AgonCore

/// Shown after the rater submits a calibration pair: their scores and preference beside the
/// researcher's reference, and the researcher's one-line rationale, in the rater's language.
struct CalibrationFeedback: Widget {
    var strings: Strings
    var rubric: Rubric
    var number: Int
    var total: Int
    var pair: CalibrationPair
    var given: CalibrationJudgement?

    func draw(into canvas: inout Canvas, area: Rect) {
        let language = strings.language
        let boxWidth = max(10, min(90, area.width - 2))
        let textWidth = boxWidth - 4
        var rows: [[String]] = [["", strings.calibrationYours, strings.calibrationReference]]
        for criterion in rubric.criteria {
            rows.append([criterion.name.text(in: language), describe(given?.scores[criterion.id]),
                         describe(pair.scores[criterion.id])])
        }
        rows.append([strings.overall, given?.preference.map { rubric.preference.label($0, in: language) } ?? "—",
                     pair.preference.map { rubric.preference.label($0, in: language) } ?? "—"])
        let columns = (0..<3).map { column in rows.map { DisplayWidth.of($0[column]) }.max() ?? 0 }
        let nameWidth = max(4, min(columns[0], textWidth - columns[1] - columns[2] - 4))
        var lines: [(String, Style)] = []
        for (index, row) in rows.enumerated() {
            let line = TextLayout.pad(TextLayout.truncate(row[0], width: nameWidth), width: nameWidth) + "  "
                + TextLayout.pad(row[1], width: columns[1]) + "  " + row[2]
            lines.append((TextLayout.truncate(line, width: textWidth), Style(bold: index == 0)))
        }
        lines.append(("", Style()))
        lines.append((strings.calibrationWhy, Style(bold: true)))
        lines += TextLayout.wrap(Sanitizer.clean(pair.rationale.text(in: language)), width: textWidth).map { ($0, Style()) }
        lines.append(("", Style()))
        for binding in KeyMap.calibrationFeedback {
            let keys = binding.keys.first?.label(in: language) ?? ""
            lines.append((TextLayout.truncate(TextLayout.pad(keys, width: 6) + " " + binding.help.text(in: language), width: textWidth), Style()))
        }
        let height = min(area.height, lines.count + 2)
        let box = area.centered(width: boxWidth, height: height)
        DialogBox(title: strings.calibrationTitle(number, of: total)).draw(into: &canvas, area: box)
        TextBlock(lines: lines).draw(into: &canvas, area: DialogBox.inner(box))
    }

    /// "A 4 · B 2", or the comparison's size and side ("A +2"), or a dash.
    private func describe(_ score: CriterionScore?) -> String {
        guard let score else { return "—" }
        if let comparison = score.comparison {
            return comparison == 0 ? "=" : comparison < 0 ? "A +\(-comparison)" : "B +\(comparison)"
        }
        return "A \(score.a.map(String.init) ?? "—") · B \(score.b.map(String.init) ?? "—")"
    }
}
