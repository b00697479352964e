import Testing
@testable import AgonCore

/// Designs with a budget: each rater judges part of task × pair, and the balance, overlap and
/// late-joining properties hold for any seed.
struct RaterAssignmentTests {
    static let families = ["l70", "l7", "m70", "m7", "q72", "q7"]
    static let contrasts: [SystemPair] = [SystemPair("l70", "l7"), SystemPair("m70", "m7"), SystemPair("q72", "q7"),
                                          SystemPair("l70", "m70"), SystemPair("m70", "q72"), SystemPair("q72", "l70")]

    static func tasks(_ count: Int) -> [String] { (1...count).map { "t\($0)" } }

    func schedule(_ design: StudyDesign, rater: String, systems: [String] = families, tasks: Int = 20) -> Schedule {
        Schedule.make(studyID: "study", taskIDs: Self.tasks(tasks), systemIDs: systems, rater: rater, design: design)
    }

    static func pairKey(_ item: ScheduleItem) -> String { [item.left, item.right].sorted().joined(separator: "|") }

    @Test func balanceAndOverlapHoldOverManySeeds() {
        let designs: [(PairDesign, [String])] = [(.contrasts(Self.contrasts), Self.families),
                                                 (.sparse(degree: 3), PairDesignTests.systems(9)),
                                                 (.all, ["a", "b", "c", "d"])]
        for (pairDesign, systems) in designs {
            for seed in UInt64(0)..<25 {
                for budget in [13, 24, 37] {
                    let design = StudyDesign(seed: seed, repeatShare: 0.1, pairs: pairDesign, itemsPerRater: budget)
                    let pairs = pairDesign.pairs(systemIDs: systems, studyID: "study", seed: seed)
                    guard budget >= pairs.count else { continue }
                    let raters = ["anna", "boris", "chen", "dilnoza", "eve", "farid"]
                    var shares: [Set<String>] = []
                    for rater in raters {
                        let items = schedule(design, rater: rater, systems: systems).items
                        let base = items.filter { !$0.isRepeat }
                        #expect(base.count == budget, "\(pairDesign) seed \(seed): \(base.count) items, budget \(budget)")
                        // No item twice, and only the design's pairs.
                        let keys = base.map { "\($0.task)|\(Self.pairKey($0))" }
                        #expect(Set(keys).count == keys.count)
                        let allowed = Set(pairs.map { [$0.first, $0.second].sorted().joined(separator: "|") })
                        #expect(base.allSatisfy { allowed.contains(Self.pairKey($0)) })
                        // Every pair equally often for this rater (±1).
                        var perPair: [String: Int] = Dictionary(uniqueKeysWithValues: allowed.map { ($0, 0) })
                        for item in base { perPair[Self.pairKey(item), default: 0] += 1 }
                        #expect(perPair.values.max()! - perPair.values.min()! <= 1, "\(perPair)")
                        // Each system left and right equally often (within one), and within each pair.
                        for system in systems {
                            let left = base.filter { $0.left == system }.count
                            let right = base.filter { $0.right == system }.count
                            #expect(abs(left - right) <= 1, "\(rater) seed \(seed): \(system) left \(left), right \(right)")
                        }
                        for pair in pairs {
                            let shown = base.filter { Set([$0.left, $0.right]) == Set([pair.first, pair.second]) }
                            let firstLeft = shown.filter { $0.left == pair.first }.count
                            #expect(abs(firstLeft * 2 - shown.count) <= 1)
                        }
                        // Tasks spread: no task more than its fair share plus one.
                        var perTask: [String: Int] = [:]
                        for item in base { perTask[item.task, default: 0] += 1 }
                        #expect(perTask.values.max()! <= (budget + 19) / 20 + 1)
                        // Repeats as before: the share, later, sides swapped.
                        for item in items where item.isRepeat {
                            let original = items[item.repeatOf! - 1]
                            #expect(original.number < item.number && original.left == item.right && original.task == item.task)
                        }
                        shares.append(Set(keys))
                    }
                    // Any two raters share at least the shared items.
                    let shared = RaterAssignment.defaultShared(budget: budget, pairs: pairs.count)
                    for first in shares.indices {
                        for second in shares.indices where second > first {
                            #expect(shares[first].intersection(shares[second]).count >= shared)
                        }
                    }
                }
            }
        }
    }

