import AgonCore

/// Word wrapping by display width: every line it returns is at most `width` columns wide, whatever
/// the script. Words longer than a line (URLs, code, unbroken CJK) are cut where the line is full.
/// Text is expected to have gone through `Sanitizer` (no tabs or control characters).
public enum TextLayout {
    public static func wrap(_ text: String, width: Int) -> [String] {
        let width = max(1, width)
        var lines: [String] = []
        for paragraph in text.split(separator: "\n", omittingEmptySubsequences: false) {
            wrapParagraph(paragraph, width: width, into: &lines)
        }
        return lines
    }

    /// Scans scalars, not grapheme clusters (several times faster on long answers), and slices
    /// lines out of the paragraph instead of rebuilding them. Breaks fall only at spaces, or at
    /// character boundaries inside a word too long for a line. Sanitised text has no emoji
    /// sequences, so the scalar widths add up to the cluster widths.
    private static func wrapParagraph(_ paragraph: Substring, width: Int, into lines: inout [String]) {
        let scalars = paragraph.unicodeScalars
        func slice(_ from: String.Index, _ to: String.Index) -> String { String(Substring(scalars[from..<to])) }
        var lineStart: String.Index?
        var lineEnd = scalars.startIndex
        var lineWidth = 0
        var index = scalars.startIndex
        var firstWord = true
        while index < scalars.endIndex {
            let spaceStart = index
            var spaces = 0
            while index < scalars.endIndex, scalars[index] == " " {
                spaces += 1
                index = scalars.index(after: index)
            }
            if index == scalars.endIndex { break }
            let wordStart = index
            var wordWidth = 0
            while index < scalars.endIndex, scalars[index] != " " {
                let value = scalars[index].value
                wordWidth += value < 0x7F ? 1 : DisplayWidth.of(scalar: scalars[index])
                index = scalars.index(after: index)
            }
            let wordEnd = index
            // The paragraph's indentation is kept, as long as the first word still fits after it.
            let indented = firstWord && spaces > 0 && spaces + wordWidth <= width
            firstWord = false

            if wordWidth > width {
                // Too long for any line (a URL, code): start afresh and cut where each line is full.
                if let start = lineStart { lines.append(slice(start, lineEnd)) }
                var pieceStart = wordStart
                var pieceWidth = 0
                let word = paragraph[wordStart..<wordEnd]
                var position = word.startIndex
                while position < word.endIndex {
                    let next = word.index(after: position)
                    let characterWidth = DisplayWidth.of(word[position])
                    if pieceWidth + characterWidth > width, pieceWidth > 0 {
                        lines.append(slice(pieceStart, position))
                        pieceStart = position
                        pieceWidth = 0
                    }
                    pieceWidth += characterWidth
                    position = next
                }
                lineStart = pieceStart
                lineEnd = wordEnd
                lineWidth = pieceWidth
            } else if lineStart == nil {
                lineStart = indented ? spaceStart : wordStart
                lineEnd = wordEnd
                lineWidth = (indented ? spaces : 0) + wordWidth
            } else if lineWidth + spaces + wordWidth <= width {
                lineEnd = wordEnd
                lineWidth += spaces + wordWidth
            } else {
                lines.append(slice(lineStart!, lineEnd))
                lineStart = wordStart
                lineEnd = wordEnd
                lineWidth = wordWidth
            }
        }
        lines.append(lineStart.map { slice($0, lineEnd) } ?? "")
    }

    /// Cuts `text` to at most `width` columns, ending in `…` when something was cut.
    public static func truncate(_ text: String, width: Int) -> String {
        guard width > 0 else { return "" }
        if DisplayWidth.of(text) <= width { return text }
        var result = ""
        var used = 0
        for character in text {
            let characterWidth = DisplayWidth.of(character)
            if used + characterWidth > width - 1 { break }
            result.append(character)
            used += characterWidth
        }
        return result + "…"
    }

    /// `text` followed by spaces up to `width` columns (cut with `…` if longer).
    public static func pad(_ text: String, width: Int) -> String {
        let cut = truncate(text, width: width)
        return cut + String(repeating: " ", count: max(0, width - DisplayWidth.of(cut)))
    }
}

/// Wrapped text remembered per (text, width): wrapping a 10,000-word answer takes milliseconds, so
/// it is done once when an item opens or the window changes size, never per key.
public final class WrapCache {
    // Keyed by a short name for the text, not the text itself: hashing a long answer on every
    // frame would cost more than the frame.
    private struct Key: Hashable {
        var name: String
        var width: Int
    }
    private var entries: [Key: [String]] = [:]
    /// The texts themselves, so that a new width does not clean a long answer again.
    private var sources: [String: String] = [:]

    public init() {}

    /// `name` must identify `text` (e.g. "task:t3" or "answer:12:A"); `text` is only evaluated
    /// (and cleaned, if the caller cleans it there) when the lines are not cached yet.
    /// `markdown`: set the text's Markdown as typography (`MarkdownText`); a name is always
    /// asked for the same way.
    public func lines(_ name: String, _ text: @autoclosure () -> String, width: Int, markdown: Bool = false) -> [String] {
        let key = Key(name: name, width: width)
        if let cached = entries[key] { return cached }
        // Only the current item's texts at the current width matter; drop the rest now and then.
        if entries.count > 64 {
            entries.removeAll(keepingCapacity: true)
            sources.removeAll(keepingCapacity: true)
        }
        let source = sources[name] ?? (markdown ? MarkdownText.render(text()) : text())
        sources[name] = source
        let lines = markdown ? MarkdownText.wrap(source, width: width) : TextLayout.wrap(source, width: width)
        entries[key] = lines
        return lines
    }
}
