import AgonCore

/// Lines centred in an area, each on its own row, the block centred vertically: the layout of the
/// screens shown between pairs (the break, the end).
struct CentredLines: Widget {
    var lines: [(String, Style)]

    func draw(into canvas: inout Canvas, area: Rect) {
        let top = area.y + max(1, (area.height - lines.count) / 2)
        for (index, line) in lines.enumerated() where top + index < area.maxY {
            let x = area.x + max(0, (area.width - DisplayWidth.of(line.0)) / 2)
            canvas.put(line.0, x: x, y: top + index, style: line.1, limit: area.maxX)
        }
    }
}
