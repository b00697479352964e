import Foundation

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
        struct AnswerKey: Hashable {
            var task: String
            var system: String
            var sample: Int
        }
        var words: [AnswerKey: Int] = [:]
        func wordCount(_ task: String, _ system: String, _ sample: Int) -> Int? {
            let key = AnswerKey(task: task, system: system, sample: sample)
            if let known = words[key] { return known }
            guard let text = answers.answer(task: task, system: system, sample: sample)?.text else { return nil }
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
        // Where each rater's item is, to find a repeat's first showing without copying judgements.
        var byItem: [String: [Int: Int]] = [:]
        var run: (rater: String, items: [Int: Int])?
        for (index, rated) in judgements.enumerated() {
            if rated.rater != run?.rater {
                if let run { byItem[run.rater] = run.items }
                run = (rated.rater, byItem.removeValue(forKey: rated.rater) ?? [:])
            }
            run!.items[rated.judgement.item] = index
        }
        if let run { byItem[run.rater] = run.items }

        // A rater's judgements come one after another: their tally is taken out of the dictionary
        // when their run starts and put back when it ends (not hashed per judgement, and appending
        // to its `seconds` never copies them).
        var current: String?
        var tally = Tally()
        for rated in judgements {
            let judgement = rated.judgement
            if rated.rater != current {
                if let current { perRater[current] = tally }
                tally = perRater.removeValue(forKey: rated.rater) ?? Tally()
                current = rated.rater
            }
            tally.seconds.append(judgement.seconds)
            overall.seconds.append(judgement.seconds)
            let left = wordCount(judgement.task, judgement.left, judgement.leftSample)
            let right = wordCount(judgement.task, judgement.right, judgement.rightSample)
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
            if let original = judgement.repeatOf, let firstIndex = byItem[rated.rater]?[original],
               let now = judgement.preference, let then = judgements[firstIndex].judgement.preference {
                let first = judgements[firstIndex].judgement
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
        if let current { perRater[current] = tally }
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
