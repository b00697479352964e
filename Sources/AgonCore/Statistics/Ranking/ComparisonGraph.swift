/// Which ratings a set of battles can determine.
///
/// Systems never compared, directly or through others, share no scale: each connected component of
/// the comparison graph is rated on its own. Within a component the Bradley–Terry maximum-likelihood
/// estimate is finite only if, for every split of the systems into two groups, each group beat (or
/// tied) the other at least once — i.e. the "beat or tied" graph is strongly connected (Zermelo
/// 1929; Ford 1957; Hunter 2004, Assumption 1). A system that never lost violates it.
public struct ComparisonGraph: Sendable, Equatable {
    /// Component number of each system (0-based, in order of first system). A system with no
    /// battles is a component of its own.
    public var component: [Int]
    public var componentCount: Int
    /// Per component: whether its maximum-likelihood estimate exists.
    public var estimable: [Bool]

    public init(systemCount: Int, pairs: [PairTally]) {
        var parent = Array(0..<systemCount)
        func root(_ x: Int) -> Int {
            var x = x
            while parent[x] != x {
                parent[x] = parent[parent[x]]
                x = parent[x]
            }
            return x
        }
        for pair in pairs where pair.total > 0 {
            let a = root(pair.i), b = root(pair.j)
            if a != b { parent[max(a, b)] = min(a, b) }
        }
        var numbering: [Int: Int] = [:]
        component = (0..<systemCount).map { system in
            let r = root(system)
            if let number = numbering[r] { return number }
            numbering[r] = numbering.count
            return numbering.count - 1
        }
        componentCount = numbering.count

        // "i beat or tied j": an edge i → j.
        var beats = [[Int]](repeating: [], count: systemCount)
        for pair in pairs {
            if pair.winsI + pair.ties > 0 { beats[pair.i].append(pair.j) }
            if pair.winsJ + pair.ties > 0 { beats[pair.j].append(pair.i) }
        }
        estimable = [Bool](repeating: true, count: componentCount)
        let sccOf = Self.stronglyConnected(beats)
        for system in 0..<systemCount {
            let first = component.firstIndex(of: component[system])!
            if sccOf[system] != sccOf[first] { estimable[component[system]] = false }
        }
    }

    public func members(of componentNumber: Int) -> [Int] {
        component.indices.filter { component[$0] == componentNumber }
    }

    /// Tarjan's algorithm, iterative; returns a strongly-connected-component id per node.
    static func stronglyConnected(_ edges: [[Int]]) -> [Int] {
        let n = edges.count
        var index = [Int](repeating: -1, count: n)
        var low = [Int](repeating: 0, count: n)
        var onStack = [Bool](repeating: false, count: n)
        var stack: [Int] = []
        var result = [Int](repeating: -1, count: n)
        var counter = 0
        var sccCount = 0
        for start in 0..<n where index[start] < 0 {
            var work: [(node: Int, edge: Int)] = [(start, 0)]
            index[start] = counter
            low[start] = counter
            counter += 1
            stack.append(start)
            onStack[start] = true
            while let top = work.last {
                let node = top.node
                if top.edge < edges[node].count {
                    work[work.count - 1].edge += 1
                    let next = edges[node][top.edge]
                    if index[next] < 0 {
                        index[next] = counter
                        low[next] = counter
                        counter += 1
                        stack.append(next)
                        onStack[next] = true
                        work.append((next, 0))
                    } else if onStack[next] {
                        low[node] = min(low[node], index[next])
                    }
                } else {
                    work.removeLast()
                    if let parent = work.last { low[parent.node] = min(low[parent.node], low[node]) }
                    if low[node] == index[node] {
                        while let member = stack.popLast() {
                            onStack[member] = false
                            result[member] = sccCount
                            if member == node { break }
                        }
                        sccCount += 1
                    }
                }
            }
        }
        return result
    }
}
