import AgonCore

/// The blinding check's question in the rubric's place: which question of how many, that the
/// scores stay as they were, the question itself and its three answers.
struct BlindingPanel: Widget {
    var strings: Strings
    var position: Int
    var total: Int
    var reference: String?

    func draw(into canvas: inout Canvas, area: Rect) {
        guard area.height > 0, area.width > 2 else { return }
        let width = area.width - 2
        var lines: [(String, Style)] = [(strings.blindingTitle(position, of: total), Style(.success, bold: true))]
        // The question and its keys matter most: the explanation gives way first on a short panel.
        let essential = TextLayout.wrap(strings.blindingQuestion(reference: reference), width: width).map { ($0, Style(bold: true)) }
            + TextLayout.wrap(strings.blindingChoices, width: width).map { ($0, Style()) }
        let intro = TextLayout.wrap(strings.blindingIntro, width: width).map { ($0, Style(.muted)) }
        if 1 + intro.count + essential.count <= area.height { lines += intro }
        lines += essential
        for (index, line) in lines.enumerated() where area.y + index < area.maxY {
            canvas.put(" " + TextLayout.truncate(line.0, width: width), x: area.x, y: area.y + index, style: line.1, limit: area.maxX)
        }
    }
}
