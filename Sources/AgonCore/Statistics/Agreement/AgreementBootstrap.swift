import Dispatch

/// Percentile bootstrap over units (Efron & Tibshirani 1993, ch. 13): units are drawn with
/// replacement, the statistic is recomputed on each resample, and the 2.5th and 97.5th percentiles
/// of the defined replicates form the 95% interval. Units, not single ratings, are resampled
/// because ratings of one unit are not independent.
///
/// Seeded with `SeededRandom`, so an interval is the same on every machine. Replicates where the
/// statistic is undefined (a resample with no variation, say) are counted and left out; unless more
/// than half the rounds are usable, the interval is undefined and says from how few rounds — the
/// percentiles of the few resamples that happen to define the statistic describe those resamples,
/// not the data. So is an interval over fewer than three units: the resamples of two units are the
/// data itself or one unit twice, which shows nothing about variation.
///
/// Statistics of the category counts (alpha, Fleiss, AC, percent agreement) are resampled through
/// multiplicities of the distinct count rows — the draw is the same as copying units, but a round
/// costs the number of units drawn plus the distinct rows, not a copy of the whole table.
public struct AgreementBootstrap: Sendable {
    public var rounds: Int
    public var seed: UInt64
    public var level: Double

    public init(rounds: Int = 1000, seed: UInt64 = 1, level: Double = 0.95) {
        self.rounds = rounds
        self.seed = seed
        self.level = level
    }

    public struct Interval: Equatable, Sendable, Codable {
        /// The 2.5th and 97.5th percentiles; nil when the interval is undefined (`undefinedReason`).
        public var low: Double?
        public var high: Double?
        /// Replicates in which the statistic was defined.
        public var definedRounds: Int
        public var rounds: Int
        /// Why there is no interval although the statistic itself is defined.
        public var undefinedReason: String?

        public init(low: Double?, high: Double?, definedRounds: Int, rounds: Int, undefinedReason: String? = nil) {
            self.low = low
            self.high = high
            self.definedRounds = definedRounds
            self.rounds = rounds
            self.undefinedReason = undefinedReason
        }

        public var isDefined: Bool { low != nil && high != nil }
    }

    /// Fewer units than this give no interval.
    public static let minimumUnits = 3

    func tooFewUnits(_ units: Int, count: Int) -> [Interval?]? {
        guard units < Self.minimumUnits else { return nil }
        let interval = Interval(low: nil, high: nil, definedRounds: 0, rounds: rounds,
                                undefinedReason: "only \(units) unit\(units == 1 ? "" : "s") to resample")
        return [Interval?](repeating: interval, count: count)
    }

    /// Rounds run in this many chunks, each with its own generator seeded from (seed, chunk), on as
    /// many cores as there are: the replicates — and so the intervals — are the same whatever the
    /// machine.
    static let chunks = 8

    /// Intervals for statistics of category counts; each row of `counts` is one unit. All statistics
    /// see the same resamples. `merged` may pass `counts.compressed()` when the caller has it.
    public func intervals(_ counts: CategoryCounts, merged: (counts: CategoryCounts, rowOf: [Int32])? = nil,
                          _ statistics: [@Sendable (CategoryCounts) -> AgreementValue]) -> [Interval?] {
        resamplingRows(counts, merged: merged, statistics: statistics.count) { _ in
            { sample in statistics.map { $0(sample).value } }
        }
    }

    /// The same intervals as passing each statistic's own function, from statistics prepared once
    /// for the distinct rows (`PreparedCountStatistics`): a round only reweights what they need.
    public func intervals(_ counts: CategoryCounts, merged: (counts: CategoryCounts, rowOf: [Int32])? = nil,
                          of statistics: [CountStatistic]) -> [Interval?] {
        resamplingRows(counts, merged: merged, statistics: statistics.count) { distinct in
            let prepared = PreparedCountStatistics(distinct, statistics)
            return { sample in prepared.values(multiplicity: sample.multiplicity).map(\.value) }
        }
    }

    /// Resamples units through the multiplicities of the distinct count rows; `replicate` is made
    /// once from the distinct rows and then given each round's reweighted rows.
    private func resamplingRows(_ counts: CategoryCounts, merged: (counts: CategoryCounts, rowOf: [Int32])?, statistics count: Int,
                                _ replicate: (CategoryCounts) -> @Sendable (CategoryCounts) -> [Double?]) -> [Interval?] {
        let units = counts.rowCount
        guard rounds > 0, units > 0, count > 0 else { return [Interval?](repeating: nil, count: count) }
        if let few = tooFewUnits(units, count: count) { return few }
        let (compressed, rowOf) = merged ?? counts.compressed()
        let values = replicate(compressed)
        return run(statistics: count, state: { compressed }) { sample, random in
            for index in sample.multiplicity.indices { sample.multiplicity[index] = 0 }
            sample.multiplicity.withUnsafeMutableBufferPointer { multiplicity in
                rowOf.withUnsafeBufferPointer { rowOf in
                    Self.draw(units, from: units, with: &random) { multiplicity[Int(rowOf[$0])] += 1 }
                }
            }
            return values(sample)
        }
    }

