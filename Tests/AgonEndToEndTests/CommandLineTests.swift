import Foundation
import Testing
@testable import AgonCore
#if canImport(Glibc)
import Glibc
#endif

/// The commands of issue 2 as a person runs them: exit status, output and messages.
struct CommandLineTests {
    @Test func validatePassesOnTheShippedStudies() {
        for study in ["demo", "llama2-70b-vs-7b", "six-families"] {
            let run = AgonProcess.run(["validate", study], home: FaultWorkspace.repository)
            #expect(run.status == 0, "\(run.error)")
            #expect(run.output.hasPrefix("\(study): ok"))
        }
    }

    /// The many-system study: validate prints the design's facts — items per rater, judgements
    /// per pair, overlap, connectivity and what each contrast joins.
    @Test func validatePrintsTheDesignFacts() {
        let run = AgonProcess.run(["validate", "six-families"], home: FaultWorkspace.repository)
        #expect(run.status == 0, "\(run.error)")
        let lines = run.output.split(separator: "\n").map(String.init)
        #expect(lines.first?.hasPrefix("six-families: ok — 12 systems, 85 tasks, 1020 answers") == true, "\(lines.first ?? "")")
        #expect(lines.contains("design: contrasts — 12 of 66 pairs of 12 systems; 85 tasks × 12 pairs = 1020 items"), "\(run.output)")
        #expect(lines.contains("items per rater: 60 (12 shared by every rater, 48 the rater's own) + 6 repeats = 66"))
        #expect(lines.contains("judgements per pair: 5 per rater; over the 12 expected raters: 60 each"))
        #expect(lines.contains { $0.hasPrefix("overlap between raters: min 12, median ") })
        #expect(lines.contains { $0.hasPrefix("connectivity: connected") })
        #expect(lines.contains("  contrast llama2-70b – llama3-70b: 60 judgements"))
    }

    /// A contrast list that leaves systems unreachable is refused at its line, with what to add.
    @Test func validateRefusesADisconnectedContrastList() throws {
        let workspace = FaultWorkspace(tasks: 3, systems: ["a70", "a7", "b70", "b7"])
        let file = workspace.root.appendingPathComponent("Studies/load/study.toml")
        let lines = try String(contentsOf: file, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
        let design = lines.firstIndex(of: "[design]")!
        let toml = (lines[...design] + ["contrasts = [", "  [\"a70\", \"a7\"],", "  [\"b70\", \"b7\"],", "]"] + lines[(design + 1)...])
        try Data(toml.joined(separator: "\n").utf8).write(to: file)
        let run = AgonProcess.run(["validate", "load"], home: workspace.root)
        #expect(run.status == 1)
        #expect(run.error.contains("Studies/load/study.toml:\(design + 2): the contrasts leave the systems in 2 groups that no comparison joins: {a70, a7} | {b70, b7}"), "\(run.error)")
        #expect(run.error.contains("add a contrast joining them, e.g. [\"a7\", \"b70\"]"), "\(run.error)")
        #expect(!run.error.contains("Fatal"))
    }

    @Test func validateReportsEveryProblemAsFileLineAndFails() throws {
        let workspace = FaultWorkspace(tasks: 3)
        let study = workspace.root.appendingPathComponent("Studies/load")
        var toml = try String(contentsOf: study.appendingPathComponent("study.toml"), encoding: .utf8)
        toml = toml.replacingOccurrences(of: "id = \"t2\"", with: "id = \"t1\"")
        try Data(toml.utf8).write(to: study.appendingPathComponent("study.toml"))
        let answers = try String(contentsOf: study.appendingPathComponent("answers.jsonl"), encoding: .utf8) + "{\"task\":\"t9\"\n"
        try Data(answers.utf8).write(to: study.appendingPathComponent("answers.jsonl"))
        let run = AgonProcess.run(["validate", "load"], home: workspace.root)
        #expect(run.status == 1)
        #expect(run.output.isEmpty)
        let lines = run.error.split(separator: "\n").map(String.init)
        #expect(lines.contains("Studies/load/study.toml:19: duplicate task id `t1`"), "\(lines)")
        #expect(lines.contains("Studies/load/answers.jsonl:7: not valid JSON"), "\(lines)")
        #expect(lines.contains { $0.hasPrefix("Studies/load/answers.jsonl:3: unknown task `t2`") }, "\(lines)")
        #expect(lines.last == "\(lines.count - 1) problems found.")
        #expect(!run.error.contains("Error:") && !run.error.contains("Fatal"))
    }

    @Test func unknownStudyAndUnsafeRaterGetAMessageNotACrash() {
        let unknown = AgonProcess.run(["validate", "nope"], home: FaultWorkspace.repository)
        #expect(unknown.status == 1)
        #expect(unknown.error.contains("no such study `nope`; studies here: demo, extremes, extremes-ru, llama2-70b-vs-7b, six-families"), "\(unknown.error)")
        let workspace = FaultWorkspace(tasks: 2)
        let unsafe = AgonProcess.run(["scripted-rater", "load", "--rater", "../../etc/passwd"], home: workspace.root, program: .bench)
        #expect(unsafe.status == 1)
        #expect(unsafe.error.contains("a rater name may"), "\(unsafe.error)")
        #expect(!FileManager.default.fileExists(atPath: workspace.root.appendingPathComponent("Sessions").path)
            || (try? FileManager.default.contentsOfDirectory(atPath: workspace.root.appendingPathComponent("Sessions/load").path))?.isEmpty != false)
    }

