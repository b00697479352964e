/// How many of a pair's items show its first system on the left, for a rater who judges each pair
/// a different number of times.
///
/// A pair judged an even number of times is split in half. Each pair judged an odd number of times
/// has one item over, whose left side goes to one of its two systems: an orientation of the "odd
/// pairs" graph. Orienting every edge along closed trails gives each system as many extra lefts as
/// extra rights; systems in an odd number of odd pairs are first joined to a dummy node (so every
/// degree is even), which costs each of them at most one. So each system is left within one of how
/// often it is right, whatever the pairs — a greedy choice, pair by pair, cannot promise that.
enum SideBalance {
    /// For each pair (indices into `systems`) and its item count, how many show the first system left.
    static func firstLeft(pairs: [(Int, Int)], counts: [Int], systems: Int, random: inout SeededRandom) -> [Int] {
        var result = counts.map { $0 / 2 }
        var edges: [(Int, Int, pair: Int?)] = []
        var degree = [Int](repeating: 0, count: systems + 1)
        for (index, pair) in pairs.enumerated() where counts[index] % 2 == 1 {
            edges.append((pair.0, pair.1, index))
            degree[pair.0] += 1
            degree[pair.1] += 1
        }
        let dummy = systems
        for system in 0..<systems where degree[system] % 2 == 1 { edges.append((system, dummy, nil)) }
        var incident = [[Int]](repeating: [], count: systems + 1)
        for (index, edge) in edges.enumerated() {
            incident[edge.0].append(index)
            incident[edge.1].append(index)
        }
        for node in incident.indices { random.shuffle(&incident[node]) }
        var used = [Bool](repeating: false, count: edges.count)
        var starts = Array(0...systems)
        random.shuffle(&starts)
        for start in starts {
            // Every degree is even, so a walk on unused edges can only end where it began.
            var node = start
            while let next = incident[node].first(where: { !used[$0] }) {
                used[next] = true
                let edge = edges[next]
                let from = node
                node = edge.0 == from ? edge.1 : edge.0
                if let pair = edge.pair, from == edge.0 { result[pair] += 1 }
                incident[from].removeAll { used[$0] }
            }
        }
        return result
    }
}
