import AgonCore
import Foundation
import Testing

/// `agon report STUDY --html FILE` as a person runs it: the path printed, no overwrite without
/// `--force`, a broken roster reported by line.
struct ReportHTMLCommandTests {
    static func demoWorkspace() throws -> URL {
        let home = try RankingCommandTests.folder()
        let workspace = Workspace(root: home)
        try FileManager.default.createDirectory(at: workspace.rubricsFolder, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: workspace.studiesFolder, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: RankingCommandTests.repository.appendingPathComponent("Rubrics/creative-thinking.toml"),
                                         to: workspace.rubricFile("creative-thinking"))
        try FileManager.default.copyItem(at: RankingCommandTests.repository.appendingPathComponent("Studies/demo"), to: workspace.studyFolder("demo"))
        let bundle = try StudyBundle.load(studyID: "demo", in: workspace)
        let simulation = SimulatedRaters(quality: ["opus": ["originality": 1150], "gemma-2b": [:]], seed: 2)
        for rater in ["ann", "bob", "cy"] { try simulation.writeJournal(bundle: bundle, rater: rater, items: nil, workspace: workspace) }
        return home
    }

    @Test func writesTheFileSaysWhereAndKeepsAnExistingOne() throws {
        let home = try Self.demoWorkspace()
        defer { try? FileManager.default.removeItem(at: home) }
        let target = home.appendingPathComponent("report.html")
        let first = try RankingCommandTests.run(["report", "demo", "--html", "report.html", "--rounds", "100"], home: home)
        #expect(first.status == 0, "\(first.errors)")
        #expect(first.output == target.path + "\n")
        let written = try String(contentsOf: target, encoding: .utf8)
        #expect(written.hasPrefix("<!DOCTYPE html>"))
        #expect(written.contains("data-figure=\"forest-overall\""))

        try Data("keep me".utf8).write(to: target)
        let refused = try RankingCommandTests.run(["report", "demo", "--html", "report.html"], home: home)
        #expect(refused.status == 1)
        #expect(refused.errors == "report.html exists; add --force to replace it\n")
        #expect(try String(contentsOf: target, encoding: .utf8) == "keep me")

        let forced = try RankingCommandTests.run(["report", "demo", "--html", "report.html", "--force", "--lang", "ru", "--rounds", "100"], home: home)
        #expect(forced.status == 0)
        #expect(try String(contentsOf: target, encoding: .utf8).contains("<html lang=\"ru\""))
    }

    @Test func aBrokenRosterIsReportedByLine() throws {
        let home = try Self.demoWorkspace()
        defer { try? FileManager.default.removeItem(at: home) }
        try Data("[[raters]]\nname = \"ann\"\n[[raters]]\nname = \"ann\"\n".utf8)
            .write(to: home.appendingPathComponent("Studies/demo/raters.toml"))
        let run = try RankingCommandTests.run(["report", "demo", "--html", "out.html"], home: home)
        #expect(run.status == 1)
        #expect(run.errors.hasPrefix("Studies/demo/raters.toml:3: rater `ann` is listed twice"))
        #expect(!FileManager.default.fileExists(atPath: home.appendingPathComponent("out.html").path))
    }
}
