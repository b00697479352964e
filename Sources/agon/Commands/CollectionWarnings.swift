import AgonCore
import Foundation

/// What `validate` adds once answers have been collected: each system's declared profile held
/// against its server's latest report in `collection.jsonl`.
enum CollectionWarnings {
    static func lines(study: Study, workspace: Workspace) -> [String] {
        guard let contents = CollectionJournal.read(file: CollectionJournal.file(in: workspace, study: study.id)) else { return [] }
        return study.systems.flatMap { system in
            ProfileCheck.warnings(system: system, generation: study.generation[system.id], report: contents.reports[system.id])
                .map { "warning: \($0)" }
        }
    }
}
