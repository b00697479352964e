import AgonCore
import Foundation
import Testing
@testable import AgonTUI

/// Seconds on an item come from a monotonic clock: a laptop that sleeps, or a wall clock set back,
/// must not change how long a judgement took.
struct TimingTests {
    func judge(_ screen: inout RatingScreen, wall: (Int) -> Date, clock: (Int) -> Double) -> Judgement? {
        var judgement: Judgement?
        for (step, character) in "54l36b".enumerated() {
            _ = screen.update(.key(.character(character)), at: wall(step + 1), clock: clock(step + 1))
        }
        // Faster than reading both answers: the first Enter asks, the second submits.
        for _ in 0..<2 {
            for effect in screen.update(.key(.enter), at: wall(7), clock: clock(7)) {
                if case .append(.judgement(let written)) = effect { judgement = written }
            }
        }
        return judgement
    }

    func screen(clock: Double) -> RatingScreen {
        RatingScreen(content: Fixture.content(), session: SessionState(), language: .en, now: Fixture.start, clock: clock)
    }

    @Test func aSleepingLaptopDoesNotInflateTheSeconds() throws {
        let base = 5_000.0  // the monotonic clock has its own origin
        var screen = screen(clock: base)
        let start = Fixture.start
        // Seven steps of 3 s each; before the last one the wall clock jumps 8 hours (sleep).
        let judgement = try #require(judge(&screen, wall: { step in
            start.addingTimeInterval(Double(step) * 3 + (step == 7 ? 8 * 3600 : 0))
        }, clock: { base + Double($0) * 3 }))
        #expect(judgement.seconds == 21)
    }

    @Test func aWallClockSetBackDoesNotShortenTheSeconds() throws {
        var screen = screen(clock: 10)
        let start = Fixture.start
        let judgement = try #require(judge(&screen, wall: { start.addingTimeInterval(-Double($0) * 600) },
                                           clock: { 10 + Double($0) * 2 }))
        #expect(judgement.seconds == 14)
    }
}
