/// Adds control items to a finished schedule. The live items keep their order, sides and samples;
/// only their numbers move up past the controls placed before them. Every choice comes from a
/// generator of its own (study, rater, seed), so the live schedule is the one the study would have
/// without controls.
enum ControlPlacement {
    static func insert(_ controls: ControlDesign, into schedule: Schedule, studyID: String, rater: String, seed: UInt64) -> Schedule {
        let live = schedule.items
        let sources = live.filter { !$0.isRepeat }
        let count = controls.count(liveCount: live.count)
        guard count > 0, !sources.isEmpty else { return schedule }
        var random = SeededRandom(seed: seed, mixing: ["agon-controls-v1", studyID, rater])

        // Control k goes just before live item slot[k] (live.count: at the end), one per gap, never
        // beside an item of its own task when another gap allows.
        var taken: Set<Int> = []
        var placed: [Int: ScheduleItem] = [:]
        for _ in 0..<min(count, live.count + 1) {
            let source = sources[random.below(sources.count)]
            let system = random.below(2) == 0 ? source.left : source.right
            let sample = system == source.left ? source.leftSample : source.rightSample
            let kinds = controls.kinds(for: source.task)
            let control = ControlItem(degraded: random.below(2) == 0 ? .a : .b, kind: kinds[random.below(kinds.count)],
                                      variant: random.next())
            func fits(_ slot: Int) -> Bool {
                !taken.contains(slot) && (slot == 0 || live[slot - 1].task != source.task)
                    && (slot == live.count || live[slot].task != source.task)
            }
            var slot = random.below(live.count + 1)
            if !fits(slot) {
                slot = (0...live.count).first(where: fits) ?? (0...live.count).first { !taken.contains($0) } ?? live.count
            }
            taken.insert(slot)
            placed[slot] = ScheduleItem(number: 0, task: source.task, left: system, right: system,
                                        leftSample: sample, rightSample: sample, control: control)
        }

        var items: [ScheduleItem] = []
        items.reserveCapacity(live.count + placed.count)
        var renumbered: [Int: Int] = [:]
        for slot in 0...live.count {
            if var control = placed[slot] {
                control.number = items.count + 1
                items.append(control)
            }
            guard slot < live.count else { continue }
            var item = live[slot]
            renumbered[item.number] = items.count + 1
            item.number = items.count + 1
            item.repeatOf = item.repeatOf.flatMap { renumbered[$0] }
            items.append(item)
        }
        return Schedule(items: items)
    }
}
