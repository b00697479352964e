import AgonCore
import Foundation
import Testing
@testable import AgonTUI

struct UpdateTests {
    private func c(_ character: Character) -> Key { .character(character) }

    @Test func digitsScoreTheFocusedSideAndMoveToTheNextCriterion() {
        var driver = Driver(Fixture.screen())
        driver.press("54")
        #expect(driver.screen.input.scores["originality"] == CriterionScore(a: 5))
        #expect(driver.screen.input.scores["tension"] == CriterionScore(a: 4))
        driver.send(.right)
        // B has no scores yet, so scoring B starts again at the first criterion.
        #expect(driver.screen.side == .b)
        #expect(driver.screen.criterion == 0)
        driver.press("36")
        #expect(driver.screen.input.scores["originality"] == CriterionScore(a: 5, b: 3))
        #expect(driver.screen.input.scores["tension"] == CriterionScore(a: 4, b: 6))
    }

    @Test func anIncompleteJudgementIsNotSubmittedAndTheScreenSaysWhatIsMissing() {
        var driver = Driver(Fixture.screen())
        driver.press("54")
        driver.send(.enter)
        #expect(driver.events.isEmpty)
        let message = driver.screen.message?.text ?? ""
        #expect(message.contains("Originality (B)"))
        #expect(message.contains("Tension (B)"))
        #expect(message.contains("overall preference"))
        #expect(driver.screen.current?.number == 1)
    }

    @Test func submittingWritesTheJudgementWithTheSidesShownAndOpensTheNextItem() throws {
        var driver = Driver(Fixture.screen())
        let first = try #require(driver.screen.current)
        driver.press("54l36b")
        driver.send(.enter)
        let judgement = try #require(driver.judgements.first)
        #expect(driver.events.count == 1)
        #expect(judgement.item == first.number)
        #expect(judgement.task == first.task)
        #expect(judgement.left == first.left)
        #expect(judgement.right == first.right)
        #expect(judgement.scores == ["originality": CriterionScore(a: 5, b: 3), "tension": CriterionScore(a: 4, b: 6)])
        #expect(judgement.preference == .b)
        #expect(judgement.seconds == 7)  // seven keys, one second apart
        #expect(driver.screen.current?.number == 2)
        #expect(driver.screen.input == ItemInput())
        #expect(driver.screen.session.ratedCount == 1)
    }

    @Test func undoReopensTheLastJudgementWithItsValues() throws {
        var driver = Driver(Fixture.screen())
        driver.press("54l36t")
        driver.send(.enter)
        driver.press("7")
        driver.press("u")
        #expect(driver.screen.current?.number == 1)
        #expect(driver.screen.input.scores["originality"] == CriterionScore(a: 5, b: 3))
        #expect(driver.screen.input.preference == .tie)
        // The unsaved score on item 2 was kept as a draft before the undo.
        #expect(driver.events.map(\.typeName) == ["judgement", "draft", "undo"])
        #expect(driver.screen.session.drafts[2]?.scores["originality"] == CriterionScore(a: 7))
        #expect(driver.screen.session.ratedCount == 0)
        driver.send(.enter)
        #expect(driver.judgements.count == 2)
        // Item 2 comes back with its draft.
        #expect(driver.screen.current?.number == 2)
        #expect(driver.screen.input.scores["originality"] == CriterionScore(a: 7))
    }

    @Test func undoWithNothingToUndoSaysSo() {
        var driver = Driver(Fixture.screen())
        driver.press("u")
        #expect(driver.events.isEmpty)
        #expect(driver.screen.message?.text == "Nothing to undo.")
    }

    @Test func aSkippedItemComesBackAtTheEnd() {
        var driver = Driver(Fixture.screen())
        driver.press("s")
        #expect(driver.events == [.skip(item: 1, at: Fixture.start.addingTimeInterval(1))])
        #expect(driver.screen.current?.number == 2)
        driver.press("11l11a")
        driver.send(.enter)
        #expect(driver.screen.current?.number == 3)
        driver.press("11l11a")
        driver.send(.enter)
        #expect(driver.screen.current?.number == 1)
        // The last open item cannot be skipped away.
        driver.press("s")
        #expect(driver.screen.current?.number == 1)
        #expect(driver.events.filter { $0.typeName == "skip" }.count == 1)
    }

