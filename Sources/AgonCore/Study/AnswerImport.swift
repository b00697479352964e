import Foundation

/// Builds a study from answers in any JSONL layout, given the names of the fields that hold the task,
/// the system and the text. Two layouts are understood:
/// - long: one answer a line (`systemField`, `textField`);
/// - wide: several answers a line, each a pair of fields (`wide`: `large_model` + `large_output`, …).
/// Only systems named in the systems file are kept (by their `source` name), and only tasks that every
/// kept system answered (in every sample, when `sampleField` names the sample), so the result always
/// validates.
public struct AnswerImport {
    public struct WideColumn: Equatable, Sendable {
        public var systemField: String
        public var textField: String
        public init(systemField: String, textField: String) {
            self.systemField = systemField
            self.textField = textField
        }
    }

    public var taskField = "task"
    public var promptField: String?
    public var categoryFields: [String] = []
    public var defaultCategory = "uncategorised"
    public var systemField = "system"
    public var textField = "text"
    public var wide: [WideColumn] = []
    /// The field numbering an answer's sample (1, 2, …) when the file holds several per task and system.
    public var sampleField: String?
    /// Samples per task and system; answers numbered beyond it are reported.
    public var samples = 1
    /// Only lines whose field has this value (compared as text: `true`, `42`, `llama-2-chat`).
    public var filters: [(field: String, value: String)] = []

    public init() {}

    public struct Result {
        public var tasks: [StudyTask]
        public var answers: [Answer]
        /// Source task keys dropped because some system did not answer them.
        public var incompleteTasks: [String]
        public var linesRead: Int
        public var linesKept: Int
        /// Source name of each task id, kept in answers.jsonl for traceability.
        public var sourceKeys: [String: String]
    }

