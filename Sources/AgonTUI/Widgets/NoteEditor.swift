import AgonCore

/// The note being written: a title row (what ends it, and its size), then the note word-wrapped
/// over the rows below, line breaks kept, scrolled to keep the cursor in view; the terminal's
/// cursor is placed on it. The layout comes from the screen's cache, so a long note is not laid
/// out again at every frame.
struct NoteEditor: Widget {
    var strings: Strings
    var note: EditableText
    var layout: NoteLayout

    func draw(into canvas: inout Canvas, area: Rect) {
        guard area.height > 0 else { return }
        let (titleRow, textArea) = area.height > 1 ? area.splitTop(1) : (area, area)
        let size = " " + strings.characters(note.count) + " "
        let title = " " + strings.noteEditing + ": "
        canvas.put(TextLayout.truncate(title, width: max(0, area.width - DisplayWidth.of(size) - 1)), x: titleRow.x, y: titleRow.y,
                   style: Style(.focus, bold: true, reverse: true), limit: titleRow.maxX)
        canvas.put(size, x: titleRow.maxX - DisplayWidth.of(size), y: titleRow.y, style: Style(.muted), limit: titleRow.maxX)
        guard area.height > 1 else { return }

        let characters = note.characters
        let cursor = layout.position(of: note.cursor, in: characters)
        let first = max(0, cursor.row - textArea.height + 1)
        let textX = textArea.x + 1
        for row in 0..<textArea.height where first + row < layout.rows.count {
            let range = layout.rows[first + row]
            canvas.put(String(characters[range]), x: textX, y: textArea.y + row, limit: textArea.maxX - 1)
        }
        let cursorX = textX + cursor.column
        let cursorY = textArea.y + cursor.row - first
        canvas.restyle(Rect(x: cursorX, y: cursorY, width: 1, height: 1)) { $0 = Style(.focus, reverse: true) }
        canvas.cursor = (cursorX, cursorY)
    }
}
