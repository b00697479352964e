import Foundation

/// The researcher's statement, recorded in a journal by `agon validate --accept-edits`, that the
/// listed answers were edited after the session began (a typo corrected, say) and that the session
/// may continue on the new text. Judgements made before it saw the old text; `agon report` says so.
public struct AcceptedEdits: Equatable, Sendable {
    /// One edited answer, with the fingerprints of its text before and after.
    public struct Edit: Equatable, Sendable, Codable, Hashable {
        public var task: String
        public var system: String
        public var sample: Int
        public var old: String
        public var new: String

        public init(task: String, system: String, sample: Int, old: String, new: String) {
            self.task = task
            self.system = system
            self.sample = sample
            self.old = old
            self.new = new
        }
    }

    public var answers: [Edit]
    /// The new fingerprint of every task whose answers were edited.
    public var tasks: [String: String]
    /// The hash of study.toml and answers.jsonl the session continues on.
    public var studyHash: String
    public var at: Date

    public init(answers: [Edit], tasks: [String: String], studyHash: String, at: Date) {
        self.answers = answers
        self.tasks = tasks
        self.studyHash = studyHash
        self.at = at
    }
}

extension JournalHeader {
    /// The header as the session now stands: the one it began with, updated by every edit the
    /// researcher accepted since, in order.
    public func accepting(_ events: [JournalEvent]) -> JournalHeader {
        var header = self
        for case .editsAccepted(let edits) in events {
            header.studyHash = edits.studyHash
            for (task, fingerprint) in edits.tasks { header.fingerprint.tasks[task] = fingerprint }
            if header.fingerprint.answers != nil {
                for edit in edits.answers {
                    header.fingerprint.answers?[StudyFingerprint.answerKey(task: edit.task, system: edit.system, sample: edit.sample)] = edit.new
                }
            }
        }
        return header
    }
}
