import AgonCore

/// The focused criterion in full over the screen: its definition, its question and every anchor.
struct CriterionInFull: Widget {
    var criterion: Criterion?
    var strings: Strings

    func draw(into canvas: inout Canvas, area: Rect) {
        guard let criterion else { return }
        let language = strings.language
        let boxWidth = min(90, area.width - 2)
        let textWidth = boxWidth - 4
        var lines: [(String, Style)] = []
        for text in [criterion.definition.text(in: language), criterion.question.text(in: language)] where !text.isEmpty {
            // The definition plain, the question (which comes second) bold.
            let style = Style(bold: !lines.isEmpty)
            lines += TextLayout.wrap(Sanitizer.clean(text), width: textWidth).map { ($0, style) }
            lines.append(("", Style()))
        }
        for anchor in criterion.anchors {
            let label = TextLayout.pad("\(anchor.score)", width: 4)
            for (index, line) in TextLayout.wrap(Sanitizer.clean(anchor.text.text(in: language)), width: textWidth - 4).enumerated() {
                lines.append(((index == 0 ? label : "    ") + line, Style()))
            }
        }
        let box = area.centered(width: boxWidth, height: min(area.height - 2, lines.count + 2))
        DialogBox(title: criterion.name.text(in: language) + " · " + strings.scale(criterion.scale)).draw(into: &canvas, area: box)
        let inner = DialogBox.inner(box)
        TextBlock(lines: lines).draw(into: &canvas, area: inner)
    }
}
