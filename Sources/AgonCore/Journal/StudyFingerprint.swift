import Foundation

/// A compact record of what a session rated: the systems, a short hash per task (its prompt and
/// every answer to it), and the criteria. Enough to say *what* changed when the hashes differ.
public struct StudyFingerprint: Equatable, Sendable, Codable {
    public var systems: [String]
    public var tasks: [String: String]
    public var criteria: [String]
    /// Samples per answer; nil (and absent from the header) for one, as in journals written before
    /// studies had samples.
    public var samples: Int?

    public init(systems: [String], tasks: [String: String], criteria: [String], samples: Int? = nil) {
        self.systems = systems
        self.tasks = tasks
        self.criteria = criteria
        self.samples = samples
    }

    public init(bundle: StudyBundle) {
        systems = bundle.study.systems.map(\.id)
        criteria = bundle.rubric.criteria.map(\.id)
        let sampleCount = bundle.study.design.samples
        samples = sampleCount == 1 ? nil : sampleCount
        var tasks: [String: String] = [:]
        for task in bundle.study.tasks {
            var content = task.prompt
            for system in bundle.study.systems {
                // Sample 1 hashes as answers always did, so a single-sample study keeps its fingerprint.
                content += "\u{0}\(system.id)\u{0}" + (bundle.answers.answer(task: task.id, system: system.id)?.text ?? "")
                for sample in stride(from: 2, through: sampleCount, by: 1) {
                    content += "\u{0}\(system.id)\u{0}sample \(sample)\u{0}"
                        + (bundle.answers.answer(task: task.id, system: system.id, sample: sample)?.text ?? "")
                }
            }
            tasks[task.id] = String(SHA256.hex(content).prefix(16))
        }
        self.tasks = tasks
    }

    /// Human-readable differences from `self` (the session's) to `current` (the files now).
    public func changes(to current: StudyFingerprint) -> [String] {
        var changes: [String] = []
        let removedSystems = systems.filter { !current.systems.contains($0) }
        let addedSystems = current.systems.filter { !systems.contains($0) }
        if !removedSystems.isEmpty { changes.append("systems removed: \(removedSystems.joined(separator: ", "))") }
        if !addedSystems.isEmpty { changes.append("systems added: \(addedSystems.joined(separator: ", "))") }
        let removedTasks = tasks.keys.filter { current.tasks[$0] == nil }.sorted()
        let addedTasks = current.tasks.keys.filter { tasks[$0] == nil }.sorted()
        let changedTasks = tasks.keys.filter { current.tasks[$0] != nil && current.tasks[$0] != tasks[$0] }.sorted()
        if !removedTasks.isEmpty { changes.append("tasks removed: \(Self.list(removedTasks))") }
        if !addedTasks.isEmpty { changes.append("tasks added: \(Self.list(addedTasks))") }
        if !changedTasks.isEmpty { changes.append("prompt or answers changed in tasks: \(Self.list(changedTasks))") }
        if (samples ?? 1) != (current.samples ?? 1) {
            changes.append("samples per answer changed from \(samples ?? 1) to \(current.samples ?? 1), which changes the schedule")
        }
        let removedCriteria = criteria.filter { !current.criteria.contains($0) }
        let addedCriteria = current.criteria.filter { !criteria.contains($0) }
        if !removedCriteria.isEmpty { changes.append("criteria removed: \(removedCriteria.joined(separator: ", "))") }
        if !addedCriteria.isEmpty { changes.append("criteria added: \(addedCriteria.joined(separator: ", "))") }
        return changes
    }

    private static func list(_ ids: [String]) -> String {
        ids.count <= 8 ? ids.joined(separator: ", ") : ids.prefix(8).joined(separator: ", ") + " and \(ids.count - 8) more"
    }
}
