/// Who judges which contrast on which task, as a study's own design will have it, for `agon plan`:
/// the pairs the design compares (all, its contrasts, or its sparse pairs), and — when the design
/// gives each rater a budget — the tasks on which each rater of a panel judges each pair, read from
/// the very schedules those raters would get (`Schedule.make`, repeats left out). Planning with
/// every pair while the study compares twelve, or with every task while a rater sees five of them,
/// would promise a power the study cannot have.
///
/// The panel is the study's roster, then placeholder names (`rater-1` …) as in `DesignFacts`; a
/// rater's share depends only on the name, so the first R raters of a larger panel are the panel of
/// R. With `raters_per_item` the budget is the one derived for the study's declared panel, kept
/// fixed while the planner tries other panel sizes.
public struct PlannedJudgements: Sendable {
    public var pairDesign: String
    public var pairs: [SystemPair]
    /// Base items a rater judges; nil when every rater judges every task × compared pair.
    public var budget: Int?
    /// `tasks[pair][rater]`: the task indices on which rater r judges the pair; nil without a budget.
    public var tasks: [SystemPair: [[Int]]]?

    public init(study: Study, raters: Int) {
        var design = study.design
        let systemIDs = study.systems.map(\.id)
        pairs = design.pairs.pairs(systemIDs: systemIDs, studyID: study.id, seed: design.seed)
        pairDesign = design.pairs.summary
        let plan = RaterAssignment.plan(design: design, items: study.tasks.count * pairs.count, pairs: pairs.count)
        budget = plan?.budget
        guard let plan else {
            tasks = nil
            return
        }
        // Fix the budget so that more raters add judgements instead of thinning every rater's share.
        design.itemsPerRater = plan.budget
        design.sharedItems = plan.shared
        var fixed = study
        fixed.design = design
        var names = design.roster.prefix(raters).map { $0 }
        var next = 1
        while names.count < raters {
            let name = "rater-\(next)"
            next += 1
            if !names.contains(name) { names.append(name) }
        }
        let taskIndex = Dictionary(study.tasks.enumerated().map { ($0.element.id, $0.offset) }) { first, _ in first }
        var table: [SystemPair: [[Int]]] = Dictionary(uniqueKeysWithValues: pairs.map { ($0, [[Int]](repeating: [], count: names.count)) })
        for (rater, name) in names.enumerated() {
            for item in Schedule.make(study: fixed, rater: name).items where !item.isRepeat {
                guard let task = taskIndex[item.task] else { continue }
                let pair = table[SystemPair(item.left, item.right)] != nil ? SystemPair(item.left, item.right) : SystemPair(item.right, item.left)
                table[pair]?[rater].append(task)
            }
        }
        tasks = table
    }

    /// The pair as the design lists it (either order), nil when the design never compares it.
    public func designed(_ first: String, _ second: String) -> SystemPair? {
        pairs.first { $0 == SystemPair(first, second) || $0 == SystemPair(second, first) }
    }

    /// Rater r's tasks for the pair, oriented or not; nil: every task (no budget, or a pair outside
    /// the design, planned as if every rater judged it on every task).
    public func raterTasks(_ first: String, _ second: String) -> [[Int]]? {
        guard let pair = designed(first, second) else { return nil }
        return tasks?[pair]
    }

    /// What a rater judges, for the plan's first line: "every compared pair on every task once", or
    /// the budget and how many items of each contrast one of `raters` raters gets.
    public func share(raters: Int, tasks taskCount: Int) -> String {
        guard let budget, let tasks else {
            return "each rater judges every compared pair on every task once (\(taskCount) judgements a pair a rater)"
        }
        let counts = tasks.values.flatMap { $0.prefix(raters).map(\.count) }
        let low = counts.min() ?? 0, high = counts.max() ?? 0
        return "each rater judges \(budget) of the \(taskCount * pairs.count) items (the design's budget): \(low == high ? "\(low)" : "\(low)–\(high)") of each pair, on tasks drawn by the study's own schedules"
    }
}
