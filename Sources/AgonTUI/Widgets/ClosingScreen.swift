import AgonCore

/// What the rater sees when no pair is left: thanks, how many were rated, and the last message,
/// centred.
struct ClosingScreen: Widget {
    var strings: Strings
    var total: Int
    var message: StatusMessage?

    func draw(into canvas: inout Canvas, area: Rect) {
        let textWidth = min(70, area.width - 4)
        var lines: [(String, Style)] = [(strings.finishedTitle, Style(.success, bold: true)), ("", Style())]
        lines += TextLayout.wrap(strings.finishedBody(total), width: textWidth).map { ($0, Style()) }
        if let message {
            lines.append(("", Style()))
            lines += TextLayout.wrap(message.text, width: textWidth).map { ($0, Style(.muted)) }
        }
        CentredLines(lines: lines).draw(into: &canvas, area: area)
    }
}
