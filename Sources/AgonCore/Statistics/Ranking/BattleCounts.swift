/// How one battle ended, seen from the first-named system (Chatbot Arena's `model_a`).
public enum BattleOutcome: UInt8, Sendable, Codable, CaseIterable {
    case winA
    case winB
    case tie
    /// A tie where both answers were judged weak: a tie for the fit, counted apart in tables.
    case bothWeak
}

/// The win/tie count matrix of a set of battles: the sufficient statistic of the Bradley–Terry
/// model, so fitting and bootstrapping never go back to the raw rows.
public struct BattleCounts: Sendable, Equatable {
    public private(set) var systems: [String]
    /// `wins[i * K + j]`: how often system i beat system j.
    public private(set) var wins: [Double]
    /// `ties[i * K + j] == ties[j * K + i]`: plain ties between i and j.
    public private(set) var ties: [Double]
    /// Like `ties`, for "both weak" verdicts.
    public private(set) var bothWeak: [Double]

    public init(systems: [String]) {
        self.systems = systems
        let cells = systems.count * systems.count
        wins = [Double](repeating: 0, count: cells)
        ties = [Double](repeating: 0, count: cells)
        bothWeak = [Double](repeating: 0, count: cells)
    }

    public var count: Int { systems.count }

    public func index(of system: String) -> Int? { systems.firstIndex(of: system) }

    public mutating func add(_ a: Int, _ b: Int, _ outcome: BattleOutcome, times: Double = 1) {
        let k = systems.count
        switch outcome {
        case .winA: wins[a * k + b] += times
        case .winB: wins[b * k + a] += times
        case .tie:
            ties[a * k + b] += times
            ties[b * k + a] += times
        case .bothWeak:
            bothWeak[a * k + b] += times
            bothWeak[b * k + a] += times
        }
    }

    public func wins(_ i: Int, over j: Int) -> Double { wins[i * count + j] }
    public func ties(_ i: Int, _ j: Int) -> Double { ties[i * count + j] }
    public func bothWeak(_ i: Int, _ j: Int) -> Double { bothWeak[i * count + j] }

    /// Battles between i and j of every kind.
    public func battles(_ i: Int, _ j: Int) -> Double {
        wins[i * count + j] + wins[j * count + i] + ties[i * count + j] + bothWeak[i * count + j]
    }

    public var total: Double {
        var sum = 0.0
        for i in 0..<count {
            for j in (i + 1)..<max(i + 1, count) { sum += battles(i, j) }
        }
        return sum
    }

    /// One system's record against all others.
    public func record(of i: Int) -> (wins: Double, losses: Double, ties: Double, bothWeak: Double) {
        var record = (wins: 0.0, losses: 0.0, ties: 0.0, bothWeak: 0.0)
        for j in 0..<count where j != i {
            record.wins += wins[i * count + j]
            record.losses += wins[j * count + i]
            record.ties += ties[i * count + j]
            record.bothWeak += bothWeak[i * count + j]
        }
        return record
    }

    /// The compared pairs (i < j), with "both weak" folded into ties as the fit sees them.
    public var pairTallies: [PairTally] {
        var tallies: [PairTally] = []
        for i in 0..<count {
            for j in (i + 1)..<max(i + 1, count) {
                let tally = PairTally(i: i, j: j, winsI: wins[i * count + j], winsJ: wins[j * count + i],
                                      ties: ties[i * count + j] + bothWeak[i * count + j])
                if tally.total > 0 { tallies.append(tally) }
            }
        }
        return tallies
    }

    public static func + (lhs: BattleCounts, rhs: BattleCounts) -> BattleCounts {
        precondition(lhs.systems == rhs.systems)
        var sum = lhs
        for cell in sum.wins.indices {
            sum.wins[cell] += rhs.wins[cell]
            sum.ties[cell] += rhs.ties[cell]
            sum.bothWeak[cell] += rhs.bothWeak[cell]
        }
        return sum
    }
}

/// The outcomes between one pair of systems, i < j; ties include "both weak".
public struct PairTally: Sendable, Equatable {
    public var i: Int
    public var j: Int
    public var winsI: Double
    public var winsJ: Double
    public var ties: Double

    public init(i: Int, j: Int, winsI: Double, winsJ: Double, ties: Double) {
        self.i = i
        self.j = j
        self.winsI = winsI
        self.winsJ = winsJ
        self.ties = ties
    }

    public var total: Double { winsI + winsJ + ties }
}
