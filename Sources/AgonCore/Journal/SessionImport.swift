import Foundation

/// Journals written on another machine (`agon sessions import`), taken into this workspace's
/// `Sessions/<study>/` only when they belong here: a whole, undamaged journal; of a study that is
/// here with the very same content and rubric (the fingerprints in its header); of a rater the
/// roster lists, under the roster's spelling. Nothing here is ever overwritten: a new rater's
/// journal is written under a hidden name and then linked to its real one (which fails if that
/// name appeared meanwhile); a local journal is only ever appended to, and only when its events
/// are exactly the first events of the imported one (the same session, continued elsewhere).
public enum SessionImport {
    public enum Outcome: Equatable, Sendable {
        /// A rater with no journal here: the file was added with this many judgements in effect.
        case added(study: String, rater: String, judgements: Int, journal: String)
        /// The local journal held the first events of the imported one; the rest were appended.
        case extended(study: String, rater: String, events: Int, judgements: Int, journal: String)
        /// The same events are already here; `localHasMore` counts events the local journal has
        /// beyond the imported copy (an older copy of a session continued here).
        case alreadyPresent(study: String, rater: String, journal: String, localHasMore: Int)
        /// Not imported, and why (`file:line: …` where a line is to blame).
        case refused([Diagnostic])

        public var isRefused: Bool {
            if case .refused = self { return true }
            return false
        }
    }

    public static func importJournal(_ file: URL, shownAs name: String, into workspace: Workspace, now: Date = Date()) -> Outcome {
        func refuse(_ message: String, line: Int? = 1) -> Outcome { .refused([Diagnostic(file: name, line: line, message: message)]) }
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: file.path, isDirectory: &isFolder), !isFolder.boolValue else {
            return refuse(isFolder.boolValue ? "is a folder, not a journal" : "no such file", line: nil)
        }
        guard let data = FileManager.default.contents(atPath: file.path) else { return refuse("cannot be read (\(SessionStore.unreadableReason(file)))", line: nil) }
        let contents = JournalReader.parse(data: data, file: name)
        // An import is all or nothing: a line the reader would skip is a line the report would miss.
        if !contents.problems.isEmpty { return .refused(contents.problems.sorted()) }
        guard let header = contents.header else {
            return refuse(data.isEmpty ? "is empty: not an Agon journal" : "has no header line: not an Agon journal")
        }
        if !contents.appendBlockers.isEmpty { return refuse(contents.appendBlockers.joined(separator: "; ")) }
        let events = contents.events

        if let problem = RaterName.problem(with: header.rater) { return refuse("rater name `\(header.rater)`: \(problem)") }
        let bundle: StudyBundle
        do {
            bundle = try StudyBundle.load(studyID: header.study, in: workspace)
        } catch {
            return .refused([Diagnostic(file: name, line: 1, message: "the journal is for study `\(header.study)`, which cannot be loaded here:")]
                + error.diagnostics)
        }
        do {
            _ = try SessionStore.checkedHeader(header.accepting(events.map(\.event)), bundle: bundle, rater: header.rater,
                                               journal: name, now: now)
        } catch .inputsChanged(_, let changes) {
            return refuse("the journal was rated on other content than study `\(header.study)` here (its fingerprints differ): "
                + changes.joined(separator: "; ") + ". Import it into a workspace holding the same study.toml, answers and rubric.")
        } catch {
            return refuse(error.description)
        }

