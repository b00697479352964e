/// Holm's step-down correction for a family of m tests (Holm 1979, "A simple sequentially
/// rejective multiple test procedure", Scand. J. Statist. 6:65–70), as adjusted p-values
/// (R's `p.adjust(method = "holm")`): with the p-values sorted, p₍ᵢ₎ becomes
/// max over j ≤ i of min(1, (m − j + 1)·p₍ⱼ₎). It controls the family-wise error rate under any
/// dependence between the tests. Missing p-values (a test with nothing to test) stay nil and do
/// not count in m.
public enum HolmCorrection {
    public static func adjusted(_ pValues: [Double?]) -> [Double?] {
        let present = pValues.indices.filter { pValues[$0] != nil }.sorted { pValues[$0]! < pValues[$1]! }
        let m = present.count
        var result = [Double?](repeating: nil, count: pValues.count)
        var running = 0.0
        for (rank, index) in present.enumerated() {
            running = max(running, min(1, Double(m - rank) * pValues[index]!))
            result[index] = running
        }
        return result
    }
}
