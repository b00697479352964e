import AgonCore

/// Text being typed, cut into rows by display width, showing the rows around the cursor; with the
/// cursor shown the terminal's own cursor is placed on it. The text is clean already
/// (`EditableText` cleans what it takes in); a line break shows as a space.
struct TextField: Widget {
    var text: EditableText
    /// Whether the cursor shows (text being edited) or not (text only shown).
    var showsCursor: Bool

    func draw(into canvas: inout Canvas, area: Rect) {
        var chunks: [[Character]] = [[]]
        var chunkWidth = 0
        var cursorRow = 0
        var cursorColumn = 0
        let cursor = showsCursor ? text.cursor : nil
        let characters = text.characters
        // Rows past the cursor's, beyond the field's height, are never shown: a long note is not
        // laid out to its end at every key.
        for (index, stored) in characters.enumerated() {
            if index > cursor ?? 0, chunks.count > max(cursorRow + 1, area.height) { break }
            let character: Character = stored == "\n" ? " " : stored
            let characterWidth = DisplayWidth.of(character)
            // The last column stays free for the cursor after the text.
            if chunkWidth + characterWidth > area.width - 1 {
                chunks.append([])
                chunkWidth = 0
            }
            if index == cursor {
                cursorRow = chunks.count - 1
                cursorColumn = chunkWidth
            }
            chunks[chunks.count - 1].append(character)
            chunkWidth += characterWidth
        }
        if let cursor, cursor >= characters.count {
            cursorRow = chunks.count - 1
            cursorColumn = chunkWidth
        }
        let first = cursor == nil ? 0 : max(0, cursorRow - area.height + 1)
        for row in 0..<area.height where first + row < chunks.count {
            canvas.put(String(chunks[first + row]), x: area.x, y: area.y + row, limit: area.maxX)
        }
        if cursor != nil {
            let cursorX = area.x + cursorColumn
            let cursorY = area.y + cursorRow - first
            canvas.restyle(Rect(x: cursorX, y: cursorY, width: 1, height: 1)) { $0 = Style(.focus, reverse: true) }
            canvas.cursor = (cursorX, cursorY)
        }
    }
}
