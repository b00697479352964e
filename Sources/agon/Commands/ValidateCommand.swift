import AgonCommandLine
import AgonCore
import ArgumentParser
import Foundation

struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check a study, its answers and its rubric; report every problem as file:line.",
        discussion: """
        A study without answers yet is "ready to collect" (exit 0). Answers that name a model or maker, \
        still carry thinking markup, or differ wildly in length between systems are reported as warnings \
        (blinding hygiene); the researcher decides.
        """)

    @Argument(help: "The study id (a folder under Studies/).")
    var study: String

    @Flag(help: "Record, in every session begun on an earlier text of the answers, which answers were edited, so that rating continues (only edits to answers' text; the report says which judgements saw the old text).")
    var acceptEdits = false

    func run() throws {
        let workspace = Workspace.fromEnvironment()
        let bundle: StudyBundle
        do {
            bundle = try StudyBundle.load(studyID: study, in: workspace, answers: .mayBeAbsent)
        } catch {
            var failure = Failure(diagnostics: error.diagnostics)
            if error.diagnostics.contains(where: { $0.message.contains("has no answer from") }) {
                failure.lines.append("`agon collect \(study)` asks the systems' servers for the missing answers.")
            }
            throw failure
        }
        let design = bundle.study.design
        let schedule = Schedule.make(study: bundle.study, rater: "validate")
        let samples = design.samples == 1 ? "" : ", \(design.samples) samples per answer"
        if bundle.awaitsAnswers {
            let wanted = bundle.study.systems.count * bundle.study.tasks.count * design.samples
            print("\(bundle.study.id): ready to collect — \(PluralNoun.system.counted(bundle.study.systems.count)), \(PluralNoun.task.counted(bundle.study.tasks.count))\(samples), "
                + "no answers yet: \(wanted) to collect with `agon collect \(bundle.study.id)`; rubric `\(bundle.rubric.id)` with "
                + "\(PluralNoun.criterion.counted(bundle.rubric.criteria.count)); then \(PluralNoun.item.counted(schedule.count)) per rater (\(PluralNoun.repeatShowing.counted(schedule.items.filter(\.isRepeat).count)))")
            printDesignFacts(bundle.study)
            return
        }
        print("\(bundle.study.id): ok — \(PluralNoun.system.counted(bundle.study.systems.count)), \(PluralNoun.task.counted(bundle.study.tasks.count))\(samples), "
            + "\(PluralNoun.answer.counted(bundle.answers.answers.count)), rubric `\(bundle.rubric.id)` with \(PluralNoun.criterion.counted(bundle.rubric.criteria.count)); "
            + "\(PluralNoun.item.counted(schedule.count)) per rater (\(PluralNoun.repeatShowing.counted(schedule.items.filter(\.isRepeat).count)))")
        printDesignFacts(bundle.study)
        for note in bundle.notes { print("note: \(note)") }
        for warning in CollectionWarnings.lines(study: bundle.study, workspace: workspace) { print(warning) }
        let hygiene = BlindingHygiene.check(bundle.answers.answers, study: bundle.study)
        let answersFile = workspace.display(workspace.answersFile(bundle.study.id))
        for warning in BlindingHygiene.diagnostics(hygiene, answersFile: answersFile, samples: design.samples) {
            print("warning: \(warning)")
        }
        print(BlindingHygiene.lengthTable(hygiene, systems: bundle.study.systems.map(\.id)))
        if !hygiene.findings.isEmpty {
            let count = hygiene.findings.count
            print("\(PluralNoun.blindingWarning.counted(count)): read them, then edit the answers (or leave them, if the name belongs to the text).")
        }
        if acceptEdits {
            try recordEdits(bundle, workspace: workspace)
        } else {
            explainChangedSessions(bundle, workspace: workspace)
        }
    }

    /// Sessions the current files would stop, each with what changed and the researcher's ways on.
    private func explainChangedSessions(_ bundle: StudyBundle, workspace: Workspace) {
        for session in SessionStore.findings(bundle: bundle, workspace: workspace) {
            switch session.finding {
            case .current:
                continue
            case .edits(let edits):
                print("warning: \(session.journal): the answers changed since this session began (edited: "
                    + edits.answers.map(EditAcceptance.describe).joined(separator: ", ") + "); its rater cannot continue until you either "
                    + "run `agon validate \(bundle.study.id) --accept-edits` (the session continues on the new text; the report says which judgements saw the old one), "
                    + "restore the old answers, or let the rater begin again with `agon rate \(bundle.study.id) --rater \(session.rater) --new-session`")
            case .refused(let reasons):
                print("warning: \(session.journal): the study or rubric changed since this session began:\n  - "
                    + reasons.joined(separator: "\n  - ")
                    + "\n  Its rater cannot continue until you restore the files it began with (e.g. `git log -- Studies Rubrics`, then `git checkout <commit> -- <files>`), "
                    + "or the rater begins again with `agon rate \(bundle.study.id) --rater \(session.rater) --new-session` (the old journal is kept in the archive).")
            }
        }
    }

    private func recordEdits(_ bundle: StudyBundle, workspace: Workspace) throws {
        let written: [(journal: String, edits: AcceptedEdits)]
        do {
            written = try SessionStore.acceptEdits(bundle: bundle, workspace: workspace)
        } catch {
            throw Failure(error.description)
        }
        if written.isEmpty {
            print("No session needed it: every session is on the current text.")
            return
        }
        for entry in written {
            print("\(entry.journal): edits accepted (" + entry.edits.answers.map(EditAcceptance.describe).joined(separator: ", ")
                + "); the session continues on the new text")
        }
    }

    /// A complete design with two systems says all there is in the first line; the facts are for
    /// designs with choices in them.
    private func printDesignFacts(_ study: Study) {
        guard !study.design.isComplete || study.systems.count > 2 else { return }
        for line in DesignFacts(study: study).lines { print(line) }
    }
}
