import AgonCore
import Foundation
import Testing
@testable import AgonTUI

/// A paste is text: it goes into the note in one step, is cut at the capacity without its rest
/// turning into keys, and never acts on the pair — whether the terminal marks it (bracketed
/// paste) or sends it as a burst of keys.
struct PasteTests {
    /// Lines a rater might quote, with digits and command letters after each line break: read
    /// as keys they would score, skip and submit.
    static func quotation(_ count: Int) -> String {
        let lines = ["The stone returns, and Sisyphus counts the steps.", "5 s 7 a Enter", "камень возвращается снова", "u q"]
        var text = ""
        var length = 0
        var index = 0
        while length < count {
            let line = lines[index % lines.count] + "\n"
            text += line
            length += line.count
            index += 1
        }
        return String(text.prefix(count))
    }

    private func noteOpen() -> Driver {
        var driver = Driver(Fixture.screen())
        driver.press("n")
        return driver
    }

    private func expectNothingActedOnThePair(_ driver: Driver, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(driver.events.isEmpty, "no skip, judgement or draft", sourceLocation: sourceLocation)
        #expect(driver.screen.current?.number == 1, sourceLocation: sourceLocation)
        #expect(driver.screen.input.scores.isEmpty, sourceLocation: sourceLocation)
        #expect(driver.screen.input.preference == nil, sourceLocation: sourceLocation)
    }

    @Test func aPasteLongerThanTheCapacityGoesInInOneUpdateAndIsCutThere() {
        var driver = noteOpen()
        let text = Self.quotation(EditableText.capacity + 50_000)
        driver.deliver(.paste(text))
        #expect(driver.screen.mode == .note)
        #expect(driver.screen.input.noteText.count == EditableText.capacity)
        #expect(driver.screen.input.note == String(text.prefix(EditableText.capacity)))
        #expect(driver.screen.input.noteText.cursor == EditableText.capacity)
        #expect(driver.screen.message?.text == "A note holds at most 200,000 characters: the rest of the paste was left out.")
        expectNothingActedOnThePair(driver)
    }

    @Test func aPastePastTheCapacityIsReadToItsEndMarkerAndTheRestDropped() {
        // What the terminal reads after the start marker: more than the capacity, the end marker,
        // then a key typed after the paste.
        let text = Self.quotation(EditableText.capacity + 10_000)
        let stream = Array(text.unicodeScalars.map(\.value)) + BracketedPaste.endMarker + [UInt32(("!" as Unicode.Scalar).value)]
        var paste = BracketedPaste()
        var consumed = 0
        for value in stream {
            consumed += 1
            if paste.take(value) { break }
        }
        #expect(consumed == stream.count - 1, "the paste ends at its end marker, not at the capacity")
        #expect(paste.truncated)
        #expect(paste.pasted == String(text.prefix(EditableText.capacity)))

        var driver = noteOpen()
        driver.deliver(.paste(paste.pasted, truncated: paste.truncated))
        // The note is full: the keys after the paste are keys again, and edit it.
        driver.send(.backspace)
        driver.press("!")
        #expect(driver.screen.input.note == String(text.prefix(EditableText.capacity - 1)) + "!")
        #expect(driver.screen.mode == .note)
        expectNothingActedOnThePair(driver)
    }

    @Test func theEndMarkerSplitAcrossReadsAndLookalikesStayText() {
        var paste = BracketedPaste()
        // An Esc and "[20" inside the text that do not complete the marker are text.
        let text = "a\u{1B}[20b\u{1B}[201x"
        var endedEarly = false
        for value in text.unicodeScalars.map(\.value) where paste.take(value) { endedEarly = true }
        #expect(!endedEarly)
        var ended = false
        for value in BracketedPaste.endMarker { ended = paste.take(value) }
        #expect(ended)
        #expect(paste.pasted == text)
        #expect(!paste.truncated)
    }

    @Test func enterInABurstIsALineBreakAndTheRestOfTheBurstIsText() {
        var driver = noteOpen()
        driver.type("Quote: ")
        let keys: [Key] = Array("first line").map(Key.character) + [.enter] + Array("s5a").map(Key.character) + [.enter, .tab]
            + Array("last").map(Key.character)
        driver.deliver(.burst(keys))
        #expect(driver.screen.mode == .note)
        #expect(driver.screen.input.note == "Quote: first line\ns5a\n    last")
        expectNothingActedOnThePair(driver)
        // Editing keys in a burst still edit, but Esc does not leave the field.
        driver.deliver(.burst([.backspace, .backspace, .escape, .character("!")]))
        #expect(driver.screen.mode == .note)
        #expect(driver.screen.input.note == "Quote: first line\ns5a\n    la!")
    }

    @Test func aBurstLongerThanTheCapacityIsCutAndNeverActs() {
        var driver = noteOpen()
        let keys: [Key] = Self.quotation(EditableText.capacity + 1_000).map { $0 == "\n" ? .enter : .character($0) }
        driver.deliver(.burst(keys))
        #expect(driver.screen.input.noteText.count == EditableText.capacity)
        #expect(driver.screen.message?.kind == .warning)
        #expect(driver.screen.mode == .note)
        expectNothingActedOnThePair(driver)
    }

    @Test func anEnterTypedOnItsOwnEndsTheNote() {
        var driver = noteOpen()
        driver.type("slow")
        driver.send(.enter)
        #expect(driver.screen.mode == .rating)
        #expect(driver.screen.input.note == "slow")
        // Now keys are commands again: s skips the pair.
        driver.press("s")
        #expect(driver.events.map(\.typeName) == ["draft", "skip"])
    }

    @Test func aBurstOutsideATextFieldIsNeverReadAsCommands() {
        var driver = Driver(Fixture.screen())
        driver.deliver(.burst(Array("54l36b").map(Key.character) + [.enter, .character("s")]))
        #expect(driver.screen.message?.text == "Paste ignored: to paste into the note, press n first.")
        #expect(driver.screen.mode == .rating)
        expectNothingActedOnThePair(driver)
    }

    @Test func aBurstInTheFlagReasonStaysOnOneLineAndDoesNotFinishTheFlag() {
        var driver = Driver(Fixture.screen())
        driver.press("f")
        driver.deliver(.burst(Array("1 leaks").map(Key.character) + [.enter] + Array("the name").map(Key.character)))
        #expect(driver.screen.mode == .flagReason)
        #expect(driver.screen.flagReason.text == "1 leaks the name")
        #expect(driver.events.isEmpty)
        driver.send(.enter)
        #expect(driver.events.map(\.typeName) == ["flag"])
    }

    @Test func typingInTheMiddleOfALongNoteEditsAtTheCursor() {
        var driver = noteOpen()
        driver.deliver(.paste("one two\nthree"))
        driver.send(.home, .right, .right, .right)
        driver.type("!")
        driver.send(.end, .control("w"))
        #expect(driver.screen.input.note == "one! two\n")
        driver.send(.control("w"))
        #expect(driver.screen.input.note == "one! ")
        driver.send(.control("u"))
        #expect(driver.screen.input.note == "")
    }
}
