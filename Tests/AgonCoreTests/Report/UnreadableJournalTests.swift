import Foundation
import Testing
@testable import AgonCore

/// A journal that cannot be read is named with the reason, not silently dropped (a rater would
/// vanish from report and agreement).
struct UnreadableJournalTests {
    @Test func reportAndAgreementWarnAboutAJournalTheyCannotRead() throws {
        let test = TestWorkspace()
        test.makeStudy()
        let bundle = try test.bundle()
        let session = try SessionStore.open(bundle: bundle, rater: "anna", workspace: test.workspace)
        let item = try #require(session.schedule.items.first)
        var scores: [String: CriterionScore] = [:]
        for criterion in bundle.rubric.criteria { scores[criterion.id] = CriterionScore(a: 5, b: 3) }
        try session.writer.append(.judgement(Judgement(item: item.number, task: item.task, left: item.left, right: item.right,
                                                        repeatOf: nil, scores: scores, preference: .a, seconds: 20,
                                                        at: Date(timeIntervalSince1970: 1_800_000_000))))
        let folder = test.workspace.sessionFolder("mini")
        // A journal path that is a folder, and one that is a link to nowhere.
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("boris.jsonl"), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: folder.appendingPathComponent("chen.jsonl").path,
                                                   withDestinationPath: "/nonexistent/chen.jsonl")
        let judgements = StudyJudgements.load(bundle: bundle, workspace: test.workspace)
        #expect(judgements.raters == ["anna"])
        let boris = try #require(judgements.warnings.first { $0.contains("boris.jsonl") }, "\(judgements.warnings)")
        #expect(boris.contains("folder") || boris.contains("directory"), "\(boris)")
        let chen = try #require(judgements.warnings.first { $0.contains("chen.jsonl") }, "\(judgements.warnings)")
        #expect(chen.contains("No such file") || chen.contains("does not exist"), "\(chen)")
        #expect(chen.contains("left out"), "\(chen)")
    }
}
