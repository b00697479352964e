/// What a study's design gives, computed from the very schedules raters will get, for `agon
/// validate` to print before anyone is recruited: items per rater, judgements per pair, raters per
/// item and the overlap between raters over the expected panel, and whether the compared pairs
/// connect every system.
///
/// The panel is the study's roster, or `expected_raters` placeholder names (`rater-1` …), or, when
/// the study says neither, `assumedPanel` placeholders. Over placeholders the figures are one draw
/// of what a real panel of that size gets (a rater's items depend on the name).
public struct DesignFacts: Sendable {
    public var pairDesign: String
    public var pairs: [SystemPair]
    public var tasks: Int
    /// Base items (task × compared pair) in the design.
    public var items: Int
    public var budget: Int?
    public var shared: Int
    /// `raters_per_item`, the target the budget was derived from (nil when the budget was given).
    public var ratersPerItemTarget: Int?
    public var itemsPerRater: Int
    public var repeatsPerRater: Int
    public var panel: [String]
    public var panelIsAssumed: Bool
    /// Judgements of each pair by the whole panel (base items).
    public var judgementsPerPair: [SystemPair: Int]
    /// Each rater's judgements of each pair: the fewest and most over raters and pairs.
    public var perRaterPerPair: ClosedRange<Int>
    /// Raters per item, over the items judged at all.
    public var ratersPerItem: [Int]
    public var itemsJudged: Int
    /// Items in common, for every two raters of the panel.
    public var overlaps: [Int]
    /// Per rater, left minus right appearances, worst system.
    public var worstSideImbalance: Int
    public var groups: [[String]]
    public var bridges: [SystemPair: (first: [String], second: [String])]
    public var degrees: [String: Int]

    public static let assumedPanel = 5

    public init(study: Study) {
        let design = study.design
        let systemIDs = study.systems.map(\.id)
        let taskIDs = study.tasks.map(\.id)
        pairs = design.pairs.pairs(systemIDs: systemIDs, studyID: study.id, seed: design.seed)
        pairDesign = design.pairs.summary
        tasks = taskIDs.count
        items = tasks * pairs.count
        let taskCount = taskIDs.count
        let pairCount = pairs.count
        let plan = RaterAssignment.plan(design: design, items: taskCount * pairCount, pairs: pairCount)
        budget = plan?.budget
        ratersPerItemTarget = design.itemsPerRater == nil ? design.ratersPerItem : nil
        shared = plan?.shared ?? 0
        if !design.roster.isEmpty {
            panel = design.roster
            panelIsAssumed = false
        } else {
            let size = design.expectedRaters ?? Self.assumedPanel
            panel = (1...max(size, 1)).map { "rater-\($0)" }
            panelIsAssumed = design.expectedRaters == nil
        }
        let graph = DesignGraph(systems: systemIDs, pairs: pairs)
        groups = graph.components
        degrees = graph.degrees
        var bridges: [SystemPair: (first: [String], second: [String])] = [:]
        if case .contrasts = design.pairs {
            for pair in pairs { if let split = graph.bridge(pair) { bridges[pair] = split } }
        }
        self.bridges = bridges

        let pairIndex = Dictionary(pairs.enumerated().map { ($0.element, $0.offset) }) { first, _ in first }
        let taskPosition = Dictionary(taskIDs.enumerated().map { ($0.element, $0.offset) }) { first, _ in first }
        func fastKey(_ item: ScheduleItem) -> Int {
            let pair = pairIndex[SystemPair(item.left, item.right)] ?? pairIndex[SystemPair(item.right, item.left)] ?? 0
            return pair * max(taskCount, 1) + (taskPosition[item.task] ?? 0)
        }
        var raterItems: [Set<Int>] = []
        var perPair = [Int](repeating: 0, count: pairCount)
        var perRaterLow = Int.max, perRaterHigh = 0
        var counts: [Int: Int] = [:]
        var worst = 0
        var repeats = 0
        var perRater = 0
        for rater in panel {
            let schedule = Schedule.make(study: study, rater: rater)
            let base = schedule.items.filter { !$0.isRepeat }
            perRater = base.count
            repeats = schedule.count - base.count
            let keys = base.map(fastKey)
            raterItems.append(Set(keys))
            var mine = [Int](repeating: 0, count: pairCount)
            var lead: [String: Int] = [:]
            for item in base {
                lead[item.left, default: 0] += 1
                lead[item.right, default: 0] -= 1
            }
            worst = max(worst, lead.values.map(abs).max() ?? 0)
            for key in keys {
                mine[key / max(taskCount, 1)] += 1
                counts[key, default: 0] += 1
            }
            for (index, count) in mine.enumerated() { perPair[index] += count }
            perRaterLow = min(perRaterLow, mine.min() ?? 0)
            perRaterHigh = max(perRaterHigh, mine.max() ?? 0)
        }
        itemsPerRater = perRater
        repeatsPerRater = repeats
        worstSideImbalance = worst
        perRaterPerPair = min(perRaterLow, perRaterHigh)...perRaterHigh
        judgementsPerPair = Dictionary(uniqueKeysWithValues: pairs.enumerated().map { ($0.element, perPair[$0.offset]) })
        ratersPerItem = counts.values.sorted()
        itemsJudged = counts.count
        var overlaps: [Int] = []
        for first in raterItems.indices {
            for second in raterItems.indices where second > first {
                overlaps.append(raterItems[first].intersection(raterItems[second]).count)
            }
        }
        self.overlaps = overlaps.sorted()
    }

