import Foundation

/// Levenshtein distance between two short names, for "did you mean …?" suggestions on typos.
public enum EditDistance {
    public static func between(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }

    /// The candidates within `limit` edits of `name`, nearest first.
    public static func near(_ name: String, in candidates: some Sequence<String>, limit: Int = 2) -> [String] {
        candidates.map { ($0, between($0, name)) }.filter { $0.1 <= limit && $0.1 > 0 }
            .sorted { ($0.1, $0.0) < ($1.1, $1.0) }.map(\.0)
    }
}