    @Test func aChangedStudyIsExplainedAndANewSessionKeepsTheOldOne() throws {
        let workspace = FaultWorkspace(tasks: 5)
        #expect(AgonProcess.run(["scripted-rater", "load", "--rater", "vera", "--count", "2"], home: workspace.root, program: .bench).status == 0)
        let answers = workspace.root.appendingPathComponent("Studies/load/answers.jsonl")
        let edited = try String(contentsOf: answers, encoding: .utf8).replacingOccurrences(of: "Answer 3 by large", with: "Answer 3, rewritten")
        try Data(edited.utf8).write(to: answers)

        // The rater is told who changed it and whom to ask; the researcher's detail is in validate.
        let refused = AgonProcess.run(["rate", "load", "--rater", "vera"], home: workspace.root)
        #expect(refused.status == 1)
        #expect(refused.error.contains("was changed by its researcher"), "\(refused.error)")
        #expect(refused.error.contains("agon validate load") && !refused.error.contains("git"), "\(refused.error)")
        let bench = AgonProcess.run(["scripted-rater", "load", "--rater", "vera"], home: workspace.root, program: .bench)
        #expect(bench.status == 1)
        #expect(bench.error.contains("prompt or answers changed in tasks: t3"), "\(bench.error)")
        #expect(bench.error.contains("--new-session") && bench.error.contains("--accept-edits"))
        let validate = AgonProcess.run(["validate", "load"], home: workspace.root)
        #expect(validate.status == 0, "\(validate.error)")
        #expect(validate.output.contains("Sessions/load/vera.jsonl: the answers changed since this session began (edited: t3/large)"), "\(validate.output)")
        #expect(validate.output.contains("--accept-edits") && validate.output.contains("--new-session"))
        let fresh = AgonProcess.run(["scripted-rater", "load", "--rater", "vera", "--count", "1", "--new-session"], home: workspace.root, program: .bench)
        #expect(fresh.status == 0, "\(fresh.error)")
        #expect(fresh.output.contains("old session kept in Sessions/load/archive/vera."))
        #expect(workspace.judgementCounts("vera").count == 1)
        let archive = try FileManager.default.contentsOfDirectory(atPath: workspace.root.appendingPathComponent("Sessions/load/archive").path)
        #expect(archive.count == 1)
    }

