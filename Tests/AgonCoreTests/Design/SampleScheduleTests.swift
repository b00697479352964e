import Foundation
import Testing
@testable import AgonCore

/// Schedules of studies with several samples per answer.
struct SampleScheduleTests {
    func make(tasks: Int, systems: [String], rater: String, seed: UInt64, samples: Int, share: Double = 0.1) -> Schedule {
        Schedule.make(studyID: "s", taskIDs: (1...tasks).map { "t\($0)" }, systemIDs: systems, rater: rater,
                      seed: seed, repeatShare: share, samples: samples)
    }

    @Test(arguments: [2, 3, 5])
    func eachRaterSeesEverySampleEvenlyOverManySeeds(samples: Int) {
        for systems in [["a", "b"], ["a", "b", "c"]] {
            for seed in UInt64(0)..<40 {
                for tasks in [3, 7, 19, 30] {
                    let rater = "r\(seed % 7)"
                    let schedule = make(tasks: tasks, systems: systems, rater: rater, seed: seed, samples: samples)
                    let base = schedule.items.filter { !$0.isRepeat }
                    for system in systems {
                        // Per task: the system's answer is shown in one sample only, whatever the pair.
                        var sampleOfTask: [String: Int] = [:]
                        for item in base {
                            for side in Side.allCases where (side == .a ? item.left : item.right) == system {
                                let sample = item.sample(of: side)
                                #expect((1...samples).contains(sample))
                                #expect(sampleOfTask[item.task].map { $0 == sample } ?? true,
                                        "seed \(seed): \(system) on \(item.task) in two samples")
                                sampleOfTask[item.task] = sample
                            }
                        }
                        // Over the tasks, each sample is shown equally often, ±1.
                        var counts = [Int](repeating: 0, count: samples)
                        for sample in sampleOfTask.values { counts[sample - 1] += 1 }
                        #expect(counts.max()! - counts.min()! <= 1, "seed \(seed), \(tasks) tasks, \(system): \(counts)")
                    }
                    // A repeat shows the same two answers again, sides swapped.
                    for item in schedule.items where item.isRepeat {
                        let original = schedule.item(number: item.repeatOf!)!
                        #expect(item.leftSample == original.rightSample && item.rightSample == original.leftSample)
                    }
                }
            }
        }
    }

    /// The sides, order and repeats do not depend on the samples: only which answer is shown does.
    @Test func samplesLeaveTheRestOfTheScheduleAlone() {
        for seed in UInt64(0)..<20 {
            let single = make(tasks: 11, systems: ["a", "b", "c"], rater: "anna", seed: seed, samples: 1)
            let sampled = make(tasks: 11, systems: ["a", "b", "c"], rater: "anna", seed: seed, samples: 4)
            #expect(single.items.map { [$0.task, $0.left, $0.right, "\($0.repeatOf ?? 0)"] }
                == sampled.items.map { [$0.task, $0.left, $0.right, "\($0.repeatOf ?? 0)"] })
            #expect(single.items.allSatisfy { $0.leftSample == 1 && $0.rightSample == 1 })
        }
        // And a single-sample study keeps its pinned schedule.
        let pinned = make(tasks: 5, systems: ["a", "b"], rater: "anna", seed: 1, samples: 1, share: 0.2)
        let rendered = pinned.items.map { "\($0.task)\($0.left)\($0.right)\($0.repeatOf.map { "r\($0)" } ?? "")" }
        #expect(rendered.joined(separator: " ") == ScheduleTests.pinnedAnna)
    }

    /// Across raters: any two raters read the same texts on about 1/N of the tasks (agreement always
    /// has units in common), and every sample of every answer is read by about 1/N of the raters.
    @Test func ratersShareSomeTextsAndTogetherCoverEverySample() {
        let samples = 3
        let tasks = (1...30).map { "t\($0)" }
        let raters = (0..<600).map { "rater\($0)" }
        let read = raters.map { rater in
            Dictionary(uniqueKeysWithValues: Schedule.make(studyID: "s", taskIDs: tasks, systemIDs: ["a", "b"], rater: rater, seed: 9,
                                                           repeatShare: 0, samples: samples).items.map { ($0.task, $0.leftSample) })
        }
        // Every item pairs the same sample number of both systems.
        for rater in raters.prefix(20) {
            let schedule = Schedule.make(studyID: "s", taskIDs: tasks, systemIDs: ["a", "b", "c"], rater: rater, seed: 9,
                                         repeatShare: 0.1, samples: samples)
            #expect(schedule.items.allSatisfy { $0.leftSample == $0.rightSample })
        }
        // Pairs of raters: shared tasks average 30/3 = 10 and are never none.
        var shared: [Int] = []
        for first in 0..<40 {
            for second in (first + 1)..<40 {
                shared.append(tasks.filter { read[first][$0] == read[second][$0] }.count)
            }
        }
        let mean = Double(shared.reduce(0, +)) / Double(shared.count)
        #expect(abs(mean - 10) < 0.6, "mean shared tasks \(mean)")
        #expect(shared.min()! > 0)
        // Coverage: each (task, sample) read by about 600 / 3 = 200 raters.
        for task in tasks {
            var counts = [Int](repeating: 0, count: samples)
            for rater in read { counts[rater[task]! - 1] += 1 }
            #expect(counts.allSatisfy { abs($0 - 200) < 45 }, "\(task): \(counts)")
        }
        // With fewer tasks than samples, raters still spread over every sample.
        var firstTask = [Int](repeating: 0, count: 5)
        for rater in raters {
            firstTask[SampleAssignment(studyID: "s", taskIDs: ["only"], rater: rater, seed: 9, samples: 5).sample(task: "only") - 1] += 1
        }
        #expect(firstTask.allSatisfy { $0 > 80 }, "\(firstTask)")
    }

    /// A schedule is a function of (study, seed, rater): nothing about other raters enters it, so a
    /// rater who joins later changes no one's schedule; and the pairing of samples is pinned.
    @Test func deterministicPerRaterAndPinned() {
        let anna = make(tasks: 6, systems: ["a", "b"], rater: "anna", seed: 5, samples: 3, share: 0)
        _ = make(tasks: 6, systems: ["a", "b"], rater: "boris", seed: 5, samples: 3, share: 0)
        #expect(anna == make(tasks: 6, systems: ["a", "b"], rater: "anna", seed: 5, samples: 3, share: 0))
        let rendered = anna.items.map { "\($0.task)\($0.left)\($0.leftSample)\($0.right)\($0.rightSample)" }
        #expect(rendered.joined(separator: " ") == Self.pinnedAnnaThreeSamples, "\(rendered.joined(separator: " "))")
        // Other seeds give other pairings.
        let other = make(tasks: 6, systems: ["a", "b"], rater: "anna", seed: 6, samples: 3, share: 0)
        #expect(other.items.map { [$0.leftSample, $0.rightSample] } != anna.items.map { [$0.leftSample, $0.rightSample] })
    }

    static let pinnedAnnaThreeSamples = "t3b2a2 t2b3a3 t6b2a2 t5a3b3 t4a1b1 t1a1b1"
}
