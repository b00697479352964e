/// A report's judgements as numbers, worked out once: each judgement's rater, task and systems as
/// indices and its scores in rubric order. The analyses of a report each walk every judgement;
/// with names they would hash the same rater, task, system and criterion strings half a million
/// times apiece (100,000 judgements × 4 criteria), which was most of a large report's time.
struct JudgementIndex: Sendable {
    let criteria: [String]
    let raters: [String]
    /// The study's systems and tasks, then any the study no longer has in the order judgements
    /// first name them.
    let systems: [String]
    let tasks: [String]
    let studySystemCount: Int
    let studyTaskCount: Int
    /// Per judgement, in the order given: an index into `raters` (−1 when not among them), into
    /// `tasks`, and into `systems` for each side.
    let rater: [Int]
    let task: [Int]
    let left: [Int]
    let right: [Int]
    /// `scores[j * criteria.count + c]`.
    private let scores: [CriterionScore?]

    init(_ judgements: [RatedJudgement], systems: [String], tasks studyTasks: [String], raters: [String], criteria: [String]) {
        self.criteria = criteria
        self.raters = raters
        studySystemCount = systems.count
        studyTaskCount = studyTasks.count
        var systemIndex = Dictionary(systems.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
        var systems = systems
        func system(_ name: String) -> Int {
            if let known = systemIndex[name] { return known }
            systemIndex[name] = systems.count
            systems.append(name)
            return systems.count - 1
        }
        let raterIndex = Dictionary(raters.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
        var taskIndex = Dictionary(studyTasks.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
        var tasks = studyTasks
        var rater = [Int](), task = [Int](), left = [Int](), right = [Int]()
        var scores = [CriterionScore?]()
        rater.reserveCapacity(judgements.count)
        task.reserveCapacity(judgements.count)
        left.reserveCapacity(judgements.count)
        right.reserveCapacity(judgements.count)
        scores.reserveCapacity(judgements.count * criteria.count)
        // Consecutive judgements are mostly one rater's: the last lookup is kept.
        var lastRater: (name: String, index: Int)?
        for rated in judgements {
            let judgement = rated.judgement
            if let last = lastRater, last.name == rated.rater {
                rater.append(last.index)
            } else {
                let index = raterIndex[rated.rater] ?? -1
                lastRater = (rated.rater, index)
                rater.append(index)
            }
            if let known = taskIndex[judgement.task] {
                task.append(known)
            } else {
                taskIndex[judgement.task] = tasks.count
                task.append(tasks.count)
                tasks.append(judgement.task)
            }
            left.append(system(judgement.left))
            right.append(system(judgement.right))
            if judgement.scores.isEmpty {
                for _ in criteria { scores.append(nil) }
            } else {
                for criterion in criteria { scores.append(judgement.scores[criterion]) }
            }
        }
        self.systems = systems
        self.tasks = tasks
        self.rater = rater
        self.task = task
        self.left = left
        self.right = right
        self.scores = scores
    }

    init(_ judgements: [RatedJudgement], study: Study, raters: [String], rubric: Rubric) {
        self.init(judgements, systems: study.systems.map(\.id), tasks: study.tasks.map(\.id), raters: raters,
                  criteria: rubric.criteria.map(\.id))
    }

    /// Tasks numbered as resampling clusters: the study's own tasks keep their numbers, even when no
    /// battle uses them; a task the study no longer has still counts, as its own cluster, numbered
    /// after the study's in the order battles first use it.
    struct Clusters {
        private var clusterOf: [Int]
        private(set) var count: Int

        init(_ index: JudgementIndex) {
            clusterOf = [Int](repeating: -1, count: index.tasks.count)
            for task in 0..<index.studyTaskCount { clusterOf[task] = task }
            count = index.studyTaskCount
        }

        /// Task `task`'s cluster, and whether this call gave it its number.
        mutating func cluster(of task: Int) -> (number: Int, new: Bool) {
            if clusterOf[task] >= 0 { return (clusterOf[task], false) }
            clusterOf[task] = count
            count += 1
            return (count - 1, true)
        }
    }

    @inline(__always) func score(_ judgement: Int, _ criterion: Int) -> CriterionScore? {
        scores[judgement * criteria.count + criterion]
    }
}
