import Foundation
import Testing
@testable import AgonCore

/// Intervals that are intervals: open-ended where the maximum-likelihood rating is unbounded,
/// undefined when too few bootstrap rounds are usable, and resamples that split the systems counted.
struct RankingIntervalTests {
    static func options(rounds: Int = 200, bootstrap: BootstrapKind = .battles) -> RankingOptions {
        var options = RankingOptions()
        options.rounds = rounds
        options.bootstrap = bootstrap
        return options
    }

    /// "a…a" with the same number twice: a point printed as an interval.
    static func hasPointInterval(_ text: String) -> Bool {
        text.split(separator: " ").contains { cell in
            let ends = cell.split(separator: "…")
            return ends.count == 2 && ends[0] == ends[1]
        }
    }

    /// 50 × "x beats y": the MLE gap is infinite; the virtual-tie fit is finite, so its bootstrap
    /// is a point (every resample is 50:0 again). x's interval is open above, y's open below.
    @Test func aSystemThatNeverLostHasAnOpenEndedInterval() throws {
        let counts = BradleyTerryTests.counts(["x", "y"], [(0, 1, 50, 0, 0)])
        let ranking = Ranking.compute(counts, options: Self.options())
        let x = try #require(ranking.row("x"))
        let y = try #require(ranking.row("y"))
        #expect(x.upper == nil)
        #expect(x.lower.map { abs($0 - x.rating) < 1e-6 } == true)
        #expect(y.lower == nil)
        #expect(y.upper.map { abs($0 - y.rating) < 1e-6 } == true)
        let text = RankingTable.render(ranking)
        #expect(!Self.hasPointInterval(text), "\(text)")
        let xLine = try #require(text.split(separator: "\n").first { $0.contains(" x ") })
        let yLine = try #require(text.split(separator: "\n").first { $0.contains(" y ") })
        #expect(xLine.contains("≥ \(RankingTable.whole(x.rating))"), "\(xLine)")
        #expect(yLine.contains("≤ \(RankingTable.whole(y.rating))"), "\(yLine)")
        #expect(ranking.notes.contains { $0.contains("x never lost") && $0.contains("≥") }, "\(ranking.notes)")
        // JSON says which end is open, never a point.
        let json = String(decoding: try JSONEncoder().encode(ranking), as: UTF8.self)
        #expect(json.contains("\"openAbove\""), "\(json)")
    }

    /// A chain of three tasks, A–B, B–C, C–D: a task resample keeps every system compared only when
    /// it draws all three tasks (2/9 of rounds). The other rounds split the systems; they are
    /// counted and left out — and with fewer than half usable, the intervals are undefined.
    @Test func resamplesThatSplitTheSystemsAreCountedNotRecentred() throws {
        var counts = BattleCounts(systems: ["A", "B", "C", "D"])
        var clusters: [[PairTally]] = []
        for (i, j) in [(0, 1), (1, 2), (2, 3)] {
            var task = BattleCounts(systems: counts.systems)
            task.add(i, j, .winA, times: 6)
            task.add(i, j, .winB, times: 4)
            counts.add(i, j, .winA, times: 6)
            counts.add(i, j, .winB, times: 4)
            clusters.append(task.pairTallies)
        }
        let ranking = Ranking.compute(counts, clusters: clusters, options: Self.options(rounds: 400, bootstrap: .tasks))
        let note = try #require(ranking.notes.first { $0.contains("bootstrap rounds") && $0.contains("never compared") }, "\(ranking.notes)")
        #expect(note.contains("of 400"), "\(note)")
        for row in ranking.rows {
            #expect(row.lower == nil && row.upper == nil, "\(row)")
        }
        #expect(ranking.notes.contains { $0.contains("undefined") }, "\(ranking.notes)")
    }

    @Test func splitRoundsAreLeftOutOfTheIntervals() throws {
        // Three tasks around a triangle: any two distinct tasks keep A, B, C connected, so only
        // the 3 of 27 resamples that draw one task three times split the systems.
        var counts = BattleCounts(systems: ["A", "B", "C"])
        var clusters: [[PairTally]] = []
        for (i, j) in [(0, 1), (1, 2), (0, 2)] {
            var task = BattleCounts(systems: counts.systems)
            task.add(i, j, .winA, times: 7)
            task.add(i, j, .winB, times: 3)
            counts.add(i, j, .winA, times: 7)
            counts.add(i, j, .winB, times: 3)
            clusters.append(task.pairTallies)
        }
        let ranking = Ranking.compute(counts, clusters: clusters, options: Self.options(rounds: 900, bootstrap: .tasks))
        // About 900 / 9 = 100 rounds split the systems.
        #expect(ranking.disconnectedRounds > 60 && ranking.disconnectedRounds < 140, "\(ranking.disconnectedRounds)")
        #expect(ranking.rows.allSatisfy { $0.lower != nil && $0.upper != nil })
        #expect(ranking.notes.contains { $0.contains("\(ranking.disconnectedRounds) of 900 bootstrap rounds") }, "\(ranking.notes)")
    }
}
