import Foundation

/// Whether a session may continue on a study edited since it began: only when the edits are to the
/// text of answers it already had (a corrected typo), never when tasks, prompts, systems, criteria,
/// the rubric or the design changed — those change what the rater was asked, not how it was said.
public enum EditAcceptance {
    public enum Finding: Equatable, Sendable {
        /// The session's content is the study's: nothing to accept.
        case current
        /// Only answers' text changed: these edits can be accepted.
        case edits(AcceptedEdits)
        /// Changes that cannot be accepted, in the researcher's words.
        case refused([String])
    }

    /// Compares the session as it stands (`header`, already updated by earlier accepted edits) with
    /// the study's files now.
    public static func examine(_ header: JournalHeader, bundle: StudyBundle, now: Date = Date()) -> Finding {
        let current = JournalHeader(bundle: bundle, rater: header.rater, created: now)
        if header.studyHash == current.studyHash, header.rubricHash == current.rubricHash,
           header.seed == current.seed, header.repeatShare == current.repeatShare {
            return .current
        }
        var reasons: [String] = []
        if header.rubric != current.rubric {
            reasons.append("rubric changed from `\(header.rubric)` to `\(current.rubric)`")
        } else if header.rubricHash != current.rubricHash {
            reasons.append("the rubric's texts changed (criterion definitions, questions or anchors)")
        }
        if header.seed != current.seed || header.repeatShare != current.repeatShare {
            reasons.append("the design (seed or repeat share) changed, which changes the schedule")
        }
        let old = header.fingerprint, new = current.fingerprint
        reasons += old.changes(to: new, includingContent: false)
        guard let oldAnswers = old.answers, let oldPrompts = old.prompts else {
            reasons.append("the session was begun by an earlier Agon, which did not record each answer's fingerprint, so the edited answers cannot be told apart")
            return .refused(reasons)
        }
        let newAnswers = new.answers ?? [:], newPrompts = new.prompts ?? [:]
        let promptsChanged = oldPrompts.keys.filter { newPrompts[$0] != nil && newPrompts[$0] != oldPrompts[$0] }.sorted()
        if !promptsChanged.isEmpty {
            reasons.append("prompts changed in tasks: \(promptsChanged.joined(separator: ", ")) (a prompt is what the rater was asked to judge against)")
        }
        let keptTasks = Set(old.tasks.keys).intersection(new.tasks.keys)
        let appeared = newAnswers.keys.filter { oldAnswers[$0] == nil && keptTasks.contains(task(of: $0)) }
        let vanished = oldAnswers.keys.filter { newAnswers[$0] == nil && keptTasks.contains(task(of: $0)) }
        if !appeared.isEmpty || !vanished.isEmpty {
            reasons.append("answers added or removed: \((appeared + vanished).sorted().joined(separator: ", "))")
        }
        var edits: [AcceptedEdits.Edit] = []
        for key in oldAnswers.keys.sorted() {
            guard let before = oldAnswers[key], let after = newAnswers[key], before != after else { continue }
            let parts = key.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
            guard parts.count == 3, let sample = Int(parts[2]) else { continue }
            edits.append(AcceptedEdits.Edit(task: parts[0], system: parts[1], sample: sample, old: before, new: after))
        }
        if reasons.isEmpty, edits.isEmpty {
            reasons.append("study.toml or answers.jsonl changed, but not in the text of any answer (descriptions, labels, order or other details), so there is no answer edit to accept")
        }
        if !reasons.isEmpty { return .refused(reasons) }
        var tasks: [String: String] = [:]
        for edit in edits { tasks[edit.task] = new.tasks[edit.task] }
        return .edits(AcceptedEdits(answers: edits, tasks: tasks, studyHash: current.studyHash, at: now))
    }

    private static func task(of key: String) -> String {
        String(key.prefix { $0 != "/" })
    }

    /// `t03/large` (and `, sample 2` beyond the first), as the researcher reads an answer's place.
    public static func describe(_ edit: AcceptedEdits.Edit) -> String {
        "\(edit.task)/\(edit.system)" + (edit.sample == 1 ? "" : " sample \(edit.sample)")
    }
}
