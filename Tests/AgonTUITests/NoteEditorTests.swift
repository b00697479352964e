import AgonCore
import Foundation
import Testing
@testable import AgonTUI

/// The multi-line note: word wrap at word boundaries, line breaks, cursor by row and word,
/// quoting the focused answer, the size, and a layout that is reused between keys.
struct NoteEditorTests {
    @Test func wrapsAtWordBoundaries() {
        let text = Array("интонационно точный ответ, но слабый финал")
        let layout = NoteLayout(text, width: 16)
        let rows = layout.rows.map { String(text[$0]) }
        #expect(rows == ["интонационно ", "точный ответ, ", "но слабый финал"], "\(rows)")
        #expect(rows.allSatisfy { DisplayWidth.of($0) <= 15 })
        // A word longer than a row is cut where the row is full.
        let long = Array(String(repeating: "x", count: 20))
        #expect(NoteLayout(long, width: 11).rows.map(\.count) == [10, 10])
    }

    @Test func lineBreaksStartRows() {
        let text = Array("one\n\ntwo")
        #expect(NoteLayout(text, width: 40).rows.map { String(text[$0]) } == ["one", "", "two"])
    }

    @Test func laidOutAgainFromTheEditTheSameAsFromScratch() {
        let cache = NoteLayoutCache()
        var note = EditableText("The first sentence runs on for a while. ")
        _ = cache.layout(note, width: 20)
        for word in ["and ", "then ", "a ", "second ", "one ", "follows."] {
            note.insert(word)
            #expect(cache.layout(note, width: 20) == NoteLayout(note.characters, width: 20))
        }
        note.move(to: 4)
        note.deleteBackward()
        note.insert("WIDE ")
        #expect(cache.layout(note, width: 20) == NoteLayout(note.characters, width: 20))
    }

    @Test func typingANoteWithLineBreaksAndMovingByRowAndWord() {
        var driver = Driver(Fixture.screen(width: 80, height: 24))
        driver.press("n")
        #expect(ScreenLayout.make(driver.screen).note.height >= 3)
        driver.type("первая строка")
        driver.send(.control("o"))
        driver.type("вторая")
        #expect(driver.screen.input.note == "первая строка\nвторая")
        driver.send(.up)
        #expect(driver.screen.input.noteText.cursor == 6)
        driver.send(.wordLeft)
        #expect(driver.screen.input.noteText.cursor == 0)
        driver.send(.wordRight)
        #expect(driver.screen.input.noteText.cursor == 6)
        driver.send(.down)
        #expect(driver.screen.input.noteText.cursor == "первая строка\nвторая".count)
        let text = driver.screen.render().text
        #expect(text.contains("первая строка"))
        #expect(text.contains("вторая"))
        #expect(text.contains("20 characters"))
        // Enter still ends the note; the rows go back to the answers.
        driver.send(.enter)
        #expect(driver.screen.mode == .rating)
        #expect(ScreenLayout.make(driver.screen).note.height == 1)
        #expect(driver.screen.render().text.contains("первая строка …"))
    }

    @Test func ctrlYQuotesTheFocusedAnswerALineAPress() {
        var driver = Driver(Fixture.screen(width: 120, height: 40))
        driver.send(.right)
        driver.press("n")
        driver.send(.control("y"))
        driver.send(.control("y"))
        #expect(driver.screen.input.note == "> The boulder is the dataset; the hill is the loss.\n> It rolls back.\n")
        driver.send(.control("y"))
        #expect(driver.screen.input.note.hasSuffix("> It rolls back.\n"))
        // From the top line the pane shows.
        var scrolled = Driver(Fixture.screen(long: true, width: 120, height: 40))
        scrolled.press("jj")
        scrolled.press("n")
        scrolled.send(.control("y"))
        let line = scrolled.screen.answerLines(scrolled.screen.current!, .a, width: ScreenLayout.make(scrolled.screen).textWidth(.a))[2]
        #expect(scrolled.screen.input.note == "> " + line + "\n")
    }

    @Test func aFlagReasonStaysOneLine() {
        var driver = Driver(Fixture.screen())
        driver.press("f")
        driver.type("a")
        driver.send(.control("o"))
        driver.send(.control("y"))
        driver.type("b")
        #expect(driver.screen.flagReason.text == "ab")
    }
}
