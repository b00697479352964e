import Foundation
import Testing
@testable import AgonCore

/// `agon plan` and the report's parameter effects on the shipped studies, as a researcher runs them.
struct PlanAndEffectsCommandTests {
    /// The many-system study is planned for the twelve pairs its design compares, at its budget;
    /// a contrast it never compares can still be asked about, and is said to be outside the design.
    @Test func planFollowsTheStudysContrastDesign() throws {
        let run = AgonProcess.run(["plan", "six-families", "--simulations", "20", "--raters", "12"], home: FaultWorkspace.repository)
        #expect(run.status == 0, "\(run.error)")
        let lines = run.output.split(separator: "\n").map(String.init)
        #expect(lines.first?.hasPrefix("Plan for six-families: the 12 pairs its design compares (contrasts); 85 tasks; each rater judges 60 of the 1020 items (the design's budget): 5 of each pair") == true,
                "\(lines.first ?? "")")
        let rows = lines.filter { $0.contains(" vs ") && !$0.hasPrefix("Note:") }
        #expect(rows.count == 12, "\(run.output)")
        #expect(rows.contains { $0.hasPrefix("llama2-70b vs llama2-7b ") })
        #expect(!rows.contains { $0.hasPrefix("llama2-7b vs llama3-8b ") })

        let outside = AgonProcess.run(["plan", "six-families", "--simulations", "20", "--contrast", "llama2-7b,llama3-8b"],
                                      home: FaultWorkspace.repository)
        #expect(outside.status == 0, "\(outside.error)")
        #expect(outside.output.contains("1 contrast given with --contrast (1 not compared by the study's design (contrasts)"))
        #expect(outside.output.contains("Note: llama2-7b vs llama3-8b: not compared by the study's design"))
    }

    /// The two-extremes study: its one pair, every rater on every task, and the rule of thumb.
    @Test func planForTheTwoExtremes() throws {
        let run = AgonProcess.run(["plan", "extremes", "--simulations", "40", "--win-rate", "0.6"], home: FaultWorkspace.repository)
        #expect(run.status == 0, "\(run.error)")
        #expect(run.output.hasPrefix("Plan for extremes: the 1 pair its design compares (all pairs); 30 tasks; each rater judges every compared pair on every task once (30 judgements a pair a rater)."),
                "\(run.output)")
        #expect(run.output.contains("giant vs minimal"))
        #expect(run.output.contains("194 for 60%"))
    }

    /// Simulated sessions on six families, large vs small: the report credits the parameters (they
    /// change within every family) and says the context window changes only between families, and
    /// why the bits are left out.
    @Test func effectsOnSixFamiliesSayWhatIsSeparable() throws {
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("agon-effects-e2e-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: home) }
        let workspace = Workspace(root: home)
        try FileManager.default.createDirectory(at: workspace.rubricsFolder, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: workspace.studiesFolder, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: FaultWorkspace.repository.appendingPathComponent("Rubrics/creative-thinking.toml"),
                                         to: workspace.rubricFile("creative-thinking"))
        try FileManager.default.copyItem(at: FaultWorkspace.repository.appendingPathComponent("Studies/six-families"),
                                         to: workspace.studyFolder("six-families"))
        let bundle = try StudyBundle.load(studyID: "six-families", in: workspace)
        let criteria = bundle.rubric.criteria.map(\.id)
        // Large models 250 Elo above small ones; families differ by their own amounts.
        var quality: [String: [String: Double]] = [:]
        for (index, system) in bundle.study.systems.enumerated() {
            let large = (system.profile.parametersBillions ?? 0) >= 30
            let level = (large ? 1125.0 : 875.0) + Double(index / 2 % 3) * 30
            quality[system.id] = Dictionary(uniqueKeysWithValues: criteria.map { ($0, level) })
        }
        let simulation = SimulatedRaters(quality: quality, seed: 5)
        for rater in (1...12).map({ "rater-\($0)" }) {
            try simulation.writeJournal(bundle: bundle, rater: rater, items: nil, workspace: workspace)
        }

        let report = AgonProcess.run(["report", "six-families", "--rounds", "50"], home: home)
        #expect(report.status == 0, "\(report.error)")
        let text = report.output
        #expect(text.contains("Parameter effects — structured Bradley–Terry"), "\(text)")
        let doubling = try #require(text.split(separator: "\n").first { $0.hasPrefix("doubling parameters") })
        #expect(!text.contains("doubling the context window  "))
        #expect(text.contains("context window changes only between families (within each family it is the same)"))
        #expect(text.contains("quantisation bits is left out: unknown for llama3.1-70b, llama3.1-8b"))
        #expect(text.contains("Credited, since it changes within families too: parameters."))

        let json = AgonProcess.run(["report", "six-families", "--rounds", "50", "--json"], home: home)
        #expect(json.status == 0, "\(json.error)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.output.utf8)) as? [String: Any])
        let sections = try #require(object["sections"] as? [[String: Any]])
        let overall = try #require(sections.first { $0["id"] as? String == "overall" })
        let effects = try #require(overall["effects"] as? [String: Any])
        let knobs = try #require(effects["effects"] as? [[String: Any]])
        #expect(knobs.map { $0["key"] as? String } == ["log2_parameters"])
        // Large beat small by 250 Elo over about 3.3 doublings: a clearly positive effect.
        let parameters = try #require(knobs.first)
        let lower = try #require(parameters["lower"] as? Double)
        #expect(lower > 0, "\(doubling)")
        let design = try #require(effects["design"] as? [String: Any])
        let familyLevel = try #require(design["familyLevel"] as? [[String: Any]])
        #expect(familyLevel.map { $0["knob"] as? String } == ["log2_context"])
    }
}
