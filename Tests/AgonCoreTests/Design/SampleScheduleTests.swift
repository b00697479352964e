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

    /// Raters with different rotations read different samples of every answer; together, N raters
    /// with N different rotations read every sample of every answer exactly once.
    @Test func ratersWithDifferentRotationsCoverEverySample() {
        let samples = 3
        let tasks = (1...12).map { "t\($0)" }
        var byRotation: [Int: String] = [:]
        var index = 0
        while byRotation.count < samples {
            let rater = "rater\(index)"
            let rotation = SampleAssignment(studyID: "s", taskIDs: tasks, systemIDs: ["a", "b"], rater: rater, seed: 9, samples: samples).rotation
            if byRotation[rotation] == nil { byRotation[rotation] = rater }
            index += 1
        }
        var seen: [String: Int] = [:]
        for rater in byRotation.values {
            let schedule = Schedule.make(studyID: "s", taskIDs: tasks, systemIDs: ["a", "b"], rater: rater, seed: 9,
                                         repeatShare: 0, samples: samples)
            for item in schedule.items {
                seen["\(item.task) \(item.left) \(item.leftSample)", default: 0] += 1
                seen["\(item.task) \(item.right) \(item.rightSample)", default: 0] += 1
            }
        }
        #expect(seen.count == tasks.count * 2 * samples)
        #expect(seen.values.allSatisfy { $0 == 1 })
        // Over many raters the rotations spread evenly.
        var rotations = [Int](repeating: 0, count: samples)
        for rater in 0..<3000 {
            rotations[SampleAssignment(studyID: "s", taskIDs: tasks, systemIDs: ["a", "b"], rater: "r\(rater)", seed: 9, samples: samples).rotation] += 1
        }
        #expect(rotations.allSatisfy { abs($0 - 1000) < 100 }, "\(rotations)")
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

    static let pinnedAnnaThreeSamples = "t3b1a1 t2b3a3 t6b1a1 t5a3b2 t4a2b3 t1a2b2"
}
