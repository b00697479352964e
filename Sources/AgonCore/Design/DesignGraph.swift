/// The design's graph: the systems as nodes and the pairs it compares as edges, before any
/// judgement (`ComparisonGraph` in Statistics asks the same of the judgements collected).
/// Bradley–Terry places two systems on one scale only if a chain of comparisons joins them, so a
/// design whose graph falls apart into groups cannot rank across the groups, however many
/// judgements it collects.
public struct DesignGraph: Sendable {
    public let systems: [String]
    public let pairs: [SystemPair]

    public init(systems: [String], pairs: [SystemPair]) {
        self.systems = systems
        self.pairs = pairs
    }

    /// The groups of systems joined by comparisons, each in the systems' order, the group of the
    /// first system first. One group: connected.
    public var components: [[String]] { components(without: nil) }

    public var isConnected: Bool { components.count <= 1 }

    /// For a pair whose removal would split the graph, the two groups it joins (the one holding its
    /// first system first); nil when the others hold the graph together without it.
    public func bridge(_ pair: SystemPair) -> (first: [String], second: [String])? {
        guard let index = pairs.firstIndex(of: pair) else { return nil }
        let before = components.count
        let after = components(without: index)
        guard after.count > before else { return nil }
        guard let first = after.first(where: { $0.contains(pair.first) }),
              let second = after.first(where: { $0.contains(pair.second) }) else { return nil }
        return (first, second)
    }

    /// How many pairs each system is in.
    public var degrees: [String: Int] {
        var degree = Dictionary(uniqueKeysWithValues: systems.map { ($0, 0) })
        for pair in pairs {
            degree[pair.first, default: 0] += 1
            degree[pair.second, default: 0] += 1
        }
        return degree
    }

    private func components(without skipped: Int?) -> [[String]] {
        var parent = Dictionary(uniqueKeysWithValues: systems.map { ($0, $0) })
        func root(_ system: String) -> String {
            var node = system
            while let up = parent[node], up != node { node = up }
            return node
        }
        for (index, pair) in pairs.enumerated() where index != skipped {
            guard parent[pair.first] != nil, parent[pair.second] != nil else { continue }
            let a = root(pair.first), b = root(pair.second)
            if a != b { parent[b] = a }
        }
        var groups: [String: [String]] = [:]
        var order: [String] = []
        for system in systems {
            let top = root(system)
            if groups[top] == nil { order.append(top) }
            groups[top, default: []].append(system)
        }
        return order.map { groups[$0]! }
    }
}
