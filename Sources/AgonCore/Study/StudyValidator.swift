import Foundation

/// The checks that need more than one file: every answer belongs to a known task and system and to
/// a sample the design asks for, no (task, system, sample) is answered twice, none is empty, and
/// every task is answered by every system in every sample.
public enum StudyValidator {
    public static func crossCheck(study: Study, answers: [Answer], studyFile: String, sourceMap: TOMLSourceMap,
                                  answersFile: String) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        let systemIDs = Set(study.systems.map(\.id))
        let taskIDs = Set(study.tasks.map(\.id))
        let samples = study.design.samples
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
            if answer.sample > samples {
                problem(samples == 1
                    ? "sample \(answer.sample) for task `\(answer.task)`, system `\(answer.system)`, but the study asks for one sample per answer (set `samples` in [design] of study.toml)"
                    : "sample \(answer.sample) for task `\(answer.task)`, system `\(answer.system)` is outside 1…\(samples) (`samples` in [design] of study.toml)")
                known = false
            }
            if answer.text.isBlank {
                problem("empty text for task `\(answer.task)`, system `\(answer.system)`\(Self.sampleSuffix(answer.sample, of: samples))")
            }
            let key = AnswerKey(answer)
            if let first = firstLine[key] {
                problem(samples == 1
                    ? "second answer for task `\(answer.task)`, system `\(answer.system)` (first on line \(first))"
                    : "second answer for task `\(answer.task)`, system `\(answer.system)`, sample \(answer.sample) (first on line \(first))")
            } else if known {
                firstLine[key] = answer.line
            }
        }
        for (position, task) in study.tasks.enumerated() {
            var missing: [String] = []
            for system in study.systems {
                let absent = (1...samples).filter { firstLine[AnswerKey(task.id, system.id, $0)] == nil }
                if absent.isEmpty { continue }
                if samples == 1 || absent.count == samples {
                    missing.append("`\(system.id)`")
                } else {
                    missing.append("`\(system.id)` (sample\(absent.count == 1 ? "" : "s") \(absent.map(String.init).joined(separator: ", ")))")
                }
            }
            if !missing.isEmpty {
                diagnostics.append(Diagnostic(
                    file: studyFile, line: sourceMap.line(of: "tasks[\(position)].id"),
                    message: "task `\(task.id)` has no answer from \(missing.joined(separator: ", ")) in \(answersFile)"))
            }
        }
        return diagnostics
    }

    static func sampleSuffix(_ sample: Int, of samples: Int) -> String {
        samples == 1 && sample == 1 ? "" : ", sample \(sample)"
    }
}
