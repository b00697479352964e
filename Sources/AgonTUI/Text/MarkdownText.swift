/// Markdown in an answer set as plain typography, for studies that judge the writing rather than
/// its formatting: a heading loses its `#` marks and is shown bold, `*emphasis*`, `**strong**`,
/// `_emphasis_` and `__strong__` lose their marks, list bullets (`-`, `*`, `+`) become `•`, and a
/// rule (`---`, `***`) becomes a short line. Code blocks between ``` fences are left as they are.
///
/// It runs on text the `Sanitizer` has already cleaned and only removes characters or adds `•`,
/// `─` and `boldMark`, so an answer stays inert: it cannot style, move or colour anything but its
/// own headings.
public enum MarkdownText {
    /// Opens a paragraph (and, after wrapping, each of its lines) that is shown bold. A control
    /// character, which cleaned text never holds (the sanitiser shows them as symbols).
    public static let boldMark: Character = "\u{01}"

    /// The text with its Markdown marks turned into typography, heading paragraphs opened by `boldMark`.
    public static func render(_ text: String) -> String {
        var out: [String] = []
        var inCode = false
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let trimmed = line.drop { $0 == " " }
            if trimmed.hasPrefix("```") || trimmed.hasPrefix("~~~") {
                inCode.toggle()
                out.append(String(line))
                continue
            }
            if inCode {
                out.append(String(line))
            } else {
                out.append(renderLine(line))
            }
        }
        return out.joined(separator: "\n")
    }

    /// Wrapped lines of rendered text: each paragraph on its own, a heading's lines each opened by `boldMark`.
    public static func wrap(_ rendered: String, width: Int) -> [String] {
        var lines: [String] = []
        for paragraph in rendered.split(separator: "\n", omittingEmptySubsequences: false) {
            if paragraph.first == boldMark {
                lines += TextLayout.wrap(String(paragraph.dropFirst()), width: width).map { String(boldMark) + $0 }
            } else {
                lines += TextLayout.wrap(String(paragraph), width: width)
            }
        }
        return lines
    }

    private static func renderLine(_ line: Substring) -> String {
        let indent = line.prefix { $0 == " " }
        let body = line.dropFirst(indent.count)
        // A heading: 1–6 `#`, a space, the text (closing `#`s dropped).
        let hashes = body.prefix { $0 == "#" }
        if (1...6).contains(hashes.count), body.dropFirst(hashes.count).first == " " {
            var title = body.dropFirst(hashes.count).drop { $0 == " " }
            while title.last == "#" || title.last == " " { title = title.dropLast() }
            return String(boldMark) + inline(String(title))
        }
        // A rule: three or more of the same `-`, `*` or `_`, spaces between allowed.
        let marks = body.filter { $0 != " " }
        if marks.count >= 3, let first = marks.first, "-*_".contains(first), marks.allSatisfy({ $0 == first }) {
            return String(indent) + String(repeating: "─", count: 12)
        }
        // A bullet.
        if let first = body.first, "-*+".contains(first), body.dropFirst().first == " " {
            return String(indent) + "• " + inline(String(body.dropFirst(2)))
        }
        return String(indent) + inline(String(body))
    }

    /// Emphasis marks removed where they pair up around text: `**a**`, `__a__`, `*a*`, `_a_`. A
    /// lone `*` (3 * 4) or an underscore inside a word (snake_case) stays.
    static func inline(_ text: String) -> String {
        var characters = Array(text)
        for mark in ["**", "__", "*", "_"] {
            characters = removePairs(of: Array(mark), in: characters)
        }
        return String(characters)
    }

    private static func removePairs(of mark: [Character], in text: [Character]) -> [Character] {
        let underscore = mark.first == "_"
        func matches(_ index: Int) -> Bool {
            index >= 0 && index + mark.count <= text.count && Array(text[index..<index + mark.count]) == mark
        }
        func isWordCharacter(_ index: Int) -> Bool { text.indices.contains(index) && (text[index].isLetter || text[index].isNumber) }
        var result: [Character] = []
        var index = 0
        while index < text.count {
            // An opening mark: followed by a non-space, not part of a longer run of the same
            // character, and (for `_`) not inside a word.
            if matches(index), index + mark.count < text.count, text[index + mark.count] != " ", text[index + mark.count] != mark[0],
               index == 0 || text[index - 1] != mark[0], !(underscore && isWordCharacter(index - 1)) {
                var close = index + mark.count + 1
                var found: Int?
                while close + mark.count <= text.count {
                    if matches(close), text[close - 1] != " ", !(close + mark.count < text.count && text[close + mark.count] == mark[0]),
                       !(underscore && isWordCharacter(close + mark.count)) {
                        found = close
                        break
                    }
                    close += 1
                }
                if let found {
                    result += text[(index + mark.count)..<found]
                    index = found + mark.count
                    continue
                }
            }
            result.append(text[index])
            index += 1
        }
        return result
    }
}
