import Foundation
import Testing
@testable import AgonCore

/// The settings of the one simulated-rater model that the scripted rater, the agreement simulation
/// and the benchmarks rely on (the quality setting is tested through the report it feeds, in
/// `StudyReportTests.simulatedStudyRanksTheStrongerSystemFirst`).
struct SimulatedRatersTests {
    static func judgements(_ model: SimulatedRaters, count: Int = 600, seed: UInt64 = 3) throws -> [Judgement] {
        let test = TestWorkspace()
        test.makeStudy(tasks: 3)
        let bundle = try test.bundle()
        var random = SeededRandom(seed: seed)
        return (0..<count).map { index in
            let item = ScheduleItem(number: index + 1, task: "t\(index % 3 + 1)", left: "big", right: "small")
            return model.judge(item, bundle: bundle, random: &random) { _ in Date(timeIntervalSince1970: 0) }
        }
    }

    @Test func uniformRandomUsesTheWholeScaleAndEveryVerdict() throws {
        let judgements = try Self.judgements(.uniformRandom)
        let scores = judgements.flatMap { $0.scores.values.flatMap { [$0.a, $0.b].compactMap { $0 } } }
        #expect(Set(scores) == Set(1...7))
        #expect(Set(judgements.map(\.preference)) == Set(Preference.allCases))
        #expect(judgements.allSatisfy { $0.note == "scripted" && (5...305).contains($0.seconds) })
    }

    @Test func aLeaningRaterScoresTheLeftAnswerHigher() throws {
        func meanLeftAdvantage(_ model: SimulatedRaters) throws -> Double {
            let differences = try Self.judgements(model).flatMap { $0.scores.values.map { Double($0.a! - $0.b!) } }
            return differences.reduce(0, +) / Double(differences.count)
        }
        let fair = SimulatedRaters(quality: [:])
        var leaning = fair
        leaning.leftLean = 1
        #expect(abs(try meanLeftAdvantage(fair)) < 0.2)
        #expect(abs(try meanLeftAdvantage(leaning) - 1) < 0.2)
    }

    @Test func answerSpreadGivesEachAnswerItsOwnQualityForEveryRater() throws {
        // Without rater noise, scores depend only on the answer: the same for two raters' streams.
        let model = SimulatedRaters(quality: [:], answerSpread: 4, noise: .uniform(width: 0), seed: 8)
        let first = try Self.judgements(model, count: 6, seed: 1), second = try Self.judgements(model, count: 6, seed: 2)
        #expect(first.map(\.scores) == second.map(\.scores))
        let scores = first.flatMap { $0.scores.values.flatMap { [$0.a!, $0.b!] } }
        #expect(Set(scores).count > 1)
        #expect(scores.allSatisfy { (2...6).contains($0) })
    }
}
