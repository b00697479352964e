import Foundation
import Testing
@testable import AgonCore

/// `source_task`: the task's id in the data it was imported from, read, checked, written back.
struct SourceTaskTests {
    @Test func sourceTaskIsReadWrittenAndChecked() throws {
        let test = TestWorkspace()
        test.makeStudy()
        let toml = test.read("Studies/mini/study.toml")
        test.write("Studies/mini/study.toml", toml.replacingOccurrences(of: "id = \"t2\"\n", with: "id = \"t2\"\nsource_task = \"alpaca-17\"\n"))
        let bundle = try test.bundle()
        #expect(bundle.study.tasks.first { $0.id == "t2" }?.sourceTask == "alpaca-17")
        #expect(bundle.study.tasks.first { $0.id == "t1" }?.sourceTask == nil)
        let written = StudyWriter.toml(bundle.study, comment: "test")
        #expect(written.contains("id = \"t2\"\nsource_task = \"alpaca-17\"\n"))
        #expect(!written.contains("id = \"t1\"\nsource_task"))

        test.write("Studies/mini/study.toml", toml.replacingOccurrences(of: "id = \"t2\"\n", with: "id = \"t2\"\nsource_task = \" \"\n"))
        let blank = diagnostics { _ = try test.bundle() }.map(\.message)
        #expect(blank.contains { $0.contains("task `t2` has an empty `source_task`") }, "\(blank)")
        test.write("Studies/mini/study.toml", toml.replacingOccurrences(of: "id = \"t2\"\n", with: "id = \"t2\"\nsource_task = 17\n"))
        #expect(!diagnostics { _ = try test.bundle() }.isEmpty)
    }
}
