import Foundation

/// Writes journals of made-up raters for a study, through the journal format itself: for tests,
/// the benchmark and demonstrations of `agon report`, never for real results.
///
/// Each system has a latent quality per criterion on the Elo scale; a rater scores each answer
/// 4 + (quality − 1000)/150 + N(0, 1), rounded and clamped to the scale (in a comparative rubric,
/// the difference of the two), prefers the answer with the higher total (tie when within half a
/// point, "both weak" when both averages are below 3), and adds `leftBias` points to the left
/// answer's total. Seconds are log-normal around the time to read both answers at 250 words a
/// minute (a minute when the answers are unknown).
public struct SimulatedRaters: Sendable {
    /// `quality[system][criterion]`; criteria missing from a system's table get 1000.
    public var quality: [String: [String: Double]]
    public var leftBias: Double
    public var seed: UInt64

    public init(quality: [String: [String: Double]], leftBias: Double = 0, seed: UInt64 = 1) {
        self.quality = quality
        self.leftBias = leftBias
        self.seed = seed
    }

    /// Judges the first `items` items of the rater's schedule (all when nil) and writes the journal
    /// in one go (no fsync per line: this is made-up data).
    public func writeJournal(bundle: StudyBundle, rater: String, items: Int?, workspace: Workspace,
                             start: Date = Date(timeIntervalSince1970: 1_790_000_000)) throws {
        let schedule = Schedule.make(study: bundle.study, rater: rater)
        var random = SeededRandom(seed: seed, mixing: ["simulated-rater", rater])
        var data = JournalCodec.encode(header: JournalHeader(bundle: bundle, rater: rater, created: start))
        data.append(0x0A)
        var clock = start
        var judged: [Int: Judgement] = [:]
        for (seq, item) in schedule.items.prefix(items ?? schedule.count).enumerated() {
            let words = Side.allCases.compactMap { side in
                bundle.answers.answer(task: item.task, system: side == .a ? item.left : item.right, sample: item.sample(of: side))?.text
            }
                .reduce(0) { $0 + $1.split(whereSeparator: { $0.isWhitespace }).count }
            let typical = words > 0 ? Double(words) / 250 * 60 : 60
            let seconds = exp(log(typical) + 0.4 * gaussian(&random))
            clock += seconds
            let judgement = judge(item, bundle: bundle, seconds: seconds, at: clock, random: &random)
            judged[item.number] = judgement
            data.append(JournalCodec.encode(event: .judgement(judgement), seq: seq + 1))
            data.append(0x0A)
        }
        let folder = workspace.sessionFolder(bundle.study.id)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try data.write(to: workspace.journalFile(study: bundle.study.id, rater: rater), options: .atomic)
    }

    func judge(_ item: ScheduleItem, bundle: StudyBundle, seconds: Double, at: Date,
               random: inout SeededRandom) -> Judgement {
        let rubric = bundle.rubric
        var scores: [String: CriterionScore] = [:]
        var totals = (left: leftBias, right: 0.0)
        var means = (left: 0.0, right: 0.0)
        for criterion in rubric.criteria {
            func draw(_ system: String) -> Double {
                4 + ((quality[system]?[criterion.id] ?? 1000) - 1000) / 150 + gaussian(&random)
            }
            let left = draw(item.left), right = draw(item.right)
            totals.left += left
            totals.right += right
            means.left += left / Double(rubric.criteria.count)
            means.right += right / Double(rubric.criteria.count)
            let scale = criterion.scale
            func clamp(_ value: Double) -> Int { min(scale.max, max(scale.min, Int(value.rounded()))) }
            if rubric.mode == .comparative {
                scores[criterion.id] = CriterionScore(comparison: clamp(right - left))
            } else {
                scores[criterion.id] = CriterionScore(a: clamp(left), b: clamp(right))
            }
        }
        let preference: Preference
        if means.left < 3, means.right < 3 {
            preference = .bothWeak
        } else if abs(totals.left - totals.right) < 0.5 {
            preference = .tie
        } else {
            preference = totals.left > totals.right ? .a : .b
        }
        return Judgement(of: item, scores: scores, preference: preference, note: "", seconds: (seconds * 10).rounded() / 10, at: at)
    }

    /// Standard normal by Box–Muller.
    func gaussian(_ random: inout SeededRandom) -> Double {
        let u = max(random.unit(), 1e-300)
        return (-2 * log(u)).squareRoot() * cos(2 * Double.pi * random.unit())
    }
}
