import Foundation
import Testing
@testable import AgonCore

/// Report, export and agreement of a study with several samples per answer.
struct SampleReportTests {
    static let at = Date(timeIntervalSince1970: 1_800_000_000)

    static func judgement(_ item: Int, _ task: String, _ left: String, _ leftSample: Int, _ right: String, _ rightSample: Int,
                          _ a: Int, _ b: Int, _ preference: Preference) -> Judgement {
        Judgement(item: item, task: task, left: left, right: right, leftSample: leftSample, rightSample: rightSample,
                  scores: ["originality": CriterionScore(a: a, b: b)], preference: preference, seconds: 600, at: at)
    }

    /// Complete sessions by raters who prefer `big` except on its sample 2, which always loses.
    static func simulated(raters: [String]) throws -> (TestWorkspace, StudyBundle, StudyJudgements) {
        let test = SampleStudyTests.sampledStudy(samples: 3, tasks: 6)
        let bundle = try test.bundle()
        for rater in raters {
            let session = try SessionStore.open(bundle: bundle, rater: rater, workspace: test.workspace, now: at)
            for item in session.schedule.items {
                let bigSide: Side = item.left == "big" ? .a : .b
                let bigWins = item.sample(of: bigSide) != 2
                let preference: Preference = bigWins == (bigSide == .a) ? .a : .b
                let scores = ["originality": preference == .a ? CriterionScore(a: 6, b: 3) : CriterionScore(a: 3, b: 6)]
                try session.writer.append(.judgement(Judgement(of: item, scores: scores, preference: preference, seconds: 600, at: at)))
            }
        }
        return (test, bundle, StudyJudgements.load(bundle: bundle, workspace: test.workspace))
    }

    @Test func theReportShowsEachSamplesShowingsAndResults() throws {
        let (_, bundle, judgements) = try Self.simulated(raters: ["ana", "boris", "chen", "dana", "eve", "fay"])
        var options = RankingOptions()
        options.rounds = 100
        let report = StudyReport.build(bundle: bundle, judgements: judgements, options: options)
        let use = try #require(report.samples)
        #expect(use.samples == 3)
        #expect(use.rows.map { "\($0.system)#\($0.sample)" } == ["big#1", "big#2", "big#3", "small#1", "small#2", "small#3"])
        // Every first showing counts once per side.
        let firsts = judgements.judgements.filter { $0.judgement.repeatOf == nil }.count
        #expect(use.rows.filter { $0.system == "big" }.map(\.showings).reduce(0, +) == firsts)
        #expect(use.rows.filter { $0.system == "small" }.map(\.showings).reduce(0, +) == firsts)
        let big = Dictionary(uniqueKeysWithValues: use.rows.filter { $0.system == "big" }.map { ($0.sample, $0) })
        #expect(big[2]?.winShare == 0)
        #expect(big[1]?.winShare == 1 && big[3]?.winShare == 1)
        // Rankings pool the samples: big wins two thirds of its battles, with tasks as clusters.
        #expect(report.section("overall")?.headToHead?.system == "big")
        let text = StudyReportText.render(report)
        #expect(text.contains("Samples: 3 per answer, pooled in rankings and scores"), "\(text)")
        // A single-sample study says nothing about samples.
        let plain = TestWorkspace()
        plain.makeStudy()
        let plainBundle = try plain.bundle()
        let none = StudyReport.build(bundle: plainBundle, judgements: StudyJudgements(raters: [], judgements: []), options: options)
        #expect(none.samples == nil)
    }

    @Test func lengthChecksReadTheSampleThatWasShown() throws {
        let test = SampleStudyTests.sampledStudy(samples: 2, tasks: 1)
        let long = String(repeating: "word ", count: 200)
        test.write("Studies/mini/answers.jsonl", """
        {"task": "t1", "system": "big", "text": "short"}
        {"task": "t1", "system": "big", "sample": 2, "text": "\(long)"}
        {"task": "t1", "system": "small", "text": "a middling answer of some ten words or so here"}
        {"task": "t1", "system": "small", "sample": 2, "text": "a middling answer of some ten words or so here"}

        """)
        let bundle = try test.bundle()
        let shownLong = RatedJudgement(rater: "r", judgement: Self.judgement(1, "t1", "big", 2, "small", 1, 6, 3, .a))
        let bias = BiasDiagnostics.compute([shownLong], raters: ["r"], answers: bundle.answers)
        #expect(bias.longerWins.successes == 1 && bias.longerWins.trials == 1)
        let shownShort = RatedJudgement(rater: "r", judgement: Self.judgement(1, "t1", "big", 1, "small", 1, 6, 3, .a))
        #expect(BiasDiagnostics.compute([shownShort], raters: ["r"], answers: bundle.answers).longerWins.successes == 0)
    }

    @Test func exportHasTheSampleColumns() throws {
        let (_, bundle, judgements) = try Self.simulated(raters: ["ana"])
        let rows = StudyExport.rows(judgements.judgements, study: bundle.study, rubric: bundle.rubric)
        #expect(StudyExport.columns.contains("left_sample") && StudyExport.columns.contains("right_sample"))
        for (row, rated) in zip(rows.filter { $0["criterion"] == .text("originality") }, judgements.judgements) {
            #expect(row["left_sample"] == .integer(rated.judgement.leftSample))
            #expect(row["right_sample"] == .integer(rated.judgement.rightSample))
        }
        #expect(Set(rows.compactMap { row -> Int? in if case .integer(let n)? = row["left_sample"] { return n } else { return nil } }) == [1, 2, 3])
        let csv = StudyExport.render(rows, format: .csv)
        #expect(csv.hasPrefix("study,rater,item,is_repeat,first_showing,task,source_task,category,left,right,left_sample,right_sample,criterion,"))
    }

    /// Two raters who read different samples of the same system's answer rated different texts:
    /// they are not units in common. The same samples are.
    @Test func agreementUnitsAreTaskSystemAndSample() throws {
        let test = SampleStudyTests.sampledStudy(samples: 3, tasks: 2)
        let bundle = try test.bundle()
        func analyse(_ boris: Judgement) -> StudyAgreement.Result {
            let ana = Self.judgement(1, "t1", "big", 1, "small", 1, 6, 3, .a)
            return StudyAgreement.analyse(bundle: bundle, sessions: [
                StudyAgreement.Session(rater: "ana", judgements: [ana]),
                StudyAgreement.Session(rater: "boris", judgements: [boris]),
            ], bootstrap: AgreementBootstrap(rounds: 0, seed: 1))
        }
        let same = analyse(Self.judgement(1, "t1", "small", 1, "big", 1, 3, 6, .b))
        #expect(same.criteria[0].scoreUnits == 2)
        #expect(same.preference.units == 1)
        #expect(same.samples == 3)
        // Boris read sample 2 of big: the answer `t1 · big` differs, `t1 · small` is shared.
        let other = analyse(Self.judgement(1, "t1", "small", 1, "big", 2, 3, 6, .b))
        #expect(other.criteria[0].scoreUnits == 1)
        #expect(other.preference.units == 0)
        #expect(StudyAgreementText.render(other).contains("unit: one answer, task × system × sample"))
    }
}
