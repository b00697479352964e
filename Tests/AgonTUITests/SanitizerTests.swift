import AgonCore
import Testing
@testable import AgonTUI

struct SanitizerTests {
    @Test func plainTextIsUnchanged() {
        #expect(Sanitizer.clean("Sisyphus, happy.\nЕщё строка.") == "Sisyphus, happy.\nЕщё строка.")
    }

    @Test func escapeSequencesAreShownNotExecuted() {
        let cleaned = Sanitizer.clean("a\u{1B}[31mred\u{1B}[0m \u{1B}]0;owned\u{07}b")
        #expect(cleaned == "a␛[31mred␛[0m ␛]0;owned␇b")
        #expect(!cleaned.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" })
    }

    @Test func c1ControlsAndDeleteAreVisible() {
        #expect(Sanitizer.clean("x\u{9B}2Jy\u{7F}") == "x␛[2Jy␡")
    }

    @Test func bidiOverridesAreNeutralised() {
        let cleaned = Sanitizer.clean("abc\u{202E}fed\u{202C} \u{2066}x\u{2069}")
        #expect(cleaned == "abc\u{FFFD}fed\u{FFFD} \u{FFFD}x\u{FFFD}")
    }

    @Test func lineEndsBecomeNewlines() {
        #expect(Sanitizer.clean("a\r\nb\rc\u{2028}d") == "a\nb\nc\nd")
    }

    @Test func tabsExpandToTheNextStop() {
        #expect(Sanitizer.clean("a\tb") == "a   b")
        #expect(Sanitizer.clean("abcd\tb") == "abcd    b")
        #expect(Sanitizer.clean("x\n\ty") == "x\n    y")
    }

    @Test func emojiSequencesAreReducedToTheirFirstEmoji() {
        #expect(Sanitizer.clean("👩‍👩‍👧!") == "👩!")
        #expect(Sanitizer.clean("❤️") == "❤")
        #expect(Sanitizer.clean("👍🏽") == "👍")
        // Cyrillic with a combining accent stays as it is.
        #expect(Sanitizer.clean("приве́т") == "приве́т")
    }
}
