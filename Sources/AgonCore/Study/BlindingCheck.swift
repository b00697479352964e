import TOMLKit

/// `[blinding_check]` of study.toml: after the last pair, the rater sees `pairs` of the pairs they
/// rated once more and says which answer they think came from the larger system (or from the
/// named reference system), or that they do not know. The report then says whether the texts gave
/// the systems away (`StudyBlinding`).
///
/// ```toml
/// [blinding_check]
/// pairs = 4
/// question = "larger"    # or the id of a reference system
/// ```
public struct BlindingCheck: Equatable, Sendable {
    public enum Question: Equatable, Sendable {
        /// Which answer came from the system with more parameters (`parameters_b`)?
        case larger
        /// Which answer came from this system?
        case reference(String)
    }

    public var pairs: Int
    public var question: Question

    public init(pairs: Int, question: Question) {
        self.pairs = pairs
        self.question = question
    }

    /// The system a question about `left` and `right` asks for, or nil when the pair cannot be asked
    /// about (no reference in it, or sizes that do not order it).
    public func target(left: String, right: String, in study: Study) -> String? {
        switch question {
        case .reference(let id):
            return left == id || right == id ? id : nil
        case .larger:
            guard let leftSize = study.system(id: left)?.profile.parametersBillions,
                  let rightSize = study.system(id: right)?.profile.parametersBillions, leftSize != rightSize else { return nil }
            return leftSize > rightSize ? left : right
        }
    }

    /// The pairs a rater is asked about, in the order asked: first shown items (no repeats) the
    /// question can be asked of, drawn from the study's seed and the rater's name alone, so a
    /// resumed session asks the same pairs in the same order.
    public func questions(study: Study, schedule: Schedule, rater: String) -> [BlindingQuestion] {
        var eligible = schedule.items.compactMap { item -> BlindingQuestion? in
            guard !item.isRepeat, item.control == nil,
                  let target = target(left: item.left, right: item.right, in: study) else { return nil }
            return BlindingQuestion(item: item, target: target)
        }
        var random = SeededRandom(seed: study.design.seed, mixing: ["agon-blinding-check-v1", study.id, rater])
        random.shuffle(&eligible)
        return Array(eligible.prefix(pairs))
    }
}

/// One question of the blinding check: a pair already rated, and the system it asks about.
public struct BlindingQuestion: Equatable, Sendable {
    public var item: ScheduleItem
    public var target: String

    public init(item: ScheduleItem, target: String) {
        self.item = item
        self.target = target
    }
}

/// Reads and checks `[blinding_check]`.
enum BlindingCheckReader {
    static func read(_ document: TOMLDocument, _ root: TOMLTable, study: Study) -> BlindingCheck? {
        guard let table = document.table(root, "blinding_check", at: "", required: false) else { return nil }
        document.rejectUnknownKeys(table, allowed: ["pairs", "question"], at: "blinding_check")
        let pairs = document.int(table, "pairs", at: "blinding_check")
        if let pairs, pairs < 1 { document.problem(at: "blinding_check.pairs", "pairs must be at least 1 (how many rated pairs to ask about), not \(pairs)") }
        let asked = document.string(table, "question", at: "blinding_check", required: false) ?? "larger"
        let question: BlindingCheck.Question = asked == "larger" ? .larger : .reference(asked)
        let check = BlindingCheck(pairs: max(pairs ?? 1, 1), question: question)
        let ids = study.systems.map(\.id)
        guard ids.count >= 2 else { return check }
        switch question {
        case .reference(let id):
            guard ids.contains(id) else {
                document.problem(at: "blinding_check.question", "question must be \"larger\" or the id of a system of this study (\(ids.joined(separator: ", "))), not \"\(id)\"")
                return check
            }
        case .larger:
            let unsized = study.systems.filter { $0.profile.parametersBillions == nil }.map(\.id)
            if !unsized.isEmpty {
                document.problem(at: "blinding_check.question", "question = \"larger\" needs every system's size, but \(unsized.map { "`\($0)`" }.joined(separator: ", ")) \(unsized.count == 1 ? "has" : "have") no `parameters_b` in [[systems]]; give it, or name a reference system: question = \"\(ids[0])\"")
                return check
            }
        }
        let pairsCompared = study.design.pairs.pairs(systemIDs: ids, studyID: study.id, seed: study.design.seed)
        let unordered = pairsCompared.filter { check.target(left: $0.first, right: $0.second, in: study) == nil }
        if unordered.count == pairsCompared.count {
            document.problem(at: "blinding_check.question", question == .larger
                ? "question = \"larger\", but the systems' `parameters_b` do not order any pair compared (equal sizes); give distinct sizes or name a reference system"
                : "no pair compared includes the reference system `\(ids.first { question == .reference($0) } ?? "")`")
        } else if question == .larger, !unordered.isEmpty {
            let named = unordered.prefix(3).map { "`\($0.first)`–`\($0.second)`" }.joined(separator: ", ")
            document.problem(at: "blinding_check.question", "question = \"larger\", but \(named)\(unordered.count > 3 ? " and \(unordered.count - 3) more" : "") have the same `parameters_b`, so \"larger\" has no answer for them; give distinct sizes or name a reference system")
        }
        return check
    }
}
