import AgonCore
import Foundation
import Testing
@testable import AgonTUI

/// Calibration pairs before the live items, and control items on the screen.
struct CalibrationScreenTests {
    static func calibration(required: Bool) -> CalibrationSet {
        CalibrationSet(required: required, pairs: [
            CalibrationPair(prompt: "Describe a door.", a: .text("A door that remembers every hand."), b: .text("A door is a door."),
                            scores: ["originality": CriterionScore(a: 6, b: 2), "tension": CriterionScore(a: 5, b: 3)], preference: .a,
                            rationale: LocalizedText(en: "A risks an image; B restates the prompt.", ru: "A рискует образом; B повторяет задание.")),
            CalibrationPair(prompt: "Describe a window.", a: .text("Glass."), b: .text("A window keeps the weather honest."),
                            scores: ["originality": CriterionScore(a: 2, b: 6)], preference: .b,
                            rationale: LocalizedText(en: "B turns the object into a stance.")),
        ])
    }

    static func screen(required: Bool = true, session: SessionState = SessionState(), language: Language = .en,
                       resumed: Bool = false) -> RatingScreen {
        var content = Fixture.content()
        content.addCalibration(calibration(required: required))
        return RatingScreen(content: content, session: session, language: language, now: Fixture.start, resumed: resumed)
    }

    func text(_ screen: RatingScreen) -> String { (0..<screen.height).map { screen.render().line($0) }.joined(separator: "\n") }

    @Test func calibrationComesFirstIsJournaledApartAndShowsTheReference() throws {
        var driver = Driver(Self.screen())
        #expect(driver.screen.isCalibrating)
        #expect(driver.screen.message?.text == "Practice first: 2 pairs, each followed by the researcher's reference. They are not counted.")
        #expect(text(driver.screen).contains("Describe a door."))
        #expect(text(driver.screen).contains("A door that remembers every hand."))
        driver.press("54l33a")
        driver.send(.enter)
        #expect(driver.judgements.isEmpty)
        guard case .calibration(let given)? = driver.events.last else {
            Issue.record("no calibration event: \(driver.events)")
            return
        }
        #expect(given.pair == 1 && given.preference == .a && given.scores["originality"] == CriterionScore(a: 5, b: 3))
        #expect(driver.screen.mode == .calibrationFeedback)
        #expect(driver.screen.session.ratedCount == 0)
        let shown = text(driver.screen)
        #expect(shown.contains("Reference for practice pair 1 of 2"))
        #expect(shown.contains("A 5 · B 3"))
        #expect(shown.contains("A 6 · B 2"))
        #expect(shown.contains("A risks an image; B restates the prompt."))
        // Keys other than continue do nothing: no second event, still the reference.
        driver.press("7b")
        #expect(driver.events.count == 1 && driver.screen.mode == .calibrationFeedback)
        driver.send(.enter)
        #expect(driver.screen.mode == .rating)
        #expect(driver.screen.current?.number == CalibrationJudgement.itemNumber(pair: 2))
        #expect(text(driver.screen).contains("A window keeps the weather honest."))

        driver.press("26l67b")
        driver.send(.enter, .enter)
        #expect(driver.screen.current?.number == 1)
        #expect(driver.screen.message?.text == "Practice done. Next: the study's 3 pairs.")
        #expect(!driver.screen.isCalibrating)
        driver.press("54l36b")
        driver.send(.enter)
        #expect(driver.judgements.map(\.item) == [1])
    }

    @Test func requiredCalibrationCannotBeSkippedOrFlagged() {
        var driver = Driver(Self.screen(required: true))
        driver.press("s")
        #expect(driver.events.isEmpty)
        #expect(driver.screen.message?.text == "The practice pairs come first: this one cannot be skipped.")
        driver.press("f")
        #expect(driver.screen.mode == .rating)
        #expect(driver.events.isEmpty)
    }

    @Test func optionalCalibrationMayBeSkippedAndDoesNotComeBack() {
        var driver = Driver(Self.screen(required: false))
        driver.press("s")
        #expect(driver.events == [.skip(item: -1, at: Fixture.start.addingTimeInterval(1))])
        #expect(driver.screen.current?.number == -2)
        driver.press("s")
        #expect(driver.screen.current?.number == 1)
        #expect(driver.screen.session.skipped == [-1, -2])
    }

    @Test func aResumedSessionContinuesMidCalibrationWithItsDraft() {
        let session = SessionState(replaying: [
            .calibration(CalibrationJudgement(pair: 1, scores: [:], preference: .a, seconds: 20, at: Fixture.start)),
            .draft(Draft(item: -2, scores: ["originality": CriterionScore(a: 3)], preference: nil, note: "", seconds: 4, at: Fixture.start)),
        ])
        let screen = Self.screen(session: session, resumed: true)
        #expect(screen.current?.number == -2)
        #expect(screen.input.scores["originality"] == CriterionScore(a: 3))
        #expect(screen.secondsBefore == 4)
    }

    @Test func theReferenceSpeaksTheRatersLanguage() {
        var driver = Driver(Self.screen(language: .ru))
        driver.press("54l33a")
        driver.send(.enter)
        let shown = text(driver.screen)
        #expect(shown.contains("Эталон для тренировочной пары 1 из 2"))
        #expect(shown.contains("A рискует образом; B повторяет задание."))
        #expect(shown.contains("эталон"))
        // Every row is exactly the terminal's width at the smallest size too.
        driver.deliver(.resize(width: ScreenLayout.minWidth, height: ScreenLayout.minHeight))
        let canvas = driver.screen.render()
        for row in 0..<canvas.height { #expect(DisplayWidth.of(canvas.line(row)) == canvas.width) }
    }

    @Test func aControlShowsTheDegradedCopyOnItsSideOnly() {
        let control = ScheduleItem(number: 1, task: "t1", left: "sysLEAKbig", right: "sysLEAKbig",
                                   control: ControlItem(degraded: .b, kind: .cut))
        let answers = Fixture.answers()
        let content = RatingContent(title: "Mini", rater: "ann", rubric: Fixture.rubric(), schedule: Schedule(items: [control]),
                                    prompts: Fixture.prompts, answers: answers)
        let intact = answers[RatingContent.key("t1", "sysLEAKbig")]!
        #expect(content.answer(control, .a) == Sanitizer.clean(intact))
        let degraded = content.answer(control, .b)
        #expect(degraded == Sanitizer.clean(ControlDegradation.degrade(intact, control: control.control!)))
        #expect(!degraded.isEmpty && degraded != content.answer(control, .a))
        #expect(intact.hasPrefix(degraded.prefix(20)))
    }
}
