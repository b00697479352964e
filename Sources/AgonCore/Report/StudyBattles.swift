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
        self.init(judgements, index: JudgementIndex(judgements, study: study, raters: [], rubric: rubric))
    }

    init(_ judgements: [RatedJudgement], index: JudgementIndex) {
        let k = index.studySystemCount
        systems = Array(index.systems.prefix(k))
        tasks = Array(index.tasks.prefix(index.studyTaskCount))
        sections = index.criteria + [Self.overall]
        let empty = BattleCounts(systems: systems)
        // taskCounts[section][cluster], sections in `sections` order (the criteria, then overall).
        let overallSection = index.criteria.count
        var clusters = JudgementIndex.Clusters(index)
        var taskCounts = [[BattleCounts]](repeating: [BattleCounts](repeating: empty, count: tasks.count), count: sections.count)
        repeatsLeftOut = 0
        for (j, rated) in judgements.enumerated() {
            let judgement = rated.judgement
            let a = index.left[j], b = index.right[j]
            guard a < k, b < k, a != b else { continue }
            if judgement.repeatOf != nil {
                repeatsLeftOut += 1
                continue
            }
            let (cluster, new) = clusters.cluster(of: index.task[j])
            if new {
                tasks.append(index.tasks[index.task[j]])
                for section in taskCounts.indices { taskCounts[section].append(empty) }
            }
            for c in 0..<index.criteria.count {
                guard let winner = index.score(j, c)?.winner else { continue }
                let outcome: BattleOutcome = winner == .a ? .winA : winner == .b ? .winB : .tie
                taskCounts[c][cluster].add(a, b, outcome)
            }
            if let preference = judgement.preference {
                let outcome: BattleOutcome
                switch preference {
                case .a: outcome = .winA
                case .b: outcome = .winB
                case .tie: outcome = .tie
                case .bothWeak: outcome = .bothWeak
                }
                taskCounts[overallSection][cluster].add(a, b, outcome)
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
