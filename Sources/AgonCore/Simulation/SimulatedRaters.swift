import Foundation

/// Made-up raters for a study, written through the journal format itself: for tests, the
/// benchmarks, the scripted rater of the fault tests and demonstrations of `agon report` and
/// `agon agreement`, never for real results. One model; each use sets the parameters it needs.
///
/// Each system has a latent quality per criterion on the Elo scale. On a criterion, an answer's
/// expected score is 4 + (quality − 1000)/150 (the middle of a 1–7 scale at 1000, a point per 150
/// Elo), plus the answer's own fixed deviation (uniform within ± `answerSpread`/2, the same for
/// every rater), plus `leftLean` for the answer shown on the left; the rater sees it through
/// `noise` and the score is rounded and clamped to the scale (in a comparative rubric, the
/// difference of the two). The rater prefers the answer with the higher total, after adding
/// `leftBias` points to the left one's (tie when within half a point, "both weak" when both
/// averages are below 3). With `noise: .anyScore` and `preference: .anyAtRandom` every score and
/// verdict is equally likely whatever the quality: `uniformRandom`, for fault tests.
public struct SimulatedRaters: Sendable {
    /// How a rater's reading of an answer differs from its expected score.
    public enum Noise: Sendable {
        /// N(0, σ²) points.
        case normal(standardDeviation: Double)
        /// Uniform within ± width/2 points.
        case uniform(width: Double)
        /// Ignores the answer: every score on the criterion's scale is equally likely.
        case anyScore
    }

    public enum PreferenceRule: Sendable {
        /// From the totals, as above.
        case higherTotal
        /// Each of the preferences equally likely.
        case anyAtRandom
    }

    /// Seconds a judgement takes.
    public enum Pace: Sendable {
        /// Log-normal (σ = 0.4) around the time to read both answers at this speed (a minute when
        /// the answers are unknown).
        case reading(wordsPerMinute: Double)
        /// Uniform in the range.
        case uniform(ClosedRange<Double>)
    }

    /// `quality[system][criterion]`; criteria missing from a system's table get 1000.
    public var quality: [String: [String: Double]]
    public var answerSpread: Double
    public var noise: Noise
    public var leftLean: Double
    public var leftBias: Double
    public var preference: PreferenceRule
    public var pace: Pace
    /// The note every judgement carries.
    public var note: String
    public var seed: UInt64

    public init(quality: [String: [String: Double]], answerSpread: Double = 0,
                noise: Noise = .normal(standardDeviation: 1), leftLean: Double = 0, leftBias: Double = 0,
                preference: PreferenceRule = .higherTotal, pace: Pace = .reading(wordsPerMinute: 250),
                note: String = "", seed: UInt64 = 1) {
        self.quality = quality
        self.answerSpread = answerSpread
        self.noise = noise
        self.leftLean = leftLean
        self.leftBias = leftBias
        self.preference = preference
        self.pace = pace
        self.note = note
        self.seed = seed
    }

    /// Random scores and verdicts, a few seconds to five minutes each: what the fault tests submit.
    public static let uniformRandom = SimulatedRaters(quality: [:], noise: .anyScore, preference: .anyAtRandom,
                                                      pace: .uniform(5...305), note: "scripted")

    /// Judges the first `items` items of the rater's schedule (all when nil) and writes the journal
    /// in one go (no fsync per line: this is made-up data).
    public func writeJournal(bundle: StudyBundle, rater: String, items: Int?, workspace: Workspace,
                             start: Date = Date(timeIntervalSince1970: 1_790_000_000)) throws {
        let schedule = Schedule.make(study: bundle.study, rater: rater)
        var random = SeededRandom(seed: seed, mixing: ["simulated-rater", rater])
        var data = JournalCodec.encode(header: JournalHeader(bundle: bundle, rater: rater, created: start))
        data.append(0x0A)
        var clock = start
        for (seq, item) in schedule.items.prefix(items ?? schedule.count).enumerated() {
            let judgement = judge(item, bundle: bundle, random: &random) { seconds in
                clock += seconds
                return clock
            }
            data.append(JournalCodec.encode(event: .judgement(judgement), seq: seq + 1))
            data.append(0x0A)
        }
        let folder = workspace.sessionFolder(bundle.study.id)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try data.write(to: workspace.journalFile(study: bundle.study.id, rater: rater), options: .atomic)
    }

