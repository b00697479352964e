/// Prefix sums of integer weights with O(log n) update and search: drawing the next task of a
/// schedule in proportion to the items it has left.
struct FenwickTree {
    private var tree: [Int]
    private var values: [Int]

    init(_ weights: [Int]) {
        values = weights
        tree = [Int](repeating: 0, count: weights.count + 1)
        for (index, weight) in weights.enumerated() { add(index, weight, recordValue: false) }
    }

    func weight(_ index: Int) -> Int { values[index] }

    mutating func add(_ index: Int, _ delta: Int) {
        add(index, delta, recordValue: true)
    }

    private mutating func add(_ index: Int, _ delta: Int, recordValue: Bool) {
        if recordValue { values[index] += delta }
        var position = index + 1
        while position < tree.count {
            tree[position] += delta
            position += position & -position
        }
    }

    /// Sum of the weights before `index`.
    func prefix(_ index: Int) -> Int {
        var sum = 0
        var position = index
        while position > 0 {
            sum += tree[position]
            position -= position & -position
        }
        return sum
    }

    /// The index whose cumulative range holds `target` (0 ≤ target < total).
    func find(_ target: Int) -> Int {
        var position = 0
        var remaining = target
        var step = 1
        while step * 2 < tree.count { step *= 2 }
        while step > 0 {
            let next = position + step
            if next < tree.count, tree[next] <= remaining {
                position = next
                remaining -= tree[next]
            }
            step /= 2
        }
        return position
    }
}
