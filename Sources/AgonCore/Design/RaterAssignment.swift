/// Which items one rater judges when the design gives each rater a budget (`items_per_rater`)
/// smaller than every task × compared pair.
///
/// An item is a task and a compared pair. Two parts make up a rater's share:
/// - the **shared items**, drawn once from the study and its seed and judged by every rater: any
///   two raters, whoever they are and whenever they join, have at least these in common, which is
///   what inter-rater agreement needs;
/// - the rater's **own items**, the rest of the budget, drawn from the rater's name and the seed
///   alone (never from who else rates), so that a rater who joins later changes no one's share, and
///   any rater can compute their own. Across raters every item is equally likely, so with R raters
///   each non-shared item is judged by R × own / (items − shared) raters on average.
///
/// Both parts are balanced: each pair gets the same number of a rater's items (±1, which pairs get
/// the one more is drawn), and within a pair the tasks are the least used so far by this rater, so a
/// rater sees as many different tasks as the budget allows.
public struct RaterAssignment: Sendable {
    public struct Item: Hashable, Sendable {
        public var task: Int
        public var pair: Int
    }

    public let taskCount: Int
    public let pairCount: Int
    public let budget: Int
    public let shared: [Item]
    private let studyID: String
    private let seed: UInt64

    /// Fewer shared items than this leave agreement between two raters resting on too few units.
    public static let agreementUnits = 10

    /// The shared items when the study does not say: the fewest whole rounds of the pairs that
    /// reach `agreementUnits`, at most half the budget.
    public static func defaultShared(budget: Int, pairs: Int) -> Int {
        min(budget / 2, sharedRounds(pairs: pairs))
    }

    static func sharedRounds(pairs: Int) -> Int {
        guard pairs > 0 else { return 0 }
        return (agreementUnits + pairs - 1) / pairs * pairs
    }

    /// The budget and the shared items the design asks for; nil when every rater judges every item.
    /// With `items_per_rater` B: B, and `shared_items` or the default. With `raters_per_item` k over
    /// a panel of R: the shared items (judged by all R) plus enough of the rest for each of those to
    /// be judged by k raters on average, (items − shared) × k / R rounded up.
    public static func plan(design: StudyDesign, items: Int, pairs: Int) -> (budget: Int, shared: Int)? {
        if let wanted = design.itemsPerRater {
            let budget = min(wanted, items)
            return (budget, min(budget, design.sharedItems ?? defaultShared(budget: budget, pairs: pairs)))
        }
        guard let perItem = design.ratersPerItem, let panel = design.panelSize, panel > 0 else { return nil }
        let shared = min(items, design.sharedItems ?? min(items / 2, sharedRounds(pairs: pairs)))
        let own = ((items - shared) * perItem + panel - 1) / panel
        return (min(items, shared + own), shared)
    }

    public init(studyID: String, taskCount: Int, pairCount: Int, seed: UInt64, budget: Int, shared: Int) {
        self.studyID = studyID
        self.seed = seed
        self.taskCount = taskCount
        self.pairCount = pairCount
        self.budget = min(budget, taskCount * pairCount)
        var random = SeededRandom(seed: seed, mixing: ["agon-shared-v1", studyID])
        let sharedCount = min(shared, self.budget)
        var use = [Int](repeating: 0, count: taskCount)
        var quota = [Int](repeating: sharedCount / max(pairCount, 1), count: pairCount)
        var extra = Array(0..<pairCount)
        random.shuffle(&extra)
        for pair in extra.prefix(sharedCount % max(pairCount, 1)) { quota[pair] += 1 }
        self.shared = Self.pick(quota: quota, tasks: taskCount, excluded: [], use: &use, random: &random)
    }

    /// The rater's items: the shared ones first, then their own, in no particular order (the
    /// schedule arranges them).
    public func items(rater: String) -> [Item] {
        var random = SeededRandom(seed: seed, mixing: ["agon-assignment-v1", studyID, rater])
        var use = [Int](repeating: 0, count: taskCount)
        for item in shared { use[item.task] += 1 }
        // Each pair gets budget / pairs items in all, or one more; the pairs that have one more
        // among the shared items must be among those, the rest are drawn.
        var sharedPerPair = [Int](repeating: 0, count: pairCount)
        for item in shared { sharedPerPair[item.pair] += 1 }
        let each = budget / max(pairCount, 1)
        var mustHaveMore = (0..<pairCount).filter { sharedPerPair[$0] > each }
        var others = (0..<pairCount).filter { sharedPerPair[$0] <= each }
        random.shuffle(&others)
        mustHaveMore += others
        var quota = [Int](repeating: each, count: pairCount)
        for pair in mustHaveMore.prefix(budget % max(pairCount, 1)) { quota[pair] += 1 }
        for pair in 0..<pairCount { quota[pair] = max(0, quota[pair] - sharedPerPair[pair]) }
        let own = Self.pick(quota: quota, tasks: taskCount, excluded: Set(shared), use: &use, random: &random)
        return shared + own
    }

    /// `quota[pair]` items of each pair, each pair's tasks the least used so far (ties in a drawn
    /// order), round by round so that no pair runs ahead.
    private static func pick(quota: [Int], tasks: Int, excluded: Set<Item>, use: inout [Int],
                             random: inout SeededRandom) -> [Item] {
        var quota = quota
        let pairs = quota.count
        guard pairs > 0, tasks > 0, quota.contains(where: { $0 > 0 }) else { return [] }
        var preference: [[Int]] = []
        for pair in 0..<pairs {
            var order = (0..<tasks).filter { !excluded.contains(Item(task: $0, pair: pair)) }
            random.shuffle(&order)
            preference.append(order)
            quota[pair] = min(quota[pair], order.count)
        }
        var visitOrder = Array(0..<pairs)
        random.shuffle(&visitOrder)
        var picked: [Item] = []
        var taken = [Set<Int>](repeating: [], count: pairs)
        var round = 0
        while picked.count < quota.reduce(0, +) {
            for pair in visitOrder where quota[pair] > round {
                var best: Int?
                for task in preference[pair] where !taken[pair].contains(task) {
                    if best == nil || use[task] < use[best!] { best = task }
                    if use[task] == 0 { break }
                }
                guard let task = best else { continue }
                taken[pair].insert(task)
                use[task] += 1
                picked.append(Item(task: task, pair: pair))
            }
            round += 1
        }
        return picked
    }
}
