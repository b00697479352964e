import AgonCore

/// The rater's note under the rubric: its label, then the note, a hint when it is empty, or the
/// field being typed in.
struct NoteLine: Widget {
    var strings: Strings
    var note: EditableText
    /// Whether the note is being edited (then the cursor shows).
    var editing: Bool

    func draw(into canvas: inout Canvas, area: Rect) {
        guard area.height > 0 else { return }
        let label = " " + (editing ? strings.noteEditing : strings.note) + ": "
        let textX = canvas.put(label, x: area.x, y: area.y, style: editing ? Style(.focus, bold: true, reverse: true) : Style(.title, bold: true),
                               limit: area.maxX)
        canvas.put(" ", x: textX, y: area.y, limit: area.maxX)
        let fieldX = textX + 1
        if !editing, note.isEmpty {
            canvas.put(strings.noteHintEmpty, x: fieldX, y: area.y, style: Style(.muted), limit: area.maxX)
            return
        }
        if editing {
            TextField(text: note, showsCursor: true)
                .draw(into: &canvas, area: Rect(x: fieldX, y: area.y, width: max(1, area.maxX - fieldX - 1), height: area.height))
            return
        }
        // At rest: the note's first lines, each ending in … when it goes on, and its size.
        let size = " " + strings.characters(note.count) + " "
        let sizeX = area.maxX - DisplayWidth.of(size)
        canvas.put(size, x: sizeX, y: area.y, style: Style(.muted), limit: area.maxX)
        let room = max(1, sizeX - fieldX - 1)
        let paragraphs = note.characters.prefix(4 * room * area.height).split(separator: "\n", omittingEmptySubsequences: false)
        for row in 0..<area.height where row < paragraphs.count {
            var line = String(paragraphs[row])
            let more = row == area.height - 1 && (paragraphs.count > area.height || note.count > 4 * room * area.height)
            if more || DisplayWidth.of(line) > room { line = TextLayout.truncate(line + (more ? " …" : ""), width: room) }
            canvas.put(line, x: fieldX, y: area.y + row, limit: sizeX)
        }
    }
}
