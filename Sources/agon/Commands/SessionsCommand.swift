import AgonCommandLine
import AgonCore
import ArgumentParser
import Foundation

/// `agon sessions [STUDY]`: the default of `agon sessions` (see `SessionsGroup`).
struct SessionsListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List raters with their progress (rated / total, repeats, skipped, last activity).")

    @Argument(help: "A study id; all studies with sessions when omitted.")
    var study: String?

    @Flag(help: "Redraw the table every few seconds until Ctrl-C.")
    var watch = false

    @Option(help: "Seconds between redraws with --watch.")
    var every = 3.0

    func run() throws {
        guard watch else { return try show() }
        guard every >= 0.5 else { throw Failure("--every must be at least 0.5 seconds") }
        while true {
            // Clear the screen and go home, then the same table as without --watch.
            print("\u{1B}[H\u{1B}[2J", terminator: "")
            try show()
            print("\n(every \(every.formatted()) s; Ctrl-C to stop)")
            fflush(nil)
            Thread.sleep(forTimeInterval: every)
        }
    }

    private func show() throws {
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
            let roster = try? Roster.load(study: studyID, in: workspace)
            print(SessionsOverview.render(studyID: studyID, journals: journals.map { ($0.rater, $0.contents) }, bundle: bundle, roster: roster ?? nil))
            printedAny = true
        }
        if !printedAny, study == nil {
            print(studies.isEmpty
                ? "No studies here: \(workspace.display(workspace.studiesFolder))/ holds none. \(workspace.whereAgonLooks)."
                : "No sessions yet in \(workspace.sessionsFolder.path) (studies here: \(studies.joined(separator: ", "))). Start one with: agon rate STUDY --rater NAME")
        }
    }
}
