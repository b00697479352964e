import Foundation

/// A count of successes out of trials with its Wilson 95% interval.
public struct ObservedShare: Sendable, Equatable, Codable {
    public var successes: Int
    public var trials: Int
    public var interval: WilsonInterval?

    public init(_ successes: Int, of trials: Int) {
        self.successes = successes
        self.trials = trials
        interval = WilsonInterval(successes: Double(successes), trials: Double(trials))
    }

    public var proportion: Double? { interval?.proportion }
}

/// Logistic regression of "the left answer won" on log(words left / words right) (Agresti 2013,
/// §5.1; fitted by Newton–Raphson), optionally with an offset: the difference of the two systems'
/// overall Bradley–Terry strengths, so that the slope measures the pull of length beyond what the
/// systems' quality already explains (a stronger system that also writes longer does not count as
/// length bias). The slope says how much length sways the verdict: the odds of winning multiply by
/// 2^slope when an answer is twice as long. The intercept is the log-odds that the left answer wins
/// at equal length and equal strength (position bias). 95% Wald intervals. nil when the lengths
/// never differ, or one outcome never occurs, or verdicts follow length (almost) perfectly — the
/// estimate then runs off towards infinity (separation); we give up beyond |slope| > 10, odds
/// ×1000 per doubling, where the Wald interval means nothing.
public struct LengthSlope: Sendable, Equatable, Codable {
    public var slope: Double
    public var slopeLower: Double
    public var slopeUpper: Double
    public var intercept: Double
    public var oddsRatioPerDoubling: Double
    public var n: Int

    public static func fit(logRatios x: [Double], leftWon y: [Bool], offsets: [Double]? = nil) -> LengthSlope? {
        let n = x.count
        let offset = offsets ?? [Double](repeating: 0, count: n)
        guard n >= 3, y.contains(true), y.contains(false),
              let first = x.first, x.contains(where: { abs($0 - first) > 1e-12 }) else { return nil }
        var alpha = 0.0, beta = 0.0
        var information = (0.0, 0.0, 0.0)
        for _ in 0..<100 {
            var g0 = 0.0, g1 = 0.0, h00 = 0.0, h01 = 0.0, h11 = 0.0
            for k in 0..<n {
                let p = BradleyTerry.sigmoid(alpha + beta * x[k] + offset[k])
                let residual = (y[k] ? 1 : 0) - p
                let w = p * (1 - p)
                g0 += residual
                g1 += residual * x[k]
                h00 += w
                h01 += w * x[k]
                h11 += w * x[k] * x[k]
            }
            information = (h00, h01, h11)
            let determinant = h00 * h11 - h01 * h01
            guard determinant > 1e-12 else { return nil }
            let d0 = (h11 * g0 - h01 * g1) / determinant
            let d1 = (h00 * g1 - h01 * g0) / determinant
            alpha += d0
            beta += d1
            guard alpha.isFinite, beta.isFinite, abs(beta) < 10 else { return nil }  // (quasi-)separation
            if max(abs(d0), abs(d1)) < 1e-10 { break }
        }
        let determinant = information.0 * information.2 - information.1 * information.1
        guard determinant > 0 else { return nil }
        let standardError = (information.0 / determinant).squareRoot()
        return LengthSlope(slope: beta, slopeLower: beta - 1.959_963_984_540_054 * standardError,
                           slopeUpper: beta + 1.959_963_984_540_054 * standardError, intercept: alpha,
                           oddsRatioPerDoubling: pow(2, beta), n: n)
    }
}

/// Agreement of a rater with themselves on repeated items (shown again later with sides swapped).
public struct Consistency: Sendable, Equatable, Codable {
    /// Repeats whose original also has a preference.
    public var pairs: Int
    /// Same verdict both times: the same system preferred, or tie both times, or both weak both times.
    public var sameVerdict: ObservedShare
    /// Decisive both times and the same screen side chosen — i.e. a different system: the pattern
    /// of a rater following position rather than content.
    public var sameSide: Int
}

/// Checks on how verdicts were reached, per rater and overall:
/// - left wins: share of decisive overall verdicts won by the left answer (A); 50% if sides do not
///   matter (sides are balanced by the schedule). All showings count, repeats included.
/// - length: share of decisive verdicts, between answers of different length, won by the longer
///   one, and the `LengthSlope` regression.
/// - consistency on repeated items (`Consistency`).
/// - time: median seconds per judgement, and judgements faster than reading both answers at
///   `readingWordsPerMinute` (default 500, about twice the average adult silent-reading rate of
///   238 words a minute, Brysbaert 2019).
public struct BiasDiagnostics: Sendable, Equatable, Codable {
    public struct RaterBias: Sendable, Equatable, Codable {
        public var rater: String
        public var judgements: Int
        public var leftWins: ObservedShare
        public var longerWins: ObservedShare
        public var consistency: Consistency
        public var medianSeconds: Double?
        public var fastJudgements: Int
    }

