import AgonCore
import Foundation

/// The help over the screen: the rubric's instructions, then every key of the key table with what
/// it does, scrolled when it is longer than the box.
struct HelpOverlay: Widget {
    var rubric: Rubric
    var strings: Strings
    var scroll: Int

    func draw(into canvas: inout Canvas, area: Rect) {
        let box = area.centered(width: min(96, area.width - 2), height: area.height - 2)
        DialogBox(title: strings.helpTitle).draw(into: &canvas, area: box)
        let inner = DialogBox.inner(box)
        let lines = lines(width: inner.width)
        let first = min(scroll, max(0, lines.count - inner.height))
        TextBlock(lines: lines, first: first).draw(into: &canvas, area: inner)
        if lines.count > inner.height {
            // On the bottom edge of the box, which the text never reaches.
            let more = first + inner.height < lines.count ? " ↓ " : " ↑ "
            canvas.put(more, x: inner.maxX - 2, y: inner.maxY, style: Style(.focus, bold: true), limit: box.maxX)
        }
    }

    /// The help text at `textWidth` columns, a style for each line.
    func lines(width textWidth: Int) -> [(String, Style)] {
        let language = strings.language
        var lines: [(String, Style)] = []
        let instructions = Sanitizer.clean(rubric.instructions.text(in: language)).trimmingCharacters(in: .whitespacesAndNewlines)
        if !instructions.isEmpty {
            lines += TextLayout.wrap(instructions, width: textWidth).map { ($0, Style()) }
            lines.append(("", Style()))
        }
        lines += TextLayout.wrap(strings.helpIntro, width: textWidth).map { ($0, Style(bold: true)) }
        let keyWidth = min(24, textWidth / 3)
        for group in KeyMap.groups {
            lines.append(("", Style()))
            lines.append((group.title.text(in: language), Style(.title, bold: true)))
            for binding in group.bindings {
                var label = binding.label
                if binding.action == .score { label = KeyMap.scoreKeysLabel(rubric, scale: rubric.scale) }
                let wrapped = TextLayout.wrap(binding.help.text(in: language), width: max(1, textWidth - keyWidth - 1))
                for (index, line) in wrapped.enumerated() {
                    let keys = index == 0 ? TextLayout.pad(label, width: keyWidth) : String(repeating: " ", count: keyWidth)
                    lines.append((keys + " " + line, Style()))
                }
            }
        }
        return lines
    }
}
