import Foundation
import Testing
@testable import AgonCore

struct CalibrationJournalTests {
    static let at = Date(timeIntervalSince1970: 1_800_000_000)

    func roundTrip(_ event: JournalEvent) -> JournalEvent? {
        let line = JournalCodec.encode(event: event, seq: 5)
        guard case .success(.event(let seq, let decoded))? = JournalCodec.decode(lines: [line]).first, seq == 5 else { return nil }
        return decoded
    }

    @Test func calibrationAndControlJudgementsSurviveTheJournal() {
        let calibration = JournalEvent.calibration(CalibrationJudgement(pair: 2, scores: ["originality": CriterionScore(a: 6, b: 2)],
                                                                        preference: .a, note: "close call", seconds: 12.5, at: Self.at))
        #expect(roundTrip(calibration) == calibration)
        let control = JournalEvent.judgement(Judgement(item: 4, task: "t1", left: "big", right: "big",
                                                       control: ControlItem(degraded: .b, kind: .shuffle, variant: 123_456_789_012),
                                                       scores: [:], preference: .a, seconds: 9, at: Self.at))
        #expect(roundTrip(control) == control)
        let line = String(decoding: JournalCodec.encode(event: control, seq: 1), as: UTF8.self)
        #expect(line.contains("\"control\":{\"degraded\":\"B\",\"kind\":\"shuffle\",\"variant\":123456789012}"))
        // A live judgement's line carries no control field: journals read as before.
        let live = JournalEvent.judgement(Judgement(item: 1, task: "t1", left: "big", right: "small", scores: [:], preference: .a, seconds: 9, at: Self.at))
        #expect(!String(decoding: JournalCodec.encode(event: live, seq: 1), as: UTF8.self).contains("control"))
    }

    @Test func replayKeepsCalibrationApartFromJudgementsAndClearsItsDraft() {
        let item = CalibrationJudgement.itemNumber(pair: 1)
        let state = SessionState(replaying: [
            .draft(Draft(item: item, scores: [:], preference: .b, note: "", seconds: 3, at: Self.at)),
            .calibration(CalibrationJudgement(pair: 1, scores: [:], preference: .a, seconds: 20, at: Self.at)),
            .draft(Draft(item: CalibrationJudgement.itemNumber(pair: 2), scores: [:], preference: .b, note: "", seconds: 3, at: Self.at)),
        ])
        #expect(state.calibrated[1]?.preference == .a)
        #expect(state.judgements.isEmpty && state.ratedCount == 0)
        #expect(state.drafts[item] == nil)
        #expect(state.drafts[-2]?.preference == .b)
        #expect(CalibrationJudgement.pair(itemNumber: -2) == 2 && CalibrationJudgement.pair(itemNumber: 2) == nil)
    }
}
