import AgonCore
import ArgumentParser
import Foundation

struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check a study, its answers and its rubric; report every problem as file:line.")

    @Argument(help: "The study id (a folder under Studies/).")
    var study: String

    func run() throws {
        let workspace = Workspace.fromEnvironment()
        do {
            let bundle = try StudyBundle.load(studyID: study, in: workspace)
            let schedule = Schedule.make(study: bundle.study, rater: "validate")
            print("\(bundle.study.id): ok — \(bundle.study.systems.count) systems, \(bundle.study.tasks.count) tasks, "
                + "\(bundle.answers.answers.count) answers, rubric `\(bundle.rubric.id)` with \(bundle.rubric.criteria.count) criteria; "
                + "\(schedule.count) items per rater (\(schedule.items.filter(\.isRepeat).count) repeats)")
            for note in bundle.notes { print("note: \(note)") }
            for warning in CollectionWarnings.lines(study: bundle.study, workspace: workspace) { print(warning) }
        } catch {
            throw Failure(diagnostics: error.diagnostics)
        }
    }
}
