/// Lines already wrapped, each with its style, from the top of the area down, cut at its edges;
/// `first` lines are scrolled off the top.
struct TextBlock: Widget {
    var lines: [(String, Style)]
    var first = 0

    func draw(into canvas: inout Canvas, area: Rect) {
        for row in 0..<area.height where first + row < lines.count {
            canvas.put(lines[first + row].0, x: area.x, y: area.y + row, style: lines[first + row].1, limit: area.maxX)
        }
    }
}
