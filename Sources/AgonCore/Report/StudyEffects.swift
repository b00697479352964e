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
        battles(judgements, index: JudgementIndex(judgements, study: bundle.study, raters: [], rubric: bundle.rubric), bundle: bundle)
    }

    static func battles(_ judgements: [RatedJudgement], index: JudgementIndex, bundle: StudyBundle) -> (sections: [String: [CovariateBattle]], tasks: Int) {
        let k = index.studySystemCount
        var clusters = JudgementIndex.Clusters(index)
        // Measured once an answer (a judgement shows the same answers often).
        var style: [Int: (words: Double, markdown: Double)] = [:]
        func measure(_ task: Int, _ system: Int) -> (words: Double, markdown: Double) {
            let key = task * k + system
            if let known = style[key] { return known }
            let text = bundle.answers.answer(task: index.tasks[task], system: index.systems[system])?.text ?? ""
            let measured = (Double(text.split(whereSeparator: { $0.isWhitespace }).count), Double(MarkdownElements.count(text)))
            style[key] = measured
            return measured
        }
        func share(_ a: Double, _ b: Double) -> Double { a + b > 0 ? (a - b) / (a + b) : 0 }
        let criteria = index.criteria.count
        // Section 0 is the overall preference, section c + 1 criterion c.
        var sections = [[CovariateBattle]](repeating: [], count: criteria + 1)
        // A row's key packed into one integer (section, task, systems, outcome), hashed far faster
        // than a struct of them for the half a million battles of a large study.
        var rowOf: [Int: Int] = [:]
        func add(_ section: Int, a: Int, b: Int, task: Int, cluster: Int, score: Double) {
            let outcome = score == 1 ? 0 : score == 0 ? 1 : 2
            let key = (((section << 28 | cluster) << 12 | a) << 12 | b) << 2 | outcome
            if let row = rowOf[key] {
                sections[section][row].weight += 1
            } else {
                rowOf[key] = sections[section].count
                let left = measure(task, a), right = measure(task, b)
                let covariates = [1, share(left.words, right.words), share(left.markdown, right.markdown)]
                sections[section].append(CovariateBattle(a: a, b: b, score: score, covariates: covariates, cluster: cluster))
            }
        }
        for (j, rated) in judgements.enumerated() {
            let a = index.left[j], b = index.right[j], task = index.task[j]
            guard rated.judgement.repeatOf == nil, a < k, b < k, a != b else { continue }
            let cluster = clusters.cluster(of: task).number
            for c in 0..<criteria {
                guard let winner = index.score(j, c)?.winner else { continue }
                let score = winner == .a ? 1.0 : winner == .b ? 0.0 : 0.5
                add(c + 1, a: a, b: b, task: task, cluster: cluster, score: score)
            }
            if let preference = rated.judgement.preference {
                let score = preference == .a ? 1.0 : preference == .b ? 0.0 : 0.5
                add(0, a: a, b: b, task: task, cluster: cluster, score: score)
            }
        }
        var named = [StudyBattles.overall: sections[0]]
        for (number, criterion) in index.criteria.enumerated() { named[criterion] = sections[number + 1] }
        return (named, clusters.count)
    }
}
