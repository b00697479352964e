import AgonCore
import Foundation
import Testing

/// `[design] answers = "rendered" | "raw"`: read, checked, written back; rendered when absent.
struct AnswerPresentationTests {
    func study(_ line: String?) -> TestWorkspace {
        let test = TestWorkspace()
        test.makeStudy(tasks: 2)
        if let line {
            test.write("Studies/mini/study.toml", test.read("Studies/mini/study.toml")
                .replacingOccurrences(of: "repeat_share = 0.2\n", with: "repeat_share = 0.2\n" + line + "\n"))
        }
        return test
    }

    @Test func absentMeansRenderedAndRawIsRead() throws {
        #expect(try study(nil).bundle().study.design.answers == .rendered)
        #expect(try study("answers = \"rendered\"").bundle().study.design.answers == .rendered)
        let raw = try study("answers = \"raw\"").bundle().study
        #expect(raw.design.answers == .raw)
        #expect(StudyWriter.toml(raw, comment: "test").contains("answers = \"raw\""))
    }

    @Test func anotherValueIsAnErrorWithItsPlace() {
        let found = diagnostics { _ = try study("answers = \"markdown\"").bundle() }.map(\.description)
        #expect(found.count == 1, "\(found)")
        #expect(found.first?.contains("study.toml:") == true, "\(found)")
        #expect(found.first?.contains("answers must be \"rendered\" (Markdown shown as typography) or \"raw\" (as written), not \"markdown\"") == true, "\(found)")
    }
}
