import AgonCore

/// Makes model-written text safe to put on a terminal and predictable to lay out.
///
/// An answer must never move the cursor, change colours, retitle the window or reorder the text
/// around it, so every control character becomes a visible symbol instead of being executed:
/// C0 controls become their Control Pictures (ESC shows as `␛`, so `ESC[31m` reads `␛[31m`),
/// C1 controls become `␛` plus their 7-bit form, DEL becomes `␡`, and bidirectional overrides and
/// isolates become `�`. Line ends (CRLF, CR, U+2028/2029) become `\n`; tabs become spaces up to the
/// next multiple of `tabWidth`. Emoji sequences are reduced to their first emoji, because terminals
/// disagree about how wide a joined sequence is and a wrong guess shifts the rest of the row.
public enum Sanitizer {
    public static let tabWidth = 4

    public static func clean(_ text: String) -> String {
        // Fast path: plain printable ASCII with ordinary newlines needs nothing.
        if text.utf8.allSatisfy({ ($0 >= 0x20 && $0 < 0x7F) || $0 == 0x0A }) { return text }
        var output = String.UnicodeScalarView()
        output.reserveCapacity(text.unicodeScalars.count)
        var column = 0
        var previousWasCR = false
        for character in text {
            let scalars = character.unicodeScalars
            // "\r\n" is one Character in Swift.
            if scalars.count == 2, scalars.first == "\r", scalars.last == "\n" {
                output.append("\n")
                column = 0
                previousWasCR = false
                continue
            }
            if scalars.count > 1, let first = scalars.first, isEmojiSequence(character) {
                output.append(first)
                column += DisplayWidth.of(scalar: first)
                previousWasCR = false
                continue
            }
            for scalar in scalars {
                let value = scalar.value
                if value == 0x0A {
                    if !previousWasCR { output.append("\n") }
                    column = 0
                    previousWasCR = false
                    continue
                }
                previousWasCR = false
                switch value {
                case 0x0D, 0x2028, 0x2029:
                    output.append("\n")
                    column = 0
                    previousWasCR = value == 0x0D
                case 0x09:
                    let spaces = tabWidth - column % tabWidth
                    for _ in 0..<spaces { output.append(" ") }
                    column += spaces
                case 0x00..<0x20:
                    output.append(Unicode.Scalar(0x2400 + value)!)
                    column += 1
                case 0x7F:
                    output.append("\u{2421}")
                    column += 1
                case 0x80..<0xA0:
                    output.append("\u{241B}")
                    output.append(Unicode.Scalar(value - 0x40)!)
                    column += 2
                case 0x202A...0x202E, 0x2066...0x2069, 0x200E, 0x200F, 0x061C:
                    output.append("\u{FFFD}")
                    column += 1
                default:
                    output.append(scalar)
                    column += DisplayWidth.of(scalar: scalar)
                }
            }
        }
        return String(output)
    }

    /// A grapheme whose extra scalars only join, vary or tint an emoji.
    static func isEmojiSequence(_ character: Character) -> Bool {
        let scalars = character.unicodeScalars
        guard let first = scalars.first, first.properties.isEmoji, first.value > 0xFF else { return false }
        return scalars.dropFirst().contains { scalar in
            scalar.value == 0x200D || scalar.value == 0xFE0F || scalar.value == 0x20E3
                || (0x1F3FB...0x1F3FF).contains(scalar.value) || (0xE0020...0xE007F).contains(scalar.value)
                || (0x1F1E6...0x1F1FF).contains(scalar.value)
        }
    }
}
