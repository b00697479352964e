import Foundation

/// `agon validate --accept-edits`: records, in every journal of a study begun on an earlier text of
/// its answers, which answers were edited, so that those sessions can continue.
extension SessionStore {
    /// A journal of the study and what its session makes of the study's files now.
    public struct SessionFinding: Sendable {
        public var rater: String
        public var journal: String
        public var finding: EditAcceptance.Finding
    }

    /// What each journal of the study (read only, no lock) makes of the study's files now: for
    /// `agon validate`, which tells the researcher which sessions the current files would stop.
    public static func findings(bundle: StudyBundle, workspace: Workspace, now: Date = Date()) -> [SessionFinding] {
        journals(studyID: bundle.study.id, in: workspace).compactMap { journal in
            guard let header = journal.contents.header else { return nil }
            let effective = header.accepting(journal.contents.events.map(\.event))
            return SessionFinding(rater: journal.rater, journal: workspace.display(journal.file),
                                  finding: EditAcceptance.examine(effective, bundle: bundle, now: now))
        }
    }

    public enum AcceptEditsError: Error, Equatable, CustomStringConvertible {
        /// Raters whose session is open right now.
        case open(journals: [String])
        /// Journals whose changes are not answer edits, with the reasons.
        case refused([String: [String]])
        case storage(String)

        public var description: String {
            switch self {
            case .open(let journals):
                return "nothing was recorded: \(journals.joined(separator: ", ")) \(journals.count == 1 ? "is" : "are") open in `agon rate` right now; "
                    + "ask the rater to quit (q) and run this again"
            case .refused(let reasons):
                var lines = ["nothing was recorded: only edits to the text of answers can be accepted, and these sessions saw other changes:"]
                for journal in reasons.keys.sorted() {
                    lines.append("  \(journal):")
                    lines += reasons[journal]!.map { "    - \($0)" }
                }
                lines.append("Restore the files these sessions began with, or let their raters begin again (`agon rate <study> --rater NAME --new-session`).")
                return lines.joined(separator: "\n")
            case .storage(let message):
                return message
            }
        }
    }

    /// Appends an `edits-accepted` event to every journal whose session saw only answer edits;
    /// all or nothing: first every journal is locked and checked (a rater rating now, a journal that
    /// cannot be appended to, a change that is not an answer edit refuse the whole), then each event
    /// is written through the journal writer (fsynced). Returns the journals written, with the edits.
    public static func acceptEdits(bundle: StudyBundle, workspace: Workspace, now: Date = Date())
        throws(AcceptEditsError) -> [(journal: String, edits: AcceptedEdits)] {
        let folder = workspace.sessionFolder(bundle.study.id)
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [])
            .filter { $0.hasSuffix(".jsonl") && !$0.hasPrefix(".") }.sorted()
        var open: [String] = []
        var refused: [String: [String]] = [:]
        var pending: [(writer: JournalWriter, contents: JournalContents, rater: String, name: String, edits: AcceptedEdits)] = []
        var writers: [JournalWriter] = []  // every lock held until all is written
        for fileName in names {
            let file = folder.appendingPathComponent(fileName)
            let name = workspace.display(file)
            let writer: JournalWriter
            do {
                writer = try JournalWriter(file: file)
            } catch .locked {
                open.append(name)
                continue
            } catch {
                throw .storage(error.message)
            }
            writers.append(writer)
            let contents: JournalContents
            do {
                contents = try JournalReader.read(file: file)
            } catch {
                throw .storage("cannot read \(name)")
            }
            guard let header = contents.header else { continue }
            if !contents.appendBlockers.isEmpty {
                refused[name] = ["the journal cannot be appended to: " + contents.appendBlockers.joined(separator: "; ")]
                continue
            }
            switch EditAcceptance.examine(header.accepting(contents.events.map(\.event)), bundle: bundle, now: now) {
            case .current: continue
            case .refused(let reasons): refused[name] = reasons
            case .edits(let edits):
                pending.append((writer, contents, String(fileName.dropLast(".jsonl".count)), name, edits))
            }
        }
        if !open.isEmpty { throw .open(journals: open) }
        if !refused.isEmpty { throw .refused(refused) }
        var written: [(journal: String, edits: AcceptedEdits)] = []
        for entry in pending {
            do throws(Disk.Failure) {
                if let torn = entry.contents.tornTail {
                    _ = try setAside(torn, of: entry.rater, in: folder, writer: entry.writer, now: now)
                } else if entry.contents.endsWithoutNewline {
                    do { try entry.writer.endLastLine() } catch { throw Disk.Failure(message: error.message) }
                }
                entry.writer.setNextSeq((entry.contents.events.last?.seq ?? 0) + 1)
                do { try entry.writer.append(.editsAccepted(entry.edits)) } catch { throw Disk.Failure(message: error.message) }
            } catch {
                let done = written.map(\.journal)
                throw .storage("cannot record the edits in \(entry.name): \(error.message)"
                    + (done.isEmpty ? "" : " (already recorded in \(done.joined(separator: ", ")))"))
            }
            written.append((entry.name, entry.edits))
        }
        _ = writers
        return written
    }
}