    /// Intervals for statistics that can weight units: each round passes how many times each of the
    /// `units` units was drawn, and `replicate` returns one value per statistic.
    public func intervals(units: Int, statistics count: Int,
                          _ replicate: @escaping @Sendable ([Double]) -> [AgreementValue]) -> [Interval?] {
        guard rounds > 0, units > 0, count > 0 else { return [Interval?](repeating: nil, count: count) }
        if let few = tooFewUnits(units, count: count) { return few }
        return run(statistics: count, state: { [Double](repeating: 0, count: units) }) { multiplicity, random in
            for index in multiplicity.indices { multiplicity[index] = 0 }
            multiplicity.withUnsafeMutableBufferPointer { multiplicity in
                Self.draw(units, from: units, with: &random) { multiplicity[$0] += 1 }
            }
            let values = replicate(multiplicity).map(\.value)
            return (0..<count).map { $0 < values.count ? values[$0] : nil }
        }
    }

    /// Intervals for statistics that need the whole table (a rater pair's kappa, say): each round
    /// copies the drawn units. The draws are those of the other forms, round for round.
    public func intervals(_ table: RatingsTable, _ statistics: [@Sendable (RatingsTable) -> AgreementValue]) -> [Interval?] {
        let units = table.unitCount
        guard rounds > 0, units > 0, !statistics.isEmpty else { return statistics.map { _ in nil } }
        if let few = tooFewUnits(units, count: statistics.count) { return few }
        return run(statistics: statistics.count, state: { [Int](repeating: 0, count: units) }) { selection, random in
            var next = 0
            selection.withUnsafeMutableBufferPointer { selection in
                Self.draw(units, from: units, with: &random) {
                    selection[next] = $0
                    next += 1
                }
            }
            let resample = table.selecting(units: selection)
            return statistics.map { $0(resample).value }
        }
    }

    /// Runs the rounds in `chunks` parallel chunks; each chunk gets its own scratch `state` (passed
    /// inout rather than captured, which keeps Swift's dynamic exclusivity checks out of the loop).
    private func run<State>(statistics count: Int, state makeState: @Sendable () -> State,
                            _ round: @Sendable (inout State, inout SeededRandom) -> [Double?]) -> [Interval?] {
        let chunkCount = min(Self.chunks, rounds)
        let results = UnsafeMutableBufferPointer<[[Double]]>.allocate(capacity: chunkCount)
        results.initialize(repeating: [])
        defer { results.deallocate() }
        nonisolated(unsafe) let shared = results
        let (rounds, seed) = (self.rounds, self.seed)
        DispatchQueue.concurrentPerform(iterations: chunkCount) { chunk in
            var random = SeededRandom(seed: seed, mixing: ["agreement-bootstrap", String(chunk)])
            var state = makeState()
            var local = [[Double]](repeating: [], count: count)
            let share = rounds / chunkCount + (chunk < rounds % chunkCount ? 1 : 0)
            for _ in 0..<share {
                for (index, value) in round(&state, &random).enumerated() {
                    if let value { local[index].append(value) }
                }
            }
            shared[chunk] = local
        }
        return (0..<count).map { index in interval(results.flatMap { $0[index] }) }
    }

    public func interval(_ counts: CategoryCounts, _ statistic: @escaping @Sendable (CategoryCounts) -> AgreementValue) -> Interval? {
        intervals(counts, [statistic])[0]
    }

    public func interval(_ table: RatingsTable, _ statistic: @escaping @Sendable (RatingsTable) -> AgreementValue) -> Interval? {
        intervals(table, [statistic])[0]
    }

    /// `count` uniform draws from 0..<bound: two per 64-bit random number (Lemire's multiply-shift
    /// on each 32-bit half, with rejection, so without bias), half the generator calls of `below`.
    @inline(__always)
    static func draw(_ count: Int, from bound: Int, with random: inout SeededRandom, _ use: (Int) -> Void) {
        guard bound <= Int(UInt32.max) else {
            for _ in 0..<count { use(random.below(bound)) }
            return
        }
        let range = UInt64(bound)
        let threshold = (UInt64(1) << 32) % range
        var drawn = 0
        while drawn < count {
            let bits = random.next()
            let low = (bits & 0xFFFF_FFFF) &* range
            if low & 0xFFFF_FFFF >= threshold {
                use(Int(low >> 32))
                drawn += 1
            }
            let high = (bits >> 32) &* range
            if drawn < count, high & 0xFFFF_FFFF >= threshold {
                use(Int(high >> 32))
                drawn += 1
            }
        }
    }

    private func interval(_ values: [Double]) -> Interval? {
        guard values.count * 2 > rounds else {
            return Interval(low: nil, high: nil, definedRounds: values.count, rounds: rounds,
                            undefinedReason: "only \(values.count) of \(rounds) resamples define the statistic; an interval needs more than half")
        }
        let sorted = values.sorted()
        let tail = (1 - level) / 2
        return Interval(low: Self.percentile(sorted, tail), high: Self.percentile(sorted, 1 - tail),
                        definedRounds: values.count, rounds: rounds)
    }

    /// The p-quantile of sorted values with linear interpolation between order statistics (the
    /// "type 7" definition of Hyndman & Fan 1996, the default of R and numpy).
    public static func percentile(_ sorted: [Double], _ p: Double) -> Double {
        precondition(!sorted.isEmpty)
        let position = p * Double(sorted.count - 1)
        let lower = Int(position.rounded(.down))
        let upper = min(lower + 1, sorted.count - 1)
        let fraction = position - Double(lower)
        return sorted[lower] + (sorted[upper] - sorted[lower]) * fraction
    }
}
