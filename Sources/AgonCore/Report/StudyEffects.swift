/// A study's judgements as battles for the parameter-effect fit: per section (each criterion and
/// `overall`), one battle per judgement seen from the left answer, with position (+1), the length
/// difference (a − b)/(a + b) of words and the markdown difference (a − b)/(a + b) of markdown
/// elements as covariates, clustered by task. Repeated showings are left out, as in `StudyBattles`.
///
/// Battles alike in everything the fit sees — the same systems on the same sides, the same task
/// (so the same covariates and cluster) and the same outcome — are one row weighted by their
/// number: the likelihood and every bootstrap draw are those of the single battles (a multinomial
/// of identical rows is one of their sum), at a few thousand rows instead of one per judgement.
public enum StudyEffects {
    public static let covariates: [BattleCovariate] = [.position, .length, .markdown]

    public static func battles(_ judgements: [RatedJudgement], bundle: StudyBundle) -> (sections: [String: [CovariateBattle]], tasks: Int) {
        let study = bundle.study
        let rubric = bundle.rubric
        let systemIndex = Dictionary(uniqueKeysWithValues: study.systems.enumerated().map { ($1.id, $0) })
        var taskIndex = Dictionary(uniqueKeysWithValues: study.tasks.enumerated().map { ($1.id, $0) })
        // Measured once an answer, keyed by task and system index (a judgement shows the same answers often).
        var style: [Int: (words: Double, markdown: Double)] = [:]
        func measure(_ task: String, _ taskNumber: Int, _ system: String, _ systemNumber: Int) -> (words: Double, markdown: Double) {
            let key = taskNumber * systemIndex.count + systemNumber
            if let known = style[key] { return known }
            let text = bundle.answers.answer(task: task, system: system)?.text ?? ""
            let measured = (Double(text.split(whereSeparator: { $0.isWhitespace }).count), Double(MarkdownElements.count(text)))
            style[key] = measured
            return measured
        }
        func share(_ a: Double, _ b: Double) -> Double { a + b > 0 ? (a - b) / (a + b) : 0 }
        let criteria = rubric.criteria.map(\.id)
        // Section 0 is the overall preference, section c + 1 criterion c.
        var sections = [[CovariateBattle]](repeating: [], count: rubric.criteria.count + 1)
        // A row's key packed into one integer (section, task, systems, outcome), hashed far faster
        // than a struct of them for the half a million battles of a large study.
        var rowOf: [Int: Int] = [:]
        func add(_ section: Int, a: Int, b: Int, task: Int, score: Double, covariates: [Double]) {
            let outcome = score == 1 ? 0 : score == 0 ? 1 : 2
            let key = (((section << 28 | task) << 12 | a) << 12 | b) << 2 | outcome
            if let row = rowOf[key] {
                sections[section][row].weight += 1
            } else {
                rowOf[key] = sections[section].count
                sections[section].append(CovariateBattle(a: a, b: b, score: score, covariates: covariates, cluster: task))
            }
        }
        for rated in judgements {
            let judgement = rated.judgement
            guard judgement.repeatOf == nil, let a = systemIndex[judgement.left], let b = systemIndex[judgement.right], a != b else { continue }
            let task: Int
            if let known = taskIndex[judgement.task] {
                task = known
            } else {
                task = taskIndex.count
                taskIndex[judgement.task] = task
            }
            let left = measure(judgement.task, task, judgement.left, a)
            let right = measure(judgement.task, task, judgement.right, b)
            let covariates = [1, share(left.words, right.words), share(left.markdown, right.markdown)]
            for (number, criterion) in criteria.enumerated() {
                guard let winner = judgement.scores[criterion]?.winner else { continue }
                let score = winner == .a ? 1.0 : winner == .b ? 0.0 : 0.5
                add(number + 1, a: a, b: b, task: task, score: score, covariates: covariates)
            }
            if let preference = judgement.preference {
                let score = preference == .a ? 1.0 : preference == .b ? 0.0 : 0.5
                add(0, a: a, b: b, task: task, score: score, covariates: covariates)
            }
        }
        var named = [StudyBattles.overall: sections[0]]
        for (number, criterion) in rubric.criteria.enumerated() { named[criterion.id] = sections[number + 1] }
        return (named, taskIndex.count)
    }
}
