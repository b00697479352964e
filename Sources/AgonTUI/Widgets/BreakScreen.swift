import AgonCore

/// The break after a block of pairs: how far the rater has come, and how to go on or stop.
struct BreakScreen: Widget {
    var strings: Strings
    var rated: Int
    var total: Int
    var blockSize: Int

    func draw(into canvas: inout Canvas, area: Rect) {
        let textWidth = min(70, area.width - 4)
        guard textWidth > 0 else { return }
        let blocks = (total + blockSize - 1) / blockSize
        var lines: [(String, Style)] = [(strings.breakTitle(block: rated / blockSize, of: blocks), Style(.success, bold: true)), ("", Style())]
        lines += TextLayout.wrap(strings.breakBody(rated: rated, of: total), width: textWidth).map { ($0, Style()) }
        lines += TextLayout.wrap(strings.breakAhead(total - rated), width: textWidth).map { ($0, Style()) }
        lines.append(("", Style()))
        lines += TextLayout.wrap(strings.breakContinue, width: textWidth).map { ($0, Style(bold: true)) }
        CentredLines(lines: lines).draw(into: &canvas, area: area)
    }
}
