/// One blind pair as a rater sees it: a task, the system shown as Answer A (left) and as Answer B,
/// and which of each system's samples is shown (1 when the study has one sample per answer).
public struct ScheduleItem: Equatable, Sendable, Codable, Hashable {
    /// 1-based position in the schedule; the item's id in the journal.
    public var number: Int
    public var task: String
    public var left: String
    public var right: String
    /// For a repeated item, the number of the item it repeats (with sides swapped).
    public var repeatOf: Int?
    public var leftSample: Int
    public var rightSample: Int
    /// Set for a control item (both sides the same system, one side degraded); see `ControlPlacement`.
    public var control: ControlItem?

    public init(number: Int, task: String, left: String, right: String, repeatOf: Int? = nil,
                leftSample: Int = 1, rightSample: Int = 1, control: ControlItem? = nil) {
        self.number = number
        self.task = task
        self.left = left
        self.right = right
        self.repeatOf = repeatOf
        self.leftSample = leftSample
        self.rightSample = rightSample
        self.control = control
    }

    public func sample(of side: Side) -> Int { side == .a ? leftSample : rightSample }

    public var isRepeat: Bool { repeatOf != nil }
}

/// A rater's ordered list of items, derived from (study, rater, seed) and nothing else.
///
/// - Every task × unordered pair of systems appears once.
/// - Sides are balanced per rater: within each pair of systems, each system sits left for half the
///   tasks (one more when the count is odd), so each system is left about half the time.
/// - The order is independent per rater, and the same task is never shown twice in a row when the
///   study has more than one task (with a single task it cannot be avoided).
/// - `repeatShare` of the items are shown again later with sides swapped, at least a few items
///   after the original where the schedule is long enough.
/// - With several samples per answer (see `SampleAssignment`), each item shows one sample of each
///   system (the same sample number of both), the rater's samples are spread evenly over the tasks,
///   and a repeat shows the same two answers again. The samples are drawn from a generator of their own, so a study
///   with one sample per answer gets exactly the schedule it always had.
public struct Schedule: Equatable, Sendable {
    public var items: [ScheduleItem]

    public init(items: [ScheduleItem]) {
        self.items = items
    }

    public var count: Int { items.count }

    public func item(number: Int) -> ScheduleItem? {
        guard number >= 1, number <= items.count else { return nil }
        return items[number - 1]
    }

    public static func make(study: Study, rater: String) -> Schedule {
        make(studyID: study.id, taskIDs: study.tasks.map(\.id), systemIDs: study.systems.map(\.id),
             rater: rater, design: study.design)
    }

    public static func make(studyID: String, taskIDs: [String], systemIDs: [String], rater: String,
                            seed: UInt64, repeatShare: Double, samples: Int = 1) -> Schedule {
        make(studyID: studyID, taskIDs: taskIDs, systemIDs: systemIDs, rater: rater,
             design: StudyDesign(seed: seed, repeatShare: repeatShare, samples: samples))
    }

    public static func make(studyID: String, taskIDs: [String], systemIDs: [String], rater: String,
                            design: StudyDesign) -> Schedule {
        let pairs = design.pairs.pairs(systemIDs: systemIDs, studyID: studyID, seed: design.seed)
        var random = SeededRandom(seed: design.seed, mixing: ["agon-schedule-v1", studyID, rater])
        let base: [Draft]
        var shownTasks = taskIDs
        if let plan = RaterAssignment.plan(design: design, items: taskIDs.count * pairs.count, pairs: pairs.count) {
            let assignment = RaterAssignment(studyID: studyID, taskCount: taskIDs.count, pairCount: pairs.count,
                                             seed: design.seed, budget: plan.budget, shared: plan.shared)
            let items = assignment.items(rater: rater)
            base = balancedSides(items, taskIDs: taskIDs, pairs: pairs, random: &random)
            let seen = Set(items.map(\.task))
            shownTasks = taskIDs.indices.filter(seen.contains).map { taskIDs[$0] }
        } else {
            base = allTasks(taskIDs: taskIDs, pairs: pairs, random: &random)
        }
        var schedule = finish(base, repeatShare: design.repeatShare, random: &random)
        if design.samples > 1 {
            let assignment = SampleAssignment(studyID: studyID, taskIDs: shownTasks, rater: rater, seed: design.seed,
                                              samples: design.samples)
            schedule = Schedule(items: schedule.items.map { item in
                var item = item
                item.leftSample = assignment.sample(task: item.task)
                item.rightSample = item.leftSample
                return item
            })
        }
        guard let controls = design.controls else { return schedule }
        return ControlPlacement.insert(controls, into: schedule, studyID: studyID, rater: rater, seed: design.seed)
    }

