import TOMLKit

/// Reads `[calibration]` of study.toml (see `CalibrationSet`). What needs the rubric and the
/// answers (criterion ids, score ranges, collected answers) is checked by `check` once both are
/// loaded.
enum CalibrationReader {
    static let pairKeys: Set<String> = ["task", "prompt", "answer_a", "answer_b", "system_a", "system_b", "sample_a", "sample_b",
                                        "scores", "preference", "rationale"]

    static func read(_ document: TOMLDocument, _ table: TOMLTable, study: Study) -> CalibrationSet? {
        document.rejectUnknownKeys(table, allowed: ["required", "pairs"], at: "calibration")
        let required = document.bool(table, "required", at: "calibration", required: false) ?? false
        var pairs: [CalibrationPair] = []
        for (entry, path) in document.tables(table, "pairs", at: "calibration") {
            document.rejectUnknownKeys(entry, allowed: pairKeys, at: path)
            let task = document.string(entry, "task", at: path, required: false)
            let prompt = document.string(entry, "prompt", at: path, required: false)
            if let task, study.task(id: task) == nil {
                document.problem(at: "\(path).task", "calibration pair names task `\(task)`, which is not a task of this study")
            }
            if (task == nil) == (prompt == nil) {
                document.problem(at: path, "a calibration pair needs exactly one of `task` (a task id of the study) and `prompt` (its own text)")
            }
            if let prompt, prompt.isBlank { document.problem(at: "\(path).prompt", "the calibration prompt is empty") }
            let a = answer(document, entry, path: path, side: "a", study: study, task: task)
            let b = answer(document, entry, path: path, side: "b", study: study, task: task)
            var preference: Preference?
            if let name = document.string(entry, "preference", at: path, required: false) {
                preference = Preference(rawValue: name)
                if preference == nil {
                    document.problem(at: "\(path).preference", "preference must be \"A\", \"B\", \"tie\" or \"both-weak\", not \"\(name)\"")
                }
            }
            let scores = readScores(document, entry, path: path)
            let rationale = document.localized(entry, "rationale", at: path)
            guard let a, let b, let rationale else { continue }
            pairs.append(CalibrationPair(task: task, prompt: prompt, a: a, b: b, scores: scores, preference: preference, rationale: rationale))
        }
        return pairs.isEmpty ? nil : CalibrationSet(required: required, pairs: pairs)
    }

    private static func answer(_ document: TOMLDocument, _ entry: TOMLTable, path: String, side: String, study: Study,
                               task: String?) -> CalibrationAnswer? {
        let text = document.string(entry, "answer_\(side)", at: path, required: false)
        let system = document.string(entry, "system_\(side)", at: path, required: false)
        let sample = document.int(entry, "sample_\(side)", at: path, required: false)
        switch (text, system) {
        case let (text?, nil):
            if text.isBlank { document.problem(at: "\(path).answer_\(side)", "answer_\(side) is empty") }
            if sample != nil { document.problem(at: "\(path).sample_\(side)", "sample_\(side) belongs to system_\(side), not to a written answer") }
            return .text(text)
        case let (nil, system?):
            if study.system(id: system) == nil {
                document.problem(at: "\(path).system_\(side)", "system_\(side) `\(system)` is not a system of this study")
            }
            if task == nil {
                document.problem(at: "\(path).system_\(side)", "system_\(side) shows a collected answer, so the pair needs `task`")
            }
            if let sample, !(1...max(1, study.design.samples)).contains(sample) {
                document.problem(at: "\(path).sample_\(side)", "sample_\(side) must be between 1 and \(study.design.samples), not \(sample)")
            }
            return .collected(system: system, sample: sample ?? 1)
        case (nil, nil):
            document.problem(at: path, "the calibration pair needs answer_\(side) (the text) or system_\(side) (a collected answer)")
        case (_?, _?):
            document.problem(at: "\(path).system_\(side)", "give answer_\(side) or system_\(side), not both")
        }
        return nil
    }

    /// `scores = { clarity = [4, 2] }` for an absolute rubric (A, B), `{ clarity = -2 }` for a comparative one.
    private static func readScores(_ document: TOMLDocument, _ entry: TOMLTable, path: String) -> [String: CriterionScore] {
        guard let table = document.table(entry, "scores", at: path, required: false) else { return [:] }
        var scores: [String: CriterionScore] = [:]
        for key in table.keys.sorted() {
            let value = table[key]!
            if let single = value.int {
                scores[key] = CriterionScore(comparison: single)
            } else if let pair = value.array, pair.count == 2, let a = pair[0].int, let b = pair[1].int {
                scores[key] = CriterionScore(a: a, b: b)
            } else {
                document.problem(at: "\(path).scores.\(key)", "the reference score of `\(key)` must be [A, B] (two whole numbers) or one whole number for a comparative rubric")
            }
        }
        return scores
    }

    /// Criterion ids, score shapes and ranges against the rubric; collected answers against the answers.
    static func check(_ calibration: CalibrationSet, rubric: Rubric, answers: AnswerSet, file: String,
                      sourceMap: TOMLSourceMap) -> [Diagnostic] {
        var problems: [Diagnostic] = []
        for (index, pair) in calibration.pairs.enumerated() {
            let path = "calibration.pairs[\(index)]"
            func problem(_ at: String, _ message: String) {
                problems.append(Diagnostic(file: file, line: sourceMap.line(of: at), message: message))
            }
            for (id, score) in pair.scores.sorted(by: { $0.key < $1.key }) {
                guard let criterion = rubric.criterion(id: id) else {
                    problem("\(path).scores.\(id)", "calibration scores name `\(id)`, which is not a criterion of rubric `\(rubric.id)` (criteria: \(rubric.criteria.map(\.id).joined(separator: ", ")))")
                    continue
                }
                let comparative = rubric.mode == .comparative
                if comparative != (score.comparison != nil) {
                    problem("\(path).scores.\(id)", comparative ? "rubric `\(rubric.id)` is comparative: give `\(id)` one number" : "rubric `\(rubric.id)` scores each answer: give `\(id)` as [A, B]")
                    continue
                }
                for value in [score.a, score.b].compactMap({ $0 }) where !criterion.scale.values.contains(value) {
                    problem("\(path).scores.\(id)", "the reference score \(value) of `\(id)` is outside its scale \(criterion.scale.min)–\(criterion.scale.max)")
                }
            }
            for side in Side.allCases {
                if case .collected(let system, let sample) = pair.answer(side), let task = pair.task,
                   answers.answer(task: task, system: system, sample: sample) == nil {
                    problem(path, "calibration pair \(index + 1) shows the answer of `\(system)` to `\(task)` (sample \(sample)), which answers.jsonl does not hold")
                }
            }
        }
        return problems
    }
}
