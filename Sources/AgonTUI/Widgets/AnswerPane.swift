import AgonCore

/// One anonymised answer: a title row (its name, and which lines show) over the text, with a
/// scroll bar at the right edge.
struct AnswerPane: Widget {
    /// "Answer A".
    var name: String
    /// How to switch to the other answer, when only one is shown at a time.
    var switchHint: String?
    /// The answer wrapped to the area's width less three columns (a margin each side, the scroll bar).
    var lines: [String]
    var scroll: Int
    /// The answer the keys act on now.
    var focused: Bool
    var linesLabel: String
    /// Columns left blank before the text, centring a capped measure in a wide pane.
    var indent: Int = 0
    /// Lines marked for quoting, shown in reverse video across the text's width.
    var marked: ClosedRange<Int>?

    func draw(into canvas: inout Canvas, area: Rect) {
        let (titleRow, text) = area.splitTop(1)
        canvas.put(String(repeating: "─", count: titleRow.width), x: titleRow.x, y: titleRow.y, style: Style(.muted), limit: titleRow.maxX)
        let first = min(scroll, max(0, lines.count - text.height))
        for row in 0..<text.height where first + row < lines.count {
            let line = lines[first + row]
            let isMarked = marked?.contains(first + row) ?? false
            if isMarked {
                canvas.fill(Rect(x: text.x, y: text.y + row, width: max(0, text.width - 1), height: 1), style: Style(.focus, reverse: true))
            }
            let bold = line.first == MarkdownText.boldMark
            canvas.put(bold ? line.dropFirst() : Substring(line), x: text.x + 1 + indent, y: text.y + row,
                       style: Style(isMarked ? .focus : .plain, bold: bold, reverse: isMarked), limit: text.maxX - 2)
        }
        ScrollBar(first: first, total: lines.count, focused: focused)
            .draw(into: &canvas, area: Rect(x: text.maxX - 1, y: text.y, width: 1, height: text.height))

        var title = " " + name + " "
        if let switchHint { title += "(" + switchHint + ") " }
        let titleStyle = focused ? Style(.focus, bold: true, reverse: true) : Style(.title, bold: true)
        canvas.put(title, x: titleRow.x + 1, y: titleRow.y, style: titleStyle, limit: titleRow.maxX)
        let shown = lines.isEmpty ? "0" : "\(first + 1)–\(min(lines.count, first + text.height))"
        let position = " \(linesLabel) \(shown) / \(lines.count) "
        let positionX = titleRow.maxX - 1 - DisplayWidth.of(position)
        if positionX > titleRow.x + 1 + DisplayWidth.of(title) {
            canvas.put(position, x: positionX, y: titleRow.y, style: Style(focused ? .plain : .muted), limit: titleRow.maxX)
        }
    }
}
