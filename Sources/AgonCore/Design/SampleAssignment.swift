/// Which sample of the answers a rater reads on each task, when a study has several samples per
/// (task, system).
///
/// Each rater's tasks are shuffled (from the seed and the rater's name) and dealt out over the
/// samples in turn: the k-th task in that order shows sample k mod N + 1 of every system's answer.
/// So:
/// - within one rater, each system's samples are shown equally often, ±1 task, and a repeated item
///   shows the same samples again (the sample belongs to the task);
/// - an item pairs the same sample number of both systems. Sample numbers carry no meaning (they
///   are independent draws), so any fixed pairing would do; this one lets two raters who read the
///   same sample of a task read the *same pair*, which agreement on verdicts needs;
/// - across raters the deals are independent: any two raters read the same texts on about 1/N of
///   the tasks (agreement has units in common whoever the raters are), and each sample of each
///   answer is read by about 1/N of the raters (coverage grows with the panel);
/// - it depends only on (study, seed, rater): a rater who joins later changes no one's schedule.
///
/// The alternative — a rotation shared by groups of raters — would cover every sample exactly with
/// N raters but leave raters of different groups with nothing in common, so a small panel could
/// end up with no agreement at all.
public struct SampleAssignment: Sendable, Equatable {
    public let samples: Int
    private let sampleOfTask: [String: Int]

    public init(studyID: String, taskIDs: [String], rater: String, seed: UInt64, samples: Int) {
        precondition(samples >= 1)
        self.samples = samples
        var random = SeededRandom(seed: seed, mixing: ["agon-samples-v1", studyID, rater])
        var order = Array(taskIDs.indices)
        random.shuffle(&order)
        // Which sample comes first is drawn too, so that with fewer tasks than samples the raters
        // still spread over all of them.
        let offset = random.below(samples)
        var deal: [String: Int] = [:]
        for (rank, task) in order.enumerated() { deal[taskIDs[task]] = (rank + offset) % samples + 1 }
        sampleOfTask = deal
    }

    /// The sample (1-based) this rater reads of every system's answer to `task`.
    public func sample(task: String) -> Int {
        sampleOfTask[task] ?? 1
    }
}
