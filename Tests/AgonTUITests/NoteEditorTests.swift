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

    @Test func vMarksLinesAndYQuotesThemIntoTheNote() {
        var driver = Driver(Fixture.screen(width: 120, height: 40))
        driver.send(.right)
        driver.press("v")
        #expect(driver.screen.mode == .marking)
        #expect(driver.screen.passageMark?.lines == 0...0)
        let pane = ScreenLayout.make(driver.screen).pane(.b)
        let canvas = driver.screen.render()
        #expect(canvas[pane.x + 2, pane.y].style.reverse)
        #expect(!canvas[pane.x + 2, pane.y + 1].style.reverse)
        driver.send(.down)
        driver.send(.down)
        // The answer has two lines: the mark stops at the last.
        #expect(driver.screen.passageMark?.lines == 0...1)
        driver.press("y")
        #expect(driver.screen.mode == .note)
        #expect(driver.screen.input.note == "> The boulder is the dataset; the hill is the loss.\n> It rolls back.\n")
        #expect(driver.screen.message?.text == "Quoted into the note: 2 lines.")
        // The comment goes on after the quotation, and the judgement keeps it.
        driver.type("ok")
        #expect(driver.screen.input.note.hasSuffix("It rolls back.\nok"))
    }

    @Test func aMarkStartsAtThePanesTopLineAndTheCursorOfTheNote() {
        var driver = Driver(Fixture.screen(long: true, width: 120, height: 40))
        driver.press("jj")
        driver.press("n")
        driver.type("See:")
        driver.send(.control("y"))
        #expect(driver.screen.mode == .marking)
        driver.send(.down)
        driver.send(.enter)
        let lines = driver.screen.answerLines(driver.screen.current!, .a, width: ScreenLayout.make(driver.screen).textWidth(.a))
        #expect(driver.screen.input.note == "See:\n> " + lines[2] + "\n> " + lines[3] + "\n")
        #expect(driver.screen.mode == .note)
    }

    @Test func escapeCancelsTheMarkAndReturnsWhereItBegan() {
        var driver = Driver(Fixture.screen(long: true, width: 120, height: 40))
        driver.press("vjj")
        driver.send(.escape)
        #expect(driver.screen.mode == .rating)
        #expect(driver.screen.passageMark == nil)
        #expect(driver.screen.input.note.isEmpty)
        driver.press("n")
        driver.send(.control("y"))
        driver.send(.escape)
        #expect(driver.screen.mode == .note)
        #expect(driver.screen.input.note.isEmpty)
    }

    @Test func theMarkedLinesShowReversedAndThePaneFollowsTheMarksEnd() {
        for language in Language.allCases {
            var driver = Driver(Fixture.screen(long: true, language: language, width: 80, height: 24))
            driver.press("v")
            let height = ScreenLayout.make(driver.screen).pane(.a).height
            for _ in 0..<(height + 3) { driver.send(.down) }
            #expect(driver.screen.passageMark?.lines == 0...(height + 3))
            // The end stays in sight: the pane scrolled so that it is the bottom row.
            #expect(driver.screen.scrollA == height + 3 - height + 1)
            let canvas = driver.screen.render()
            let pane = ScreenLayout.make(driver.screen).pane(.a)
            let bottom = pane.y + pane.height - 1
            #expect(canvas[pane.x + 1, bottom].style.reverse)
            // The status line says how much is marked and how to finish, in the screen's language.
            let text = canvas.text
            let count = Strings(language).count(height + 4, .quotedLines)
            #expect(text.contains(language == .ru ? "Отмечено в ответе A: " + count : "Marked " + count + " of answer A"))
            #expect(text.contains(language == .ru ? "в заметку" : "quote into the note"))
            for row in canvas.lines { #expect(DisplayWidth.of(row) == 80) }
        }
    }

    @Test func theHelpListsTheMarkingKeys() {
        var driver = Driver(Fixture.screen(language: .ru, width: 120, height: 40))
        driver.press("?")
        var seen = ""
        for _ in 0..<20 {
            seen += driver.screen.render().text
            driver.send(.pageDown)
        }
        #expect(seen.contains("Цитата из ответа"))
        #expect(seen.contains("процитировать отмеченные строки в заметку, каждую строку с >"))
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
