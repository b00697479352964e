/// Which sample of each system's answer a rater reads on each task, when a study has several
/// samples per (task, system).
///
/// A Latin-square rotation: the study (seed and id, not the rater) deals each system's tasks out
/// evenly over the samples — shuffled tasks, the k-th getting sample k mod N — and each rater reads
/// that deal turned by a rotation drawn from the seed and their own name. So:
/// - within one rater, each system's samples are shown equally often, ±1 task (and a repeated item
///   shows the same samples again, since the sample belongs to the task and system);
/// - across raters, the rotations spread the samples: any N raters with different rotations read
///   every sample of every answer exactly once between them, and raters who share a rotation read
///   the same answers, which is what agreement per answer (task × system × sample) needs;
/// - it depends only on (study, seed, rater): a rater who joins later changes no one's schedule.
public struct SampleAssignment: Sendable, Equatable {
    public let samples: Int
    /// This rater's turn of the study's deal, in 0..<samples.
    public let rotation: Int
    private let dealt: [String: Int]

    public init(studyID: String, taskIDs: [String], systemIDs: [String], rater: String, seed: UInt64, samples: Int) {
        precondition(samples >= 1)
        self.samples = samples
        var deal: [String: Int] = [:]
        var study = SeededRandom(seed: seed, mixing: ["agon-samples-v1", studyID])
        for system in systemIDs {
            var order = Array(taskIDs.indices)
            study.shuffle(&order)
            for (rank, task) in order.enumerated() { deal[Self.key(taskIDs[task], system)] = rank % samples }
        }
        dealt = deal
        var own = SeededRandom(seed: seed, mixing: ["agon-samples-v1", studyID, rater])
        rotation = own.below(samples)
    }

    /// The sample (1-based) this rater reads of `system`'s answer to `task`.
    public func sample(task: String, system: String) -> Int {
        guard samples > 1 else { return 1 }
        return ((dealt[Self.key(task, system)] ?? 0) + rotation) % samples + 1
    }

    private static func key(_ task: String, _ system: String) -> String { task + "\u{1F}" + system }
}
