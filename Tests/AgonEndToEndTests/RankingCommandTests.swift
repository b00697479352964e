import AgonCore
import Foundation
import Testing

/// `agon rank`, `agon report` and `agon export` as a person runs them: the built binary, its exit
/// status, standard output and standard error.
struct RankingCommandTests {
    struct Run {
        var status: Int32
        var output: String
        var errors: String
    }

    static var binary: URL { AgonProcess.binary }

    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    static func run(_ arguments: [String], home: URL) throws -> Run {
        let run = AgonProcess.run(arguments, home: home, directory: home)
        return Run(status: run.status, output: run.output, errors: run.error)
    }

    static func folder() throws -> URL {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("agon-rank-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        return root
    }

    @Test func rankReadsArenaBattlesAndReportsBadRowsByLine() throws {
        let home = try Self.folder()
        defer { try? FileManager.default.removeItem(at: home) }
        var good = "model_a,model_b,winner\n"
        for _ in 0..<30 { good += "big,small,model_a\nsmall,big,model_a\nbig,small,tie\nbig,small,model_a\n" }
        try Data(good.utf8).write(to: home.appendingPathComponent("good.csv"))
        let table = try Self.run(["rank", "--battles", "good.csv", "--rounds", "100"], home: home)
        #expect(table.status == 0)
        #expect(table.output.contains("120 battles among 2 systems"))
        #expect(table.output.contains("big against small"))
        let json = try Self.run(["rank", "--battles", "good.csv", "--rounds", "100", "--json"], home: home)
        #expect(json.status == 0)
        let object = try JSONSerialization.jsonObject(with: Data(json.output.utf8)) as? [String: Any]
        let rows = (object?["ranking"] as? [String: Any])?["rows"] as? [[String: Any]]
        #expect(rows?.first?["system"] as? String == "big")
        #expect(rows?.first?["wins"] as? Int == 60)

        try Data("model_a,model_b,winner\nbig,small,model_a\nbig,small,maybe\n".utf8).write(to: home.appendingPathComponent("bad.csv"))
        let bad = try Self.run(["rank", "--battles", "bad.csv"], home: home)
        #expect(bad.status == 1)
        #expect(bad.errors == "bad.csv:3: winner is `maybe`; expected model_a, model_b, tie or tie (bothbad)\n")
        #expect(bad.output.isEmpty)
    }

    @Test func reportAndExportASimulatedStudy() throws {
        let home = try Self.folder()
        defer { try? FileManager.default.removeItem(at: home) }
        let workspace = Workspace(root: home)
        try FileManager.default.createDirectory(at: workspace.rubricsFolder, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: Self.repository.appendingPathComponent("Rubrics/creative-thinking.toml"),
                                         to: workspace.rubricFile("creative-thinking"))
        try FileManager.default.createDirectory(at: workspace.studyFolder("duel"), withIntermediateDirectories: true)
        var toml = "id = \"duel\"\ntitle = \"Duel\"\nrubric = \"creative-thinking\"\n[design]\nseed = 4\nrepeat_share = 0.2\n"
        toml += "[[systems]]\nid = \"hicap\"\nlabel = \"70B FP16\"\nparameters_b = 70\n[[systems]]\nid = \"locap\"\nlabel = \"7B 4-bit\"\nparameters_b = 7\nquantisation_bits = 4\n"
        var answers = ""
        for task in 1...6 {
            toml += "[[tasks]]\nid = \"t\(task)\"\nprompt = \"Task \(task)\"\n"
            answers += "{\"task\": \"t\(task)\", \"system\": \"hicap\", \"text\": \"a long and winding answer number \(task)\"}\n"
            answers += "{\"task\": \"t\(task)\", \"system\": \"locap\", \"text\": \"short answer \(task)\"}\n"
        }
        try Data(toml.utf8).write(to: workspace.studyFile("duel"))
        try Data(answers.utf8).write(to: workspace.answersFile("duel"))
        let bundle = try StudyBundle.load(studyID: "duel", in: workspace)
        let criteria = bundle.rubric.criteria.map(\.id)
        let simulation = SimulatedRaters(quality: ["hicap": Dictionary(uniqueKeysWithValues: criteria.map { ($0, 1100.0) }),
                                                   "locap": Dictionary(uniqueKeysWithValues: criteria.map { ($0, 900.0) })])
        for rater in ["ann", "bob"] { try simulation.writeJournal(bundle: bundle, rater: rater, items: nil, workspace: workspace) }

        let report = try Self.run(["report", "duel", "--rounds", "100"], home: home)
        #expect(report.status == 0)
        #expect(report.errors.isEmpty)
        for expected in ["Overall preference", "Originality", "hicap against locap", "7B 4-bit", "left answer won", "same verdict on repeated items"] {
            #expect(report.output.contains(expected))
        }
        let json = try Self.run(["report", "duel", "--rounds", "100", "--json"], home: home)
        let decoded = try JSONDecoder().decode(StudyReport.self, from: Data(json.output.utf8))
        #expect(decoded.raters == ["ann", "bob"])
        #expect(decoded.sections.first?.ranking.rows.first?.system == "hicap")

        let csv = try Self.run(["export", "duel", "--format", "csv"], home: home)
        #expect(csv.status == 0)
        let lines = csv.output.split(separator: "\n")
        #expect(lines.first == Substring(StudyExport.columns.joined(separator: ",")))
        #expect(lines.count == 1 + decoded.judgements * criteria.count)

        let missing = try Self.run(["report", "nosuch"], home: home)
        #expect(missing.status == 1)
        #expect(missing.errors.contains("Studies/nosuch/study.toml"))
    }
}