    public var leftWins: ObservedShare
    public var longerWins: ObservedShare
    /// Adjusted for the systems' overall ratings when the report had them.
    public var lengthSlope: LengthSlope?
    public var consistency: Consistency
    public var medianSeconds: Double?
    public var fastJudgements: Int
    public var judgements: Int
    public var readingWordsPerMinute: Double
    public var raters: [RaterBias]

    /// - Parameter strengths: systems' overall Bradley–Terry strengths (natural-log units), for the
    ///   `LengthSlope` offset; without them the slope is the raw pull of length.
    public static func compute(_ judgements: [RatedJudgement], raters: [String], answers: AnswerSet,
                               strengths: [String: Double] = [:],
                               readingWordsPerMinute: Double = 500) -> BiasDiagnostics {
        var words: [String: Int] = [:]
        func wordCount(_ task: String, _ system: String) -> Int? {
            let key = task + "\u{1F}" + system
            if let known = words[key] { return known }
            guard let text = answers.answer(task: task, system: system)?.text else { return nil }
            let count = text.split(whereSeparator: { $0.isWhitespace }).count
            words[key] = count
            return count
        }

        struct Tally {
            var leftWins = 0, decisive = 0, longerWins = 0, lengthDiffers = 0, fast = 0
            var seconds: [Double] = []
            var pairs = 0, same = 0, sameSide = 0
        }
        var overall = Tally()
        var perRater: [String: Tally] = [:]
        var logRatios: [Double] = []
        var leftWon: [Bool] = []
        var offsets: [Double] = []
        var byItem: [String: [Int: Judgement]] = [:]
        for rated in judgements { byItem[rated.rater, default: [:]][rated.judgement.item] = rated.judgement }

        for rated in judgements {
            let judgement = rated.judgement
            var tally = perRater[rated.rater] ?? Tally()
            defer { perRater[rated.rater] = tally }
            tally.seconds.append(judgement.seconds)
            overall.seconds.append(judgement.seconds)
            let left = wordCount(judgement.task, judgement.left)
            let right = wordCount(judgement.task, judgement.right)
            if let left, let right, judgement.seconds < Double(left + right) / readingWordsPerMinute * 60 {
                tally.fast += 1
                overall.fast += 1
            }
            if judgement.preference == .a || judgement.preference == .b {
                let leftWins = judgement.preference == .a
                tally.decisive += 1
                overall.decisive += 1
                if leftWins {
                    tally.leftWins += 1
                    overall.leftWins += 1
                }
                if let left, let right, left > 0, right > 0 {
                    logRatios.append(log(Double(left) / Double(right)))
                    leftWon.append(leftWins)
                    offsets.append((strengths[judgement.left] ?? 0) - (strengths[judgement.right] ?? 0))
                    if left != right {
                        tally.lengthDiffers += 1
                        overall.lengthDiffers += 1
                        if (left > right) == leftWins {
                            tally.longerWins += 1
                            overall.longerWins += 1
                        }
                    }
                }
            }
            if let original = judgement.repeatOf, let first = byItem[rated.rater]?[original],
               let now = judgement.preference, let then = first.preference {
                tally.pairs += 1
                overall.pairs += 1
                let verdict = { (j: Judgement, p: Preference) in j.preferredSystem ?? p.rawValue }
                if verdict(judgement, now) == verdict(first, then) {
                    tally.same += 1
                    overall.same += 1
                }
                if now == then, now == .a || now == .b {
                    tally.sameSide += 1
                    overall.sameSide += 1
                }
            }
        }
        func consistency(_ t: Tally) -> Consistency {
            Consistency(pairs: t.pairs, sameVerdict: ObservedShare(t.same, of: t.pairs), sameSide: t.sameSide)
        }
        let raterRows = raters.compactMap { rater -> RaterBias? in
            guard let t = perRater[rater] else { return nil }
            return RaterBias(rater: rater, judgements: t.seconds.count, leftWins: ObservedShare(t.leftWins, of: t.decisive),
                             longerWins: ObservedShare(t.longerWins, of: t.lengthDiffers), consistency: consistency(t),
                             medianSeconds: BootstrapPercentile.of(t.seconds, 0.5), fastJudgements: t.fast)
        }
        return BiasDiagnostics(leftWins: ObservedShare(overall.leftWins, of: overall.decisive),
                               longerWins: ObservedShare(overall.longerWins, of: overall.lengthDiffers),
                               lengthSlope: LengthSlope.fit(logRatios: logRatios, leftWon: leftWon, offsets: offsets),
                               consistency: consistency(overall),
                               medianSeconds: BootstrapPercentile.of(overall.seconds, 0.5),
                               fastJudgements: overall.fast, judgements: judgements.count,
                               readingWordsPerMinute: readingWordsPerMinute, raters: raterRows)
    }
}
