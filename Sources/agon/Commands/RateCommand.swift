import AgonCore
import ArgumentParser
import Foundation

struct RateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rate",
        abstract: "Open the blind rating screen on a rater's schedule (the demo study when none is named).")

    @Argument(help: "The study id (a folder under Studies/).")
    var study: String = "demo"

    @Option(help: "Your name as a rater: letters, digits, - _ . (it names your session file).")
    var rater: String

    func run() throws {
        let workspace = Workspace.fromEnvironment()
        let bundle: StudyBundle
        do {
            bundle = try StudyBundle.load(studyID: study, in: workspace)
        } catch {
            throw Failure(diagnostics: error.diagnostics)
        }
        let session: SessionStore.OpenSession
        do {
            session = try SessionStore.open(bundle: bundle, rater: rater, workspace: workspace)
        } catch {
            throw Failure(error.description)
        }
        // Until the rating screen lands, show where the rater stands and the next blind pair.
        print("\(bundle.study.title) — rater \(rater): \(session.state.ratedCount) of \(session.schedule.count) rated")
        guard let next = session.state.openItems(in: session.schedule).first,
              let task = bundle.study.task(id: next.task),
              let left = bundle.answers.answer(task: next.task, system: next.left),
              let right = bundle.answers.answer(task: next.task, system: next.right) else {
            print("All items rated. Thank you.")
            return
        }
        print("\nItem \(next.number) of \(session.schedule.count)\n\nTask:\n\(task.prompt)\n\n── Answer A ──\n\(left.text)\n\n── Answer B ──\n\(right.text)")
    }
}
