import Foundation
import Testing
@testable import AgonCore

/// Several samples per answer and a study waiting for its answers, as a person meets them on the
/// command line.
struct SamplesAndCollectReadyTests {
    @Test func theExtremesStudiesAreReadyToCollectAndCannotBeRatedYet() throws {
        for study in ["extremes", "extremes-ru"] {
            let validate = AgonProcess.run(["validate", study], home: FaultWorkspace.repository)
            #expect(validate.status == 0, "\(validate.error)")
            #expect(validate.output.hasPrefix("\(study): ready to collect — 2 systems, 30 tasks, 3 samples per answer, no answers yet: 180 to collect with `agon collect \(study)`"),
                    "\(validate.output)")
        }
        // Rating in a copy of the repository's folders, so that no session could land in the repository.
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("agon-extremes-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: home) }
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
        for folder in ["Rubrics", "Studies"] {
            try FileManager.default.copyItem(at: FaultWorkspace.repository.appendingPathComponent(folder), to: home.appendingPathComponent(folder))
        }
        // The rater is told there is nothing to rate yet and whom to ask, not the researcher's command.
        let rate = AgonProcess.run(["rate", "extremes", "--rater", "vera"], home: home)
        #expect(rate.status == 1)
        #expect(rate.error.contains("The study `extremes` has no answers to rate yet. Please ask the researcher"), "\(rate.error)")
        let commands: [(AgonProcess.Program, [String])] = [
            (.agon, ["report", "extremes"]),
            (.bench, ["scripted-rater", "extremes", "--rater", "vera"]),
        ]
        for (program, command) in commands {
            let refused = AgonProcess.run(command, home: home, program: program)
            #expect(refused.status == 1, "\(command)")
            #expect(refused.error.contains("Studies/extremes/answers.jsonl: file not found"), "\(refused.error)")
            #expect(refused.error.contains("`agon collect extremes`"), "\(refused.error)")
            #expect(!refused.error.contains("Error:"))
        }
        #expect(!FileManager.default.fileExists(atPath: home.appendingPathComponent("Sessions/extremes").path))
    }

    @Test func validateWarnsAboutWhatGivesASystemAway() {
        let demo = AgonProcess.run(["validate", "demo"], home: FaultWorkspace.repository)
        #expect(demo.status == 0)
        #expect(demo.output.contains("warning: Studies/demo/answers.jsonl:33: answer names a model or maker (task `t17`, system `opus`): “AI Assistant”"),
                "\(demo.output)")
        #expect(demo.output.contains("Length ratio between systems"))
        #expect(demo.output.contains("t11   1683       380  ×4.4"), "\(demo.output)")
    }

    /// A study with three samples: validated, rated by the scripted rater, reported and exported,
    /// the samples carried all the way.
    @Test func aSampledStudyIsRatedReportedAndExported() throws {
        let workspace = FaultWorkspace(tasks: 6)
        let folder = workspace.root.appendingPathComponent("Studies/load")
        var toml = try String(contentsOf: folder.appendingPathComponent("study.toml"), encoding: .utf8)
        toml = toml.replacingOccurrences(of: "repeat_share = 0.1\n", with: "repeat_share = 0.1\nsamples = 3\n")
        try Data(toml.utf8).write(to: folder.appendingPathComponent("study.toml"))
        var answers = ""
        for task in 1...6 {
            for system in ["large", "small"] {
                for sample in 1...3 {
                    answers += "{\"task\":\"t\(task)\",\"system\":\"\(system)\",\"sample\":\(sample),\"text\":\"Answer \(task) by \(system), take \(sample)\"}\n"
                }
            }
        }
        try Data(answers.utf8).write(to: folder.appendingPathComponent("answers.jsonl"))
        let validate = AgonProcess.run(["validate", "load"], home: workspace.root)
        #expect(validate.status == 0, "\(validate.error)")
        #expect(validate.output.hasPrefix("load: ok — 2 systems, 6 tasks, 3 samples per answer, 36 answers"), "\(validate.output)")

        // A missing sample is named.
        let gap = answers.replacingOccurrences(of: "{\"task\":\"t4\",\"system\":\"small\",\"sample\":2,\"text\":\"Answer 4 by small, take 2\"}\n", with: "")
        try Data(gap.utf8).write(to: folder.appendingPathComponent("answers.jsonl"))
        let missing = AgonProcess.run(["validate", "load"], home: workspace.root)
        #expect(missing.status == 1)
        #expect(missing.error.contains("task `t4` has no answer from `small` (sample 2)"), "\(missing.error)")
        #expect(missing.error.hasSuffix("`agon collect load` asks the systems' servers for the missing answers.\n"), "\(missing.error)")
        try Data(answers.utf8).write(to: folder.appendingPathComponent("answers.jsonl"))

        for rater in ["ann", "bob", "cy"] {
            #expect(AgonProcess.run(["scripted-rater", "load", "--rater", rater], home: workspace.root, program: .bench).status == 0)
        }
        var shown: Set<Int> = []
        for (_, event) in workspace.contents("ann").events {
            if case .judgement(let judgement) = event { shown.formUnion([judgement.leftSample, judgement.rightSample]) }
        }
        #expect(shown == [1, 2, 3])

        let report = AgonProcess.run(["report", "load", "--rounds", "50"], home: workspace.root)
        #expect(report.status == 0, "\(report.error)")
        #expect(report.output.contains("Samples: 3 per answer"), "\(report.output)")
        let export = AgonProcess.run(["export", "load", "--format", "csv"], home: workspace.root)
        #expect(export.status == 0)
        let header = export.output.split(separator: "\n").first.map(String.init) ?? ""
        #expect(header.contains("left,right,left_sample,right_sample"))
        let agreement = AgonProcess.run(["agreement", "load", "--bootstrap", "50"], home: workspace.root)
        #expect(agreement.status == 0, "\(agreement.error)")
        #expect(agreement.output.contains("task × system × sample"), "\(agreement.output)")
    }
}
