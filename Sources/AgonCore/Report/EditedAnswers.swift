/// An answer whose text the researcher edited after raters had judged it (`validate --accept-edits`),
/// with the judgements in effect that saw its old text: the researcher decides whether they stand.
public struct EditedAnswer: Sendable, Equatable, Codable {
    public var task: String
    public var system: String
    public var sample: Int
    /// Judgements in effect made before the edit was accepted, in all journals.
    public var judgementsOfOldText: Int
    /// Those judgements per rater.
    public var raters: [String: Int]

    public init(task: String, system: String, sample: Int, judgementsOfOldText: Int, raters: [String: Int]) {
        self.task = task
        self.system = system
        self.sample = sample
        self.judgementsOfOldText = judgementsOfOldText
        self.raters = raters
    }

    /// Gathers, from each rater's replayed session, the judgements that saw an answer's old text.
    static func gather(_ sessions: [(rater: String, state: SessionState)]) -> [EditedAnswer] {
        struct Key: Hashable, Comparable {
            var task: String, system: String, sample: Int
            static func < (a: Key, b: Key) -> Bool { (a.task, a.system, a.sample) < (b.task, b.system, b.sample) }
        }
        var counts: [Key: [String: Int]] = [:]
        for (rater, state) in sessions {
            for (item, edits) in state.sawEarlierText where state.judgements[item] != nil {
                // An answer edited twice before the rater judged again counts once for that judgement.
                for key in Set(edits.map { Key(task: $0.task, system: $0.system, sample: $0.sample) }) {
                    counts[key, default: [:]][rater, default: 0] += 1
                }
            }
        }
        return counts.keys.sorted().map { key in
            EditedAnswer(task: key.task, system: key.system, sample: key.sample,
                         judgementsOfOldText: counts[key]!.values.reduce(0, +), raters: counts[key]!)
        }
    }
}
