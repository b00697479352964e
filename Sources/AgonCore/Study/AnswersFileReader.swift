import Foundation

/// Reads `answers.jsonl`: one JSON object a line with `task`, `system` and `text`, and `sample` (a
/// whole number from 1) when the study asks for several samples per answer; absent means 1. Other
/// fields are kept by the file but ignored here. Every bad line is reported, not only the first.
///
/// Model output sometimes holds bytes that are not UTF-8. Such a line is not rejected: its invalid
/// bytes become U+FFFD (shown as �), and the line is listed in `notes` so the researcher knows.
public enum AnswersFileReader {
    public static func parse(data: Data, file: String) -> (answers: [Answer], diagnostics: [Diagnostic], notes: [Diagnostic]) {
        var answers: [Answer] = []
        var diagnostics: [Diagnostic] = []
        var notes: [Diagnostic] = []
        JSONLines.forEachLine(in: data) { lineNumber, rawBytes in
            func problem(_ message: String) {
                diagnostics.append(Diagnostic(file: file, line: lineNumber, message: message))
            }
            // The common case, a well-formed line, without Foundation's slower reader.
            if let (task, system, sample, text) = Self.fastFields(rawBytes) {
                answers.append(Answer(task: task, system: system, sample: sample, text: text, line: lineNumber))
                return
            }
            var bytes = rawBytes
            if String(data: rawBytes, encoding: .utf8) == nil {
                bytes = Data(String(decoding: rawBytes, as: UTF8.self).utf8)
                notes.append(Diagnostic(file: file, line: lineNumber, message: "bytes that are not UTF-8 replaced by �"))
            }
            guard let object = JSONLines.object(bytes) else {
                problem(JSONLines.describeInvalid(bytes))
                return
            }
            var fields: [String: String] = [:]
            let required = ["task", "system", "text"]
            for key in required {
                guard let value = object[key] else {
                    // A stray key close to the missing one is almost always its typo: name it.
                    let strays = object.keys.filter { !required.contains($0) }
                    let typo = strays.first { EditDistance.between($0, key) <= 2 }
                    problem("missing field `\(key)`" + (typo.map { " (found `\($0)`: a typo for `\(key)`?)" }
                        ?? " (fields on this line: \(object.keys.sorted().map { "`\($0)`" }.joined(separator: ", ")))"))
                    continue
                }
                guard let string = value as? String else {
                    problem("field `\(key)` must be a string")
                    continue
                }
                fields[key] = string
            }
            var sample = 1
            if let value = object["sample"], !(value is NSNull) {
                guard let number = value as? NSNumber, String(cString: number.objCType) != "c",
                      let whole = Int(exactly: number.doubleValue), whole >= 1 else {
                    problem("field `sample` must be a whole number from 1 (the first sample is 1)")
                    return
                }
                sample = whole
            }
            guard let task = fields["task"], let system = fields["system"], let text = fields["text"] else { return }
            answers.append(Answer(task: task, system: system, sample: sample, text: text, line: lineNumber))
        }
        return (answers, diagnostics, notes)
    }

    /// `task`, `system`, `sample` and `text` of a well-formed line; nil for anything unusual, which
    /// the general path then reads (and words the problem of).
    static func fastFields(_ bytes: Data) -> (String, String, Int, String)? {
        bytes.withUnsafeBytes { raw -> (String, String, Int, String)? in
            var parser = JSONValue.Parser(bytes: raw.bindMemory(to: UInt8.self))
            guard case .object(let fields)? = parser.document(), case .string(let task)? = fields["task"],
                  case .string(let system)? = fields["system"], case .string(let text)? = fields["text"] else { return nil }
            var sample = 1
            switch fields["sample"] {
            case nil, .null?: break
            case .number(let digits)?:
                guard let whole = Int(digits), whole >= 1 else { return nil }
                sample = whole
            default: return nil
            }
            return (task, system, sample, text)
        }
    }
}
