import Foundation
import Testing
@testable import AgonCore

struct ScheduleTests {
    static let systems = [["a", "b"], ["a", "b", "c"], ["a", "b", "c", "d"]]

    func make(tasks: Int, systems: [String], rater: String, seed: UInt64, share: Double = 0.1) -> Schedule {
        Schedule.make(studyID: "s", taskIDs: (1...tasks).map { "t\($0)" }, systemIDs: systems, rater: rater,
                      seed: seed, repeatShare: share)
    }

    @Test(arguments: systems)
    func propertiesHoldOverManySeeds(systems: [String]) {
        for seed in UInt64(0)..<60 {
            for tasks in [2, 3, 7, 19] {
                let schedule = make(tasks: tasks, systems: systems, rater: "r\(seed % 5)", seed: seed)
                let pairs = systems.count * (systems.count - 1) / 2
                let base = schedule.items.filter { !$0.isRepeat }
                let repeats = schedule.items.filter(\.isRepeat)

                // Every task × pair exactly once.
                #expect(base.count == tasks * pairs)
                let keys = Set(base.map { "\($0.task)|\([$0.left, $0.right].sorted())" })
                #expect(keys.count == tasks * pairs)

                // Numbering is the position.
                #expect(schedule.items.map(\.number) == Array(1...schedule.count))

                // Never the same task twice in a row.
                for (previous, next) in zip(schedule.items, schedule.items.dropFirst()) {
                    #expect(previous.task != next.task, "seed \(seed), \(tasks) tasks: \(previous.task) twice at \(next.number)")
                }

                // Sides balanced: within each pair, each system left for half the tasks (±1 when odd).
                for first in systems.indices {
                    for second in (first + 1)..<systems.count {
                        let pairItems = base.filter { Set([$0.left, $0.right]) == Set([systems[first], systems[second]]) }
                        let firstLeft = pairItems.filter { $0.left == systems[first] }.count
                        #expect(abs(firstLeft * 2 - pairItems.count) <= 1)
                    }
                }

                // Repeats: the configured share, later than the original, sides swapped.
                #expect(repeats.count == Int((Double(base.count) * 0.1).rounded()))
                for item in repeats {
                    let original = schedule.item(number: item.repeatOf!)!
                    #expect(original.number < item.number)
                    #expect(!original.isRepeat)
                    #expect(original.task == item.task && original.left == item.right && original.right == item.left)
                }
            }
        }
    }

    @Test func eachSystemIsLeftAboutHalfTheTime() {
        let schedule = make(tasks: 19, systems: ["a", "b", "c", "d"], rater: "anna", seed: 3, share: 0)
        for system in ["a", "b", "c", "d"] {
            let shown = schedule.items.filter { $0.left == system || $0.right == system }
            let left = shown.filter { $0.left == system }.count
            #expect(abs(Double(left) / Double(shown.count) - 0.5) < 0.06, "\(system): \(left) of \(shown.count)")
        }
    }

    @Test func deterministicAndIndependentPerRater() {
        let first = make(tasks: 19, systems: ["a", "b"], rater: "anna", seed: 42)
        #expect(first == make(tasks: 19, systems: ["a", "b"], rater: "anna", seed: 42))
        let other = make(tasks: 19, systems: ["a", "b"], rater: "boris", seed: 42)
        #expect(first.items.map(\.task) != other.items.map(\.task))
        #expect(first != make(tasks: 19, systems: ["a", "b"], rater: "anna", seed: 43))
    }

    /// Pinned output: a change here means every existing session would get a different schedule on
    /// resume. Change it only with a new schedule version in the seed mix.
    @Test func stableAcrossMachinesAndReleases() {
        let schedule = make(tasks: 5, systems: ["a", "b"], rater: "anna", seed: 1, share: 0.2)
        let rendered = schedule.items.map { "\($0.task)\($0.left)\($0.right)\($0.repeatOf.map { "r\($0)" } ?? "")" }
        #expect(rendered.joined(separator: " ") == Self.pinnedAnna)
        var random = SeededRandom(seed: 1)
        #expect((0..<3).map { _ in random.next() } == [0x910a_2dec_8902_5cc1, 0xbeeb_8da1_658e_ec67, 0xf893_a2ee_fb32_555e])
    }

    static let pinnedAnna = "t2ab t5ba t3ba t4ab t3abr3 t1ab"

    @Test func singleTaskCannotAvoidRepeatsButStillWorks() {
        let schedule = make(tasks: 1, systems: ["a", "b", "c"], rater: "r", seed: 1, share: 0)
        #expect(schedule.count == 3)
    }

    @Test func boundedDrawsAreUniform() {
        var random = SeededRandom(seed: 99)
        var counts = [Int](repeating: 0, count: 7)
        for _ in 0..<70_000 { counts[random.below(7)] += 1 }
        for count in counts { #expect(abs(count - 10_000) < 400) }
    }
}
