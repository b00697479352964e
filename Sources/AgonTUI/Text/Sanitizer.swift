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
        // Scalar by scalar (grapheme breaking would cost several times more on long answers);
        // `emoji` says the last scalar kept began an emoji, so what joins, varies or tints it goes.
        var output = String.UnicodeScalarView()
        var column = 0
        var previousWasCR = false
        var emoji = false
        var regionalIndicator = false
        var dropNext = false
        for scalar in text.unicodeScalars {
            let value = scalar.value
            if dropNext {
                dropNext = false
                if value >= 0x20, value != 0x7F {
                    // The emoji after a zero-width joiner is part of the sequence; it may join on.
                    continue
                }
            }
            if emoji {
                if value == 0x200D {
                    dropNext = true
                    continue
                }
                if value == 0xFE0F || (0x1F3FB...0x1F3FF).contains(value) || (0xE0020...0xE007F).contains(value) { continue }
                if regionalIndicator, (0x1F1E6...0x1F1FF).contains(value) {
                    regionalIndicator = false
                    continue
                }
            }
            emoji = false
            regionalIndicator = false
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
                column += value < 0x7F ? 1 : DisplayWidth.of(scalar: scalar)
                if value > 0xFF, scalar.properties.isEmoji {
                    emoji = true
                    regionalIndicator = (0x1F1E6...0x1F1FF).contains(value)
                }
            }
        }
        return String(output)
    }
}
