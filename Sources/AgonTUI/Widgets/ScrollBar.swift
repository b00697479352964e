/// A one-column scroll bar: the thumb's length and place show how much of the text is visible, and where.
struct ScrollBar: Widget {
    /// The first line shown.
    var first: Int
    /// All the lines of the text.
    var total: Int
    var focused: Bool

    func draw(into canvas: inout Canvas, area: Rect) {
        guard total > area.height, area.height > 0 else { return }
        let thumb = max(1, area.height * area.height / total)
        let start = (area.height - thumb) * first / max(1, total - area.height)
        for row in 0..<area.height {
            let inThumb = row >= start && row < start + thumb
            canvas.put(inThumb ? "┃" : "┊", x: area.x, y: area.y + row,
                       style: inThumb ? Style(focused ? .focus : .plain, bold: true) : Style(.muted), limit: area.maxX)
        }
    }
}
