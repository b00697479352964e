import AgonCore

/// The task the two answers respond to, under its label, scrolled with `{` and `}` when it is longer
/// than its rows.
struct TaskPanel: Widget {
    var label: String
    /// The task wrapped to the text's width (the area less `labelWidth` and a margin).
    var lines: [String]
    /// Columns left of the text, where the label sits.
    var labelWidth: Int
    var scroll: Int

    func draw(into canvas: inout Canvas, area: Rect) {
        canvas.put(" " + label, x: area.x, y: area.y, style: Style(.title, bold: true), limit: area.x + labelWidth)
        let first = min(scroll, max(0, lines.count - area.height))
        for row in 0..<area.height where first + row < lines.count {
            canvas.put(lines[first + row], x: area.x + labelWidth, y: area.y + row, style: Style(bold: true), limit: area.maxX)
        }
        if lines.count > area.height {
            let more = first + area.height < lines.count ? "{ } ▼" : "{ } ▲"
            canvas.put(more, x: area.maxX - DisplayWidth.of(more), y: area.maxY - 1, style: Style(.muted), limit: area.maxX)
        }
    }
}
