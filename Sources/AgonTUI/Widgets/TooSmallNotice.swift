/// The whole screen when the window is too small to rate in: what size it is and what it needs.
struct TooSmallNotice: Widget {
    var text: String

    func draw(into canvas: inout Canvas, area: Rect) {
        let lines = TextLayout.wrap(text, width: max(1, area.width - 2))
        let top = area.y + max(0, (area.height - lines.count) / 2)
        for (index, line) in lines.enumerated() {
            canvas.put(line, x: area.x + 1, y: top + index, style: Style(.warning, bold: true), limit: area.maxX)
        }
    }
}
