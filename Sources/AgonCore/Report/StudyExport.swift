import Foundation

/// A study's judgements as a flat table for R or pandas. Every showing is exported, repeats
/// included (`is_repeat` 1, `first_showing` names the original item). Integer columns are never
/// empty, so pandas reads them as integers (`first_showing` is the item itself for a first showing);
/// `left_sample` and `right_sample` (wide) or `sample` (long) say which sample of each system's answer
/// was shown (always 1 in a study with one sample per answer).
///
/// Two shapes: **wide**, one row per judgement × criterion with both sides' scores (a judgement of a
/// rubric without criteria still gets one row); **long**, one row per judgement × criterion × system,
/// with that system's side, score and result — the shape R's and pandas' models take directly.
public enum StudyExport {
    public enum Format: String, Sendable, CaseIterable {
        case csv
        case jsonl
    }

    public enum Shape: Sendable {
        case wide
        case long
    }

    static let judgementColumns = ["study", "rater", "item", "is_repeat", "first_showing", "task", "source_task", "category"]
    static let closingColumns = ["preference", "preferred_system", "flagged", "flag_reasons", "note", "seconds", "submitted_at"]

    public static let columns = judgementColumns + [
        "left", "right", "left_sample", "right_sample", "criterion", "score_left", "score_right", "comparison", "criterion_winner",
    ] + closingColumns

    public static let longColumns = judgementColumns + [
        "criterion", "system", "sample", "opponent", "side", "score", "opponent_score", "comparison", "criterion_result",
        "preference_result",
    ] + closingColumns

    public static func columns(_ shape: Shape) -> [String] { shape == .wide ? columns : longColumns }

    /// One row's values by column; nil is an empty CSV cell and a JSON null.
    public static func rows(_ judgements: [RatedJudgement], study: Study, rubric: Rubric, flags: [RatedFlag] = [],
                            shape: Shape = .wide) -> [[String: ExportValue]] {
        var rows: [[String: ExportValue]] = []
        let categories = Dictionary(uniqueKeysWithValues: study.tasks.map { ($0.id, $0.category) })
        let sources = Dictionary(uniqueKeysWithValues: study.tasks.compactMap { task in task.sourceTask.map { (task.id, $0) } })
        var flagReasons: [String: [String]] = [:]
        for flag in flags { flagReasons["\(flag.rater)\u{0}\(flag.item)"] = flag.reasons }
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        for rated in judgements {
            let judgement = rated.judgement
            let reasons = flagReasons["\(rated.rater)\u{0}\(judgement.item)"]
            var common: [String: ExportValue] = [
                "study": .text(study.id),
                "rater": .text(rated.rater),
                "item": .integer(judgement.item),
                "is_repeat": .integer(judgement.repeatOf == nil ? 0 : 1),
                "first_showing": .integer(judgement.repeatOf ?? judgement.item),
                "task": .text(judgement.task),
                "source_task": sources[judgement.task].map { .text($0) } ?? .null,
                "category": categories[judgement.task].map { .text($0) } ?? .null,
                "preference": judgement.preference.map { .text($0.rawValue) } ?? .null,
                "preferred_system": judgement.preferredSystem.map { .text($0) } ?? .null,
                "flagged": .integer(reasons == nil ? 0 : 1),
                "flag_reasons": .text(reasons?.joined(separator: " | ") ?? ""),
                "note": .text(judgement.note),
                "seconds": .number(judgement.seconds),
                "submitted_at": .text(formatter.string(from: judgement.at)),
            ]
            let criteria: [String?] = rubric.criteria.isEmpty ? [nil] : rubric.criteria.map(\.id)
            for criterion in criteria {
                let score = criterion.flatMap { judgement.scores[$0] }
                common["criterion"] = criterion.map { .text($0) } ?? .null
                common["comparison"] = score?.comparison.map { .integer($0) } ?? .null
                switch shape {
                case .wide:
                    var row = common
                    var winner: ExportValue = .null
                    if let decided = score?.winner {
                        winner = .text(decided == .a ? judgement.left : decided == .b ? judgement.right : "tie")
                    }
                    row["left"] = .text(judgement.left)
                    row["right"] = .text(judgement.right)
                    row["left_sample"] = .integer(judgement.leftSample)
                    row["right_sample"] = .integer(judgement.rightSample)
                    row["score_left"] = score?.a.map { .integer($0) } ?? .null
                    row["score_right"] = score?.b.map { .integer($0) } ?? .null
                    row["criterion_winner"] = winner
                    rows.append(row)
                case .long:
                    for side in Side.allCases {
                        var row = common
                        row["system"] = .text(side == .a ? judgement.left : judgement.right)
                        row["sample"] = .integer(judgement.sample(on: side))
                        row["opponent"] = .text(side == .a ? judgement.right : judgement.left)
                        row["side"] = .text(side == .a ? "left" : "right")
                        row["score"] = (side == .a ? score?.a : score?.b).map { .integer($0) } ?? .null
                        row["opponent_score"] = (side == .a ? score?.b : score?.a).map { .integer($0) } ?? .null
                        row["criterion_result"] = score?.winner.map { .text(result(winner: $0, for: side)) } ?? .null
                        row["preference_result"] = judgement.preference.map { .text(result(preference: $0, for: side)) } ?? .null
                        rows.append(row)
                    }
                }
            }
        }
        return rows
    }

    static func result(winner: Side?, for side: Side) -> String {
        guard let winner else { return "tie" }
        return winner == side ? "won" : "lost"
    }

    static func result(preference: Preference, for side: Side) -> String {
        switch preference {
        case .a: return side == .a ? "won" : "lost"
        case .b: return side == .b ? "won" : "lost"
        case .tie: return "tie"
        case .bothWeak: return "both weak"
        }
    }

    public static func render(_ rows: [[String: ExportValue]], format: Format, shape: Shape = .wide) -> String {
        let columns = columns(shape)
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
