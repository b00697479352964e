/// The rubric under the answers: a rule along the top, the score table on the left (at most 45% of
/// the width), a vertical rule, and the focused criterion's guide on the right.
struct RubricPanel: Widget {
    var table: ScoreTable
    var guide: CriterionGuide

    func draw(into canvas: inout Canvas, area: Rect) {
        guard area.height > 0 else { return }
        canvas.put(String(repeating: "─", count: area.width), x: area.x, y: area.y, style: Style(.muted), limit: area.maxX)
        let (tableArea, rest) = area.splitLeft(min(table.naturalWidth, max(table.minimumWidth, area.width * 45 / 100)))
        let (rule, guideArea) = rest.splitLeft(1)
        table.draw(into: &canvas, area: tableArea)
        Divider(top: nil).draw(into: &canvas, area: rule.splitTop(1).rest)
        guide.draw(into: &canvas, area: guideArea)
    }
}
