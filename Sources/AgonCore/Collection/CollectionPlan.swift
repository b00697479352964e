/// What `agon collect` asks for: every task × system × sample the study lacks, for the systems
/// that have a server. Sample 1 of every task comes before sample 2 of any, so a run stopped half
/// way leaves a study that can already be rated once over.
public struct CollectionPlan: Sendable {
    /// Per system, in study order: the slots to ask for, in the order asked.
    public var toAsk: [(system: String, slots: [AnswerSlot])]
    /// Slots whose last run failed for good; asked again only with `--retry-failed`.
    public var failedEarlier: [AnswerSlot]
    /// Systems without a `[systems.server]` table (their answers must come from elsewhere).
    public var withoutServer: [String]
    public var alreadyPresent: Int

    public var total: Int { toAsk.reduce(0) { $0 + $1.slots.count } }

    public static func make(study: Study, systems only: String? = nil, samples: Int, present: Set<AnswerSlot>,
                            failed: Set<AnswerSlot>, retryFailed: Bool) -> CollectionPlan {
        var toAsk: [(system: String, slots: [AnswerSlot])] = []
        var failedEarlier: [AnswerSlot] = []
        var withoutServer: [String] = []
        var alreadyPresent = 0
        for system in study.systems where only == nil || system.id == only {
            guard study.generation[system.id]?.server != nil else {
                withoutServer.append(system.id)
                continue
            }
            var slots: [AnswerSlot] = []
            for sample in 1...max(samples, 1) {
                for task in study.tasks {
                    let slot = AnswerSlot(task: task.id, system: system.id, sample: sample)
                    if present.contains(slot) {
                        alreadyPresent += 1
                    } else if failed.contains(slot), !retryFailed {
                        failedEarlier.append(slot)
                    } else {
                        slots.append(slot)
                    }
                }
            }
            toAsk.append((system.id, slots))
        }
        return CollectionPlan(toAsk: toAsk, failedEarlier: failedEarlier, withoutServer: withoutServer, alreadyPresent: alreadyPresent)
    }
}
