import AgonCore
import Testing
@testable import AgonTUI

struct TextLayoutTests {
    @Test func wrapsAtWordBoundaries() {
        #expect(TextLayout.wrap("the quick brown fox jumps", width: 10) == ["the quick", "brown fox", "jumps"])
    }

    @Test func keepsEmptyLinesAndIndentation() {
        #expect(TextLayout.wrap("a\n\n  b c", width: 10) == ["a", "", "  b c"])
    }

    @Test func blankParagraphsAndCombiningMarks() {
        #expect(TextLayout.wrap("   ", width: 10) == [""])
        #expect(TextLayout.wrap("", width: 10) == [""])
        // "é" as e + combining accent is one column.
        #expect(TextLayout.wrap("cafe\u{301} cafe\u{301}", width: 9) == ["cafe\u{301} cafe\u{301}"])
        #expect(TextLayout.wrap("ab時計cd", width: 3) == ["ab", "時", "計c", "d"])
    }

    @Test func cutsWordsLongerThanALine() {
        let lines = TextLayout.wrap("see https://example.org/" + String(repeating: "a", count: 30), width: 12)
        // A word too long for any line starts on a fresh line and is cut where each line is full.
        #expect(lines == ["see", "https://exam", "ple.org/aaaa", "aaaaaaaaaaaa", "aaaaaaaaaaaa", "aa"])
    }

    @Test(arguments: [2, 3, 7, 20, 41])
    func everyLineFitsWhateverTheScript(width: Int) {
        let text = Sanitizer.clean("Стрелки идут назад, 時計は逆に回る 🙂 and a well-known English sentence with déjà vu, 한국어 텍스트도.")
        let lines = TextLayout.wrap(text, width: width)
        for line in lines { #expect(DisplayWidth.of(line) <= width, "\(line) is wider than \(width)") }
        // Nothing but spaces at the breaks is lost.
        #expect(lines.joined().filter { $0 != " " } == text.filter { $0 != " " })
    }

    @Test func truncateAndPadCountColumns() {
        #expect(TextLayout.truncate("Оригинальность", width: 6) == "Ориги…")
        #expect(TextLayout.truncate("時計時計", width: 5) == "時計…")
        #expect(DisplayWidth.of(TextLayout.pad("時計", width: 7)) == 7)
    }

    @Test func cacheReturnsTheSameLines() {
        let cache = WrapCache()
        let first = cache.lines("x", "one two three", width: 5)
        #expect(first == ["one", "two", "three"])
        #expect(cache.lines("x", "one two three", width: 5) == first)
        #expect(cache.lines("x", "one two three", width: 9) == ["one two", "three"])
    }
}

struct CanvasTests {
    @Test func wideCharactersTakeTwoCellsAndNeverStraddleTheEdge() {
        var canvas = Canvas(width: 5, height: 1)
        canvas.put("ab時計", x: 0, y: 0)
        #expect(canvas.line(0) == "ab時 ")
        #expect(canvas[3, 0].isContinuation)
        #expect(DisplayWidth.of(canvas.line(0)) == 5)
    }

    @Test func overwritingHalfAWideCharacterBlanksTheOtherHalf() {
        var canvas = Canvas(width: 4, height: 1)
        canvas.put("時計", x: 0, y: 0)
        canvas.put("x", x: 1, y: 0)
        #expect(canvas.line(0) == " x計")
        #expect(DisplayWidth.of(canvas.line(0)) == 4)
    }

    @Test func writingOutsideTheGridIsIgnored() {
        var canvas = Canvas(width: 3, height: 2)
        canvas.put("hello", x: -2, y: 5)
        canvas.put("hello", x: 7, y: 0)
        canvas.put("hello", x: 1, y: 1, limit: 99)
        #expect(canvas.lines == ["   ", " he"])
    }
}

extension CanvasTests {
    @Test func fillingOverHalfAWideCharacterBlanksTheOtherHalf() {
        var canvas = Canvas(width: 4, height: 1)
        canvas.put("a時", x: 0, y: 0)
        canvas.fill(Rect(x: 2, y: 0, width: 2, height: 1), style: .plain)
        #expect(canvas.line(0) == "a   ")
    }
}