    @Test func flagWithAReadyReasonOrATypedOne() {
        var driver = Driver(Fixture.screen())
        driver.press("f")
        #expect(driver.screen.mode == .flagReason)
        driver.press("1")
        driver.send(.enter)
        driver.press("f")
        driver.type("ответ подписан")
        driver.send(.enter)
        driver.press("f")
        driver.send(.escape)
        let reasons = driver.events.compactMap { event -> String? in
            if case .flag(1, let reason, _) = event { return reason } else { return nil }
        }
        #expect(reasons == ["an answer reveals which model wrote it", "ответ подписан"])
        #expect(driver.screen.render().line(0).contains("⚑ flagged"))
        #expect(driver.screen.mode == .rating)
        #expect(driver.screen.current?.number == 1)
    }

    @Test func undoWithdrawsAStrayFlagThenTakesBackTheJudgementBeforeIt() {
        var driver = Driver(Fixture.screen())
        driver.press("54l36t")
        driver.send(.enter)
        driver.press("f")
        driver.type("g")
        driver.send(.enter)
        #expect(driver.screen.session.flags[2] == ["g"])
        driver.press("u")
        #expect(driver.events.last == .unflag(item: 2, at: Fixture.start.addingTimeInterval(11)))
        #expect(driver.screen.session.flags[2] == nil)
        #expect(driver.screen.message?.text == "Flag withdrawn: g")
        #expect(!driver.screen.render().line(0).contains("flagged"))
        #expect(driver.screen.current?.number == 2)
        driver.press("u")
        #expect(driver.events.last?.typeName == "undo")
        #expect(driver.screen.current?.number == 1)
    }

    @Test func quitWithoutInputQuitsAtOnce() {
        var driver = Driver(Fixture.screen())
        driver.press("q")
        #expect(driver.quit)
        #expect(driver.events.isEmpty)
    }