    /// `systems` maps a source name (as it appears in the file) to the study's system id.
    public func run(data: Data, file: String, systems: [(id: String, source: String)]) throws(DiagnosticsError) -> Result {
        var diagnostics: [Diagnostic] = []
        var order: [String] = []
        var prompts: [String: String] = [:]
        var categories: [String: String] = [:]
        var texts: [String: [AnswerSlot: (String, Int)]] = [:]
        let systemBySource = Dictionary(systems.map { ($0.source, $0.id) }, uniquingKeysWith: { first, _ in first })
        var linesRead = 0
        var linesKept = 0
        // A field name given wrongly is missing on every line: said once, with the fields there are.
        var missing: [String: (option: String, lines: [Int])] = [:]
        var missingOrder: [String] = []
        var fieldsSeen: [String] = []
        var fieldSet: Set<String> = []
        var linesConsidered = 0

        JSONLines.forEachLine(in: data) { lineNumber, bytes in
            linesRead += 1
            func problem(_ message: String) {
                diagnostics.append(Diagnostic(file: file, line: lineNumber, message: message))
            }
            func absent(_ field: String, _ option: String) {
                if missing[field] == nil { missingOrder.append(field) }
                missing[field, default: (option, [])].lines.append(lineNumber)
            }
            guard let object = JSONLines.object(bytes) else {
                problem(JSONLines.describeInvalid(bytes))
                return
            }
            for key in object.keys.sorted() where fieldSet.insert(key).inserted { fieldsSeen.append(key) }
            for filter in filters where Self.text(object[filter.field]) != filter.value { return }
            linesConsidered += 1
            guard let key = Self.text(object[taskField]), !key.isEmpty else {
                absent(taskField, "--task-field")
                return
            }
            let columns = wide.isEmpty ? [WideColumn(systemField: systemField, textField: textField)] : wide
            var sample = 1
            if let sampleField {
                guard let value = Self.text(object[sampleField]) else {
                    absent(sampleField, "--sample-field")
                    return
                }
                guard let number = Int(value), number >= 1 else {
                    problem("invalid sample field `\(sampleField)`: `\(value)` (a whole number from 1)")
                    return
                }
                guard number <= samples else {
                    problem("sample \(number) is beyond --samples \(samples)")
                    return
                }
                sample = number
            }
            var kept = false
            for column in columns {
                guard let source = Self.text(object[column.systemField]) else {
                    absent(column.systemField, wide.isEmpty ? "--system-field" : "--wide")
                    continue
                }
                guard let systemID = systemBySource[source] else { continue }
                guard let value = object[column.textField] else {
                    absent(column.textField, wide.isEmpty ? "--text-field" : "--wide")
                    continue
                }
                guard let text = value as? String else {
                    problem("field `\(column.textField)` is not text")
                    continue
                }
                let slot = AnswerSlot(system: systemID, sample: sample)
                if texts[key]?[slot] != nil {
                    problem(sampleField == nil ? "second answer for task `\(key)` from `\(source)`; the first is kept"
                                               : "second answer for task `\(key)` from `\(source)`, sample \(sample); the first is kept")
                    continue
                }
                if prompts[key] == nil {
                    order.append(key)
                    let prompt = Self.text(object[promptField ?? taskField]) ?? key
                    prompts[key] = prompt
                    categories[key] = categoryFields.lazy.compactMap { Self.text(object[$0]) }.first { !$0.isEmpty } ?? defaultCategory
                }
                texts[key, default: [:]][slot] = (text, lineNumber)
                kept = true
            }
            if kept { linesKept += 1 }
        }
        for field in missingOrder {
            let (option, lines) = missing[field]!
            let near = EditDistance.near(field, in: fieldsSeen)
            let present = "the fields in the file are: " + fieldsSeen.map { "`\($0)`" }.joined(separator: ", ")
                + (near.isEmpty ? "" : " (did you mean \(near.map { "`\($0)`" }.joined(separator: " or "))?)")
            let message = lines.count == linesConsidered
                ? "no line has the field `\(field)` (\(option)); \(present)"
                : "the field `\(field)` (\(option)) is missing on \(lines.count) of \(linesConsidered) lines (first on line \(lines[0])); \(present)"
            diagnostics.append(Diagnostic(file: file, line: lines.count == linesConsidered ? nil : lines[0], message: message))
        }
        if !diagnostics.isEmpty { throw DiagnosticsError(diagnostics.sorted()) }

        let slots = systems.flatMap { system in (1...max(1, samples)).map { AnswerSlot(system: system.id, sample: $0) } }
        let complete = order.filter { key in slots.allSatisfy { texts[key]?[$0] != nil } }
        let incomplete = order.filter { key in !complete.contains(key) }
        let width = max(2, String(complete.count).count)
        var tasks: [StudyTask] = []
        var answers: [Answer] = []
        var sourceKeys: [String: String] = [:]
        for (index, key) in complete.enumerated() {
            let number = String(index + 1)
            let taskID = "t" + String(repeating: "0", count: width - number.count) + number
            tasks.append(StudyTask(id: taskID, category: categories[key] ?? defaultCategory, prompt: prompts[key] ?? key,
                                   // A key that is the prompt itself (`--task-field instruction`) says nothing more.
                                   sourceTask: prompts[key] == key ? nil : key))
            sourceKeys[taskID] = key
            for slot in slots {
                if let (text, line) = texts[key]?[slot] {
                    answers.append(Answer(task: taskID, system: slot.system, sample: slot.sample, text: text, line: line))
                }
            }
        }
        return Result(tasks: tasks, answers: answers, incompleteTasks: incomplete, linesRead: linesRead,
                      linesKept: linesKept, sourceKeys: sourceKeys)
    }

    private struct AnswerSlot: Hashable {
        var system: String
        var sample: Int
    }

    private static func text(_ value: Any?) -> String? {
        switch value {
        case let string as String: return string
        case let number as NSNumber:
            // JSON booleans arrive as NSNumber too; their Objective-C type code is "c".
            if String(cString: number.objCType) == "c" { return number.boolValue ? "true" : "false" }
            return number.stringValue
        default: return nil
        }
    }
}
