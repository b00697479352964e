import Foundation

/// Opens a rater's session for writing: checks the name, takes the lock, checks everything that
/// could refuse the journal (damage, a newer schema, another rater or study, a changed study or
/// rubric), and only then repairs its end (a torn last line kept in a side file, a missing final
/// newline added) and replays it.
public enum SessionStore {
    public enum OpenError: Error, Equatable, CustomStringConvertible {
        case unsafeRaterName(RaterName.Problem)
        case locked(journal: String)
        case storage(String)
        case foreignJournal(journal: String, detail: String)
        case cannotAppend(journal: String, reasons: [String])
        case inputsChanged(journal: String, changes: [String])

        public var description: String {
            switch self {
            case .unsafeRaterName(let problem): return RaterMessage.words(problem).en
            case .locked(let journal):
                return "\(journal) is already open in another `agon rate` (one writer per rater). Close that one first, or choose another --rater."
            case .storage(let message): return message
            case .foreignJournal(_, let detail): return detail
            case .cannotAppend(let journal, let reasons):
                return "\(journal) cannot be continued safely: \(reasons.joined(separator: "; ")). It can still be read by `agon report`; start a new session under another rater name, or repair the file."
            case .inputsChanged(let journal, let changes):
                return "the study or rubric changed since \(journal) began:\n  - " + changes.joined(separator: "\n  - ")
                    + "\nA session must not mix two versions. Either:"
                    + "\n  - if only answers' text was corrected: `agon validate <study> --accept-edits` records the edits in the session, which then continues (the report says which judgements saw the old text);"
                    + "\n  - continue on the old content: restore the files the session began with (e.g. `git log -- Studies Rubrics`, then `git checkout <commit> -- <files>`), then run the same command again;"
                    + "\n  - or start a new session on the new content: add --new-session (the old journal is kept in Sessions/<study>/archive/ and still counts in no report), or rate under another rater name."
            }
        }

        /// What the rater is told, in their language; `description` is the researcher's detail.
        public func raterMessage(study: String) -> RaterMessage {
            switch self {
            case .unsafeRaterName(let problem): return .raterName(problem)
            case .locked(let journal): return .locked(journal: journal)
            case .storage(let detail): return .storage(detail: detail)
            case .foreignJournal(let journal, _): return .foreignJournal(journal: journal)
            case .cannotAppend(let journal, _): return .cannotContinue(study: study, journal: journal)
            case .inputsChanged: return .studyChanged(study: study)
            }
        }
    }

    /// A session open for writing.
    public struct OpenSession {
        public var writer: JournalWriter
        public var header: JournalHeader
        public var state: SessionState
        public var schedule: Schedule
        /// True when the journal already had events (this is a resume).
        public var resumed: Bool
        /// Where a torn last line was set aside, if there was one.
        public var tornLineSetAside: URL?
        /// Oddities in the journal that did not prevent continuing.
        public var warnings: [Diagnostic]
    }

    public static func open(bundle: StudyBundle, rater: String, workspace: Workspace, now: Date = Date()) throws(OpenError) -> OpenSession {
        if let problem = RaterName.issue(with: rater) { throw .unsafeRaterName(problem) }
        let folder = workspace.sessionFolder(bundle.study.id)
        do {
            try Disk.makeFolders(folder)
        } catch {
            throw .storage("cannot create \(workspace.display(folder)): \(error.message)")
        }
        let file = workspace.journalFile(study: bundle.study.id, rater: rater)
        let name = workspace.display(file)
        let writer: JournalWriter
        do {
            writer = try JournalWriter(file: file)
        } catch .locked {
            throw .locked(journal: name)
        } catch {
            throw .storage(error.message)
        }

        let contents: JournalContents
        do {
            contents = try JournalReader.read(file: file)
        } catch {
            throw .storage("cannot read \(name)")
        }
        // Every reason to refuse comes before any change: a journal Agon will not continue stays
        // byte for byte as it was, torn tail included.
        if !contents.appendBlockers.isEmpty {
            throw .cannotAppend(journal: name, reasons: contents.appendBlockers)
        }
        // Edits the researcher accepted (`validate --accept-edits`) move the session onto the new text.
        let header = try checkedHeader(contents.header?.accepting(contents.events.map(\.event)), bundle: bundle, rater: rater, journal: name, now: now)

        // Only now, about to append, repair the end of the file.
        var tornAside: URL?
        if let torn = contents.tornTail {
            do {
                tornAside = try setAside(torn, of: rater, in: folder, writer: writer, now: now)
            } catch {
                throw .storage("\(name) ends in an incomplete line that could not be set aside: \(error.message)")
            }
        } else if contents.endsWithoutNewline {
            do {
                try writer.endLastLine()
            } catch {
                throw .storage("cannot end the last line of \(name): \(error.message)")
            }
        }
        if contents.header == nil {
            do {
                try writer.appendHeader(header)
            } catch {
                throw .storage(error.message)
            }
        }
        let lastSeq = contents.events.last?.seq ?? 0
        writer.setNextSeq(lastSeq + 1)
        let state = SessionState(replaying: contents.events.map(\.event))
        let schedule = Schedule.make(study: bundle.study, rater: rater)
        var warnings = contents.problems
        warnings += state.anomalies.map { Diagnostic(file: name, line: nil, message: $0) }
        return OpenSession(writer: writer, header: header, state: state, schedule: schedule,
                           resumed: !contents.events.isEmpty, tornLineSetAside: tornAside, warnings: warnings)
    }

