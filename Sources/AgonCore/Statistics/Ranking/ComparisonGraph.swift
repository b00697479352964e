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

    /// Which ends of each system's exact maximum-likelihood rating are unbounded, for the systems
    /// of components where the MLE does not exist (elsewhere: neither). The "beat or tied" graph
    /// of such a component falls into strongly connected classes ordered by who beat whom. Without
    /// an anchor (ratings centred on the component's mean), the likelihood keeps rising as a class
    /// nobody outside it beat moves up (open above) and a class that beat nobody outside it moves
    /// down (open below); a class in between may drift either way (both ends open). With an anchor
    /// in the component, its class is fixed: classes it beat, even through others, are open below,
    /// classes that beat it open above, any other both ways.
    public func openEnds(pairs: [PairTally], anchor: Int?) -> [(above: Bool, below: Bool)] {
        let n = component.count
        var result = [(above: Bool, below: Bool)](repeating: (false, false), count: n)
        guard estimable.contains(false) else { return result }
        var beats = [[Int]](repeating: [], count: n)
        for pair in pairs {
            if pair.winsI + pair.ties > 0 { beats[pair.i].append(pair.j) }
            if pair.winsJ + pair.ties > 0 { beats[pair.j].append(pair.i) }
        }
        let classOf = Self.stronglyConnected(beats)
        let classes = (classOf.max() ?? -1) + 1
        // The condensation: class → classes it beat.
        var below = [Set<Int>](repeating: [], count: classes)
        var above = [Set<Int>](repeating: [], count: classes)
        for i in 0..<n {
            for j in beats[i] where classOf[i] != classOf[j] {
                below[classOf[i]].insert(classOf[j])
                above[classOf[j]].insert(classOf[i])
            }
        }
        func reachable(from start: Int, _ next: [Set<Int>]) -> Set<Int> {
            var seen: Set<Int> = [start]
            var queue = [start]
            while let c = queue.popLast() {
                for d in next[c] where !seen.contains(d) {
                    seen.insert(d)
                    queue.append(d)
                }
            }
            return seen
        }
        for c in 0..<componentCount where !estimable[c] {
            let systems = members(of: c)
            if let anchor, component[anchor] == c {
                let fixed = classOf[anchor]
                let beaten = reachable(from: fixed, below)
                let beating = reachable(from: fixed, above)
                for s in systems where classOf[s] != fixed {
                    let isBelow = beaten.contains(classOf[s]), isAbove = beating.contains(classOf[s])
                    result[s] = (above: isAbove || !isBelow, below: isBelow || !isAbove)
                }
            } else {
                for s in systems {
                    let top = above[classOf[s]].isEmpty, bottom = below[classOf[s]].isEmpty
                    result[s] = (above: top || !bottom, below: bottom || !top)
                }
            }
        }
        return result
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
