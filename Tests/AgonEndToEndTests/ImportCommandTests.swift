import Foundation
import Testing
@testable import AgonCore

/// `agon import --force` replaces a study; sessions rated against the old one are archived first,
/// never left to mix with the new study or overwritten.
struct ImportCommandTests {
    static func inputs(in workspace: FaultWorkspace, edited: Bool) throws -> [String] {
        var answers = ""
        for task in 1...4 {
            for system in ["large", "small"] {
                let text = edited && task == 2 ? "Rewritten \(task) by \(system)" : "Answer \(task) by \(system)"
                answers += "{\"task\":\"p\(task)\",\"system\":\"\(system)\",\"text\":\"\(text)\"}\n"
            }
        }
        let answersFile = workspace.root.appendingPathComponent("answers-in.jsonl")
        try Data(answers.utf8).write(to: answersFile)
        let systemsFile = workspace.root.appendingPathComponent("systems.toml")
        try Data("[[systems]]\nid = \"large\"\nsource = \"large\"\n\n[[systems]]\nid = \"small\"\nsource = \"small\"\n".utf8).write(to: systemsFile)
        return ["import", "load", "--answers", answersFile.path, "--systems", systemsFile.path, "--force"]
    }

    @Test func forceArchivesTheSessionsOfTheStudyItReplaces() throws {
        let workspace = FaultWorkspace(tasks: 4)
        #expect(AgonProcess.run(["scripted-rater", "load", "--rater", "vera", "--count", "2"], home: workspace.root, program: .bench).status == 0)
        let journal = workspace.journal("vera")
        let before = try Data(contentsOf: journal)
        let run = AgonProcess.run(try Self.inputs(in: workspace, edited: false), home: workspace.root)
        #expect(run.status == 0, "\(run.error)")
        #expect(!FileManager.default.fileExists(atPath: journal.path), "the old session must not stay beside the new study")
        let archive = workspace.root.appendingPathComponent("Sessions/load/archive")
        let kept = try FileManager.default.contentsOfDirectory(atPath: archive.path)
        #expect(kept.count == 1 && kept[0].hasPrefix("vera."), "\(kept)")
        #expect(try Data(contentsOf: archive.appendingPathComponent(kept[0])) == before)
        #expect(run.output.contains("Sessions/load/archive/vera."), "\(run.output)")
        // Rating the new study starts a fresh session.
        let fresh = AgonProcess.run(["scripted-rater", "load", "--rater", "vera", "--count", "1"], home: workspace.root, program: .bench)
        #expect(fresh.status == 0, "\(fresh.error)")
    }

    @Test func importingTheSameStudyAgainKeepsItsSessions() throws {
        let workspace = FaultWorkspace(tasks: 4)
        let arguments = try Self.inputs(in: workspace, edited: false)
        #expect(AgonProcess.run(arguments, home: workspace.root).status == 0)
        #expect(AgonProcess.run(["scripted-rater", "load", "--rater", "vera", "--count", "2"], home: workspace.root, program: .bench).status == 0)
        let again = AgonProcess.run(arguments, home: workspace.root)
        #expect(again.status == 0, "\(again.error)")
        #expect(FileManager.default.fileExists(atPath: workspace.journal("vera").path))
        #expect(again.output.contains("unchanged"), "\(again.output)")
        let edited = AgonProcess.run(try Self.inputs(in: workspace, edited: true), home: workspace.root)
        #expect(edited.status == 0, "\(edited.error)")
        #expect(!FileManager.default.fileExists(atPath: workspace.journal("vera").path))
    }
}
