import Foundation
import Testing
@testable import AgonCore

struct ControlScheduleTests {
    static let tasks = (1...10).map { "t\($0)" }
    static let systems = ["a", "b", "c"]

    func make(rater: String, seed: UInt64, controls: ControlDesign?) -> Schedule {
        var design = StudyDesign(seed: seed, repeatShare: 0.2)
        design.controls = controls
        return Schedule.make(studyID: "s", taskIDs: Self.tasks, systemIDs: Self.systems, rater: rater, design: design)
    }

    @Test func liveItemsKeepTheirOrderSidesAndRepeatsWhenControlsJoin() {
        for seed in UInt64(0)..<20 {
            let plain = make(rater: "r\(seed)", seed: seed, controls: nil)
            let mixed = make(rater: "r\(seed)", seed: seed, controls: ControlDesign(share: 0.1))
            let live = mixed.items.filter { $0.control == nil }
            #expect(live.map { [$0.task, $0.left, $0.right] } == plain.items.map { [$0.task, $0.left, $0.right] })
            // A repeat still names its original, under the original's new number.
            for item in live where item.isRepeat {
                let original = mixed.item(number: item.repeatOf!)!
                #expect(original.control == nil && original.task == item.task && original.left == item.right && original.right == item.left)
            }
            #expect(mixed.items.map(\.number) == Array(1...mixed.count))
        }
    }

    @Test func controlsTakeTheirShareShowOneSystemTwiceAndAreDeterministic() {
        var degradedSides: Set<Side> = []
        var kinds: Set<ControlDegradation.Kind> = []
        var sameTaskTwiceInARow = 0
        for seed in UInt64(0)..<40 {
            let design = ControlDesign(share: 0.08)
            let schedule = make(rater: "ann", seed: seed, controls: design)
            let controls = schedule.items.filter { $0.control != nil }
            let live = schedule.count - controls.count
            #expect(controls.count == design.count(liveCount: live))
            #expect(controls.count == Int((Double(live) * 0.08).rounded()))
            for control in controls {
                #expect(control.left == control.right)
                #expect(control.leftSample == control.rightSample)
                #expect(Self.tasks.contains(control.task))
                degradedSides.insert(control.control!.degraded)
                kinds.insert(control.control!.kind)
            }
            for (previous, next) in zip(schedule.items, schedule.items.dropFirst()) where previous.task == next.task {
                sameTaskTwiceInARow += 1
            }
            #expect(make(rater: "ann", seed: seed, controls: design) == schedule)
        }
        #expect(degradedSides == [.a, .b])
        #expect(kinds == [.shuffle, .cut])
        #expect(sameTaskTwiceInARow == 0)
        // Another rater draws other places.
        #expect(make(rater: "ann", seed: 3, controls: ControlDesign(share: 0.1)) != make(rater: "bob", seed: 3, controls: ControlDesign(share: 0.1)))
    }

    @Test func aSmallShareStillGivesOneControlAndNoneWithoutItems() {
        #expect(ControlDesign(share: 0.05).count(liveCount: 3) == 1)
        #expect(ControlDesign(share: 0.05).count(liveCount: 0) == 0)
        #expect(ControlDesign(share: 0.1).count(liveCount: 66) == 7)
    }

    @Test func researcherTextsAreUsedOnlyForTheirTasks() {
        let design = ControlDesign(share: 0.2, kinds: [.text], texts: ["t3": "A poor answer."])
        for seed in UInt64(0)..<10 {
            for control in make(rater: "ann", seed: seed, controls: design).items.compactMap({ item in item.control.map { (item.task, $0) } }) {
                #expect(control.1.kind == (control.0 == "t3" ? .text : .cut))
            }
        }
    }
}

struct ControlDegradationTests {
    let paragraphs = "First paragraph, the thesis.\n\nSecond, the objection.\n\nThird, the reply.\n\nFourth, the coda."

    @Test func shufflingIsDeterministicNeverTheOriginalAndKeepsEveryParagraph() {
        var seen: Set<String> = []
        for variant in UInt64(0)..<30 {
            let control = ControlItem(degraded: .b, kind: .shuffle, variant: variant)
            let once = ControlDegradation.degrade(paragraphs, control: control)
            #expect(once == ControlDegradation.degrade(paragraphs, control: control))
            #expect(once != paragraphs)
            #expect(once.components(separatedBy: "\n\n").sorted() == paragraphs.components(separatedBy: "\n\n").sorted())
            seen.insert(once)
        }
        #expect(seen.count > 5)
    }

    @Test func aSingleParagraphIsShuffledBySentence() {
        let text = "One claim. Two reasons! Three doubts? Four."
        let shuffled = ControlDegradation.degrade(text, control: ControlItem(degraded: .a, kind: .shuffle, variant: 9))
        #expect(shuffled != text)
        #expect(Set(shuffled.split(separator: " ")) == Set(text.split(separator: " ")))
    }

    @Test func cuttingKeepsTheFirstThirdOfTheWords() {
        let text = (1...30).map { "w\($0)" }.joined(separator: " ")
        #expect(ControlDegradation.degrade(text, control: ControlItem(degraded: .a, kind: .cut)) == (1...10).map { "w\($0)" }.joined(separator: " "))
        #expect(ControlDegradation.degrade("Two words", control: ControlItem(degraded: .a, kind: .cut)) == "Two")
    }

    @Test func theResearchersTextReplacesTheAnswer() {
        #expect(ControlDegradation.degrade(paragraphs, control: ControlItem(degraded: .a, kind: .text), researcherText: "Bad.") == "Bad.")
    }

    @Test func passedOnlyWhenTheIntactSideIsPreferred() {
        let control = ControlItem(degraded: .b, kind: .cut)
        #expect(control.passed(by: .a))
        #expect(!control.passed(by: .b))
        #expect(!control.passed(by: .tie))
        #expect(!control.passed(by: .bothWeak))
        #expect(!control.passed(by: nil))
        #expect(ControlItem(degraded: .a, kind: .cut).passed(by: .b))
    }
}
