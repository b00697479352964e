/// The frame of an overlay: the area cleared, a border, the title set into the top edge.
struct DialogBox: Widget {
    var title: String

    /// Where the overlay's own text goes inside a box drawn in `area`: within the border, a column
    /// of margin each side.
    static func inner(_ area: Rect) -> Rect { area.inset(columns: 2, rows: 1) }

    func draw(into canvas: inout Canvas, area: Rect) {
        canvas.fill(area, style: Style())
        let border = Style(.focus, bold: true)
        let edge = String(repeating: "─", count: max(0, area.width - 2))
        canvas.put("┌" + edge + "┐", x: area.x, y: area.y, style: border, limit: area.maxX)
        for y in (area.y + 1)..<max(area.y + 1, area.maxY - 1) {
            canvas.put("│", x: area.x, y: y, style: border, limit: area.maxX)
            canvas.put("│", x: area.maxX - 1, y: y, style: border, limit: area.maxX)
        }
        canvas.put("└" + edge + "┘", x: area.x, y: area.maxY - 1, style: border, limit: area.maxX)
        canvas.put(" " + title + " ", x: area.x + 2, y: area.y, style: Style(.title, bold: true), limit: area.maxX - 2)
    }
}
