import Foundation

/// Mean rubric score of one system on one criterion, with a 95% interval from a bootstrap over
/// tasks (the same clustering as the ratings: each task brings all its scores), and the counts of
/// each score for a bar chart.
///
/// In an absolute rubric the scores are the system's own; in a comparative rubric they are the
/// margin seen from the system's side (the rater's −3…+3 with the sign turned so that positive
/// favours this system). Repeated showings are left out. No scores → mean nil.
public struct ScoreSummary: Sendable, Equatable, Codable {
    public var criterion: String
    public var system: String
    public var n: Int
    public var mean: Double?
    public var lower: Double?
    public var upper: Double?
    public var scaleMin: Int
    public var scaleMax: Int
    /// `distribution[k]`: how often the score `scaleMin + k` was given.
    public var distribution: [Int]

    public static func compute(_ judgements: [RatedJudgement], study: Study, rubric: Rubric,
                               rounds: Int, seed: UInt64) -> [ScoreSummary] {
        let taskIndex = Dictionary(uniqueKeysWithValues: study.tasks.enumerated().map { ($1.id, $0) })
        let systemIndex = Dictionary(uniqueKeysWithValues: study.systems.enumerated().map { ($1.id, $0) })
        let criteria = rubric.criteria
        let systems = study.systems.count
        let clusters = study.tasks.count + 1  // the last one for tasks no longer in the study
        // One pass over the judgements: per criterion × system, counts of each score and per-task sums.
        var distributions = criteria.map { [[Int]](repeating: [Int](repeating: 0, count: $0.scale.count), count: systems) }
        var sums = [[Double]](repeating: [Double](repeating: 0, count: clusters), count: criteria.count * systems)
        var counts = sums
        for rated in judgements where rated.judgement.repeatOf == nil {
            let judgement = rated.judgement
            guard let left = systemIndex[judgement.left], let right = systemIndex[judgement.right] else { continue }
            let task = taskIndex[judgement.task] ?? study.tasks.count
            for (c, criterion) in criteria.enumerated() {
                guard let score = judgement.scores[criterion.id] else { continue }
                let values: [(Int, Int?)] = rubric.mode == .comparative
                    ? [(left, score.comparison.map { -$0 }), (right, score.comparison)]
                    : [(left, score.a), (right, score.b)]
                for (system, value) in values {
                    guard let value, criterion.scale.contains(value) else { continue }
                    distributions[c][system][value - criterion.scale.min] += 1
                    sums[c * systems + system][task] += Double(value)
                    counts[c * systems + system][task] += 1
                }
            }
        }
        var summaries: [ScoreSummary] = []
        for (c, criterion) in criteria.enumerated() {
            for (s, system) in study.systems.enumerated() {
                let distribution = distributions[c][s]
                let taskSums = sums[c * systems + s], taskCounts = counts[c * systems + s]
                let n = distribution.reduce(0, +)
                var summary = ScoreSummary(criterion: criterion.id, system: system.id, n: n,
                                           mean: n > 0 ? taskSums.reduce(0, +) / Double(n) : nil, lower: nil, upper: nil,
                                           scaleMin: criterion.scale.min, scaleMax: criterion.scale.max,
                                           distribution: distribution)
                let used = taskCounts.indices.filter { taskCounts[$0] > 0 }
                if n > 0, rounds > 0, used.count > 1 {
                    var random = SeededRandom(seed: seed, mixing: ["scores", criterion.id, system.id])
                    var means: [Double] = []
                    means.reserveCapacity(rounds)
                    for _ in 0..<rounds {
                        var sum = 0.0, count = 0.0
                        for _ in used.indices {
                            let task = used[random.below(used.count)]
                            sum += taskSums[task]
                            count += taskCounts[task]
                        }
                        means.append(sum / count)
                    }
                    if let interval = BootstrapPercentile.interval95(means) {
                        summary.lower = interval.lower
                        summary.upper = interval.upper
                    }
                }
                summaries.append(summary)
            }
        }
        return summaries
    }

    /// The distribution as one bar per score, e.g. `▁▃█▆▂▁▁`, scaled to the most frequent score.
    public var bars: String {
        let levels: [Character] = [" ", "▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]
        let highest = distribution.max() ?? 0
        guard highest > 0 else { return String(repeating: "·", count: distribution.count) }
        return String(distribution.map { count in
            count == 0 ? "·" : levels[max(1, Int((Double(count) / Double(highest) * 8).rounded()))]
        })
    }
}