    /// The header to continue under: the journal's own when it still matches the study, rubric and
    /// rater; a new one for an empty journal; otherwise a refusal that says what changed.
    static func checkedHeader(_ existing: JournalHeader?, bundle: StudyBundle, rater: String, journal name: String,
                                      now: Date) throws(OpenError) -> JournalHeader {
        guard let existing else { return JournalHeader(bundle: bundle, rater: rater, created: now) }
        if existing.studyHash == bundle.studyHash, existing.rubricHash == SHA256.hex(bundle.rubricBytes),
           existing.study == bundle.study.id, existing.rater == rater,
           existing.seed == bundle.study.design.seed, existing.repeatShare == bundle.study.design.repeatShare {
            // The common resume: nothing changed, so the per-task fingerprint need not be computed.
            return existing
        }
        if existing.study != bundle.study.id || existing.rater != rater {
            throw .foreignJournal(journal: name, detail: "\(name) belongs to study `\(existing.study)`, rater `\(existing.rater)`, not to `\(bundle.study.id)`, `\(rater)`")
        }
        let current = JournalHeader(bundle: bundle, rater: rater, created: now)
        var changes = existing.fingerprint.changes(to: current.fingerprint)
        if existing.rubric != current.rubric { changes.insert("rubric changed from `\(existing.rubric)` to `\(current.rubric)`", at: 0) }
        if existing.seed != current.seed || existing.repeatShare != current.repeatShare {
            changes.append("the design (seed or repeat share) changed, which changes the schedule")
        }
        if changes.isEmpty, existing.studyHash != current.studyHash {
            changes.append("study.toml or answers.jsonl changed (descriptions, labels or other details)")
        }
        if changes.isEmpty, existing.rubricHash != current.rubricHash {
            changes.append("the rubric's texts changed (criterion definitions, questions or anchors)")
        }
        if !changes.isEmpty { throw .inputsChanged(journal: name, changes: changes) }
        return existing
    }

    /// Keeps a torn last line's bytes in `<rater>.torn-<time>.txt` and only then cuts them from the
    /// journal: the side file and its name are on disk before the journal loses a byte, and a name
    /// already taken (two repairs in one millisecond) gets a counter rather than being overwritten.
    static func setAside(_ torn: JournalContents.TornTail, of rater: String, in folder: URL, writer: JournalWriter,
                                 now: Date) throws(Disk.Failure) -> URL {
        let aside = try Disk.writeNewFile(in: folder, base: "\(rater).torn-\(stamp(now))", extension: "txt", bytes: torn.bytes)
        do {
            try writer.truncate(to: torn.offset)
        } catch {
            throw Disk.Failure(message: error.message)
        }
        return aside
    }

