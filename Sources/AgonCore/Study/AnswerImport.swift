import Foundation

/// Builds a study from answers in any JSONL layout, given the names of the fields that hold the task,
/// the system and the text. Two layouts are understood:
/// - long: one answer a line (`systemField`, `textField`);
/// - wide: several answers a line, each a pair of fields (`wide`: `large_model` + `large_output`, …).
/// Only systems named in the systems file are kept (by their `source` name), and only tasks that every
/// kept system answered, so the result always validates.
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
        var texts: [String: [String: (String, Int)]] = [:]
        let systemBySource = Dictionary(systems.map { ($0.source, $0.id) }, uniquingKeysWith: { first, _ in first })
        var linesRead = 0
        var linesKept = 0

        JSONLines.forEachLine(in: data) { lineNumber, bytes in
            linesRead += 1
            func problem(_ message: String) {
                diagnostics.append(Diagnostic(file: file, line: lineNumber, message: message))
            }
            guard let object = JSONLines.object(bytes) else {
                problem(JSONLines.describeInvalid(bytes))
                return
            }
            for filter in filters where Self.text(object[filter.field]) != filter.value { return }
            guard let key = Self.text(object[taskField]), !key.isEmpty else {
                problem("missing task field `\(taskField)`")
                return
            }
            let columns = wide.isEmpty ? [WideColumn(systemField: systemField, textField: textField)] : wide
            var kept = false
            for column in columns {
                guard let source = Self.text(object[column.systemField]) else {
                    problem("missing system field `\(column.systemField)`")
                    continue
                }
                guard let systemID = systemBySource[source] else { continue }
                guard let text = object[column.textField] as? String else {
                    problem("missing or non-text field `\(column.textField)`")
                    continue
                }
                if texts[key]?[systemID] != nil {
                    problem("second answer for task `\(key)` from `\(source)`; the first is kept")
                    continue
                }
                if prompts[key] == nil {
                    order.append(key)
                    let prompt = Self.text(object[promptField ?? taskField]) ?? key
                    prompts[key] = prompt
                    categories[key] = categoryFields.lazy.compactMap { Self.text(object[$0]) }.first { !$0.isEmpty } ?? defaultCategory
                }
                texts[key, default: [:]][systemID] = (text, lineNumber)
                kept = true
            }
            if kept { linesKept += 1 }
        }
        if !diagnostics.isEmpty { throw DiagnosticsError(diagnostics) }

        let complete = order.filter { key in systems.allSatisfy { texts[key]?[$0.id] != nil } }
        let incomplete = order.filter { key in !complete.contains(key) }
        let width = max(2, String(complete.count).count)
        var tasks: [StudyTask] = []
        var answers: [Answer] = []
        var sourceKeys: [String: String] = [:]
        for (index, key) in complete.enumerated() {
            let number = String(index + 1)
            let taskID = "t" + String(repeating: "0", count: width - number.count) + number
            tasks.append(StudyTask(id: taskID, category: categories[key] ?? defaultCategory, prompt: prompts[key] ?? key))
            sourceKeys[taskID] = key
            for system in systems {
                if let (text, line) = texts[key]?[system.id] {
                    answers.append(Answer(task: taskID, system: system.id, text: text, line: line))
                }
            }
        }
        return Result(tasks: tasks, answers: answers, incompleteTasks: incomplete, linesRead: linesRead,
                      linesKept: linesKept, sourceKeys: sourceKeys)
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
