import AgonCore
import Foundation
import Testing

/// `agon flags`, `agon report --exclude-flagged` and `agon export -o` as a researcher runs them.
struct FlagsAndExportCommandTests {
    @Test func theReviewQueueTheExclusionAndAnExportThatNeverOverwrites() throws {
        let workspace = FaultWorkspace(tasks: 6)
        let home = workspace.root
        let bundle = try StudyBundle.load(studyID: "load", in: Workspace(root: home))
        var items: [ScheduleItem] = []
        do {
            let session = try SessionStore.open(bundle: bundle, rater: "ann", workspace: Workspace(root: home))
            items = session.schedule.items
            for item in items.prefix(4) {
                let scores = Dictionary(uniqueKeysWithValues: bundle.rubric.criteria.map { ($0.id, CriterionScore(a: 5, b: 2)) })
                try session.writer.append(.judgement(Judgement(item: item.number, task: item.task, left: item.left, right: item.right,
                                                               repeatOf: item.repeatOf, scores: scores, preference: .a,
                                                               seconds: 60, at: Date())))
            }
            try session.writer.append(.flag(item: items[1].number, reason: "an answer is cut off", at: Date()))
        }

        let flags = AgonProcess.run(["flags", "load"], home: home)
        #expect(flags.status == 0, "\(flags.error)")
        #expect(flags.output.contains(items[1].task))
        #expect(flags.output.contains("an answer is cut off"))
        #expect(flags.output.contains("1 flagged item from 1 rater."))

        let report = AgonProcess.run(["report", "load", "--rounds", "50", "--exclude-flagged"], home: home)
        #expect(report.status == 0, "\(report.error)")
        #expect(report.output.contains("3 judgements"))
        #expect(report.output.contains("1 judgement of flagged items left out"))
        #expect(report.output.contains("Flagged items"))

        let file = home.appendingPathComponent("judgements.csv").path
        let first = AgonProcess.run(["export", "load", "-o", file], home: home)
        #expect(first.status == 0, "\(first.error)")
        #expect(first.output == "wrote \(file): \(4 * bundle.rubric.criteria.count) rows (4 judgements from 1 rater)\n")
        let written = try String(contentsOfFile: file, encoding: .utf8)
        let again = AgonProcess.run(["export", "load", "-o", file, "--long"], home: home)
        #expect(again.status == 1)
        #expect(again.error.contains("already exists"))
        #expect(try String(contentsOfFile: file, encoding: .utf8) == written)
        let forced = AgonProcess.run(["export", "load", "-o", file, "--long", "--force"], home: home)
        #expect(forced.status == 0, "\(forced.error)")
        let long = try String(contentsOfFile: file, encoding: .utf8).split(separator: "\n")
        #expect(long.first == Substring(StudyExport.longColumns.joined(separator: ",")))
        #expect(long.count == 1 + 2 * 4 * bundle.rubric.criteria.count)
    }
}
