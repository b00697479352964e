import Foundation

/// What the study is made of, for the first page of a report: who rated (with background when a
/// roster exists), how many tasks, answers (samples) and items, what was judged, what was left out
/// and why, and what raters flagged.
public struct StudyFacts: Sendable, Equatable, Codable {
    public struct Rater: Sendable, Equatable, Codable {
        public var name: String
        public var background: String?
        public var judgements: Int
        public var repeats: Int
        public var flags: Int
    }

    public var raters: [Rater]
    public var systems: Int
    public var tasks: Int
    /// Tasks with at least one judgement.
    public var tasksJudged: Int
    public var categories: [String]
    /// Answers in the study (one per task × system, or several samples each).
    public var answers: Int
    /// Most answers any task × system has (1 unless samples were collected).
    public var samplesPerAnswer: Int
    /// Items in one rater's schedule (the design), repeats included.
    public var itemsPerRater: Int
    public var judgements: Int
    /// Repeated showings, left out of rankings and scores.
    public var repeatsLeftOut: Int
    public var unknownSystemJudgements: Int
    public var damagedLines: Int
    public var flags: [RatedFlag]

    public static func compute(bundle: StudyBundle, judgements: StudyJudgements, roster: RaterRoster?) -> StudyFacts {
        let byRater = Dictionary(grouping: judgements.judgements, by: \.rater)
        let flagCounts = Dictionary(grouping: judgements.flags, by: \.rater).mapValues(\.count)
        let raters = judgements.raters.map { name in
            let own = byRater[name] ?? []
            return Rater(name: name, background: roster?.background(of: name), judgements: own.count,
                         repeats: own.filter { $0.judgement.repeatOf != nil }.count, flags: flagCounts[name] ?? 0)
        }
        var samples: [String: Int] = [:]
        for answer in bundle.answers.answers { samples[answer.task + "\u{1F}" + answer.system, default: 0] += 1 }
        let study = bundle.study
        var categories: [String] = []
        for task in study.tasks where !categories.contains(task.category) { categories.append(task.category) }
        let schedule = Schedule.make(study: study, rater: judgements.raters.first ?? "rater")
        return StudyFacts(raters: raters, systems: study.systems.count, tasks: study.tasks.count,
                          tasksJudged: Set(judgements.judgements.map(\.judgement.task)).count, categories: categories,
                          answers: bundle.answers.answers.count, samplesPerAnswer: samples.values.max() ?? 0,
                          itemsPerRater: schedule.count, judgements: judgements.judgements.count,
                          repeatsLeftOut: judgements.judgements.filter { $0.judgement.repeatOf != nil }.count,
                          unknownSystemJudgements: judgements.unknownSystemJudgements,
                          damagedLines: judgements.damagedLines, flags: judgements.flags)
    }
}
