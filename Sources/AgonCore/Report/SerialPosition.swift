import Foundation

/// Serial position and fatigue: does a rater's judging drift with the item's position in their
/// session? Position is the judgement's place in the order the rater made them (1 = first), all
/// showings counted. Three within-rater slopes (`LinearSlope`, raters as fixed effects, so a
/// lenient rater is not a drift), each per item, with a 95% t interval:
///
/// - **score**: the judgement's mean score over criteria and both answers (absolute rubrics) or its
///   mean absolute comparison (comparative): raters growing harsher or milder as they go;
/// - **distance from the others**: the mean absolute difference between the rater's scores and the
///   other raters' mean score for the same answer and criterion (first showings) — the rater's
///   consistency with the panel; a positive slope is the classic sign of fatigue;
/// - **seconds**: time per judgement — raters speeding up (or slowing) with position.
///
/// Plus the same score slope per rater (one group each) and the measures averaged in bins of
/// positions, for a chart. Degenerate cases: no rater with two or more judgements, or every
/// judgement at the same position within its rater → slope nil; distance nil when no other rater
/// scored the same answer.
public struct SerialPosition: Sendable, Equatable, Codable {
    public struct RaterDrift: Sendable, Equatable, Codable {
        public var rater: String
        public var judgements: Int
        public var scoreSlope: LinearSlope?
    }

    public struct Bin: Sendable, Equatable, Codable {
        public var first: Int
        public var last: Int
        public var judgements: Int
        public var meanScore: Double?
        public var meanDistance: Double?
        public var meanSeconds: Double?
    }

    public var scoreSlope: LinearSlope?
    public var distanceSlope: LinearSlope?
    public var secondsSlope: LinearSlope?
    public var raters: [RaterDrift]
    public var bins: [Bin]

    public static func compute(_ judgements: [RatedJudgement], raters: [String], rubric: Rubric, binCount: Int = 5) -> SerialPosition {
        let index = JudgementIndex(judgements, systems: [], tasks: [], raters: raters, criteria: rubric.criteria.map(\.id))
        return compute(judgements, index: index, rubric: rubric, binCount: binCount)
    }

