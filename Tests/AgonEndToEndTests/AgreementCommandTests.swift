import Foundation
import Testing

/// `agon agreement` run as a process, as a researcher runs it.
struct AgreementCommandTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()
    static let references = repository.appendingPathComponent("Tests/AgonCoreTests/Fixtures/agreement-reference")

    struct Run {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    static func agon(_ arguments: [String], home: URL? = nil, program: AgonProcess.Program = .agon) throws -> Run {
        let run = AgonProcess.run(arguments, home: home ?? repository, program: program)
        return Run(status: run.status, stdout: run.output, stderr: run.error)
    }

    @Test func ratingsFileGivesThePublishedValues() throws {
        let file = Self.references.appendingPathComponent("krippendorff2011_4x12.csv").path
        let run = try Self.agon(["agreement", "--ratings", file, "--bootstrap", "100"])
        #expect(run.status == 0)
        for published in ["0.743", "0.815", "0.849", "0.797", "0.775", "0.859", "0.914"] {
            #expect(run.stdout.contains(published), "\(published)")
        }
        #expect(run.stdout.contains("Reading: alpha ≥ 0.800"))
    }

    @Test func levelAndScaleChooseWhatIsPrinted() throws {
        let file = Self.references.appendingPathComponent("krippendorff2011_4x12.csv").path
        let run = try Self.agon(["agreement", "--ratings", file, "--level", "nominal", "--scale", "1,2,3,4,5,6,7", "--bootstrap", "0"])
        #expect(run.status == 0)
        #expect(run.stdout.contains("nominal"))
        let statisticLines = run.stdout.split(separator: "\n").filter { $0.hasPrefix("Krippendorff") || $0.hasPrefix("Gwet") || $0.hasPrefix("ICC") }
        #expect(statisticLines.count == 2)
        #expect(statisticLines.allSatisfy { $0.contains("nominal") })
        #expect(run.stdout.contains("scale: 1 2 3 4 5 6 7"))
    }

    @Test func jsonIsMachineReadable() throws {
        let file = Self.references.appendingPathComponent("fleiss_wikipedia_10x14.csv").path
        let run = try Self.agon(["agreement", "--ratings", file, "--json", "--bootstrap", "50"])
        #expect(run.status == 0)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        let estimates = try #require(object["estimates"] as? [[String: Any]])
        let fleiss = try #require(estimates.first { $0["key"] as? String == "fleiss" })
        #expect(((fleiss["value"] as? Double ?? 0) * 1000).rounded() / 1000 == 0.210)
        #expect(fleiss["interval"] != nil)
    }

    @Test func malformedRowsGiveFileAndLine() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("agon-agree-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("bad.csv")
        try Data("unit,rater,value\n1,a,3\n1,b\n2,a,3\n2,a,4\n".utf8).write(to: file)
        let run = try Self.agon(["agreement", "--ratings", file.path])
        #expect(run.status == 1)
        #expect(run.stderr.contains("bad.csv:3: expected 3 fields (unit,rater,value), found 2"))
        #expect(run.stderr.contains("bad.csv:5: unit `2` already has a rating by `a` (line 4)"))
        #expect(!run.stderr.contains("Fatal"))
        let missing = try Self.agon(["agreement", "--ratings", folder.appendingPathComponent("none.csv").path])
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("none.csv: cannot read the file"))
        let neither = try Self.agon(["agreement"])
        #expect(neither.status != 0)
        #expect(neither.stderr.contains("give either a study id or --ratings FILE"))
    }

    @Test func studyAgreementFromSimulatedSessions() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("agon-agree-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let simulate = try Self.agon(["agreement", "--simulate-study", "demo", "--into", folder.path, "--raters", "3"], program: .bench)
        #expect(simulate.status == 0, "\(simulate.stderr)")
        let run = try Self.agon(["agreement", "demo", "--bootstrap", "100"], home: folder)
        #expect(run.status == 0, "\(run.stderr)")
        for heading in ["Scores given to the same answer", "Winner of each pair per criterion", "Overall preference",
                        "Cohen's kappa on the overall preference", "Intra-rater consistency"] {
            #expect(run.stdout.contains(heading), "\(heading)")
        }
        let json = try Self.agon(["agreement", "demo", "--json", "--bootstrap", "0"], home: folder)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect((object["raters"] as? [String])?.count == 3)
        let empty = try Self.agon(["agreement", "demo"], home: Self.repository.appendingPathComponent("Tests"))
        #expect(empty.status == 1)
    }
}
