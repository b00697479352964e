import AgonCore

/// The rubric folded to one line: the focused criterion with its scores, how many criteria each
/// answer has scores on, the overall choice, and the key that unfolds the panel (kept at the right
/// end; the rest is cut with `…` when the line is short).
struct RubricSummary: Widget {
    var rubric: Rubric
    var strings: Strings
    var scores: [String: CriterionScore]
    var preference: Preference?
    var focusedCriterion: Int
    var focusedSide: Side

    func draw(into canvas: inout Canvas, area: Rect) {
        guard area.height > 0 else { return }
        let language = strings.language
        canvas.put(String(repeating: "─", count: area.width), x: area.x, y: area.y, style: Style(.muted), limit: area.maxX)
        let hint = " " + strings.unfoldRubricHint + " "
        let hintX = max(area.x, area.maxX - 1 - DisplayWidth.of(hint))
        var parts: [(String, Style)] = []
        if rubric.criteria.indices.contains(focusedCriterion) {
            let criterion = rubric.criteria[focusedCriterion]
            let score = scores[criterion.id]
            parts.append(("▸ " + criterion.name.text(in: language) + " ", Style(.focus, bold: true)))
            if rubric.mode == .absolute {
                for side in Side.allCases {
                    let value = score?.score(for: side).map(String.init) ?? "·"
                    let style = side == focusedSide ? Style(.focus, bold: true, reverse: true) : Style(.given, bold: true)
                    parts.append((" \(side.rawValue) \(value) ", style))
                }
            } else {
                let text = score?.comparison.map { $0 == 0 ? "=" : $0 < 0 ? "A+\(-$0)" : "B+\($0)" } ?? "·"
                parts.append((" " + text + " ", Style(.focus, bold: true, reverse: true)))
            }
            let count = rubric.criteria.count
            let scored: String
            if rubric.mode == .absolute {
                let a = rubric.criteria.filter { scores[$0.id]?.a != nil }.count
                let b = rubric.criteria.filter { scores[$0.id]?.b != nil }.count
                scored = strings.scoredCounts(a: a, b: b, of: count)
            } else {
                scored = strings.scoredCount(rubric.criteria.filter { scores[$0.id]?.comparison != nil }.count, of: count)
            }
            parts.append(("  " + scored, Style(.muted)))
        }
        let choice = preference.map { rubric.preference.label($0, in: language) } ?? strings.notChosen
        parts.append(("  " + strings.overall + ": " + choice + " ", Style(preference == nil ? .muted : .given, bold: preference != nil)))

        var x = area.x + 1
        let limit = hintX - 1
        for part in parts {
            let room = limit - x
            guard room > 0 else { break }
            let fits = DisplayWidth.of(part.0) <= room
            x = canvas.put(fits ? part.0 : TextLayout.truncate(part.0, width: room), x: x, y: area.y, style: part.1, limit: limit)
            if !fits { break }
        }
        canvas.put(hint, x: hintX, y: area.y, style: Style(.title, bold: true), limit: area.maxX)
    }
}
