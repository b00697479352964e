import Foundation

/// Appends collected answers to a study's `answers.jsonl` — `{"sample": n, "system": …, "task": …,
/// "text": …}`, one line each, fsynced — and knows which slots the file already holds, so that a
/// rerun after a crash never writes a slot twice. The collection journal is written first; an answer
/// it holds that this file lacks (a crash between the two writes) is written on the next run.
public final class AnswersFileWriter: @unchecked Sendable {
    public let file: URL
    private let writer: JournalWriter
    private let lock = NSLock()
    public private(set) var present: Set<AnswerSlot>
    public private(set) var notes: [String] = []

    public enum OpenError: Error, Sendable {
        case locked(String)
        /// The last line is incomplete and is not one Agon writes: the person must look at it.
        case damaged(String)
        case system(String)

        public var message: String {
            switch self {
            case .locked(let file): return "\(file) is in use by another writer"
            case .damaged(let message), .system(let message): return message
            }
        }
    }

    public init(file: URL, display: String) throws(OpenError) {
        self.file = file
        do {
            writer = try JournalWriter(file: file)
        } catch .locked {
            throw .locked(display)
        } catch {
            throw .system(error.message)
        }
        let data = FileManager.default.contents(atPath: file.path) ?? Data()
        present = Self.slots(in: data)
        var last: JSONLines.Line?
        JSONLines.forEachRawLine(in: data) { last = $0 }
        guard let last, !last.terminated else { return }
        if JSONLines.object(last.bytes) != nil {
            // A complete line written by hand without its newline: end it, keep it.
            do { try writer.append(line: Data()) } catch { throw .system(error.message) }
        } else if last.bytes.starts(with: Data(#"{"sample":"#.utf8)) {
            // Agon's own line, cut by a crash: its answer is still in the collection journal.
            do { try writer.truncate(to: last.offset) } catch { throw .system(error.message) }
            notes.append("\(display):\(last.number): an answer line cut by a crash was removed (it is restored from the collection journal)")
        } else {
            throw .damaged("\(display):\(last.number): the last line is incomplete and was not written by agon collect; fix or remove it, then run again")
        }
    }

    /// Slots held by an answers file; a line without `sample` is sample 1.
    public static func slots(in data: Data) -> Set<AnswerSlot> {
        var slots: Set<AnswerSlot> = []
        JSONLines.forEachLine(in: data) { _, bytes in
            guard let object = JSONLines.object(bytes), let task = object["task"] as? String,
                  let system = object["system"] as? String else { return }
            let sample = (object["sample"] as? NSNumber)?.intValue ?? 1
            slots.insert(AnswerSlot(task: task, system: system, sample: sample))
        }
        return slots
    }

    /// The line written for one answer; the thinking text never goes here.
    public static func line(for answer: CollectedAnswer) -> Data {
        let object: [String: Any] = ["task": answer.slot.task, "system": answer.slot.system,
                                     "sample": answer.slot.sample, "text": answer.text]
        return (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data()
    }

    /// Writes the answer unless its slot is already in the file; true when written.
    @discardableResult
    public func append(_ answer: CollectedAnswer) throws(OpenError) -> Bool {
        lock.lock()
        defer { lock.unlock() }
        guard !present.contains(answer.slot) else { return false }
        do {
            try writer.append(line: Self.line(for: answer))
        } catch {
            throw .system(error.message)
        }
        present.insert(answer.slot)
        return true
    }
}
