import Foundation

/// Online Elo (Elo 1978): after each battle, r_i += K·(S − E) and r_j −= K·(S − E), with
/// E = 1/(1 + 10^{(r_j − r_i)/400}) and S = 1, ½ or 0 for a win, tie or loss of i. The result
/// depends on the order of battles, so it is averaged over random orders of the same battles
/// (drawn from the counts, each order a shuffle of the same list with its own seeded generator,
/// the orders summed in their order: the result is the same on any number of cores). A secondary view only: unlike
/// Bradley–Terry it weighs late battles more and has no fixed point.
///
/// Every system starts at 1000; a system with no battles stays there.
public enum OnlineElo {
    /// - Parameter workers: threads to spread the orders over (default: one per core); the result
    ///   is the same for any number.
    public static func ratings(_ pairs: [PairTally], systemCount: Int, k: Double = 4, shuffles: Int = 10,
                               seed: UInt64, workers requested: Int? = nil) -> [Double] {
        // One code per battle: i in bits 0–23, j in bits 24–47, result (0 i wins, 1 j wins, 2 tie) above.
        var battles: [UInt64] = []
        battles.reserveCapacity(Int(pairs.reduce(0) { $0 + $1.total }))
        for pair in pairs {
            let code = UInt64(pair.i) | UInt64(pair.j) << 24
            battles += repeatElement(code, count: Int(pair.winsI.rounded()))
            battles += repeatElement(code | 1 << 48, count: Int(pair.winsJ.rounded()))
            battles += repeatElement(code | 2 << 48, count: Int(pair.ties.rounded()))
        }
        let orders = max(1, shuffles)
        let workers = max(1, min(requested ?? ProcessInfo.processInfo.activeProcessorCount, orders))
        // One slot per order, not per worker: each order's ratings are kept apart and summed in
        // order at the end, so the sum — and the floating-point rounding — is the same on any
        // number of cores.
        let perOrder = UnsafeMutableBufferPointer<Double>.allocate(capacity: orders * systemCount)
        perOrder.initialize(repeating: 0)
        defer { perOrder.deallocate() }
        nonisolated(unsafe) let shared = perOrder
        let template = battles
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            var order = template
            var rating = [Double](repeating: 0, count: systemCount)
            // Ratings in natural-log units internally: E = 1/(1 + e^{r_j − r_i}).
            let step = k * log(10.0) / 400
            var index = worker
            while index < orders {
                // Every order shuffles the same starting list: shuffling the previous order of
                // this worker would make order i depend on which worker ran it.
                order = template
                var random = SeededRandom(seed: seed, mixing: ["online-elo", String(index)])
                random.shuffle(&order)
                for system in 0..<systemCount { rating[system] = 0 }
                rating.withUnsafeMutableBufferPointer { r in
                    for code in order {
                        let i = Int(code & 0xFF_FFFF), j = Int((code >> 24) & 0xFF_FFFF)
                        let outcome = code >> 48
                        let result: Double = outcome == 0 ? 1 : outcome == 1 ? 0 : 0.5
                        let change = step * (result - 1 / (1 + exp(r[j] - r[i])))
                        r[i] += change
                        r[j] -= change
                    }
                }
                for system in 0..<systemCount { shared[index * systemCount + system] = rating[system] }
                index += workers
            }
        }
        return (0..<systemCount).map { system in
            var total = 0.0
            for index in 0..<orders { total += perOrder[index * systemCount + system] }
            return 1000 + total / Double(orders) * 400 / log(10.0)
        }
    }
}
