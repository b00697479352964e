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
        let tasks = Dictionary(uniqueKeysWithValues: study.tasks.enumerated().map { ($1.id, $0) })
        var summaries: [ScoreSummary] = []
        for criterion in rubric.criteria {
            for system in study.systems {
                let scale = criterion.scale
                var distribution = [Int](repeating: 0, count: scale.count)
                var sums = [Double](repeating: 0, count: study.tasks.count + 1)
                var counts = [Double](repeating: 0, count: study.tasks.count + 1)
                for rated in judgements where rated.judgement.repeatOf == nil {
                    let judgement = rated.judgement
                    guard let score = judgement.scores[criterion.id] else { continue }
                    let value: Int?
                    if judgement.left == system.id {
                        value = rubric.mode == .comparative ? score.comparison.map { -$0 } : score.a
                    } else if judgement.right == system.id {
                        value = rubric.mode == .comparative ? score.comparison : score.b
                    } else {
                        value = nil
                    }
                    guard let value, scale.contains(value) else { continue }
                    distribution[value - scale.min] += 1
                    let task = tasks[judgement.task] ?? study.tasks.count
                    sums[task] += Double(value)
                    counts[task] += 1
                }
                let n = distribution.reduce(0, +)
                let total = sums.reduce(0, +)
                var summary = ScoreSummary(criterion: criterion.id, system: system.id, n: n,
                                           mean: n > 0 ? total / Double(n) : nil, lower: nil, upper: nil,
                                           scaleMin: scale.min, scaleMax: scale.max, distribution: distribution)
                let used = counts.indices.filter { counts[$0] > 0 }
                if n > 0, rounds > 0, used.count > 1 {
                    var random = SeededRandom(seed: seed, mixing: ["scores", criterion.id, system.id])
                    var means: [Double] = []
                    means.reserveCapacity(rounds)
                    for _ in 0..<rounds {
                        var sum = 0.0, count = 0.0
                        for _ in used.indices {
                            let task = used[random.below(used.count)]
                            sum += sums[task]
                            count += counts[task]
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
