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

    private static func wrapParagraph(_ paragraph: Substring, width: Int, into lines: inout [String]) {
        if paragraph.isEmpty {
            lines.append("")
            return
        }
        var line = ""
        var lineWidth = 0
        var lineHasWord = false
        var spaces = 0
        var word = ""
        var wordWidth = 0

        func flushWord() {
            guard !word.isEmpty else { return }
            if !lineHasWord {
                // The paragraph's indentation is kept, as long as some of the word still fits.
                let indent = min(spaces, max(0, width - 1))
                if lineWidth == 0, indent > 0, indent + wordWidth <= width {
                    line = String(repeating: " ", count: indent)
                    lineWidth = indent
                }
            } else if lineWidth + spaces + wordWidth <= width {
                line += String(repeating: " ", count: spaces)
                lineWidth += spaces
            } else {
                lines.append(line)
                line = ""
                lineWidth = 0
            }
            spaces = 0
            if lineWidth + wordWidth <= width {
                line += word
                lineWidth += wordWidth
            } else {
                // Too long for any line: fill the line, then carry on in full-width pieces.
                for character in word {
                    let characterWidth = DisplayWidth.of(character)
                    if lineWidth + characterWidth > width, lineWidth > 0 {
                        lines.append(line)
                        line = ""
                        lineWidth = 0
                    }
                    line.append(character)
                    lineWidth += characterWidth
                }
            }
            lineHasWord = true
            word = ""
            wordWidth = 0
        }

        for character in paragraph {
            if character == " " {
                flushWord()
                spaces += 1
            } else {
                word.append(character)
                wordWidth += DisplayWidth.of(character)
            }
        }
        flushWord()
        lines.append(line)
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

    public init() {}

    /// `name` must identify `text` (e.g. "task:t3" or "answer:12:A"); `text` is only evaluated
    /// (and cleaned, if the caller cleans it there) when the lines are not cached yet.
    public func lines(_ name: String, _ text: @autoclosure () -> String, width: Int) -> [String] {
        let key = Key(name: name, width: width)
        if let cached = entries[key] { return cached }
        // Only the current item's texts at the current width matter; drop the rest now and then.
        if entries.count > 64 { entries.removeAll(keepingCapacity: true) }
        let lines = TextLayout.wrap(text(), width: width)
        entries[key] = lines
        return lines
    }
}
