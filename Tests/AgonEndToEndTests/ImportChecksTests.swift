import Foundation
import Testing
@testable import AgonCore

/// `agon import` checks what it writes as `validate` would, says which tasks it left out, says a
/// wrong field name once, and keeps the source's task ids through to the export.
struct ImportChecksTests {
    let folder: URL
    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("agon-import-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("Rubrics"), withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("Studies"), withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: FaultWorkspace.repository.appendingPathComponent("Rubrics/creative-thinking.toml"),
                                         to: folder.appendingPathComponent("Rubrics/creative-thinking.toml"))
        try Data("[[systems]]\nid = \"a\"\nsource = \"model-a\"\n\n[[systems]]\nid = \"b\"\nsource = \"model-b\"\n".utf8)
            .write(to: folder.appendingPathComponent("systems.toml"))
    }

    func source(_ lines: [(id: String, model: String, output: String)]) throws -> String {
        let file = folder.appendingPathComponent("source-\(UUID().uuidString).jsonl")
        let text = lines.map { "{\"qid\":\"\($0.id)\",\"instruction\":\"Prompt \($0.id)\",\"model\":\"\($0.model)\",\"output\":\"\($0.output)\"}\n" }.joined()
        try Data(text.utf8).write(to: file)
        return file.path
    }

    func importing(_ source: String, taskField: String = "qid") -> (status: Int32, output: String, error: String) {
        AgonProcess.run(["import", "poems", "--answers", source, "--systems", folder.appendingPathComponent("systems.toml").path,
                         "--task-field", taskField, "--prompt-field", "instruction", "--system-field", "model", "--text-field", "output"],
                        home: folder)
    }

    @Test func anEmptyAnswerIsRefusedAndNothingIsWritten() throws {
        let file = try source([("q1", "model-a", "Roses"), ("q1", "model-b", ""), ("q2", "model-a", "Once"), ("q2", "model-b", "Upon")])
        let run = importing(file)
        #expect(run.status == 1)
        #expect(run.error.contains("\(file):2: empty text"), "\(run.error)")
        #expect(run.error.contains("source task `q1`"), "\(run.error)")
        #expect(run.error.contains("Nothing was written"), "\(run.error)")
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("Studies/poems").path))
    }

    @Test func leftOutTasksAreNamedAndPluralsAreRight() throws {
        let file = try source([("q1", "model-a", "Roses"), ("q2", "model-a", "Once"), ("q2", "model-b", "Upon"),
                               ("q3", "model-b", "La"), ("q4", "model-a", "Do"), ("q4", "model-b", "Re")])
        let run = importing(file)
        #expect(run.status == 0, "\(run.error)")
        #expect(run.output.contains("Studies/poems: 2 tasks × 2 systems"), "\(run.output)")
        #expect(run.output.contains("left out 2 tasks not answered by every system: `q1`, `q3`"), "\(run.output)")
        let single = try source([("q1", "model-a", "Roses"), ("q2", "model-a", "Once"), ("q2", "model-b", "Upon")])
        let again = AgonProcess.run(["import", "one", "--answers", single, "--systems", folder.appendingPathComponent("systems.toml").path,
                                     "--task-field", "qid", "--system-field", "model", "--text-field", "output"], home: folder)
        #expect(again.output.contains("Studies/one: 1 task × 2 systems"), "\(again.output)")
        #expect(again.output.contains("left out 1 task not answered by every system: `q1`"), "\(again.output)")
    }

    @Test func aWrongFieldNameIsSaidOnceWithTheFieldsPresent() throws {
        let file = try source([("q1", "model-a", "Roses"), ("q1", "model-b", "Violets"), ("q2", "model-a", "Once"), ("q2", "model-b", "Upon")])
        let run = importing(file, taskField: "qi")
        #expect(run.status == 1)
        let lines = run.error.split(separator: "\n").map(String.init)
        #expect(lines == ["\(file): no line has the field `qi` (--task-field); the fields in the file are: `instruction`, `model`, `output`, `qid` (did you mean `qid`?)"],
                "\(run.error)")
    }

    @Test func theSourceTaskIsKeptInTheStudyAndExported() throws {
        let file = try source([("q7", "model-a", "Roses"), ("q7", "model-b", "Violets"), ("q9", "model-a", "Once"), ("q9", "model-b", "Upon")])
        #expect(importing(file).status == 0)
        let toml = try String(contentsOf: folder.appendingPathComponent("Studies/poems/study.toml"), encoding: .utf8)
        #expect(toml.contains("id = \"t01\"\nsource_task = \"q7\""), "\(toml)")
        let validate = AgonProcess.run(["validate", "poems"], home: folder)
        #expect(validate.status == 0, "\(validate.error)")
        #expect(AgonProcess.run(["scripted-rater", "poems", "--rater", "vera"], home: folder, program: .bench).status == 0)
        for shape in [[], ["--long"]] {
            let export = AgonProcess.run(["export", "poems"] + shape, home: folder)
            #expect(export.status == 0, "\(export.error)")
            let rows = export.output.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
            let column = try #require(rows.first?.firstIndex(of: "source_task"), "\(rows.first ?? [])")
            let taskColumn = try #require(rows.first?.firstIndex(of: "task"))
            for row in rows.dropFirst() {
                #expect(row[column] == (row[taskColumn] == "t01" ? "q7" : "q9"), "\(row)")
            }
        }
    }
}
