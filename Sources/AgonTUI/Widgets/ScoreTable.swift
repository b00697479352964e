import AgonCore

/// The scores given so far: a row per criterion (a cell per answer, or one comparison cell), the
/// focused row marked, and the overall preference on the last row. Its column titles sit on the
/// rubric panel's top rule.
struct ScoreTable: Widget {
    var rubric: Rubric
    var strings: Strings
    var scores: [String: CriterionScore]
    var preference: Preference?
    var focusedCriterion: Int
    var focusedSide: Side

    private var language: Language { strings.language }
    /// The names' column when there is room: the longest name, at most 24 columns.
    private var naturalNameWidth: Int {
        min(24, max(DisplayWidth.of(strings.criterion), rubric.criteria.map { DisplayWidth.of($0.name.text(in: language)) }.max() ?? 0))
    }
    private var cellWidth: Int { rubric.mode == .absolute ? 5 : 8 }
    private var cellsWidth: Int { (rubric.mode == .absolute ? 2 : 1) * cellWidth + 1 }
    /// The names' column in an area `width` wide: the score cells always keep their room (both
    /// answers' columns are shown at every allowed size), and the names give way, cut with `…`.
    func nameWidth(in width: Int) -> Int { max(3, min(naturalNameWidth, width - 3 - cellsWidth)) }

    /// The narrowest table that still shows every score cell, with names cut to a few letters.
    var minimumWidth: Int { 3 + 3 + cellsWidth }

    /// The columns the table asks for: its cells or the overall line, whichever is wider.
    var naturalWidth: Int {
        let overallWidth = DisplayWidth.of(" " + strings.overall + ": ") + max(DisplayWidth.of(strings.notChosen),
            Preference.allCases.map { DisplayWidth.of(rubric.preference.label($0, in: language)) }.max() ?? 0) + 1
        return max(3 + naturalNameWidth + cellsWidth, overallWidth)
    }

    func draw(into canvas: inout Canvas, area: Rect) {
        guard area.height > 0 else { return }
        let muted = Style(.muted)
        let nameWidth = nameWidth(in: area.width)
        // The row mark, the names, a space.
        let cellsX = area.x + 2 + nameWidth + 1
        canvas.put(" " + TextLayout.truncate(strings.criterion, width: max(1, nameWidth - 1)) + " ", x: area.x + 1, y: area.y,
                   style: Style(.title, bold: true), limit: cellsX)
        if rubric.mode == .absolute {
            for (index, side) in Side.allCases.enumerated() {
                let style = side == focusedSide ? Style(.focus, bold: true, reverse: true) : Style(.title, bold: true)
                canvas.put(" \(side.rawValue) ", x: cellsX + index * cellWidth + 1, y: area.y, style: style)
            }
        } else {
            canvas.put(" " + strings.comparisonHeader + " ", x: cellsX, y: area.y, style: Style(.title, bold: true))
        }

        for (index, criterion) in rubric.criteria.enumerated() {
            let y = area.y + 1 + index
            guard y < area.maxY - 1 else { break }
            let focusedRow = index == focusedCriterion
            canvas.put(focusedRow ? "▸" : " ", x: area.x, y: y, style: Style(.focus, bold: true))
            canvas.put(TextLayout.truncate(criterion.name.text(in: language), width: nameWidth), x: area.x + 2, y: y,
                       style: Style(focusedRow ? .focus : .plain, bold: focusedRow))
            let score = scores[criterion.id]
            if rubric.mode == .absolute {
                for (column, side) in Side.allCases.enumerated() {
                    let value = score?.score(for: side)
                    let text = TextLayout.pad(value.map { " \($0)" } ?? " ·", width: cellWidth - 1)
                    let focusedCell = focusedRow && side == focusedSide
                    let style = focusedCell ? Style(.focus, bold: true, reverse: true) : value == nil ? muted : Style(.given, bold: true)
                    canvas.put(text, x: cellsX + column * cellWidth, y: y, style: style)
                }
            } else {
                let value = score?.comparison
                let text: String
                if let value { text = value == 0 ? " =" : value < 0 ? " A+\(-value)" : " B+\(value)" } else { text = " ·" }
                let style = focusedRow ? Style(.focus, bold: true, reverse: true) : value == nil ? muted : Style(.given, bold: true)
                canvas.put(TextLayout.pad(text, width: cellWidth - 1), x: cellsX, y: y, style: style)
            }
        }

        let overallY = area.maxY - 1
        let afterLabel = canvas.put(" " + strings.overall + ": ", x: area.x, y: overallY, style: Style(.title, bold: true), limit: area.maxX)
        let room = max(0, area.maxX - afterLabel)
        if let preference {
            canvas.put(TextLayout.truncate(rubric.preference.label(preference, in: language), width: room), x: afterLabel, y: overallY,
                       style: Style(.given, bold: true), limit: area.maxX)
        } else {
            canvas.put(TextLayout.truncate(strings.notChosen, width: room), x: afterLabel, y: overallY, style: muted, limit: area.maxX)
        }
    }
}
