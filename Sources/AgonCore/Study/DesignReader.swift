import TOMLKit

/// Reads `[design]` of study.toml. The keys that choose pairs and budgets can only be checked
/// against the systems and tasks, so `check` runs once those are read.
enum DesignReader {
    static let keys: Set<String> = ["seed", "repeat_share", "samples", "answers", "pairs", "contrasts", "degree", "items_per_rater",
                                    "raters_per_item", "expected_raters", "raters", "shared_items", "block_size"]

    /// The sparse design's degree when the study does not give one: every system in three pairs.
    static let defaultDegree = 3

    static func read(_ document: TOMLDocument, _ table: TOMLTable) -> StudyDesign {
        var design = StudyDesign(seed: 1)
        document.rejectUnknownKeys(table, allowed: keys, at: "design")
        if let seed = document.int(table, "seed", at: "design", required: false) {
            if seed < 0 { document.problem(at: "design.seed", "seed must not be negative") }
            design.seed = UInt64(max(seed, 0))
        }
        if let answers = document.string(table, "answers", at: "design", required: false) {
            if let presentation = AnswerPresentation(rawValue: answers) {
                design.answers = presentation
            } else {
                document.problem(at: "design.answers", "answers must be \"rendered\" (Markdown shown as typography) or \"raw\" (as written), not \"\(answers)\"")
            }
        }
        if let share = document.double(table, "repeat_share", at: "design", required: false) {
            if !(0...0.5).contains(share) {
                document.problem(at: "design.repeat_share", "repeat_share must be between 0 and 0.5, not \(share)")
            } else {
                design.repeatShare = share
            }
        }
        if let samples = document.int(table, "samples", at: "design", required: false) {
            if !(1...StudyDesign.maximumSamples).contains(samples) {
                document.problem(at: "design.samples", "samples must be between 1 and \(StudyDesign.maximumSamples), not \(samples)")
            } else {
                design.samples = samples
            }
        }

        let kind = document.string(table, "pairs", at: "design", required: false)
        let contrasts = readContrasts(document, table)
        let degree = document.int(table, "degree", at: "design", required: false)
        switch kind {
        case nil where contrasts != nil, "contrasts":
            if let contrasts { design.pairs = .contrasts(contrasts) } else {
                document.problem(at: "design.pairs", "pairs = \"contrasts\" needs `contrasts = [[\"a\", \"b\"], …]` in [design]")
            }
        case nil, "all":
            if contrasts != nil {
                document.problem(at: "design.contrasts", "contrasts are given but pairs = \"all\"; write pairs = \"contrasts\" or leave pairs out")
            }
        case "sparse":
            if contrasts != nil {
                document.problem(at: "design.contrasts", "contrasts are given but pairs = \"sparse\"; a sparse design chooses its own pairs")
            }
            design.pairs = .sparse(degree: degree ?? defaultDegree)
        case let other?:
            document.problem(at: "design.pairs", "pairs must be \"all\", \"contrasts\" or \"sparse\", not \"\(other)\"")
        }
        if degree != nil, kind != "sparse" {
            document.problem(at: "design.degree", "degree belongs to pairs = \"sparse\"")
        }

        design.blockSize = positive(document, table, "block_size")
        design.itemsPerRater = positive(document, table, "items_per_rater")
        design.ratersPerItem = positive(document, table, "raters_per_item")
        design.expectedRaters = positive(document, table, "expected_raters")
        if let shared = document.int(table, "shared_items", at: "design", required: false) {
            if shared < 0 { document.problem(at: "design.shared_items", "shared_items must not be negative") }
            design.sharedItems = max(shared, 0)
        }
        if let raters = table["raters"] {
            guard let list = raters.array else {
                document.problem(at: "design.raters", "`raters` must be a list of names in quotes")
                return design
            }
            var seen: Set<String> = []
            for (index, element) in list.enumerated() {
                guard let name = element.string, !name.isBlank else {
                    document.problem(at: "design.raters[\(index)]", "every rater in `raters` must be a name in quotes")
                    continue
                }
                if !seen.insert(name).inserted {
                    document.problem(at: "design.raters[\(index)]", "rater `\(name)` is listed twice")
                    continue
                }
                design.roster.append(name)
            }
            if design.expectedRaters != nil {
                document.problem(at: "design.expected_raters", "give either `raters` (a roster) or `expected_raters`, not both")
            }
        }
        return design
    }