    static func compute(_ judgements: [RatedJudgement], index: JudgementIndex, rubric: Rubric, binCount: Int = 5) -> SerialPosition {
        let absolute = rubric.mode == .absolute
        let raters = index.raters
        // The others' scores per (task, system, criterion) and rater, first showings, in dense
        // arrays: the lookup runs once per score of every judgement.
        let systemCount = index.systems.count
        let r = raters.count, criteriaCount = index.criteria.count
        let cells = index.tasks.count * systemCount * criteriaCount
        // Each judgement's answers as cell bases (task × system), resolved once.
        let bases: [(left: Int, right: Int)] = judgements.indices.map { j in
            let task = index.task[j] * systemCount
            return ((task + index.left[j]) * criteriaCount, (task + index.right[j]) * criteriaCount)
        }
        var sum = [Double](repeating: 0, count: absolute ? cells * r : 0), count = sum
        if absolute {
            for (j, rated) in judgements.enumerated() where rated.judgement.repeatOf == nil {
                let rater = index.rater[j]
                guard rater >= 0 else { continue }
                for c in 0..<criteriaCount {
                    guard let score = index.score(j, c) else { continue }
                    for side in 0..<2 {
                        guard let value = side == 0 ? score.a : score.b else { continue }
                        let slot = ((side == 0 ? bases[j].left : bases[j].right) + c) * r + rater
                        sum[slot] += Double(value)
                        count[slot] += 1
                    }
                }
            }
        }
        // Per cell: the sum of the raters' mean scores and how many raters scored it.
        var meanSum = [Double](repeating: 0, count: absolute ? cells : 0), meanCount = meanSum
        if absolute {
            for c in 0..<cells {
                for rater in 0..<r where count[c * r + rater] > 0 {
                    meanSum[c] += sum[c * r + rater] / count[c * r + rater]
                    meanCount[c] += 1
                }
            }
        }
        func distance(_ j: Int) -> Double? {
            let rater = index.rater[j]
            guard absolute, rater >= 0 else { return nil }
            var total = 0.0, n = 0.0
            for c in 0..<criteriaCount {
                guard let score = index.score(j, c) else { continue }
                for side in 0..<2 {
                    guard let value = side == 0 ? score.a : score.b else { continue }
                    let target = (side == 0 ? bases[j].left : bases[j].right) + c
                    let slot = target * r + rater
                    let own = count[slot] > 0 ? sum[slot] / count[slot] : nil
                    let others = meanCount[target] - (own == nil ? 0 : 1)
                    guard others > 0 else { continue }
                    total += abs(Double(value) - (meanSum[target] - (own ?? 0)) / others)
                    n += 1
                }
            }
            return n > 0 ? total / n : nil
        }
        func meanScore(_ j: Judgement) -> Double? {
            var total = 0, n = 0
            for score in j.scores.values {
                if absolute {
                    if let a = score.a { total += a; n += 1 }
                    if let b = score.b { total += b; n += 1 }
                } else if let comparison = score.comparison {
                    total += abs(comparison)
                    n += 1
                }
            }
            return n == 0 ? nil : Double(total) / Double(n)
        }

        let byRater = Dictionary(grouping: judgements.indices, by: { index.rater[$0] })
        var score: (x: [Double], y: [Double], g: [Int]) = ([], [], [])
        var dist = score, secs = score
        var drifts: [RaterDrift] = []
        var maxPosition = 0
        var positioned: [(position: Int, score: Double?, distance: Double?, seconds: Double)] = []
        // The order keys read once: a comparison that reached into `judgements` would copy a whole
        // judgement (its strings and scores) twice for every comparison of the sort.
        let madeAt = judgements.map { $0.judgement.at.timeIntervalSinceReferenceDate }
        let item = judgements.map(\.judgement.item)
        for (g, rater) in raters.enumerated() {
            let ordered = (byRater[raters.firstIndex(of: rater)!] ?? []).sorted { (madeAt[$0], item[$0]) < (madeAt[$1], item[$1]) }
            guard !ordered.isEmpty else { continue }
            var own: (x: [Double], y: [Double]) = ([], [])
            for (offset, j) in ordered.enumerated() {
                let rated = judgements[j]
                let position = offset + 1
                maxPosition = max(maxPosition, position)
                let s = meanScore(rated.judgement), d = distance(j)
                positioned.append((position, s, d, rated.judgement.seconds))
                if let s {
                    score.x.append(Double(position)); score.y.append(s); score.g.append(g)
                    own.x.append(Double(position)); own.y.append(s)
                }
                if let d { dist.x.append(Double(position)); dist.y.append(d); dist.g.append(g) }
                secs.x.append(Double(position)); secs.y.append(rated.judgement.seconds); secs.g.append(g)
            }
            drifts.append(RaterDrift(rater: rater, judgements: ordered.count, scoreSlope: LinearSlope.fit(x: own.x, y: own.y)))
        }
        var bins: [Bin] = []
        if maxPosition > 0 {
            let count = min(binCount, maxPosition)
            for b in 0..<count {
                let first = b * maxPosition / count + 1, last = (b + 1) * maxPosition / count
                let inBin = positioned.filter { $0.position >= first && $0.position <= last }
                func mean(_ values: [Double]) -> Double? { values.isEmpty ? nil : values.reduce(0, +) / Double(values.count) }
                bins.append(Bin(first: first, last: last, judgements: inBin.count, meanScore: mean(inBin.compactMap(\.score)),
                                meanDistance: mean(inBin.compactMap(\.distance)), meanSeconds: mean(inBin.map(\.seconds))))
            }
        }
        return SerialPosition(scoreSlope: LinearSlope.fit(x: score.x, y: score.y, groups: score.g),
                              distanceSlope: LinearSlope.fit(x: dist.x, y: dist.y, groups: dist.g),
                              secondsSlope: LinearSlope.fit(x: secs.x, y: secs.y, groups: secs.g),
                              raters: drifts, bins: bins)
    }
}