    /// One judgement of `item`; `savedAt` is given the seconds it took and says when it was saved.
    public func judge(_ item: ScheduleItem, bundle: StudyBundle, random: inout SeededRandom,
                      savedAt: (Double) -> Date) -> Judgement {
        let seconds = self.seconds(for: item, bundle: bundle, random: &random)
        let at = savedAt(seconds)
        let rubric = bundle.rubric
        var scores: [String: CriterionScore] = [:]
        var totals = (left: leftBias, right: 0.0)
        var means = (left: 0.0, right: 0.0)
        for criterion in rubric.criteria {
            let scale = criterion.scale
            if case .anyScore = noise {
                let draw = { (random: inout SeededRandom) in scale.min + random.below(scale.count) }
                scores[criterion.id] = rubric.mode == .absolute
                    ? CriterionScore(a: draw(&random), b: draw(&random))
                    : CriterionScore(comparison: draw(&random))
                continue
            }
            func draw(_ system: String, lean: Double) -> Double {
                4 + ((quality[system]?[criterion.id] ?? 1000) - 1000) / 150
                    + deviation(task: item.task, system: system, criterion: criterion.id) + lean + reading(&random)
            }
            let left = draw(item.left, lean: leftLean), right = draw(item.right, lean: 0)
            totals.left += left
            totals.right += right
            means.left += left / Double(rubric.criteria.count)
            means.right += right / Double(rubric.criteria.count)
            func clamp(_ value: Double) -> Int { min(scale.max, max(scale.min, Int(value.rounded()))) }
            if rubric.mode == .comparative {
                scores[criterion.id] = CriterionScore(comparison: clamp(right - left))
            } else {
                scores[criterion.id] = CriterionScore(a: clamp(left), b: clamp(right))
            }
        }
        let preference: Preference
        switch self.preference {
        case .anyAtRandom:
            preference = Preference.allCases[random.below(Preference.allCases.count)]
        case .higherTotal:
            if means.left < 3, means.right < 3 {
                preference = .bothWeak
            } else if abs(totals.left - totals.right) < 0.5 {
                preference = .tie
            } else {
                preference = totals.left > totals.right ? .a : .b
            }
        }
        return Judgement(of: item, scores: scores, preference: preference, note: note, seconds: (seconds * 10).rounded() / 10, at: at)
    }

    func seconds(for item: ScheduleItem, bundle: StudyBundle, random: inout SeededRandom) -> Double {
        switch pace {
        case .reading(let wordsPerMinute):
            let words = Side.allCases.compactMap { side in
                bundle.answers.answer(task: item.task, system: side == .a ? item.left : item.right, sample: item.sample(of: side))?.text
            }
                .reduce(0) { $0 + $1.split(whereSeparator: { $0.isWhitespace }).count }
            let typical = words > 0 ? Double(words) / wordsPerMinute * 60 : 60
            return exp(log(typical) + 0.4 * gaussian(&random))
        case .uniform(let range):
            return range.lowerBound + random.unit() * (range.upperBound - range.lowerBound)
        }
    }

    /// The answer's own quality, apart from its system's: fixed by the seed, not drawn per rater.
    func deviation(task: String, system: String, criterion: String) -> Double {
        guard answerSpread != 0 else { return 0 }
        var random = SeededRandom(seed: seed, mixing: ["answer", task, system, criterion])
        return (random.unit() - 0.5) * answerSpread
    }

    func reading(_ random: inout SeededRandom) -> Double {
        switch noise {
        case .normal(let standardDeviation): standardDeviation * gaussian(&random)
        case .uniform(let width): (random.unit() - 0.5) * width
        case .anyScore: 0
        }
    }

    /// Standard normal by Box–Muller.
    func gaussian(_ random: inout SeededRandom) -> Double {
        let u = max(random.unit(), 1e-300)
        return (-2 * log(u)).squareRoot() * cos(2 * Double.pi * random.unit())
    }
}