    @Test func quitWithUnsavedInputAsksAndKeepsTheDraft() throws {
        var driver = Driver(Fixture.screen())
        driver.press("5")
        driver.send(.control("c"))
        #expect(!driver.quit)
        #expect(driver.screen.mode == .confirmQuit)
        driver.press("k")
        #expect(driver.quit)
        guard case .draft(let draft) = try #require(driver.events.first) else {
            Issue.record("expected a draft")
            return
        }
        #expect(draft.item == 1)
        #expect(draft.scores["originality"] == CriterionScore(a: 5))
    }

    @Test func quitCanDiscardOrGoBack() {
        var driver = Driver(Fixture.screen())
        driver.press("5q")
        driver.send(.escape)
        #expect(driver.screen.mode == .rating)
        #expect(!driver.quit)
        driver.press("qd")
        #expect(driver.quit)
        #expect(driver.events.isEmpty)
    }

    @Test func terminationKeepsUnsavedInputWithoutAsking() {
        var driver = Driver(Fixture.screen())
        driver.press("5")
        driver.deliver(.terminate)
        #expect(driver.quit)
        #expect(driver.events.map(\.typeName) == ["draft"])
    }

    @Test func aDraftComesBackOnResumeAndQuittingUnchangedDoesNotAsk() {
        var session = SessionState()
        session.apply(.draft(Draft(item: 1, scores: ["originality": CriterionScore(a: 2)], preference: .a, note: "half",
                                   seconds: 30, at: Fixture.start)))
        var driver = Driver(Fixture.screen(session: session, resumed: true))
        #expect(driver.screen.input.scores["originality"] == CriterionScore(a: 2))
        #expect(driver.screen.input.note == "half")
        #expect(driver.screen.message?.text.contains("Resuming: 0 of 3 rated.") == true)
        driver.press("q")
        #expect(driver.quit)
        #expect(driver.events.isEmpty)
    }

    @Test func resumeContinuesAtTheFirstUnratedItemWithTheSameSides() throws {
        var first = Driver(Fixture.screen())
        first.press("11l11a")
        first.send(.enter)
        let shownSecond = try #require(first.screen.current)
        let session = SessionState(replaying: first.events)
        let resumed = Fixture.screen(session: session, resumed: true)
        #expect(resumed.current == shownSecond)
        #expect(resumed.message?.text == "Resuming: 1 of 3 rated.")
    }

    @Test func theNoteTakesCyrillicWithCursorMovementAndWordDelete() {
        var driver = Driver(Fixture.screen())
        driver.press("n")
        #expect(driver.screen.mode == .note)
        driver.type("Сильный ход здесь")
        driver.send(.control("w"))
        driver.send(.home)
        driver.type("Очень ")
        driver.send(.end, .backspace, .left, .delete)
        driver.send(.enter)
        #expect(driver.screen.mode == .rating)
        #expect(driver.screen.input.note == "Очень Сильный хо")
        // Letters typed in the note are text, not commands.
        #expect(driver.events.isEmpty)
    }

    @Test func russianLayoutLettersWorkAsCommandKeys() {
        var driver = Driver(Fixture.screen())
        driver.press("5")
        driver.type("д")  // the key where Latin l is: answer B
        #expect(driver.screen.side == .b)
        driver.type("ф")  // a: A is better
        #expect(driver.screen.input.preference == .a)
    }

    @Test func scoresOutsideTheScaleAreRefused() {
        var driver = Driver(Fixture.screen())
        driver.press("9")
        #expect(driver.screen.input.scores.isEmpty)
        #expect(driver.screen.message?.kind == .warning)
        driver.press("0")
        #expect(driver.screen.input.scores.isEmpty)
    }

    @Test func comparativeRubricsRecordOneScorePerCriterion() throws {
        var driver = Driver(Fixture.screen(comparative: true))
        driver.press("2")  // A is better by 2 on originality
        driver.press("l0")  // no difference on tension
        driver.press("a")
        driver.send(.enter)
        let judgement = try #require(driver.judgements.first)
        #expect(judgement.scores["originality"] == CriterionScore(comparison: -2))
        #expect(judgement.scores["tension"] == CriterionScore(comparison: 0))
        #expect(driver.screen.render().width == 120)
    }

    @Test func scrollingStaysInsideTheAnswer() throws {
        var driver = Driver(Fixture.screen(long: true))
        // Find the item whose A is the long answer, by its text on screen rather than by system id.
        for _ in 0..<3 where !driver.screen.render().text.contains("Sisyphus is a gradient step") {
            driver.press("s")
        }
        let side: Side = driver.screen.render().lines.contains { $0.hasPrefix(" Sisyphus") } ? .a : .b
        driver.send(side == .a ? .left : .right)
        driver.send(.end)
        let bottom = driver.screen.scroll(side)
        #expect(bottom > 100)
        driver.send(.down, .pageDown, .control("d"))
        #expect(driver.screen.scroll(side) == bottom)
        driver.send(.up)
        #expect(driver.screen.scroll(side) == bottom - 1)
        driver.send(.home)
        #expect(driver.screen.scroll(side) == 0)
        driver.send(.pageDown)
        #expect(driver.screen.scroll(side) > 10)
        #expect(driver.screen.scroll(side.other) == 0)
    }

    @Test func theEndOfTheScheduleShowsTheClosingScreenAndUndoStillWorks() {
        var driver = Driver(Fixture.screen())
        for _ in 0..<3 {
            driver.press("11l11w")
            driver.send(.enter)
        }
        #expect(driver.screen.mode == .finished)
        #expect(driver.screen.render().text.contains("All done"))
        driver.press("u")
        #expect(driver.screen.mode == .rating)
        #expect(driver.screen.input.preference == .bothWeak)
        driver.send(.enter)
        driver.press("q")
        #expect(driver.quit)
        #expect(SessionState(replaying: driver.events).ratedCount == 3)
    }

    @Test func helpOpensAndClosesWithoutTouchingTheInput() {
        var driver = Driver(Fixture.screen())
        driver.press("5?")
        #expect(driver.screen.mode == .help)
        driver.send(.down, .function(1))
        #expect(driver.screen.mode == .rating)
        #expect(driver.screen.input.scores["originality"] == CriterionScore(a: 5))
    }
}

extension UpdateTests {
    @Test func aFirstStartOpensTheInstructionsOverTheFirstItem() {
        var driver = Driver(RatingScreen(content: Fixture.content(), session: SessionState(), language: .en,
                                         now: Fixture.start, introduce: true))
        #expect(driver.screen.mode == .help)
        #expect(driver.screen.render().text.contains("Score each answer."))
        driver.press("5")
        #expect(driver.screen.input.scores.isEmpty)
        driver.send(.escape)
        #expect(driver.screen.mode == .rating)
        #expect(driver.screen.message?.text.hasPrefix("Read the task") == true)
    }
}

extension UpdateTests {
    @Test func pastedTextGoesIntoTheNoteAndIsNeverReadAsKeys() {
        var driver = Driver(Fixture.screen())
        driver.deliver(.paste("t\nw a"))
        #expect(driver.screen.input == ItemInput())
        #expect(driver.screen.message?.kind == .warning)
        driver.press("n")
        driver.deliver(.paste("строка\r\nвторая\tстрока \u{1B}[2J"))
        #expect(driver.screen.input.note == "строка\nвторая  строка ␛[2J")  // the tab reaches column 8
        #expect(driver.events.isEmpty)
    }
}
