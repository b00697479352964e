import Foundation

/// Makes the spoiled copy a control item shows: the answer's paragraphs in another order, the
/// answer cut to its first third, or the researcher's own text. Pure and deterministic: the same
/// text and variant always give the same copy, on every machine, so a resumed session and the
/// report see what the rater saw.
public enum ControlDegradation {
    public enum Kind: String, CaseIterable, Equatable, Sendable, Codable, Hashable {
        /// Paragraphs (or, in a one-paragraph answer, sentences) in a shuffled order.
        case shuffle
        /// The first third of the words.
        case cut
        /// The researcher-provided control text for the task (`[[controls.texts]]`).
        case text
    }

    public static func degrade(_ text: String, control: ControlItem, researcherText: String? = nil) -> String {
        switch control.kind {
        case .text:
            return researcherText ?? cut(text)
        case .cut:
            return cut(text)
        case .shuffle:
            var random = SeededRandom(seed: control.variant, mixing: ["agon-control-shuffle-v1"])
            let paragraphs = text.components(separatedBy: "\n\n").filter { !$0.isBlank }
            if paragraphs.count >= 2 {
                return shuffled(paragraphs, random: &random).joined(separator: "\n\n")
            }
            let sentences = self.sentences(text)
            if sentences.count >= 2 {
                return shuffled(sentences, random: &random).joined(separator: " ")
            }
            return cut(text)
        }
    }

    /// The first third of the words (at least one), so the copy stops mid-thought.
    static func cut(_ text: String) -> String {
        let words = text.split(whereSeparator: \.isWhitespace)
        guard words.count > 1 else { return String(text.prefix(max(1, text.count / 3))) }
        return words.prefix(max(1, (words.count + 2) / 3)).joined(separator: " ")
    }

    /// A shuffle that never hands back the original order (a rotation when the draw did).
    private static func shuffled(_ parts: [String], random: inout SeededRandom) -> [String] {
        var order = parts
        random.shuffle(&order)
        if order == parts { order = Array(parts.dropFirst()) + [parts[0]] }
        return order
    }

    private static func sentences(_ text: String) -> [String] {
        var sentences: [String] = []
        var current = ""
        for character in text {
            current.append(character)
            if ".!?".contains(character) {
                let trimmed = current.trimmingCharacters(in: .whitespacesAndNewlines)
                if !trimmed.isEmpty { sentences.append(trimmed) }
                current = ""
            }
        }
        let rest = current.trimmingCharacters(in: .whitespacesAndNewlines)
        if !rest.isEmpty { sentences.append(rest) }
        return sentences
    }
}
