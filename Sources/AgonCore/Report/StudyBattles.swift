/// A study's judgements reduced to battles: per criterion, the higher score wins (equal scores, or
/// a comparative score of 0, tie); overall, the preference decides ("both weak" is a tie for the
/// fit, counted apart). Repeated showings (`repeatOf` set) are left out so that an item counts once;
/// they feed the consistency diagnostic instead. Battles are also kept per task, for the clustered
/// bootstrap.
public struct StudyBattles: Sendable {
    public static let overall = "overall"

    public var systems: [String]
    public var tasks: [String]
    /// Criterion ids in rubric order, then `overall`.
    public var sections: [String]
    public var counts: [String: BattleCounts]
    /// `byTask[section][task]`: the compared pairs of one task.
    public var byTask: [String: [[PairTally]]]
    public var repeatsLeftOut: Int

    public init(_ judgements: [RatedJudgement], study: Study, rubric: Rubric) {
        systems = study.systems.map(\.id)
        tasks = study.tasks.map(\.id)
        sections = rubric.criteria.map(\.id) + [Self.overall]
        let systemIndex = Dictionary(uniqueKeysWithValues: systems.enumerated().map { ($1, $0) })
        var taskIndex = Dictionary(uniqueKeysWithValues: tasks.enumerated().map { ($1, $0) })
        let empty = BattleCounts(systems: systems)
        // taskCounts[section][task], sections in `sections` order (the criteria, then overall).
        let criteria = rubric.criteria.map(\.id)
        let overallSection = criteria.count
        var taskCounts = [[BattleCounts]](repeating: [BattleCounts](repeating: empty, count: tasks.count), count: sections.count)
        repeatsLeftOut = 0
        for rated in judgements {
            let judgement = rated.judgement
            guard let a = systemIndex[judgement.left], let b = systemIndex[judgement.right], a != b else { continue }
            if judgement.repeatOf != nil {
                repeatsLeftOut += 1
                continue
            }
            let task: Int
            if let known = taskIndex[judgement.task] {
                task = known
            } else {
                // A task no longer in the study still counts, as its own cluster.
                task = tasks.count
                taskIndex[judgement.task] = task
                tasks.append(judgement.task)
                for section in taskCounts.indices { taskCounts[section].append(empty) }
            }
            for (section, criterion) in criteria.enumerated() {
                guard let winner = judgement.scores[criterion]?.winner else { continue }
                let outcome: BattleOutcome = winner == .a ? .winA : winner == .b ? .winB : .tie
                taskCounts[section][task].add(a, b, outcome)
            }
            if let preference = judgement.preference {
                let outcome: BattleOutcome
                switch preference {
                case .a: outcome = .winA
                case .b: outcome = .winB
                case .tie: outcome = .tie
                case .bothWeak: outcome = .bothWeak
                }
                taskCounts[overallSection][task].add(a, b, outcome)
            }
        }
        counts = [:]
        byTask = [:]
        for (index, section) in sections.enumerated() {
            let perTask = taskCounts[index]
            counts[section] = perTask.reduce(empty, +)
            byTask[section] = perTask.map(\.pairTallies)
        }
    }
}
