import AgonCore
import Foundation
import Testing
@testable import AgonTUI

/// The break between blocks (`[design] block_size`) and the blinding check after the last pair
/// (`[blinding_check]`), driven through `update` and read back from `render`.
struct BreakAndBlindingTests {
    private func screen(blockSize: Int? = nil, blinding: [Int] = [], reference: String? = nil, session: SessionState = SessionState(),
                        language: Language = .en) -> RatingScreen {
        var content = Fixture.content()
        content.blockSize = blockSize
        content.blinding = blinding.map { number in
            let item = Fixture.schedule().item(number: number)!
            return BlindingQuestion(item: item, target: reference ?? "sysLEAKbig")
        }
        content.blindingReference = reference
        return RatingScreen(content: content, session: session, language: language, now: Fixture.start)
    }

    private func rateOne(_ driver: inout Driver) {
        driver.press("54l36b")
        driver.send(.enter)
    }

    @Test func afterEachBlockTheScreenOffersABreakAndSaysHowFarTheRaterHasCome() {
        var driver = Driver(screen(blockSize: 2))
        rateOne(&driver)
        #expect(driver.screen.mode == .rating)
        rateOne(&driver)
        #expect(driver.screen.mode == .pause)
        let text = driver.screen.render().text
        #expect(text.contains("Block 1 of 2 done"))
        #expect(text.contains("Pairs rated so far: 2 of 3"))
        #expect(text.contains("Still ahead: 1 pair."))
        // Keys that would score do nothing during the break; nothing is written.
        let written = driver.events.count
        driver.press("5a")
        #expect(driver.events.count == written)
        #expect(driver.screen.mode == .pause)
        driver.send(.enter)
        #expect(driver.screen.mode == .rating)
        #expect(driver.screen.current?.number == 3)
        #expect(driver.screen.input.isEmpty)
    }

    @Test func theBreakIsNotCountedAsTimeOnTheNextPair() {
        var driver = Driver(screen(blockSize: 1))
        rateOne(&driver)
        #expect(driver.screen.mode == .pause)
        for _ in 0..<600 { driver.deliver(.tick) }
        driver.send(.character(" "))
        #expect(driver.screen.mode == .rating)
        #expect(driver.screen.secondsOnItem < 2)
    }

    @Test func quittingAtABreakWritesNothingMoreAndResumesAtTheNextPair() {
        var driver = Driver(screen(blockSize: 1))
        rateOne(&driver)
        driver.press("q")
        #expect(driver.quit)
        #expect(driver.events.count == 1)
        let resumed = screen(blockSize: 1, session: SessionState(replaying: driver.events))
        #expect(resumed.mode == .rating)
        #expect(resumed.current?.number == driver.screen.current?.number)
    }

    @Test func withoutABlockSizeThereIsNoBreak() {
        var driver = Driver(screen())
        rateOne(&driver)
        rateOne(&driver)
        #expect(driver.screen.mode == .rating)
        rateOne(&driver)
        #expect(driver.screen.mode == .finished)
    }

    @Test func theLastBlockEndsInTheClosingScreenNotABreak() {
        var driver = Driver(screen(blockSize: 3))
        for _ in 0..<3 { rateOne(&driver) }
        #expect(driver.screen.mode == .finished)
    }

    @Test func afterTheLastPairTheBlindingCheckAsksAboutRatedPairsAndRecordsEachAnswer() throws {
        var driver = Driver(screen(blinding: [2, 1]))
        for _ in 0..<3 { rateOne(&driver) }
        #expect(driver.screen.mode == .blinding)
        #expect(driver.screen.current?.number == 2)
        var text = driver.screen.render().text
        #expect(text.contains("(1 of 2)"))
        #expect(text.contains("Which answer do you think was written by the larger model?"))
        #expect(text.contains("don't know"))
        // Both answers are on screen again; no system's name is.
        #expect(text.contains("Answer A") && text.contains("Answer B"))
        #expect(!text.contains("LEAK"))
        driver.press("b")
        let item2 = try #require(Fixture.schedule().item(number: 2))
        guard case .blindingGuess(let first)? = driver.events.last else {
            Issue.record("no blinding answer written")
            return
        }
        #expect(first == BlindingGuess(item: 2, left: item2.left, right: item2.right, target: "sysLEAKbig", guess: .b, at: first.at))
        #expect(first.isCorrect == (item2.right == "sysLEAKbig"))
        #expect(driver.screen.current?.number == 1)
        text = driver.screen.render().text
        #expect(text.contains("(2 of 2)"))
        driver.press("d")
        guard case .blindingGuess(let second)? = driver.events.last else {
            Issue.record("no blinding answer written")
            return
        }
        #expect(second.item == 1 && second.guess == nil && second.isCorrect == nil)
        #expect(driver.screen.mode == .finished)
    }

    @Test func scoringKeysDoNotChangeJudgementsDuringTheBlindingCheck() {
        var driver = Driver(screen(blinding: [1]))
        for _ in 0..<3 { rateOne(&driver) }
        let written = driver.events.count
        driver.press("54tw")
        driver.send(.enter, .right, .down)
        #expect(driver.events.count == written)
        #expect(driver.screen.mode == .blinding)
        #expect(driver.screen.side == .b)
    }

    @Test func aResumedSessionAsksTheFirstUnansweredQuestion() {
        var driver = Driver(screen(blinding: [3, 1]))
        for _ in 0..<3 { rateOne(&driver) }
        driver.press("a")
        driver.press("q")
        #expect(driver.quit)
        let resumed = screen(blinding: [3, 1], session: SessionState(replaying: driver.events))
        #expect(resumed.mode == .blinding)
        #expect(resumed.current?.number == 1)
    }

    @Test func aReferenceSystemIsNamedInTheQuestionAndTheWordsAreRussianForARussianRater() {
        var driver = Driver(screen(blockSize: 2, blinding: [1], reference: "control-7b", language: .ru))
        rateOne(&driver)
        rateOne(&driver)
        var text = driver.screen.render().text
        #expect(text.contains("Блок 1 из 2 пройден"))
        #expect(text.contains("Впереди ещё: 1 пара."))
        driver.send(.enter)
        rateOne(&driver)
        text = driver.screen.render().text
        #expect(text.contains("какой ответ написала система control-7b?"))
        #expect(text.contains("не знаю"))
    }
}
