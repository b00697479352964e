import Foundation

/// `Studies/<id>/collection.jsonl`: the append-only record of asking servers for answers — every
/// answer with its thinking, timings and request, every failed attempt, every server report. One
/// record a line, written with the rating journal's writer (one `write`, `fsync`, an exclusive lock
/// so two `agon collect` runs cannot interleave). A torn last line from a crash is set aside in
/// `collection.torn.jsonl` (never silently dropped) and the file continues from its last whole line.
public final class CollectionJournal: @unchecked Sendable {
    public let file: URL
    private let writer: JournalWriter
    private let lock = NSLock()
    public private(set) var contents: Contents
    /// What was repaired on opening, for the run's summary.
    public private(set) var notes: [String] = []

    public struct Contents: Sendable {
        public var answers: [AnswerSlot: CollectedAnswer] = [:]
        /// The last final failure of a slot that has no answer.
        public var failures: [AnswerSlot: CollectionFailure] = [:]
        /// The latest server report of each system.
        public var reports: [String: ServerReport] = [:]
        /// Lines that are not records this version knows.
        public var unreadableLines: [Int] = []
        public var records = 0
    }

    public static func file(in workspace: Workspace, study: String) -> URL {
        workspace.studyFolder(study).appendingPathComponent("collection.jsonl")
    }

    public enum OpenError: Error, Sendable {
        case locked(String)
        case system(String)

        public var message: String {
            switch self {
            case .locked(let file): return "\(file) is in use by another `agon collect`; wait for it to finish"
            case .system(let message): return message
            }
        }
    }

    /// Opens (creating) and locks the journal, repairs a torn tail, and reads what it holds.
    public init(file: URL, study: String) throws(OpenError) {
        self.file = file
        do {
            writer = try JournalWriter(file: file)
        } catch .locked {
            throw .locked(file.lastPathComponent)
        } catch {
            throw .system(error.message)
        }
        let data = FileManager.default.contents(atPath: file.path) ?? Data()
        var intactLength = 0
        var torn: Data?
        JSONLines.forEachRawLine(in: data) { line in
            if line.terminated { intactLength = line.offset + line.bytes.count + 1 } else { torn = line.bytes }
        }
        if let torn, !torn.allSatisfy({ $0 == 0x20 || $0 == 0x0A }) {
            let aside = file.deletingLastPathComponent().appendingPathComponent("collection.torn.jsonl")
            do {
                let keeper = try JournalWriter(file: aside)
                try keeper.append(line: torn)
                try writer.truncate(to: intactLength)
            } catch {
                throw .system("cannot set aside the torn last line of \(file.path): \(error.message)")
            }
            notes.append("the last record of \(file.lastPathComponent) was cut by a crash; set aside in collection.torn.jsonl (its answer will be asked again)")
        } else if torn != nil {
            do { try writer.truncate(to: intactLength) } catch { throw .system(error.message) }
        }
        contents = Self.parse(data: data.prefix(intactLength))
        if contents.records == 0 {
            do {
                try writer.append(line: CollectionRecord.header(study: study, created: Date(), agonVersion: AgonVersion.current).encoded())
            } catch {
                throw .system(error.message)
            }
        }
    }

    /// Reads a journal without opening it for writing (validate, report).
    public static func read(file: URL) -> Contents? {
        guard let data = FileManager.default.contents(atPath: file.path) else { return nil }
        return parse(data: data)
    }

    static func parse(data: Data) -> Contents {
        var contents = Contents()
        JSONLines.forEachRawLine(in: data) { line in
            guard line.terminated, !line.bytes.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) else { return }
            guard let record = CollectionRecord.decode(line.bytes) else {
                contents.unreadableLines.append(line.number)
                return
            }
            contents.records += 1
            contents.apply(record)
        }
        return contents
    }

    public func append(_ record: CollectionRecord) throws(OpenError) {
        lock.lock()
        defer { lock.unlock() }
        do {
            try writer.append(line: record.encoded())
        } catch {
            throw .system(error.message)
        }
        contents.apply(record)
    }
}

extension CollectionJournal.Contents {
    mutating func apply(_ record: CollectionRecord) {
        switch record {
        case .header: break
        case .server(let system, let report, _, _): reports[system] = report
        case .answer(let answer):
            // The first answer of a slot is the one kept; a later duplicate cannot arise from Agon
            // (it asks only for missing slots) but would not replace what raters may have seen.
            if answers[answer.slot] == nil { answers[answer.slot] = answer }
            failures[answer.slot] = nil
        case .failure(let failure):
            if failure.final, answers[failure.slot] == nil { failures[failure.slot] = failure }
        }
    }
}
