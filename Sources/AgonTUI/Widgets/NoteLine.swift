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
        TextField(text: note, showsCursor: editing)
            .draw(into: &canvas, area: Rect(x: fieldX, y: area.y, width: max(1, area.maxX - fieldX - 1), height: area.height))
    }
}
