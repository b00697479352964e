import AgonCore
import Foundation
import Testing
@testable import AgonTUI

/// The screen shows the sample an item names, never another sample of the same answer.
struct SampleContentTests {
    @Test func eachItemShowsItsOwnSamples() {
        let schedule = Schedule(items: [
            ScheduleItem(number: 1, task: "t1", left: "big", right: "small", leftSample: 2, rightSample: 3),
            ScheduleItem(number: 2, task: "t1", left: "small", right: "big"),
        ])
        let content = RatingContent(title: "T", rater: "r", rubric: Fixture.rubric(), schedule: schedule, prompts: ["t1": "P"], answers: [
            RatingContent.key("t1", "big"): "big one",
            RatingContent.key("t1", "big", sample: 2): "big two",
            RatingContent.key("t1", "small"): "small one",
            RatingContent.key("t1", "small", sample: 3): "small three",
        ])
        #expect(content.answer(schedule.items[0], .a) == "big two")
        #expect(content.answer(schedule.items[0], .b) == "small three")
        #expect(content.answer(schedule.items[1], .a) == "small one")
        #expect(content.answer(schedule.items[1], .b) == "big one")
        #expect(RatingContent.key("t1", "big", sample: 1) == RatingContent.key("t1", "big"))
    }
}
