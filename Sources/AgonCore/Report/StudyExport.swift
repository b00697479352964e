import Foundation

/// A study's judgements as a flat table for R or pandas: one row per judgement × criterion (a
/// judgement of a rubric without criteria still gets one row). Every showing is exported, repeats
/// included (`repeat_of` names the original item); `left_sample` and `right_sample` say which sample
/// of each system's answer was shown (always 1 in a study with one sample per answer).
public enum StudyExport {
    public enum Format: String, Sendable, CaseIterable {
        case csv
        case jsonl
    }

    public static let columns = [
        "study", "rater", "item", "repeat_of", "task", "category", "left", "right", "left_sample", "right_sample", "criterion",
        "score_left", "score_right", "comparison", "criterion_winner", "preference", "preferred_system",
        "note", "seconds", "at",
    ]

    /// One row's values by column; nil is an empty CSV cell and a JSON null.
    public static func rows(_ judgements: [RatedJudgement], study: Study, rubric: Rubric) -> [[String: ExportValue]] {
        var rows: [[String: ExportValue]] = []
        let categories = Dictionary(uniqueKeysWithValues: study.tasks.map { ($0.id, $0.category) })
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        for rated in judgements {
            let judgement = rated.judgement
            let criteria: [String?] = rubric.criteria.isEmpty ? [nil] : rubric.criteria.map(\.id)
            for criterion in criteria {
                let score = criterion.flatMap { judgement.scores[$0] }
                var winner: ExportValue = .null
                if let decided = score?.winner {
                    winner = .text(decided == .a ? judgement.left : decided == .b ? judgement.right : "tie")
                }
                rows.append([
                    "study": .text(study.id),
                    "rater": .text(rated.rater),
                    "item": .integer(judgement.item),
                    "repeat_of": judgement.repeatOf.map { .integer($0) } ?? .null,
                    "task": .text(judgement.task),
                    "category": categories[judgement.task].map { .text($0) } ?? .null,
                    "left": .text(judgement.left),
                    "right": .text(judgement.right),
                    "left_sample": .integer(judgement.leftSample),
                    "right_sample": .integer(judgement.rightSample),
                    "criterion": criterion.map { .text($0) } ?? .null,
                    "score_left": score?.a.map { .integer($0) } ?? .null,
                    "score_right": score?.b.map { .integer($0) } ?? .null,
                    "comparison": score?.comparison.map { .integer($0) } ?? .null,
                    "criterion_winner": winner,
                    "preference": judgement.preference.map { .text($0.rawValue) } ?? .null,
                    "preferred_system": judgement.preferredSystem.map { .text($0) } ?? .null,
                    "note": .text(judgement.note),
                    "seconds": .number(judgement.seconds),
                    "at": .text(formatter.string(from: judgement.at)),
                ])
            }
        }
        return rows
    }

    public static func render(_ rows: [[String: ExportValue]], format: Format) -> String {
        var out = ""
        switch format {
        case .csv:
            out += columns.joined(separator: ",") + "\n"
            for row in rows {
                out += columns.map { csvCell(row[$0] ?? .null) }.joined(separator: ",") + "\n"
            }
        case .jsonl:
            for row in rows {
                out += "{" + columns.map { "\(jsonString($0)):\(jsonValue(row[$0] ?? .null))" }.joined(separator: ",") + "}\n"
            }
        }
        return out
    }

    static func csvCell(_ value: ExportValue) -> String {
        switch value {
        case .null: return ""
        case .integer(let number): return String(number)
        case .number(let number): return String(number)
        case .text(let text):
            // RFC 4180: quote when the cell holds a comma, quote, or line break; double the quotes.
            guard text.contains(where: { $0 == "," || $0 == "\"" || $0.isNewline }) else { return text }
            return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
    }

    static func jsonValue(_ value: ExportValue) -> String {
        switch value {
        case .null: return "null"
        case .integer(let number): return String(number)
        case .number(let number): return number.isFinite ? String(number) : "null"
        case .text(let text): return jsonString(text)
        }
    }

    static func jsonString(_ text: String) -> String {
        let data = (try? JSONSerialization.data(withJSONObject: [text], options: [.withoutEscapingSlashes])) ?? Data("[\"\"]".utf8)
        return String(decoding: data.dropFirst().dropLast(), as: UTF8.self)
    }
}

/// A cell of the export.
public enum ExportValue: Sendable, Equatable {
    case null
    case integer(Int)
    case number(Double)
    case text(String)
}
