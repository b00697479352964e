/// A vertical rule one column wide between two regions; `top`, when given, is the cell that joins
/// it to a horizontal rule running above them ("┬" under the answers' title row).
struct Divider: Widget {
    var top: String?

    func draw(into canvas: inout Canvas, area: Rect) {
        for y in area.y..<area.maxY {
            canvas.put(y == area.y ? top ?? "│" : "│", x: area.x, y: y, style: Style(.muted), limit: area.maxX)
        }
    }
}
