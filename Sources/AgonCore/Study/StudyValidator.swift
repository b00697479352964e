import Foundation

/// The checks that need more than one file: every answer belongs to a known task and system, no
/// answer is given twice, none is empty, and every task is answered by every system.
public enum StudyValidator {
    public static func crossCheck(study: Study, answers: [Answer], studyFile: String, sourceMap: TOMLSourceMap,
                                  answersFile: String) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        let systemIDs = Set(study.systems.map(\.id))
        let taskIDs = Set(study.tasks.map(\.id))
        var firstLine: [AnswerKey: Int] = [:]
        for answer in answers {
            func problem(_ message: String) {
                diagnostics.append(Diagnostic(file: answersFile, line: answer.line, message: message))
            }
            var known = true
            if !taskIDs.contains(answer.task) {
                problem("unknown task `\(answer.task)` (not in study.toml)")
                known = false
            }
            if !systemIDs.contains(answer.system) {
                problem("unknown system `\(answer.system)` (not in study.toml)")
                known = false
            }
            if answer.text.isBlank {
                problem("empty text for task `\(answer.task)`, system `\(answer.system)`")
            }
            let key = AnswerKey(answer.task, answer.system)
            if let first = firstLine[key] {
                problem("second answer for task `\(answer.task)`, system `\(answer.system)` (first on line \(first))")
            } else if known {
                firstLine[key] = answer.line
            }
        }
        for (position, task) in study.tasks.enumerated() {
            let missing = study.systems.filter { firstLine[AnswerKey(task.id, $0.id)] == nil }.map(\.id)
            if !missing.isEmpty {
                diagnostics.append(Diagnostic(
                    file: studyFile, line: sourceMap.line(of: "tasks[\(position)].id"),
                    message: "task `\(task.id)` has no answer from \(missing.map { "`\($0)`" }.joined(separator: ", ")) in \(answersFile)"))
            }
        }
        return diagnostics
    }
}
