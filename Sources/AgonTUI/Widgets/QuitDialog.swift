/// The question before leaving with unsaved input: keep it as a draft, discard it, or stay.
struct QuitDialog: Widget {
    var strings: Strings

    func draw(into canvas: inout Canvas, area: Rect) {
        let boxWidth = min(64, area.width - 2)
        var lines: [(String, Style)] = TextLayout.wrap(strings.confirmQuit, width: boxWidth - 4).map { ($0, Style(bold: true)) }
        lines.append(("", Style()))
        for binding in KeyMap.confirmQuit {
            // The keys of the rater's layout: Cyrillic letters on a Russian screen.
            let keys = binding.keys.first?.label(in: strings.language) ?? ""
            lines.append((TextLayout.pad(keys, width: 5) + " " + binding.help.text(in: strings.language), Style()))
        }
        let box = area.centered(width: boxWidth, height: lines.count + 2)
        DialogBox(title: strings.confirmTitle).draw(into: &canvas, area: box)
        let inner = DialogBox.inner(box)
        TextBlock(lines: lines).draw(into: &canvas, area: inner)
    }
}