    /// Checks what needs the systems and tasks: contrasts name known systems and connect them all,
    /// the sparse degree fits, the budget fits the items.
    static func check(_ document: TOMLDocument, design: StudyDesign, study: Study) {
        let systemIDs = study.systems.map(\.id)
        guard systemIDs.count >= 2 else { return }
        switch design.pairs {
        case .all:
            break
        case .sparse(let degree):
            if degree < 2 {
                document.problem(at: "design.degree", "degree must be at least 2 (a cycle through every system), not \(degree)")
            } else if degree >= systemIDs.count - 1 {
                document.problem(at: "design.degree", "degree \(degree) with \(systemIDs.count) systems is every pair: write pairs = \"all\"")
            }
        case .contrasts(let contrasts):
            var seen: [SystemPair: Int] = [:]
            var usable = true
            for (index, pair) in contrasts.enumerated() {
                let at = "design.contrasts[\(index)]"
                for system in [pair.first, pair.second] where !systemIDs.contains(system) {
                    document.problem(at: at, "contrast \(pair.description) names `\(system)`, which is not a system of this study (systems: \(systemIDs.joined(separator: ", ")))")
                    usable = false
                }
                if pair.first == pair.second {
                    document.problem(at: at, "contrast \(pair.description) compares a system with itself")
                    usable = false
                }
                let key = pair.first < pair.second ? pair : SystemPair(pair.second, pair.first)
                if let earlier = seen[key] {
                    document.problem(at: at, "contrast \(pair.description) is given twice (also contrast \(earlier + 1))")
                    usable = false
                }
                seen[key] = index
            }
            guard usable else { break }
            let graph = DesignGraph(systems: systemIDs, pairs: contrasts)
            let groups = graph.components
            if groups.count > 1 {
                let described = groups.map { "{\($0.joined(separator: ", "))}" }.joined(separator: " | ")
                let alone = groups.filter { $0.count == 1 }.map { "`\($0[0])`" }
                document.problem(at: "design.contrasts", "the contrasts leave the systems in \(groups.count) groups that no comparison joins: \(described)"
                    + (alone.isEmpty ? "" : " (\(alone.joined(separator: ", ")) in no contrast)")
                    + "; Bradley–Terry cannot rank across them: add a contrast joining them, e.g. [\"\(groups[0].last!)\", \"\(groups[1][0])\"]")
            }
        }

        let pairCount = design.pairs.pairs(systemIDs: systemIDs, studyID: study.id, seed: design.seed).count
        let items = pairCount * study.tasks.count
        if let budget = design.itemsPerRater, !study.tasks.isEmpty {
            if budget < pairCount {
                document.problem(at: "design.items_per_rater", "items_per_rater (\(budget)) is fewer than the \(pairCount) pairs compared: each rater would miss some pairs; give at least \(pairCount)")
            } else if budget > items {
                document.problem(at: "design.items_per_rater", "items_per_rater (\(budget)) is more than the \(items) items of the design (\(study.tasks.count) tasks × \(pairCount) pairs)")
            }
        }
        if design.itemsPerRater == nil, let perItem = design.ratersPerItem, let panel = design.panelSize, perItem <= panel,
           let budget = RaterAssignment.plan(design: design, items: items, pairs: pairCount)?.budget, budget < pairCount {
            document.problem(at: "design.raters_per_item", "raters_per_item = \(perItem) over \(panel) raters gives each rater \(budget) items, fewer than the \(pairCount) pairs compared; raise raters_per_item or give items_per_rater")
        }
        if design.ratersPerItem != nil, design.itemsPerRater == nil, design.panelSize == nil {
            document.problem(at: "design.raters_per_item", "raters_per_item needs the panel's size: add `expected_raters` or a roster `raters = [...]`")
        }
        if let perItem = design.ratersPerItem, let panel = design.panelSize, perItem > panel {
            document.problem(at: "design.raters_per_item", "raters_per_item (\(perItem)) is more than the \(panel) raters expected")
        }
        if let shared = design.sharedItems {
            if design.itemsPerRater == nil, design.ratersPerItem == nil {
                document.problem(at: "design.shared_items", "shared_items belongs to a design with a budget (`items_per_rater` or `raters_per_item`); without one every rater judges every item")
            } else if let wanted = design.itemsPerRater, shared > min(wanted, items) {
                let budget = min(wanted, items)
                document.problem(at: "design.shared_items", "shared_items (\(shared)) is more than the \(budget) items per rater")
            }
        }
    }

    private static func positive(_ document: TOMLDocument, _ table: TOMLTable, _ key: String) -> Int? {
        guard let value = document.int(table, key, at: "design", required: false) else { return nil }
        guard value >= 1 else {
            document.problem(at: "design.\(key)", "\(key) must be at least 1, not \(value)")
            return nil
        }
        return value
    }

    private static func readContrasts(_ document: TOMLDocument, _ table: TOMLTable) -> [SystemPair]? {
        guard let value = table["contrasts"] else { return nil }
        guard let list = value.array else {
            document.problem(at: "design.contrasts", "`contrasts` must be a list of pairs: contrasts = [[\"a\", \"b\"], [\"c\", \"d\"]]")
            return nil
        }
        var pairs: [SystemPair] = []
        for (index, element) in list.enumerated() {
            guard let pair = element.array, pair.count == 2, let first = pair[0].string, let second = pair[1].string else {
                document.problem(at: "design.contrasts[\(index)]", "contrast \(index + 1) must be two system ids in quotes, e.g. [\"a\", \"b\"]")
                continue
            }
            pairs.append(SystemPair(first, second))
        }
        if pairs.isEmpty, list.isEmpty {
            document.problem(at: "design.contrasts", "`contrasts` is empty: name at least one pair, or write pairs = \"all\"")
        }
        return pairs
    }
}