    /// A rater's items depend on the study, the seed and the name alone: the schedules of the first
    /// raters are the same whether or not others join later, and whatever order they join in.
    @Test func aLateJoinerChangesNoOnesSchedule() {
        let design = StudyDesign(seed: 11, pairs: .contrasts(Self.contrasts), itemsPerRater: 30, expectedRaters: 4)
        let early = ["anna", "boris", "chen"].map { schedule(design, rater: $0) }
        _ = ["dilnoza", "eve"].map { schedule(design, rater: $0) }
        let again = ["chen", "anna", "boris"].map { schedule(design, rater: $0) }
        #expect(early == [again[1], again[2], again[0]])
        // A bigger expected panel (the researcher recruits more) does not move anyone either, when
        // the budget is given.
        var more = design
        more.expectedRaters = 40
        #expect(early[0] == schedule(more, rater: "anna"))
        // And raters differ from one another beyond the shared items.
        let keys = early.map { Set($0.items.map { "\($0.task)|\(Self.pairKey($0))" }) }
        #expect(keys[0] != keys[1] && keys[0].intersection(keys[1]).count < 30)
    }

    @Test func ratersPerItemSetsTheBudgetFromThePanel() {
        let design = StudyDesign(seed: 2, pairs: .contrasts(Self.contrasts), ratersPerItem: 3, expectedRaters: 10)
        // 20 tasks × 6 contrasts = 120 items; 12 shared (two rounds of the pairs), and the other 108
        // judged by 3 of the 10 raters on average: 12 + 108 × 3 / 10 (rounded up) = 45 items a rater.
        let plan = RaterAssignment.plan(design: design, items: 120, pairs: 6)
        #expect(plan?.budget == 45 && plan?.shared == 12)
        #expect(schedule(design, rater: "anna").items.filter { !$0.isRepeat }.count == 45)
        // Over a panel of 10 the items not shared are judged by 3 raters on average.
        var judged: [String: Int] = [:]
        for rater in (1...10).map({ "r\($0)" }) {
            for item in schedule(design, rater: rater).items where !item.isRepeat { judged["\(item.task)|\(Self.pairKey(item))", default: 0] += 1 }
        }
        let own = judged.values.filter { $0 < 10 }
        #expect(abs(Double(own.reduce(0, +)) / 108 - 3) < 0.2)
    }

    /// With contrasts and no budget, every rater judges every task for every contrast once, sides
    /// balanced within each contrast, as for a study of all pairs.
    @Test func contrastsWithoutBudgetCoverEveryTaskOnce() {
        let design = StudyDesign(seed: 4, pairs: .contrasts(Self.contrasts))
        let base = schedule(design, rater: "anna", tasks: 7).items.filter { !$0.isRepeat }
        #expect(base.count == 7 * Self.contrasts.count)
        #expect(Set(base.map { "\($0.task)|\(Self.pairKey($0))" }).count == base.count)
    }

    /// All pairs, no budget: the very schedule of the first release (the pinned one).
    @Test func theCompleteDesignIsUnchanged() {
        let design = StudyDesign(seed: 1, repeatShare: 0.2)
        let rendered = Schedule.make(studyID: "s", taskIDs: Self.tasks(5), systemIDs: ["a", "b"], rater: "anna", design: design).items
            .map { "\($0.task)\($0.left)\($0.right)\($0.repeatOf.map { "r\($0)" } ?? "")" }
        #expect(rendered.joined(separator: " ") == ScheduleTests.pinnedAnna)
    }

    /// With several samples, a rater's samples spread evenly over the tasks the rater sees.
    @Test func samplesSpreadOverTheRatersTasks() {
        let design = StudyDesign(seed: 8, samples: 3, pairs: .contrasts(Self.contrasts), itemsPerRater: 24)
        for rater in ["anna", "boris", "chen"] {
            let items = schedule(design, rater: rater, tasks: 30).items
            var sampleOfTask: [String: Int] = [:]
            for item in items {
                #expect(item.leftSample == item.rightSample)
                if let known = sampleOfTask[item.task] { #expect(known == item.leftSample) }
                sampleOfTask[item.task] = item.leftSample
            }
            var perSample = [Int](repeating: 0, count: 3)
            for sample in sampleOfTask.values { perSample[sample - 1] += 1 }
            #expect(perSample.max()! - perSample.min()! <= 1, "\(rater): \(perSample)")
        }
    }
}
