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
    /// A short hash of each answer's text (`task/system/sample`) and of each task's prompt, so that
    /// `agon validate --accept-edits` can tell which answers were edited. Nil in journals begun
    /// before Agon recorded them.
    public var answers: [String: String]?
    public var prompts: [String: String]?

    public init(systems: [String], tasks: [String: String], criteria: [String], samples: Int? = nil,
                answers: [String: String]? = nil, prompts: [String: String]? = nil) {
        self.systems = systems
        self.tasks = tasks
        self.criteria = criteria
        self.samples = samples
        self.answers = answers
        self.prompts = prompts
    }

    /// The key of an answer in `answers`: ids hold no `/`, so the key is unambiguous.
    public static func answerKey(task: String, system: String, sample: Int) -> String {
        "\(task)/\(system)/\(sample)"
    }

    static func short(_ text: String) -> String { String(SHA256.hex(text).prefix(16)) }

    public init(bundle: StudyBundle) {
        systems = bundle.study.systems.map(\.id)
        criteria = bundle.rubric.criteria.map(\.id)
        let sampleCount = bundle.study.design.samples
        samples = sampleCount == 1 ? nil : sampleCount
        var tasks: [String: String] = [:]
        var answers: [String: String] = [:]
        var prompts: [String: String] = [:]
        for task in bundle.study.tasks {
            prompts[task.id] = Self.short(task.prompt)
            for system in bundle.study.systems {
                for sample in 1...max(1, sampleCount) {
                    if let answer = bundle.answers.answer(task: task.id, system: system.id, sample: sample) {
                        answers[Self.answerKey(task: task.id, system: system.id, sample: sample)] = Self.short(answer.text)
                    }
                }
            }
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
        self.answers = answers
        self.prompts = prompts
    }

    /// Human-readable differences from `self` (the session's) to `current` (the files now).
    public func changes(to current: StudyFingerprint) -> [String] {
        changes(to: current, includingContent: true)
    }

    /// The differences; without `includingContent`, tasks whose prompt or answers changed are not
    /// listed (the changes that are not to content, for `EditAcceptance`).
    func changes(to current: StudyFingerprint, includingContent: Bool) -> [String] {
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
        if includingContent, !changedTasks.isEmpty { changes.append("prompt or answers changed in tasks: \(Self.list(changedTasks))") }
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