    /// `20261201T224233.123Z`: sortable, no colons (not allowed in Windows file names).
    static func stamp(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withYear, .withMonth, .withDay, .withTime, .withFractionalSeconds, .withTimeZone]
        return formatter.string(from: date).replacingOccurrences(of: ":", with: "").replacingOccurrences(of: "-", with: "")
    }

    /// Moves a rater's journal out of the way, into `Sessions/<study>/archive/`, so that a new session
    /// can begin; reports and agreement read only the journals directly in the study's folder.
    /// Returns where the old journal went, or nil when there was none. The move is durable (both
    /// folders synced) before this returns.
    public static func archive(studyID: String, rater: String, workspace: Workspace, now: Date = Date()) throws(OpenError) -> URL? {
        if let problem = RaterName.issue(with: rater) { throw .unsafeRaterName(problem) }
        let file = workspace.journalFile(study: studyID, rater: rater)
        guard FileManager.default.fileExists(atPath: file.path) else { return nil }
        // Holding the lock while moving: never archive a journal another process is writing. A
        // writer that opened the old path before the move notices it on locking (JournalWriter.init).
        let writer: JournalWriter
        do {
            writer = try JournalWriter(file: file)
        } catch .locked {
            throw .locked(journal: workspace.display(file))
        } catch {
            throw .storage(error.message)
        }
        let folder = workspace.sessionFolder(studyID).appendingPathComponent("archive", isDirectory: true)
        var target = folder
        do throws(Disk.Failure) {
            try Disk.makeFolders(folder)
            // A name of its own, reserved first, so that the rename cannot replace an older archive.
            target = try Disk.reserveNewName(in: folder, base: "\(rater).\(stamp(now))", extension: "jsonl")
            do throws(Disk.Failure) {
                try Disk.move(file, to: target)
            } catch {
                unlink(target.path)  // the empty name reserved for it
                throw error
            }
        } catch {
            throw .storage("cannot move \(workspace.display(file)) to \(workspace.display(target)): \(error.message)")
        }
        _ = writer
        return target
    }

    /// Every journal of a study, read-only (for `sessions`, `report`, `agreement`), read on all
    /// cores: decoding the lines is most of the cost of a report on a large study. Journals that
    /// cannot be read are left out: `readJournals` says which and why.
    public static func journals(studyID: String, in workspace: Workspace) -> [(rater: String, file: URL, contents: JournalContents)] {
        readJournals(studyID: studyID, in: workspace).journals
    }

    /// The journals of a study, and each `.jsonl` file there that could not be read with the reason
    /// (a rater who silently vanished from a report would bias it).
    public static func readJournals(studyID: String, in workspace: Workspace)
        -> (journals: [(rater: String, file: URL, contents: JournalContents)], unreadable: [(file: URL, reason: String)]) {
        let folder = workspace.sessionFolder(studyID)
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [])
            .filter { $0.hasSuffix(".jsonl") && !$0.hasPrefix(".") }.sorted()
        let results = UnsafeMutableBufferPointer<JournalContents?>.allocate(capacity: names.count)
        results.initialize(repeating: nil)
        defer {
            _ = results.deinitialize()
            results.deallocate()
        }
        // Each iteration writes only its own slot.
        nonisolated(unsafe) let shared = results
        DispatchQueue.concurrentPerform(iterations: names.count) { index in
            shared[index] = try? JournalReader.read(file: folder.appendingPathComponent(names[index]))
        }
        var journals: [(rater: String, file: URL, contents: JournalContents)] = []
        var unreadable: [(file: URL, reason: String)] = []
        for index in names.indices {
            let file = folder.appendingPathComponent(names[index])
            if let contents = results[index] {
                journals.append((String(names[index].dropLast(".jsonl".count)), file, contents))
            } else {
                unreadable.append((file, unreadableReason(file)))
            }
        }
        return (journals, unreadable)
    }

    /// Why a journal could not be read, as the system says it ("Permission denied", …).
    static func unreadableReason(_ file: URL) -> String {
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: file.path, isDirectory: &isFolder), isFolder.boolValue {
            return "it is a folder, not a file"
        }
        do {
            let handle = try FileHandle(forReadingFrom: file)
            defer { try? handle.close() }
            _ = try handle.read(upToCount: 1)
            return "it could not be read"
        } catch {
            if let posix = (error as NSError).userInfo[NSUnderlyingErrorKey] as? NSError, posix.domain == NSPOSIXErrorDomain {
                return String(cString: strerror(Int32(posix.code)))
            }
            return (error as NSError).localizedFailureReason ?? (error as NSError).localizedDescription
        }
    }
}
