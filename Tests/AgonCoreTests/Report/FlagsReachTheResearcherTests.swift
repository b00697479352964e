import Foundation
import Testing
@testable import AgonCore

/// A flag reaches the researcher: listed by report and export, and left out of the statistics on request.
struct FlagsReachTheResearcherTests {
    static let at = Date(timeIntervalSince1970: 1_800_000_000)

    func studyWithAFlag() throws -> (TestWorkspace, StudyBundle, [ScheduleItem]) {
        let test = TestWorkspace()
        test.makeStudy()
        let bundle = try test.bundle()
        let session = try SessionStore.open(bundle: bundle, rater: "ann", workspace: test.workspace, now: Self.at)
        let items = session.schedule.items
        for item in items.prefix(3) {
            try session.writer.append(.judgement(Judgement(item: item.number, task: item.task, left: item.left, right: item.right,
                                                           repeatOf: item.repeatOf, scores: StudyReportTests.scores(5, 3),
                                                           preference: .a, seconds: 30, at: Self.at)))
        }
        try session.writer.append(.flag(item: items[1].number, reason: "an answer names its model", at: Self.at))
        // A stray flag, withdrawn at once: never listed.
        try session.writer.append(.flag(item: items[2].number, reason: "g", at: Self.at))
        try session.writer.append(.unflag(item: items[2].number, at: Self.at))
        return (test, bundle, items)
    }

    @Test func flaggedItemsAreListedAndCanBeLeftOut() throws {
        let (test, bundle, items) = try studyWithAFlag()
        let all = StudyJudgements.load(bundle: bundle, workspace: test.workspace)
        #expect(all.flags == [RatedFlag(rater: "ann", item: items[1].number, task: items[1].task, left: items[1].left,
                                        right: items[1].right, reasons: ["an answer names its model"], judged: true)])
        #expect(all.judgements.count == 3)
        let kept = StudyJudgements.load(bundle: bundle, workspace: test.workspace, excludeFlagged: true)
        #expect(kept.judgements.map(\.judgement.item) == [items[0].number, items[2].number])
        #expect(kept.flaggedLeftOut == 1)

        let report = StudyReport.build(bundle: bundle, judgements: kept, options: RankingOptions())
        #expect(report.judgements == 2)
        let text = StudyReportText.render(report)
        #expect(text.contains("1 judgement of flagged items left out (--exclude-flagged)."))
        #expect(text.contains("Flagged items"))
        #expect(text.contains("an answer names its model"))
        #expect(!text.contains("| g"))
    }

    @Test func exportCarriesFlagsAndIntegerColumnsAndALongShape() throws {
        let (test, bundle, items) = try studyWithAFlag()
        let judgements = StudyJudgements.load(bundle: bundle, workspace: test.workspace)
        let wide = StudyExport.rows(judgements.judgements, study: bundle.study, rubric: bundle.rubric, flags: judgements.flags)
        #expect(wide.count == 3 * bundle.rubric.criteria.count)
        let flagged = wide.filter { $0["flagged"] == .integer(1) }
        #expect(flagged.count == bundle.rubric.criteria.count)
        #expect(flagged.allSatisfy { $0["item"] == .integer(items[1].number) && $0["flag_reasons"] == .text("an answer names its model") })
        // Integer columns are never empty, so pandas keeps them integers.
        for column in ["item", "is_repeat", "first_showing", "flagged"] {
            #expect(wide.allSatisfy { if case .integer = $0[column] { true } else { false } }, "\(column)")
        }
        let csv = StudyExport.render(wide, format: .csv)
        #expect(csv.hasPrefix(StudyExport.columns.joined(separator: ",") + "\n"))
        #expect(StudyExport.columns.contains("submitted_at") && !StudyExport.columns.contains("at"))

        let long = StudyExport.rows(judgements.judgements, study: bundle.study, rubric: bundle.rubric, flags: judgements.flags, shape: .long)
        #expect(long.count == 2 * wide.count)
        let first = long.filter { $0["item"] == .integer(items[0].number) && $0["criterion"] == .text("originality") }
        #expect(first.map { $0["side"] } == [.text("left"), .text("right")])
        #expect(first.map { $0["score"] } == [.integer(5), .integer(3)])
        #expect(first.map { $0["criterion_result"] } == [.text("won"), .text("lost")])
        #expect(first.map { $0["preference_result"] } == [.text("won"), .text("lost")])
        #expect(first.map { $0["system"] } == [.text(items[0].left), .text(items[0].right)])
        #expect(StudyExport.render(long, format: .csv, shape: .long).hasPrefix(StudyExport.longColumns.joined(separator: ",") + "\n"))
    }
}
