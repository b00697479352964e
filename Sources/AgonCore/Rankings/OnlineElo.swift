import Foundation

/// Online Elo (Elo 1978): after each battle, r_winner += K·(S − E) with E = 1/(1 + 10^{(r_o − r)/400})
/// and S = 1, ½ or 0. The result depends on the order of battles, so it is averaged over random
/// orders of the same battles (drawn from the counts). A secondary view only: unlike Bradley–Terry
/// it weighs late battles more and does not converge to a fixed answer.
///
/// Every system starts at 1000; a system with no battles stays there.
public enum OnlineElo {
    public static func ratings(_ pairs: [PairTally], systemCount: Int, k: Double = 4, shuffles: Int = 10,
                               seed: UInt64) -> [Double] {
        // One code per battle: pair index · 4 + (0 i wins, 1 j wins, 2 tie).
        var battles: [UInt32] = []
        battles.reserveCapacity(Int(pairs.reduce(0) { $0 + $1.total }))
        for (index, pair) in pairs.enumerated() {
            let base = UInt32(index * 4)
            battles += repeatElement(base, count: Int(pair.winsI.rounded()))
            battles += repeatElement(base + 1, count: Int(pair.winsJ.rounded()))
            battles += repeatElement(base + 2, count: Int(pair.ties.rounded()))
        }
        var sums = [Double](repeating: 0, count: systemCount)
        let rounds = max(1, shuffles)
        var random = SeededRandom(seed: seed, mixing: ["online-elo"])
        let scale = 2.302_585_092_994_046 / 400  // ln 10 / 400
        for _ in 0..<rounds {
            random.shuffle(&battles)
            var rating = [Double](repeating: 1000, count: systemCount)
            for code in battles {
                let pair = pairs[Int(code >> 2)]
                let result: Double = code & 3 == 0 ? 1 : code & 3 == 1 ? 0 : 0.5
                let expected = 1 / (1 + exp((rating[pair.j] - rating[pair.i]) * scale))
                let change = k * (result - expected)
                rating[pair.i] += change
                rating[pair.j] -= change
            }
            for system in 0..<systemCount { sums[system] += rating[system] }
        }
        return sums.map { $0 / Double(rounds) }
    }
}
