import AgonCore

/// The focused criterion's question and anchors beside the scores, for calibrating without leaving
/// the screen, titled on the rubric panel's top rule. With little room each anchor keeps to one
/// line; with more, it wraps.
struct CriterionGuide: Widget {
    var criterion: Criterion?
    var strings: Strings

    func draw(into canvas: inout Canvas, area: Rect) {
        guard area.height > 0 else { return }
        let language = strings.language
        let muted = Style(.muted)
        guard let criterion else { return }
        let textX = area.x + 1
        let textWidth = max(1, area.maxX - textX - 1)
        let scaleText = " " + strings.scale(criterion.scale) + " · " + strings.inFullHint + " "
        let nameRoom = max(0, area.width - DisplayWidth.of(scaleText) - 3)
        let headerEnd = canvas.put(" " + TextLayout.truncate(criterion.name.text(in: language), width: nameRoom) + " ", x: area.x, y: area.y,
                                   style: Style(.focus, bold: true), limit: area.maxX - DisplayWidth.of(scaleText) - 1)
        canvas.put(scaleText, x: max(headerEnd, area.maxX - DisplayWidth.of(scaleText) - 1), y: area.y, style: muted, limit: area.maxX)

        // A row is its text, its style, and whether it opens with an anchor's score.
        var rows: [(String, Style, Bool)] = []
        let question = criterion.question.text(in: language).isEmpty ? criterion.definition.text(in: language) : criterion.question.text(in: language)
        for line in TextLayout.wrap(Sanitizer.clean(question), width: textWidth) { rows.append((line, Style(bold: true), false)) }
        let anchorRoom = area.height - 1 - rows.count
        let anchors = criterion.anchors
        for anchor in anchors {
            let label = "\(anchor.score)"
            let labelWidth = max(3, DisplayWidth.of(label) + 1)
            var lines = TextLayout.wrap(Sanitizer.clean(anchor.text.text(in: language)), width: max(1, textWidth - labelWidth))
            if anchorRoom < anchors.count * 2, let first = lines.first {
                lines = [lines.count > 1 ? TextLayout.truncate(first + " " + lines[1], width: max(1, textWidth - labelWidth)) : first]
            }
            for (index, line) in lines.enumerated() {
                rows.append((index == 0 ? TextLayout.pad(label, width: labelWidth) + line : String(repeating: " ", count: labelWidth) + line,
                             Style(), index == 0))
            }
        }
        // Anchors that do not fit are not dropped silently: the last row says so and how to see them.
        let room = area.height - 1
        if rows.count > room, room > 0 {
            rows = Array(rows.prefix(room - 1))
            rows.append(("… " + strings.inFullHint, Style(.muted), false))
        }
        for (index, row) in rows.enumerated() {
            let y = area.y + 1 + index
            guard y < area.maxY else { break }
            if row.2 {
                let score = row.0.prefix(while: { $0 != " " })
                let after = canvas.put(score, x: textX, y: y, style: Style(.given, bold: true), limit: area.maxX)
                canvas.put(row.0.dropFirst(score.count), x: after, y: y, limit: area.maxX - 1)
            } else {
                canvas.put(row.0, x: textX, y: y, style: row.1, limit: area.maxX - 1)
            }
        }
    }
}
