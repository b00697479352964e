import Foundation

/// Split-half reliability of what the report concludes (`SplitHalfReliability` over raters):
/// - **system ratings**, per section (overall and each criterion): each half's Bradley–Terry
///   ratings of the systems, correlated across systems. Needs three or more systems — with two,
///   any two ratings correlate ±1 and the section says so;
/// - **answer scores**, per criterion (absolute rubrics): each half's mean score of every answer
///   (task × system), correlated across answers — defined with two systems too.
/// Repeated showings are left out, as in the rankings.
public struct SplitHalfRatings: Sendable, Equatable, Codable {
    public struct Entry: Sendable, Equatable, Codable {
        /// A criterion id, or `overall`.
        public var section: String
        public var ratings: SplitHalfReliability
        /// nil for `overall` and in comparative rubrics.
        public var scores: SplitHalfReliability?
    }

    public var splits: Int
    public var seed: UInt64
    public var entries: [Entry]

    public static func compute(_ judgements: [RatedJudgement], raters: [String], study: Study, rubric: Rubric,
                               splits: Int = 200, seed: UInt64 = 1) -> SplitHalfRatings {
        compute(judgements, index: JudgementIndex(judgements, study: study, raters: raters, rubric: rubric),
                rubric: rubric, splits: splits, seed: seed)
    }

    static func compute(_ judgements: [RatedJudgement], index: JudgementIndex, rubric: Rubric,
                        splits: Int = 200, seed: UInt64 = 1) -> SplitHalfRatings {
        let k = index.studySystemCount
        let raters = index.raters
        let sections = [StudyBattles.overall] + index.criteria
        let r = raters.count
        // counts[section][rater]: a k×k table of wins (row beat column) and ties, as BattleCounts does.
        var wins = [[[Double]]](repeating: [[Double]](repeating: [Double](repeating: 0, count: k * k), count: r), count: sections.count)
        var ties = wins
        // Scores: per criterion, rater and answer (task × system): sum and count.
        let answers = index.tasks.count * k
        var scoreSum = [[[Double]]](repeating: [[Double]](repeating: [Double](repeating: 0, count: answers), count: r), count: index.criteria.count)
        var scoreCount = scoreSum
        for (j, rated) in judgements.enumerated() where rated.judgement.repeatOf == nil {
            let rater = index.rater[j], a = index.left[j], b = index.right[j], task = index.task[j]
            guard rater >= 0, a < k, b < k, a != b else { continue }
            func add(_ s: Int, _ winner: Side??) {
                switch winner {
                case .some(.some(.a)): wins[s][rater][a * k + b] += 1
                case .some(.some(.b)): wins[s][rater][b * k + a] += 1
                case .some(.none): ties[s][rater][min(a, b) * k + max(a, b)] += 1
                case .none: break
                }
            }
            switch rated.judgement.preference {
            case .a: add(0, .some(.a))
            case .b: add(0, .some(.b))
            case .tie, .bothWeak: add(0, .some(nil))
            case nil: break
            }
            for c in 0..<index.criteria.count {
                guard let score = index.score(j, c) else { continue }
                add(c + 1, score.winner)
                if rubric.mode == .absolute {
                    if let value = score.a {
                        scoreSum[c][rater][task * k + a] += Double(value)
                        scoreCount[c][rater][task * k + a] += 1
                    }
                    if let value = score.b {
                        scoreSum[c][rater][task * k + b] += Double(value)
                        scoreCount[c][rater][task * k + b] += 1
                    }
                }
            }
        }
        func ratings(_ s: Int, _ half: [Int]) -> [Double?] {
            var pairs: [PairTally] = []
            for i in 0..<k {
                for jx in (i + 1)..<max(i + 1, k) {
                    var tally = PairTally(i: i, j: jx, winsI: 0, winsJ: 0, ties: 0)
                    for rater in half {
                        tally.winsI += wins[s][rater][i * k + jx]
                        tally.winsJ += wins[s][rater][jx * k + i]
                        tally.ties += ties[s][rater][i * k + jx]
                    }
                    if tally.total > 0 { pairs.append(tally) }
                }
            }
            let fit = BradleyTerry.fit(pairs, systemCount: k, tolerance: 1e-6)
            let compared = Set(pairs.flatMap { [$0.i, $0.j] })
            return (0..<k).map { compared.contains($0) ? fit.ratings[$0] : nil }
        }
        func scores(_ c: Int, _ half: [Int]) -> [Double?] {
            // Rater by rater over contiguous rows: 200 splits × 2 halves × raters × answers additions.
            var total = [Double](repeating: 0, count: answers), n = total
            for rater in half {
                let sums = scoreSum[c][rater], counts = scoreCount[c][rater]
                for answer in 0..<answers {
                    total[answer] += sums[answer]
                    n[answer] += counts[answer]
                }
            }
            return (0..<answers).map { n[$0] > 0 ? total[$0] / n[$0] : nil }
        }
        var entries: [Entry] = []
        for (s, section) in sections.enumerated() {
            var ratingReliability: SplitHalfReliability
            if k < 3 {
                ratingReliability = SplitHalfReliability(reliability: nil, lower: nil, upper: nil, halfCorrelation: nil, splits: splits,
                                                         usedSplits: 0, raters: r,
                                                         undefinedReason: "\(k) system\(k == 1 ? "" : "s"): a correlation of system ratings needs three or more")
            } else {
                ratingReliability = SplitHalfReliability.estimate(raters: r, splits: splits, seed: seed, mixing: ["ratings", section]) { ratings(s, $0) }
            }
            var scoreReliability: SplitHalfReliability?
            if s > 0, rubric.mode == .absolute {
                scoreReliability = SplitHalfReliability.estimate(raters: r, splits: splits, seed: seed, mixing: ["scores", section]) { scores(s - 1, $0) }
            }
            entries.append(Entry(section: section, ratings: ratingReliability, scores: scoreReliability))
        }
        return SplitHalfRatings(splits: splits, seed: seed, entries: entries)
    }
}
