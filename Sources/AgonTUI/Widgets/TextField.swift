import AgonCore

/// Text being typed, cut into rows by display width, showing the rows around the cursor; with a
/// cursor the terminal's own cursor is placed on it. Line breaks show as spaces.
struct TextField: Widget {
    var text: String
    /// Where the cursor stands, in characters; nil for text shown but not being edited.
    var cursor: Int?

    func draw(into canvas: inout Canvas, area: Rect) {
        var chunks: [[Character]] = [[]]
        var chunkWidth = 0
        var cursorRow = 0
        var cursorColumn = 0
        let characters = Array(Sanitizer.clean(text).replacingOccurrences(of: "\n", with: " "))
        for (index, character) in characters.enumerated() {
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
