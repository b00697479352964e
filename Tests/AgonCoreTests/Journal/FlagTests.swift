import Foundation
import Testing
@testable import AgonCore

/// A flag can be withdrawn (undo after a stray `f`), and the withdrawal survives the journal.
struct FlagTests {
    static let start = Date(timeIntervalSince1970: 1_800_000_000)

    func judgement(_ item: Int) -> Judgement {
        Judgement(item: item, task: "t\(item)", left: "x", right: "y", repeatOf: nil, scores: [:], preference: .a,
                  note: "", seconds: 10, at: Self.start)
    }

    @Test func unflagReadsBackThroughBothReaders() throws {
        let line = JournalCodec.encode(event: .unflag(item: 9, at: Self.start), seq: 4)
        #expect(String(decoding: line, as: UTF8.self).contains(#""type":"unflag""#))
        let slow = try JournalCodec.decode(line).get()
        #expect(slow == .event(seq: 4, .unflag(item: 9, at: Self.start)))
        let fast = try #require(JournalLineReader.event(line))
        #expect(fast.seq == 4)
        #expect(fast.event == .unflag(item: 9, at: Self.start))
    }

    @Test func undoTakesBackWhicheverCameLastAFlagOrAJudgement() {
        var state = SessionState()
        state.apply(.judgement(judgement(1)))
        state.apply(.flag(item: 2, reason: "g", at: Self.start))
        #expect(state.lastUndoable == .flag(item: 2, reason: "g"))
        state.apply(.unflag(item: 2, at: Self.start))
        #expect(state.flags.isEmpty)
        #expect(state.lastUndoable == .judgement(judgement(1)))
        // A flag raised before a judgement stays when that judgement is undone.
        state.apply(.flag(item: 1, reason: "names its model", at: Self.start))
        state.apply(.judgement(judgement(2)))
        #expect(state.lastUndoable == .judgement(judgement(2)))
        state.apply(.undo(item: 2, at: Self.start))
        #expect(state.lastUndoable == .flag(item: 1, reason: "names its model"))
        // Withdrawing a flag that is not there is reported, not applied.
        state.apply(.unflag(item: 7, at: Self.start))
        #expect(state.anomalies == ["unflag of item 7, which has no flag in effect"])
        #expect(state.flags == [1: ["names its model"]])
    }
}