    /// Every task for every pair (schedule version 1, unchanged since the first release: with
    /// all pairs it draws exactly what it always drew).
    private static func allTasks(taskIDs: [String], pairs: [SystemPair], random: inout SeededRandom) -> [Draft] {
        var base: [Draft] = []
        for pair in pairs {
            // Half the tasks put the pair's first system on the left; which half is random.
            var order = Array(taskIDs.indices)
            random.shuffle(&order)
            let firstLeftCount = order.count / 2 + (order.count % 2 == 1 ? random.below(2) : 0)
            for (rank, taskIndex) in order.enumerated() {
                let firstOnLeft = rank < firstLeftCount
                base.append(Draft(task: taskIDs[taskIndex], left: firstOnLeft ? pair.first : pair.second,
                                  right: firstOnLeft ? pair.second : pair.first))
            }
        }
        return base
    }

    /// Sides for a rater's share: within each pair, the first system left on half its items, and
    /// the odd ones over shared out so that each system is left as often as right, within one
    /// (see `SideBalance`).
    private static func balancedSides(_ items: [RaterAssignment.Item], taskIDs: [String], pairs: [SystemPair],
                                      random: inout SeededRandom) -> [Draft] {
        var byPair = [[Int]](repeating: [], count: pairs.count)
        for item in items { byPair[item.pair].append(item.task) }
        var systems: [String: Int] = [:]
        for pair in pairs {
            for system in [pair.first, pair.second] where systems[system] == nil { systems[system] = systems.count }
        }
        let firstLeft = SideBalance.firstLeft(pairs: pairs.map { (systems[$0.first]!, systems[$0.second]!) },
                                              counts: byPair.map(\.count), systems: systems.count, random: &random)
        var base: [Draft] = []
        for (index, pair) in pairs.enumerated() {
            var tasks = byPair[index]
            random.shuffle(&tasks)
            for (rank, task) in tasks.enumerated() {
                let firstOnLeft = rank < firstLeft[index]
                base.append(Draft(task: taskIDs[task], left: firstOnLeft ? pair.first : pair.second,
                                  right: firstOnLeft ? pair.second : pair.first))
            }
        }
        return base
    }

    /// Orders the base items, adds the repeats and numbers them.
    private static func finish(_ base: [Draft], repeatShare: Double, random: inout SeededRandom) -> Schedule {
        let baseOrder = arrange(base, random: &random)
        let repeatCount = min(base.count, Int((Double(base.count) * repeatShare).rounded()))
        let order = insertRepeats(count: repeatCount, into: baseOrder, drafts: base, random: &random)

        var numberOfBase: [Int: Int] = [:]
        var items: [ScheduleItem] = []
        for (position, entry) in order.enumerated() {
            let original = base[entry.base]
            if entry.isRepeat {
                items.append(ScheduleItem(number: position + 1, task: original.task, left: original.right,
                                          right: original.left, repeatOf: numberOfBase[entry.base]))
            } else {
                numberOfBase[entry.base] = position + 1
                items.append(ScheduleItem(number: position + 1, task: original.task, left: original.left, right: original.right))
            }
        }
        return Schedule(items: items)
    }

    private struct Draft {
        var task: String
        var left: String
        var right: String
    }

    private struct Entry {
        var base: Int
        var isRepeat: Bool
    }

