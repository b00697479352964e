import Foundation

/// What a bootstrap round resamples.
public enum BootstrapKind: String, Sendable, Codable, CaseIterable {
    /// Battles as independent draws: the count matrix is resampled multinomially with the observed
    /// cell shares (as Chatbot Arena's "multinomial" bootstrap). Right for independent battles.
    case battles
    /// Tasks with replacement, each bringing all its battles (a clustered bootstrap, Field & Welsh
    /// 2007). Honest for a study, where every task is judged many times and battles on one task are
    /// not independent.
    case tasks
}

/// Bootstrap distributions of Bradley–Terry ratings. Every round has its own generator seeded from
/// (seed, round), so results do not depend on how rounds are spread over threads.
public enum RatingBootstrap {
    public struct Rounds: Sendable {
        /// `ratings[round * systemCount + system]`.
        public var ratings: [Double]
        public var rounds: Int
        public var systemCount: Int
        /// Rounds whose resample had no finite MLE somewhere and were fitted with virtual ties.
        public var penalisedRounds: Int
        /// Per round: the resample split systems the data compares into groups never compared
        /// (each group would be centred on 1000 by itself, so its ratings are not on the data's scale).
        public var split: [Bool]

        public var splitRounds: Int { split.filter { $0 }.count }
        public var usableRounds: Int { rounds - splitRounds }

        /// The system's rating in every round that kept the comparison graph whole.
        public func ratings(of system: Int) -> [Double] {
            (0..<rounds).filter { !split[$0] }.map { ratings[$0 * systemCount + system] }
        }
    }

    public typealias Fit = @Sendable ([PairTally]) -> (ratings: [Double], penalised: Bool, split: Bool)

    /// Multinomial resampling of the observed pair cells (i wins, j wins, tie), total kept fixed.
    public static func battles(_ pairs: [PairTally], systemCount: Int, rounds: Int, seed: UInt64,
                               fit: Fit) -> Rounds {
        let total = Int(pairs.reduce(0) { $0 + $1.total }.rounded())
        let shares = pairs.flatMap { [$0.winsI, $0.winsJ, $0.ties] }
        let mass = shares.reduce(0, +)
        return run(rounds: rounds, systemCount: systemCount, fit: fit) { round in
            var random = generator(seed, round)
            var remaining = total
            var remainingMass = mass
            var sample = pairs
            for index in sample.indices {
                var cells = [0.0, 0.0, 0.0]
                for cell in 0..<3 {
                    let share = shares[index * 3 + cell]
                    let draw = remainingMass > 0 && remaining > 0
                        ? BinomialSampler.draw(remaining, min(share / remainingMass, 1), &random) : 0
                    cells[cell] = Double(draw)
                    remaining -= draw
                    remainingMass -= share
                }
                sample[index].winsI = cells[0]
                sample[index].winsJ = cells[1]
                sample[index].ties = cells[2]
            }
            return sample
        }
    }

    /// Clustered resampling: `clusters[c]` holds the battles of one task, as pair tallies.
    public static func clusters(_ clusters: [[PairTally]], systemCount: Int, rounds: Int, seed: UInt64,
                                fit: Fit) -> Rounds {
        // One dense slot per pair seen anywhere, in (i, j) order like `BattleCounts.pairTallies`,
        // so a round is a sum of small sparse vectors.
        let keys = Set(clusters.flatMap { $0.filter { $0.total > 0 }.map { $0.i * systemCount + $0.j } }).sorted()
        let slotOf = Dictionary(uniqueKeysWithValues: keys.enumerated().map { ($1, $0) })
        let slotPairs = keys.map { ($0 / systemCount, $0 % systemCount) }
        let sparse: [[(slot: Int, tally: PairTally)]] = clusters.map { cluster in
            cluster.filter { $0.total > 0 }.map { (slotOf[$0.i * systemCount + $0.j]!, $0) }
        }
        let slots = slotPairs
        let clusterEntries = sparse
        return run(rounds: rounds, systemCount: systemCount, fit: fit) { round in
            var random = generator(seed, round)
            var sample = slots.map { PairTally(i: $0.0, j: $0.1, winsI: 0, winsJ: 0, ties: 0) }
            guard !clusterEntries.isEmpty else { return sample }
            for _ in 0..<clusterEntries.count {
                for entry in clusterEntries[random.below(clusterEntries.count)] {
                    sample[entry.slot].winsI += entry.tally.winsI
                    sample[entry.slot].winsJ += entry.tally.winsJ
                    sample[entry.slot].ties += entry.tally.ties
                }
            }
            return sample
        }
    }

    static func generator(_ seed: UInt64, _ round: Int) -> SeededRandom {
        var mixer = SeededRandom(seed: seed ^ (UInt64(round) &* 0xd1b5_4a32_d192_ed03))
        return SeededRandom(seed: mixer.next())
    }

    private static func run(rounds: Int, systemCount: Int, fit: Fit,
                            resample: @Sendable (Int) -> [PairTally]) -> Rounds {
        guard rounds > 0 else { return Rounds(ratings: [], rounds: 0, systemCount: systemCount, penalisedRounds: 0, split: []) }
        let workers = max(1, min(ProcessInfo.processInfo.activeProcessorCount, rounds))
        let output = UnsafeMutableBufferPointer<Double>.allocate(capacity: rounds * systemCount)
        let penalisedFlags = UnsafeMutableBufferPointer<Bool>.allocate(capacity: rounds)
        let splitFlags = UnsafeMutableBufferPointer<Bool>.allocate(capacity: rounds)
        defer {
            output.deallocate()
            penalisedFlags.deallocate()
            splitFlags.deallocate()
        }
        nonisolated(unsafe) let sharedOutput = output
        nonisolated(unsafe) let sharedFlags = penalisedFlags
        nonisolated(unsafe) let sharedSplit = splitFlags
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            var round = worker
            while round < rounds {
                let result = fit(resample(round))
                for system in 0..<systemCount { sharedOutput[round * systemCount + system] = result.ratings[system] }
                sharedFlags[round] = result.penalised
                sharedSplit[round] = result.split
                round += workers
            }
        }
        return Rounds(ratings: Array(output), rounds: rounds, systemCount: systemCount,
                      penalisedRounds: penalisedFlags.filter { $0 }.count, split: Array(splitFlags))
    }
}
