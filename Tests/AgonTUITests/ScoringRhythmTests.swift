import AgonCore
import Foundation
import Testing
@testable import AgonTUI

/// ← → put the focus on the first criterion still unscored for that answer; `+`/`−` on an empty
/// score lean from the middle; a judgement far faster than reading asks once; J/K scroll both.
struct ScoringRhythmTests {
    @Test func switchingAnswersFocusesTheFirstUnscoredCriterion() {
        var driver = Driver(Fixture.screen())
        driver.send(.tab)
        driver.press("4")           // A: tension 4 (the last criterion: focus stays)
        driver.send(.right)         // B has nothing: the first criterion
        #expect(driver.screen.criterion == 0)
        driver.press("36")          // B: originality 3, tension 6
        driver.send(.left)          // A still lacks originality: there, not on tension
        #expect(driver.screen.criterion == 0)
        driver.press("5")
        #expect(driver.screen.input.scores["tension"]?.a == 4)
        #expect(driver.screen.input.scores["originality"]?.a == 5)
        // Every criterion scored on both: the focus stays where it is.
        driver.send(.backTab)
        #expect(driver.screen.criterion == 0)
        driver.send(.right)
        #expect(driver.screen.criterion == 0)
        driver.send(.tab)
        driver.send(.left)
        #expect(driver.screen.criterion == 1)
    }

    @Test func aFirstPlusOrMinusLeansFromTheMiddle() {
        var driver = Driver(Fixture.screen())
        driver.press("+")
        #expect(driver.screen.input.scores["originality"]?.a == 5)
        driver.press("-")
        #expect(driver.screen.input.scores["originality"]?.a == 4)
        driver.send(.tab)
        driver.press("-")
        #expect(driver.screen.input.scores["tension"]?.a == 3)

        var comparative = Driver(Fixture.screen(comparative: true))
        comparative.press("+")
        #expect(comparative.screen.input.scores["originality"]?.comparison == 1)
        comparative.send(.tab)
        comparative.press("-")
        #expect(comparative.screen.input.scores["tension"]?.comparison == -1)
    }

    @Test func aJudgementFasterThanReadingAsksOnce() {
        var driver = Driver(Fixture.screen())
        driver.confirmsFastJudgements = false
        driver.press("54l36b")
        driver.send(.enter)
        #expect(driver.judgements.isEmpty)
        #expect(driver.screen.message?.kind == .warning)
        #expect(driver.screen.message?.text.contains("Enter again") == true, "\(driver.screen.message?.text ?? "")")
        // Another key withdraws the question: Enter asks again.
        driver.press("j")
        driver.send(.enter)
        #expect(driver.judgements.isEmpty)
        driver.send(.enter)
        #expect(driver.judgements.count == 1)
        // The same answers read at length: one Enter submits. (Item 2's answers are short.)
        var slow = Driver(Fixture.screen())
        slow.confirmsFastJudgements = false
        slow.press("54l36b")
        slow.clock = slow.clock.addingTimeInterval(600)
        slow.send(.enter)
        #expect(slow.judgements.count == 1)
    }

    @Test func theReadingTimeIsTheReportsPace() {
        let screen = Fixture.screen()
        let item = screen.current!
        let words = Side.allCases.reduce(0) { $0 + screen.content.answer(item, $1).split(whereSeparator: \.isWhitespace).count }
        #expect(screen.readingSeconds(item) == Double(words) * 60 / 500)
    }

    @Test func capitalJAndKScrollBothAnswers() {
        var driver = Driver(Fixture.screen(long: true, width: 120, height: 40))
        driver.press("JJJ")
        #expect(driver.screen.scrollA == 3)
        #expect(driver.screen.scrollB == 0 || driver.screen.scrollB == 3)
        driver.press("K")
        #expect(driver.screen.scrollA == 2)
        driver.press("j")
        #expect(driver.screen.scrollA == 3)
    }
}