    /// Orders the items at random, one at a time: the next task is drawn with probability
    /// proportional to the items it has left, never the task just shown — except that the task with
    /// the most items left is taken whenever waiting would leave it no room to stay apart. Then an
    /// item of that task is drawn. A Fenwick tree over the tasks keeps each step logarithmic, so a
    /// study of 10,000 tasks × 6 pairs is ordered in milliseconds.
    private static func arrange(_ drafts: [Draft], random: inout SeededRandom) -> [Int] {
        var taskIndex: [String: Int] = [:]
        var buckets: [[Int]] = []
        for (index, draft) in drafts.enumerated() {
            if let task = taskIndex[draft.task] {
                buckets[task].append(index)
            } else {
                taskIndex[draft.task] = buckets.count
                buckets.append([index])
            }
        }
        var weights = FenwickTree(buckets.map(\.count))
        var tasksByCount: [Int: Set<Int>] = [:]
        for (task, bucket) in buckets.enumerated() { tasksByCount[bucket.count, default: []].insert(task) }
        var largest = buckets.map(\.count).max() ?? 0
        var remaining = drafts.count
        var previous: Int?
        var order: [Int] = []
        order.reserveCapacity(drafts.count)

        while remaining > 0 {
            while largest > 0, tasksByCount[largest]?.isEmpty != false { largest -= 1 }
            var task: Int
            let crowded = tasksByCount[largest]?.first { $0 != previous }
            if largest * 2 > remaining, let crowded {
                task = crowded
            } else {
                let previousWeight = previous.map { weights.weight($0) } ?? 0
                let available = remaining - previousWeight
                if available == 0 {
                    task = previous!  // a single task left: the repeat cannot be avoided
                } else {
                    var draw = random.below(available)
                    if let previous, draw >= weights.prefix(previous) { draw += previousWeight }
                    task = weights.find(draw)
                }
            }
            let bucketCount = buckets[task].count
            let pick = random.below(bucketCount)
            buckets[task].swapAt(pick, bucketCount - 1)
            order.append(buckets[task].removeLast())
            tasksByCount[bucketCount]?.remove(task)
            tasksByCount[bucketCount - 1, default: []].insert(task)
            weights.add(task, -1)
            remaining -= 1
            previous = task
        }
        return order
    }

    /// Shows `count` items a second time, sides swapped, each at a random later place (at least a
    /// few items after the original where the schedule allows) between two items of other tasks, so
    /// the no-task-twice-in-a-row rule still holds. At most one repeat goes into each gap.
    private static func insertRepeats(count: Int, into order: [Int], drafts: [Draft], random: inout SeededRandom) -> [Entry] {
        var sources = Array(order.indices)
        random.shuffle(&sources)
        let gap = min(5, max(1, order.count / 4))
        // slot q = just before order[q]; slot order.count = at the end.
        var repeatAtSlot: [Int: Int] = [:]
        var placed = 0
        for position in sources where placed < count {
            let task = drafts[order[position]].task
            let first = position + gap
            guard first <= order.count else { continue }
            func fits(_ slot: Int) -> Bool {
                repeatAtSlot[slot] == nil && drafts[order[slot - 1]].task != task
                    && (slot == order.count || drafts[order[slot]].task != task)
            }
            var chosen: Int?
            for _ in 0..<16 {
                let slot = first + random.below(order.count - first + 1)
                if fits(slot) { chosen = slot; break }
            }
            if chosen == nil { chosen = (first...order.count).first(where: fits) }
            guard let slot = chosen else { continue }
            repeatAtSlot[slot] = order[position]
            placed += 1
        }
        var entries: [Entry] = []
        entries.reserveCapacity(order.count + placed)
        for slot in 0...order.count {
            if let repeated = repeatAtSlot[slot] { entries.append(Entry(base: repeated, isRepeat: true)) }
            if slot < order.count { entries.append(Entry(base: order[slot], isRepeat: false)) }
        }
        return entries
    }
}
