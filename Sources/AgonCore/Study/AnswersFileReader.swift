import Foundation

/// Reads `answers.jsonl`: one JSON object a line with `task`, `system` and `text` (other fields are
/// kept by the file but ignored here). Every bad line is reported, not only the first.
public enum AnswersFileReader {
    public static func parse(data: Data, file: String) -> (answers: [Answer], diagnostics: [Diagnostic]) {
        var answers: [Answer] = []
        var diagnostics: [Diagnostic] = []
        JSONLines.forEachLine(in: data) { lineNumber, bytes in
            func problem(_ message: String) {
                diagnostics.append(Diagnostic(file: file, line: lineNumber, message: message))
            }
            guard let object = JSONLines.object(bytes) else {
                problem(JSONLines.describeInvalid(bytes))
                return
            }
            var fields: [String: String] = [:]
            for key in ["task", "system", "text"] {
                guard let value = object[key] else {
                    problem("missing field `\(key)`")
                    continue
                }
                guard let string = value as? String else {
                    problem("field `\(key)` must be a string")
                    continue
                }
                fields[key] = string
            }
            guard let task = fields["task"], let system = fields["system"], let text = fields["text"] else { return }
            answers.append(Answer(task: task, system: system, text: text, line: lineNumber))
        }
        return (answers, diagnostics)
    }
}