        let roster: Roster?
        do {
            roster = try Roster.load(study: header.study, in: workspace)
        } catch {
            return .refused(error.diagnostics)
        }
        if let roster {
            guard let listed = roster.rater(named: header.rater) else {
                return refuse("rater `\(header.rater)` is not on the roster of study `\(header.study)` (\(workspace.display(Roster.file(study: header.study, in: workspace)))); add them there first")
            }
            if listed.name != header.rater {
                return refuse("the journal's rater `\(header.rater)` is listed as `\(listed.name)` in the roster; `agon rate` here would not resume it. Rename the rater in the roster to `\(header.rater)`, or have them rate here")
            }
        }
        let folder = workspace.sessionFolder(header.study)
        let existing = ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [])
            .filter { $0.hasSuffix(".jsonl") && !$0.hasPrefix(".") }.map { String($0.dropLast(".jsonl".count)) }
        if let other = existing.first(where: { $0 != header.rater && RaterIdentity.same($0, header.rater) }) {
            return refuse("rater `\(header.rater)` already has a journal here as \(workspace.display(workspace.journalFile(study: header.study, rater: other))) (names compare without case): the two sessions cannot be merged")
        }
        do {
            try Disk.makeFolders(folder)
        } catch {
            return refuse("cannot create \(workspace.display(folder)): \(error.message)", line: nil)
        }
        let target = workspace.journalFile(study: header.study, rater: header.rater)
        let shownTarget = workspace.display(target)
        let judgements = SessionState(replaying: events.map(\.event)).ratedCount
        guard existing.contains(header.rater) else {
            var bytes = data
            if contents.endsWithoutNewline { bytes.append(0x0A) }
            do throws(Disk.Failure) {
                let staged = try Disk.writeNewFile(in: folder, base: ".import-\(header.rater)-\(SessionStore.stamp(now))", extension: "jsonl", bytes: bytes)
                do throws(Disk.Failure) {
                    try Disk.publish(staged, as: target)
                } catch {
                    unlink(staged.path)
                    throw error
                }
            } catch {
                return refuse("cannot add \(shownTarget): \(error.message)", line: nil)
            }
            return .added(study: header.study, rater: header.rater, judgements: judgements, journal: shownTarget)
        }

        // The rater has a journal here: hold its lock, so no `agon rate` writes while it is compared.
        let writer: JournalWriter
        do {
            writer = try JournalWriter(file: target)
        } catch .locked {
            return refuse("rater `\(header.rater)` is rating right now (\(shownTarget) is open in `agon rate`); import again once they have quit")
        } catch {
            return refuse(error.message, line: nil)
        }
        let local: JournalContents
        do {
            local = try JournalReader.read(file: target)
        } catch {
            return refuse("cannot read \(shownTarget)", line: nil)
        }
        guard local.header == header else {
            return refuse("rater `\(header.rater)` already has a different session here (\(shownTarget), begun \(Self.date(local.header?.created)); this one began \(Self.date(header.created))): the two cannot be merged. Keep one, or import the other under another rater name")
        }
        let localEvents = local.events
        var common = 0
        while common < min(localEvents.count, events.count), localEvents[common].seq == events[common].seq,
              localEvents[common].event == events[common].event {
            common += 1
        }
        if common == events.count {
            return .alreadyPresent(study: header.study, rater: header.rater, journal: shownTarget, localHasMore: localEvents.count - common)
        }
        guard common == localEvents.count else {
            return refuse("rater `\(header.rater)` already has this session in \(shownTarget), but the two differ from event \(localEvents[common].seq) on (\(localEvents.count) events here, \(events.count) in the file): each went on separately, and neither is kept over the other. Compare them by hand")
        }
        if !local.appendBlockers.isEmpty || local.tornTail != nil {
            let reasons = local.appendBlockers + (local.tornTail == nil ? [] : ["it ends in an incomplete line"])
            return refuse("\(shownTarget) cannot be extended safely: \(reasons.joined(separator: "; ")); `agon rate` for this rater repairs an incomplete last line", line: nil)
        }
        do throws(JournalWriter.OpenError) {
            if local.endsWithoutNewline { try writer.endLastLine() }
            for (seq, event) in events[common...] { try writer.append(line: JournalCodec.encode(event: event, seq: seq)) }
        } catch {
            return refuse("cannot extend \(shownTarget): \(error.message)", line: nil)
        }
        let before = SessionState(replaying: localEvents.map(\.event)).ratedCount
        return .extended(study: header.study, rater: header.rater, events: events.count - common,
                         judgements: judgements - before, journal: shownTarget)
    }

    private static func date(_ date: Date?) -> String {
        date.map { ISO8601DateFormatter().string(from: $0) } ?? "at an unknown time"
    }
}
