/// The dialog for flagging a pair: the common reasons by number, and a field for the reason typed.
struct FlagDialog: Widget {
    var strings: Strings
    var reason: EditableText

    func draw(into canvas: inout Canvas, area: Rect) {
        let boxWidth = min(76, area.width - 2)
        let textWidth = boxWidth - 4
        var lines: [(String, Style)] = TextLayout.wrap(strings.flagPresetsTitle, width: textWidth).map { ($0, Style()) }
        for (index, preset) in strings.flagPresets.enumerated() {
            lines.append((TextLayout.truncate("\(index + 1)  \(preset)", width: textWidth), Style(.given)))
        }
        lines.append(("", Style()))
        let box = area.centered(width: boxWidth, height: lines.count + 4)
        DialogBox(title: strings.flagTitle).draw(into: &canvas, area: box)
        let inner = DialogBox.inner(box)
        TextBlock(lines: lines).draw(into: &canvas, area: inner)
        let fieldY = inner.y + lines.count
        let labelEnd = canvas.put(strings.flagPrompt + ": ", x: inner.x, y: fieldY, style: Style(.title, bold: true), limit: inner.maxX)
        TextField(text: reason, showsCursor: true)
            .draw(into: &canvas, area: Rect(x: labelEnd, y: fieldY, width: max(1, inner.maxX - labelEnd), height: 1))
    }
}
