import AgonCommandLine
import AgonCore
import ArgumentParser
import Foundation

struct SessionsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sessions",
        abstract: "List raters with their progress (rated / total, repeats, skipped, last activity).")

    @Argument(help: "A study id; all studies with sessions when omitted.")
    var study: String?

    func run() throws {
        let workspace = Workspace.fromEnvironment()
        let studies = study.map { [$0] } ?? workspace.studyIDs()
        if let study, !workspace.studyIDs().contains(study), SessionStore.journals(studyID: study, in: workspace).isEmpty {
            throw Failure("\(workspace.display(workspace.studyFile(study))): \(workspace.noSuchStudy(study))")
        }
        var printedAny = false
        for studyID in studies {
            let (journals, unreadable) = SessionStore.readJournals(studyID: studyID, in: workspace)
            for file in unreadable {
                FileHandle.standardError.write(Data("warning: \(workspace.display(file.file)): cannot be read (\(file.reason))\n".utf8))
            }
            if journals.isEmpty {
                if study != nil { print("\(studyID): no sessions yet in \(workspace.display(workspace.sessionFolder(studyID)))") }
                continue
            }
            let bundle = try? StudyBundle.load(studyID: studyID, in: workspace)
            let studyHash = bundle?.studyHash
            print(studyID)
            var rows = [["rater", "rated", "total", "repeats", "skipped", "flagged", "last activity", "notes"]]
            for journal in journals {
                let state = SessionState(replaying: journal.contents.events.map(\.event))
                let schedule = bundle.map { Schedule.make(study: $0.study, rater: journal.rater) }
                let repeatNumbers = Set(schedule?.items.filter(\.isRepeat).map(\.number) ?? [])
                let repeatsRated = state.judgements.keys.filter { repeatNumbers.contains($0) }.count
                var notes: [String] = []
                if journal.contents.tornTail != nil { notes.append("torn last line") }
                if !journal.contents.appendBlockers.isEmpty { notes.append("read-only: \(journal.contents.appendBlockers[0])") }
                if let studyHash, let header = journal.contents.header, header.accepting(journal.contents.events.map(\.event)).studyHash != studyHash {
                    notes.append("study changed since start (see `agon validate`)")
                }
                rows.append([
                    journal.rater,
                    "\(state.ratedCount)",
                    schedule.map { "\($0.count)" } ?? "?",
                    "\(repeatsRated)/\(repeatNumbers.count)",
                    "\(state.skipped.filter { state.judgements[$0] == nil }.count)",
                    "\(state.flags.count)",
                    state.lastActivity.map { $0.formatted(.iso8601) } ?? "—",
                    notes.joined(separator: "; "),
                ])
            }
            print(PlainTable.render(rows))
            printedAny = true
        }
        if !printedAny, study == nil {
            print(studies.isEmpty
                ? "No studies here: \(workspace.display(workspace.studiesFolder))/ holds none. \(workspace.whereAgonLooks)."
                : "No sessions yet in \(workspace.sessionsFolder.path) (studies here: \(studies.joined(separator: ", "))). Start one with: agon rate STUDY --rater NAME")
        }
    }
}
