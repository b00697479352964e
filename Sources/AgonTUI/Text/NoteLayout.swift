import AgonCore

/// A note cut into rows for the multi-line editor: word wrap at word boundaries (a word longer
/// than a row is cut where the row is full), a line break starts a new row. Rows are ranges of
/// indices into the note's characters; a row's range leaves out the line break that ends it.
public struct NoteLayout: Equatable, Sendable {
    public var rows: [Range<Int>]
    public var width: Int

    public init(_ characters: [Character], width: Int) {
        self.width = max(1, width)
        rows = []
        layOut(characters, from: 0)
    }

    /// Lays out again from the row before the one holding `changed` (an edit there can pull a
    /// word back onto it), keeping the rows above: typing at the end of a long note costs a row,
    /// not the note.
    mutating func relayOut(_ characters: [Character], changedAt changed: Int) {
        guard let row = rows.lastIndex(where: { $0.lowerBound <= changed }) else {
            rows = []
            layOut(characters, from: 0)
            return
        }
        let keep = max(0, row - 1)
        let start = rows[keep].lowerBound
        rows.removeSubrange(keep...)
        layOut(characters, from: start)
    }

    private mutating func layOut(_ characters: [Character], from start: Int) {
        var rowStart = start
        var used = 0
        var lastBreak: Int?  // index after the last space on this row
        var index = start
        // The last column stays free for the cursor after the text.
        let room = max(1, width - 1)
        while index < characters.count {
            let character = characters[index]
            if character == "\n" {
                rows.append(rowStart..<index)
                index += 1
                rowStart = index
                used = 0
                lastBreak = nil
                continue
            }
            let characterWidth = DisplayWidth.of(character)
            if used + characterWidth > room, index > rowStart {
                if character == " " {
                    // The space that overflows ends the row, in the column kept free.
                    rows.append(rowStart..<(index + 1))
                    index += 1
                    rowStart = index
                    used = 0
                    lastBreak = nil
                    continue
                }
                let end = lastBreak ?? index
                rows.append(rowStart..<end)
                rowStart = end
                used = characters[end..<index].reduce(0) { $0 + DisplayWidth.of($1) }
                lastBreak = nil
                continue
            }
            used += characterWidth
            index += 1
            if character == " " { lastBreak = index }
        }
        rows.append(rowStart..<characters.count)
    }

    /// The row and column (display columns) of cursor position `cursor`. At a soft break the
    /// cursor stands at the start of the next row.
    public func position(of cursor: Int, in characters: [Character]) -> (row: Int, column: Int) {
        var row = rows.count - 1
        for (index, range) in rows.enumerated() where cursor < range.upperBound || (cursor == range.upperBound && (index + 1 == rows.count || rows[index + 1].lowerBound > cursor)) {
            row = index
            break
        }
        let start = rows[row].lowerBound
        let column = characters[start..<max(start, min(cursor, rows[row].upperBound))].reduce(0) { $0 + DisplayWidth.of($1) }
        return (row, column)
    }

    /// The cursor position on `row` nearest to display column `column`.
    public func index(row: Int, column: Int, in characters: [Character]) -> Int {
        let range = rows[max(0, min(rows.count - 1, row))]
        var used = 0
        var index = range.lowerBound
        while index < range.upperBound {
            let characterWidth = DisplayWidth.of(characters[index])
            if used + characterWidth > column { break }
            used += characterWidth
            index += 1
        }
        return index
    }
}

/// The last layout of the note, kept between frames and keys: the editor lays out only what
/// changed since (comparing the characters finds where, far faster than laying them out).
public final class NoteLayoutCache {
    private var characters: [Character] = []
    private var layout: NoteLayout?

    public init() {}

    public func layout(_ text: EditableText, width: Int) -> NoteLayout {
        let new = text.characters
        if var layout, layout.width == max(1, width) {
            if new == characters { return layout }
            var common = 0
            let shorter = min(characters.count, new.count)
            while common < shorter, characters[common] == new[common] { common += 1 }
            layout.relayOut(new, changedAt: common)
            self.layout = layout
            characters = new
            return layout
        }
        let fresh = NoteLayout(new, width: width)
        layout = fresh
        characters = new
        return fresh
    }
}
