/// Two systems compared with each other; `first` and `second` carry no side (sides are drawn per
/// rater by the schedule).
public struct SystemPair: Equatable, Hashable, Sendable, Codable {
    public var first: String
    public var second: String

    public init(_ first: String, _ second: String) {
        self.first = first
        self.second = second
    }

    public func contains(_ system: String) -> Bool { first == system || second == system }

    /// `a – b`, for the researcher's messages.
    public var description: String { "\(first) – \(second)" }
}

/// Which pairs of systems a study compares (`[design] pairs` in study.toml).
///
/// - `all`: every pair, as every study did before designs were chosen (12 systems make 66 pairs).
/// - `contrasts`: the pairs the researcher names, e.g. each model against its smaller sibling.
///   Bradley–Terry ranks systems only through comparisons, so the list must connect every system to
///   every other (`DesignGraph` checks; the loader refuses a list that does not).
/// - `sparse(degree:)`: Agon chooses a connected design from the study's seed: a cycle through all
///   systems in a seeded order (so the graph is connected, and stays so without any one pair), then
///   seeded extra pairs until every system is in `degree` pairs (one more where the count cannot
///   come out even). Fewer pairs than `all`, every system compared about equally often.
public enum PairDesign: Equatable, Sendable, Codable {
    case all
    case contrasts([SystemPair])
    case sparse(degree: Int)

    /// The design in a few words, for the researcher: "all pairs", "contrasts", "sparse, degree 3".
    public var summary: String {
        switch self {
        case .all: return "all pairs"
        case .contrasts: return "contrasts"
        case .sparse(let degree): return "sparse, degree \(degree)"
        }
    }

    /// The pairs, in a fixed order: `all` in the order of the systems (first with second, first
    /// with third, …), contrasts as listed, sparse sorted by the systems' order. Depends only on the
    /// systems, the study and the seed — never on a rater.
    public func pairs(systemIDs: [String], studyID: String, seed: UInt64) -> [SystemPair] {
        switch self {
        case .all:
            return Self.allPairs(systemIDs)
        case .contrasts(let list):
            return list
        case .sparse(let degree):
            return Self.sparsePairs(systemIDs: systemIDs, degree: degree, studyID: studyID, seed: seed)
        }
    }

    static func allPairs(_ systemIDs: [String]) -> [SystemPair] {
        var pairs: [SystemPair] = []
        for first in systemIDs.indices {
            for second in (first + 1)..<max(first + 1, systemIDs.count) {
                pairs.append(SystemPair(systemIDs[first], systemIDs[second]))
            }
        }
        return pairs
    }

    static func sparsePairs(systemIDs: [String], degree: Int, studyID: String, seed: UInt64) -> [SystemPair] {
        let count = systemIDs.count
        guard count > 2, degree < count - 1 else { return allPairs(systemIDs) }
        var random = SeededRandom(seed: seed, mixing: ["agon-pairs-v1", studyID])
        var order = Array(0..<count)
        random.shuffle(&order)
        var adjacent = [Set<Int>](repeating: [], count: count)
        func join(_ a: Int, _ b: Int) {
            adjacent[a].insert(b)
            adjacent[b].insert(a)
        }
        for position in 0..<count { join(order[position], order[(position + 1) % count]) }
        // Raise the lowest-degree system first, joining it to a system still short of the degree
        // (or, when none is left, to the least compared one it is not yet paired with).
        while true {
            let short = (0..<count).filter { adjacent[$0].count < degree }
            guard !short.isEmpty else { break }
            let lowest = short.map { adjacent[$0].count }.min()!
            let candidates = short.filter { adjacent[$0].count == lowest }
            let system = candidates[random.below(candidates.count)]
            let open = (0..<count).filter { $0 != system && !adjacent[system].contains($0) }
            guard !open.isEmpty else { break }
            let shortOpen = open.filter { adjacent[$0].count < degree }
            let pool: [Int]
            if shortOpen.isEmpty {
                let least = open.map { adjacent[$0].count }.min()!
                pool = open.filter { adjacent[$0].count == least }
            } else {
                pool = shortOpen
            }
            join(system, pool[random.below(pool.count)])
        }
        var pairs: [SystemPair] = []
        for first in 0..<count {
            for second in adjacent[first].sorted() where second > first {
                pairs.append(SystemPair(systemIDs[first], systemIDs[second]))
            }
        }
        return pairs
    }
}