    /// `report` and `agreement` read journals the same way: a study edited since a session began is
    /// said, not silently pooled.
    @Test func reportAndAgreementSayWhenTheStudyChanged() throws {
        let workspace = FaultWorkspace(tasks: 6)
        for rater in ["ann", "ben"] {
            #expect(AgonProcess.run(["scripted-rater", "load", "--rater", rater], home: workspace.root, program: .bench).status == 0)
        }
        for command in ["report", "agreement"] {
            let run = AgonProcess.run([command, "load"], home: workspace.root)
            #expect(run.status == 0, "\(run.error)")
            #expect(!(run.output + run.error).contains("study changed"))
        }
        let answers = workspace.root.appendingPathComponent("Studies/load/answers.jsonl")
        try Data(try String(contentsOf: answers, encoding: .utf8).replacingOccurrences(of: "Answer 2 by small", with: "Edited").utf8).write(to: answers)
        for command in ["report", "agreement"] {
            let run = AgonProcess.run([command, "load"], home: workspace.root)
            #expect(run.status == 0, "\(run.error)")
            #expect((run.output + run.error).contains("the study changed since this session began"), "\(command): \(run.output) \(run.error)")
        }
    }

    @Test func sessionsListsProgress() {
        let workspace = FaultWorkspace(tasks: 10)
        _ = AgonProcess.run(["scripted-rater", "load", "--rater", "anna", "--count", "4"], home: workspace.root, program: .bench)
        _ = AgonProcess.run(["scripted-rater", "load", "--rater", "boris", "--count", "11"], home: workspace.root, program: .bench)
        let run = AgonProcess.run(["sessions", "load"], home: workspace.root)
        #expect(run.status == 0)
        let rows = run.output.split(separator: "\n").map { $0.split(separator: " ", omittingEmptySubsequences: true).map(String.init) }
        #expect(rows.contains { $0.prefix(3) == ["anna", "4", "11"] }, "\(run.output)")
        #expect(rows.contains { $0.prefix(4) == ["boris", "11", "11", "1/1"] }, "\(run.output)")
    }

    /// The shipped studies are generated, not edited: rebuilding them from the source data gives the
    /// same bytes. Needs ../shared/data beside the repository (as on the developers' machines and CI).
    @Test(.enabled(if: FileManager.default.fileExists(atPath: FaultWorkspace.repository.appendingPathComponent("../shared/data/eqbench-judgemark").path)))
    func shippedStudiesAreReproducibleFromTheSourceData() throws {
        let copy = FileManager.default.temporaryDirectory.appendingPathComponent("agon-rebuild-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: copy) }
        try FileManager.default.createDirectory(at: copy, withIntermediateDirectories: true)
        for folder in ["Rubrics", "Studies", "Scripts"] {
            try FileManager.default.copyItem(at: FaultWorkspace.repository.appendingPathComponent(folder), to: copy.appendingPathComponent(folder))
        }
        let data = FaultWorkspace.repository.appendingPathComponent("../shared/data").standardizedFileURL.path
        let script = "cd '\(copy.path)' && AGON='\(AgonProcess.binary.path)' AGON_DATA='\(data)' bash Studies/build.sh"
        let status = shell(script)
        #expect(status == 0)
        for file in ["demo/study.toml", "demo/answers.jsonl", "llama2-70b-vs-7b/study.toml", "llama2-70b-vs-7b/answers.jsonl",
                     "six-families/study.toml", "six-families/answers.jsonl"] {
            let rebuilt = try Data(contentsOf: copy.appendingPathComponent("Studies/\(file)"))
            let shipped = try Data(contentsOf: FaultWorkspace.repository.appendingPathComponent("Studies/\(file)"))
            #expect(rebuilt == shipped, "\(file) differs from a rebuild")
        }
    }

    private func shell(_ command: String) -> Int32 {
        var pid: pid_t = 0
        let words: [String] = ["/bin/sh", "-c", command]
        let argv = words.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        guard posix_spawn(&pid, "/bin/sh", nil, nil, argv, environ) == 0 else { return -1 }
        var status: Int32 = 0
        waitpid(pid, &status, 0)
        return (status >> 8) & 0xFF
    }
}