    public var isConnected: Bool { groups.count <= 1 }

    /// The facts as lines for the researcher.
    public var lines: [String] {
        var out: [String] = []
        let systems = degrees.count
        out.append("design: \(pairDesign) — \(pairs.count) of \(systems * (systems - 1) / 2) pairs of \(systems) systems; "
            + "\(tasks) tasks × \(pairs.count) pairs = \(items) items")
        if let budget {
            out.append("items per rater: \(budget) (\(shared) shared by every rater, \(budget - shared) the rater's own) + \(repeatsPerRater) repeats = \(itemsPerRater + repeatsPerRater)")
        } else {
            out.append("items per rater: \(itemsPerRater) (every task × every compared pair) + \(repeatsPerRater) repeats = \(itemsPerRater + repeatsPerRater)")
        }
        let who = panelIsAssumed ? "an assumed panel of \(panel.count) (set expected_raters or raters)"
            : (panel.first == "rater-1" ? "the \(panel.count) expected raters" : "the roster of \(panel.count)")
        let spread = perRaterPerPair.lowerBound == perRaterPerPair.upperBound ? "\(perRaterPerPair.lowerBound)"
            : "\(perRaterPerPair.lowerBound)–\(perRaterPerPair.upperBound)"
        out.append("judgements per pair: \(spread) per rater; over \(who): \(Self.summary(judgementsPerPair.values.sorted()))")
        out.append("sides: within one rater, each system left and right equally often (at most \(worstSideImbalance) apart)")
        if budget != nil {
            let unjudged = items - itemsJudged
            let target = ratersPerItemTarget.map { " (target \($0) for the items not shared: mean \(Self.meanOwn(ratersPerItem, shared: shared, panel: panel.count, items: items)))" } ?? ""
            out.append("raters per item: \(Self.summary(ratersPerItem)) over the \(itemsJudged) items judged\(target)"
                + (unjudged > 0 ? "; \(unjudged) items judged by no one in this panel" : ""))
        } else {
            out.append("raters per item: every rater judges every item (\(panel.count) for \(who))")
        }
        if overlaps.isEmpty {
            out.append("overlap between raters: one rater only, none to compare")
        } else {
            out.append("overlap between raters: min \(overlaps.first!), median \(Self.median(overlaps)) items in common for any two")
            if overlaps.first! < RaterAssignment.agreementUnits {
                out.append("warning: some raters share fewer than \(RaterAssignment.agreementUnits) items: agreement between them rests on too few; raise shared_items")
            }
        }
        if isConnected {
            let values = degrees.values
            out.append("connectivity: connected — every system is compared with every other through a chain of pairs "
                + "(each system in \(values.min() ?? 0)\(values.min() == values.max() ? "" : "–\(values.max() ?? 0)") pairs)")
        } else {
            out.append("connectivity: NOT connected — \(groups.map { "{\($0.joined(separator: ", "))}" }.joined(separator: " | "))")
        }
        if pairDesign == "contrasts" {
            for pair in pairs {
                var line = "  contrast \(pair.description): \(judgementsPerPair[pair] ?? 0) judgements"
                if let split = bridges[pair] {
                    let (small, large) = split.first.count <= split.second.count ? (split.first, split.second) : (split.second, split.first)
                    line += "; the only link of {\(small.joined(separator: ", "))} to the other \(large.count) system\(large.count == 1 ? "" : "s")"
                }
                out.append(line)
            }
        }
        return out
    }

    /// Mean raters per item over the items not shared, unjudged ones counted as 0.
    static func meanOwn(_ counts: [Int], shared: Int, panel: Int, items: Int) -> String {
        let judgements = counts.reduce(0, +) - shared * panel
        let others = items - shared
        guard others > 0 else { return "—" }
        return String(format: "%.2f", Double(judgements) / Double(others))
    }

    static func median(_ sorted: [Int]) -> String {
        guard !sorted.isEmpty else { return "0" }
        let middle = sorted.count / 2
        if sorted.count % 2 == 1 { return "\(sorted[middle])" }
        let sum = sorted[middle - 1] + sorted[middle]
        return sum % 2 == 0 ? "\(sum / 2)" : "\(Double(sum) / 2)"
    }

    static func summary(_ sorted: [Int]) -> String {
        guard let low = sorted.first, let high = sorted.last else { return "none" }
        return low == high ? "\(low) each" : "min \(low), median \(median(sorted)), max \(high)"
    }
}
