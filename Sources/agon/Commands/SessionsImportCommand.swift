import AgonCommandLine
import AgonCore
import ArgumentParser
import Foundation

struct SessionsImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Add journals rated on another machine to this workspace's sessions.",
        discussion: """
            Each file must be a whole Agon journal of a study here with the same content and rubric \
            (its fingerprints are checked) and, when the study has a roster, of a listed rater. A rater \
            with no journal here gets the file; an identical journal is reported as already present; a \
            journal that continues the local one (the local events are its first events) extends it. \
            Anything else is refused, and nothing is ever overwritten.
            """)

    @Argument(help: "Journal files (<rater>.jsonl) from the other machine's Sessions/<study>/.")
    var files: [String]

    func run() throws {
        let workspace = Workspace.fromEnvironment()
        var refused = 0
        for path in files {
            let file = URL(fileURLWithPath: path)
            switch SessionImport.importJournal(file, shownAs: path, into: workspace) {
            case .added(let study, let rater, let judgements, let journal):
                print("\(path): added rater \(rater) to study \(study): \(Self.judgements(judgements)) (\(journal))")
            case .extended(let study, let rater, let events, let judgements, let journal):
                print("\(path): updated rater \(rater) in study \(study): the local journal held the first events of this one; \(events) event\(events == 1 ? "" : "s") appended, \(Self.judgements(judgements)) more (\(journal))")
            case .alreadyPresent(_, let rater, let journal, let more):
                print(more == 0
                    ? "\(path): already present: rater \(rater) has exactly these events in \(journal); nothing added"
                    : "\(path): already present: \(journal) holds these events of rater \(rater) and \(more) later one\(more == 1 ? "" : "s"); nothing added")
            case .refused(let diagnostics):
                refused += 1
                for diagnostic in diagnostics { FileHandle.standardError.write(Data("\(diagnostic)\n".utf8)) }
                FileHandle.standardError.write(Data("\(path): refused, nothing written\n".utf8))
            }
        }
        if refused > 0 { throw Failure("\(refused) of \(files.count) journal\(files.count == 1 ? "" : "s") refused") }
    }

    private static func judgements(_ count: Int) -> String { "\(count) judgement\(count == 1 ? "" : "s")" }
}
