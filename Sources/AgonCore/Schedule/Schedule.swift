/// One blind pair as a rater sees it: a task, the system shown as Answer A (left) and as Answer B.
public struct ScheduleItem: Equatable, Sendable, Codable, Hashable {
    /// 1-based position in the schedule; the item's id in the journal.
    public var number: Int
    public var task: String
    public var left: String
    public var right: String
    /// For a repeated item, the number of the item it repeats (with sides swapped).
    public var repeatOf: Int?

    public init(number: Int, task: String, left: String, right: String, repeatOf: Int? = nil) {
        self.number = number
        self.task = task
        self.left = left
        self.right = right
        self.repeatOf = repeatOf
    }

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
             rater: rater, seed: study.design.seed, repeatShare: study.design.repeatShare)
    }

    public static func make(studyID: String, taskIDs: [String], systemIDs: [String], rater: String,
                            seed: UInt64, repeatShare: Double) -> Schedule {
        var random = SeededRandom(seed: seed, mixing: ["agon-schedule-v1", studyID, rater])
        var pairs: [(String, String)] = []
        for first in 0..<systemIDs.count {
            for second in (first + 1)..<max(first + 1, systemIDs.count) {
                pairs.append((systemIDs[first], systemIDs[second]))
            }
        }

        var base: [Draft] = []
        for (pairIndex, pair) in pairs.enumerated() {
            // Half the tasks put the pair's first system on the left; which half is random.
            var order = Array(taskIDs.indices)
            random.shuffle(&order)
            let firstLeftCount = order.count / 2 + (order.count % 2 == 1 ? random.below(2) : 0)
            for (rank, taskIndex) in order.enumerated() {
                let firstOnLeft = rank < firstLeftCount
                base.append(Draft(task: taskIDs[taskIndex], left: firstOnLeft ? pair.0 : pair.1,
                                  right: firstOnLeft ? pair.1 : pair.0, pairIndex: pairIndex, original: nil))
            }
        }

        let repeatCount = min(base.count, Int((Double(base.count) * repeatShare).rounded()))
        var repeatSources = Array(base.indices)
        random.shuffle(&repeatSources)
        var drafts = base
        for source in repeatSources.prefix(repeatCount) {
            let original = base[source]
            drafts.append(Draft(task: original.task, left: original.right, right: original.left,
                                pairIndex: original.pairIndex, original: source))
        }
        let order = arrange(drafts, random: &random)

        var numberOfDraft: [Int: Int] = [:]
        var items: [ScheduleItem] = []
        for (position, draftIndex) in order.enumerated() {
            numberOfDraft[draftIndex] = position + 1
            let draft = drafts[draftIndex]
            items.append(ScheduleItem(number: position + 1, task: draft.task, left: draft.left, right: draft.right,
                                      repeatOf: draft.original.flatMap { numberOfDraft[$0] }))
        }
        return Schedule(items: items)
    }

    private struct Draft {
        var task: String
        var left: String
        var right: String
        var pairIndex: Int
        /// Index in the draft list of the item this one repeats.
        var original: Int?
    }

    /// Orders the drafts at random, one at a time, under three constraints: never the task just
    /// shown; a repeat only after its original (and preferably some distance after); and, to avoid a
    /// dead end, the task with the most items left is taken whenever waiting would make it impossible
    /// to keep it apart.
    private static func arrange(_ drafts: [Draft], random: inout SeededRandom) -> [Int] {
        let minimumRepeatGap = min(5, max(1, drafts.count / 4))
        var remaining = Set(drafts.indices)
        var remainingPerTask: [String: Int] = [:]
        for draft in drafts { remainingPerTask[draft.task, default: 0] += 1 }
        var placedAt: [Int: Int] = [:]
        var order: [Int] = []
        var previousTask: String?

        while !remaining.isEmpty {
            let position = order.count
            let candidates = remaining.sorted()
            func ready(_ index: Int, gap: Int) -> Bool {
                guard let original = drafts[index].original else { return true }
                guard let placed = placedAt[original] else { return false }
                return position - placed >= gap
            }
            // The task that could run out of places to go if it is not taken now.
            let left = remaining.count
            let crowded = remainingPerTask.filter { $0.value > 0 && $0.value * 2 > left }
                .max { $0.value < $1.value }?.key
            var pool = candidates.filter { drafts[$0].task != previousTask && ready($0, gap: minimumRepeatGap) }
            if pool.isEmpty { pool = candidates.filter { drafts[$0].task != previousTask && ready($0, gap: 1) } }
            if pool.isEmpty { pool = candidates.filter { ready($0, gap: 1) } }
            if let crowded {
                let forced = pool.filter { drafts[$0].task == crowded }
                if !forced.isEmpty { pool = forced }
            }
            let chosen = pool[random.below(pool.count)]
            remaining.remove(chosen)
            remainingPerTask[drafts[chosen].task, default: 0] -= 1
            placedAt[chosen] = position
            order.append(chosen)
            previousTask = drafts[chosen].task
        }
        return order
    }
}
