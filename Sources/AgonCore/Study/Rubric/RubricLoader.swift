import Foundation
import TOMLKit

/// Reads `Rubrics/<id>.toml`. Every problem is collected and reported as `file:line: message`.
public enum RubricLoader {
    public static func load(file: String) throws(DiagnosticsError) -> Rubric {
        let text = try TextFile.read(file)
        return try parse(text: text, file: file, expectedID: URL(fileURLWithPath: file).deletingPathExtension().lastPathComponent)
    }

    public static func parse(text: String, file: String, expectedID: String? = nil) throws(DiagnosticsError) -> Rubric {
        let document = try TOMLDocument(file: file, text: text)
        let root = document.root
        document.rejectUnknownKeys(root, allowed: ["id", "version", "mode", "title", "scale", "instructions",
                                                   "criteria", "preference", "note"], at: "")
        let id = document.string(root, "id", at: "") ?? ""
        if !id.isEmpty, !Identifier.isValid(id) {
            document.problem(at: "id", "rubric id `\(id)` may hold only letters, digits, `-` and `_`")
        }
        if let expectedID, !id.isEmpty, id != expectedID {
            document.problem(at: "id", "rubric id `\(id)` differs from the file name `\(expectedID).toml`")
        }
        let version = document.int(root, "version", at: "", required: false) ?? 1
        let title = document.localized(root, "title", at: "") ?? LocalizedText(en: id)
        var mode = Rubric.Mode.absolute
        if let modeText = document.string(root, "mode", at: "", required: false) {
            if let parsed = Rubric.Mode(rawValue: modeText) {
                mode = parsed
            } else {
                document.problem(at: "mode", "mode must be \"absolute\" or \"comparative\", not \"\(modeText)\"")
            }
        }
        let defaultScale = mode == .comparative ? ScoreScale(min: -3, max: 3) : ScoreScale(min: 1, max: 7)
        let scale = readScale(document, root, at: "", mode: mode) ?? defaultScale
        let instructions = document.localized(root, "instructions", at: "") ?? LocalizedText(en: "")

        var criteria: [Criterion] = []
        var seen: [String: String] = [:]
        let criterionTables = document.tables(root, "criteria", at: "")
        if criterionTables.isEmpty, root["criteria"] != nil {
            document.problem(at: "criteria", "a rubric needs at least one criterion")
        }
        for (table, path) in criterionTables {
            document.rejectUnknownKeys(table, allowed: ["id", "name", "definition", "question", "anchors", "scale"], at: path)
            guard let criterionID = document.string(table, "id", at: path) else { continue }
            if !Identifier.isValid(criterionID) {
                document.problem(at: "\(path).id", "criterion id `\(criterionID)` may hold only letters, digits, `-` and `_`")
            }
            if seen[criterionID] != nil {
                document.problem(at: "\(path).id", "criterion `\(criterionID)` is defined twice")
            }
            seen[criterionID] = path
            let criterionScale = readScale(document, table, at: path, mode: mode) ?? scale
            let name = document.localized(table, "name", at: path) ?? LocalizedText(en: criterionID)
            let definition = document.localized(table, "definition", at: path) ?? LocalizedText(en: "")
            let question = document.localized(table, "question", at: path) ?? LocalizedText(en: "")
            var anchors: [Anchor] = []
            for (anchorTable, anchorPath) in document.tables(table, "anchors", at: path, required: false) {
                document.rejectUnknownKeys(anchorTable, allowed: ["score", "en", "ru"], at: anchorPath)
                guard let score = document.int(anchorTable, "score", at: anchorPath) else { continue }
                if !criterionScale.contains(score) {
                    document.problem(at: "\(anchorPath).score",
                                     "anchor score \(score) is outside the scale \(criterionScale.min)…\(criterionScale.max)")
                }
                if anchors.contains(where: { $0.score == score }) {
                    document.problem(at: "\(anchorPath).score", "two anchors for score \(score)")
                }
                guard let english = document.string(anchorTable, "en", at: anchorPath) else { continue }
                let russian = document.string(anchorTable, "ru", at: anchorPath, required: false)
                anchors.append(Anchor(score: score, text: LocalizedText(en: english, ru: russian)))
            }
            anchors.sort { $0.score < $1.score }
            if !anchors.isEmpty,
               anchors.first?.score != criterionScale.min || anchors.last?.score != criterionScale.max {
                document.problem(at: "\(path).anchors",
                                 "criterion `\(criterionID)` needs anchors at both ends of its scale (\(criterionScale.min) and \(criterionScale.max))")
            }
            criteria.append(Criterion(id: criterionID, name: name, definition: definition, question: question,
                                      anchors: anchors, scale: criterionScale))
        }

        let preference = readPreference(document, root)
        let note = readNote(document, root)
        if !document.diagnostics.isEmpty { throw DiagnosticsError(document.diagnostics) }
        return Rubric(id: id, version: version, title: title, mode: mode, scale: scale, instructions: instructions,
                      criteria: criteria, preference: preference, note: note)
    }

    private static func readScale(_ document: TOMLDocument, _ table: TOMLTable, at path: String, mode: Rubric.Mode) -> ScoreScale? {
        guard let scaleTable = document.table(table, "scale", at: path, required: false) else { return nil }
        let scalePath = path.isEmpty ? "scale" : "\(path).scale"
        document.rejectUnknownKeys(scaleTable, allowed: ["min", "max"], at: scalePath)
        guard let low = document.int(scaleTable, "min", at: scalePath),
              let high = document.int(scaleTable, "max", at: scalePath) else { return nil }
        guard low < high else {
            document.problem(at: scalePath, "scale min (\(low)) must be below max (\(high))")
            return nil
        }
        guard high - low <= 20 else {
            document.problem(at: scalePath, "a scale of \(high - low + 1) points is more than a rater can use (at most 21)")
            return nil
        }
        if mode == .comparative, !(low < 0 && high > 0) {
            document.problem(at: scalePath, "a comparative scale runs from a negative to a positive number (e.g. -3 to 3), with 0 for \"no difference\"")
            return nil
        }
        return ScoreScale(min: low, max: high)
    }

    private static func readPreference(_ document: TOMLDocument, _ root: TOMLTable) -> PreferenceQuestion {
        var labels: [Preference: LocalizedText] = [
            .a: LocalizedText(en: "A is better", ru: "Лучше A"),
            .b: LocalizedText(en: "B is better", ru: "Лучше B"),
            .tie: LocalizedText(en: "Tie", ru: "Равны"),
            .bothWeak: LocalizedText(en: "Both weak", ru: "Оба слабые"),
        ]
        var question = LocalizedText(en: "Overall, which answer is better?", ru: "В целом, какой ответ лучше?")
        var required = true
        guard let table = document.table(root, "preference", at: "", required: false) else {
            return PreferenceQuestion(required: required, question: question, labels: labels)
        }
        document.rejectUnknownKeys(table, allowed: ["required", "question", "labels"], at: "preference")
        required = document.bool(table, "required", at: "preference", required: false) ?? true
        question = document.localized(table, "question", at: "preference", required: false) ?? question
        if let labelTable = document.table(table, "labels", at: "preference", required: false) {
            document.rejectUnknownKeys(labelTable, allowed: Set(Preference.allCases.map(\.rawValue)), at: "preference.labels")
            for preference in Preference.allCases {
                if let text = document.localized(labelTable, preference.rawValue, at: "preference.labels", required: false) {
                    labels[preference] = text
                }
            }
        }
        return PreferenceQuestion(required: required, question: question, labels: labels)
    }

    private static func readNote(_ document: TOMLDocument, _ root: TOMLTable) -> NotePrompt {
        let fallback = LocalizedText(en: "Note (optional)", ru: "Заметка (необязательно)")
        guard let table = document.table(root, "note", at: "", required: false) else {
            return NotePrompt(required: false, prompt: fallback)
        }
        document.rejectUnknownKeys(table, allowed: ["required", "prompt"], at: "note")
        let required = document.bool(table, "required", at: "note", required: false) ?? false
        let prompt = document.localized(table, "prompt", at: "note", required: false) ?? fallback
        return NotePrompt(required: required, prompt: prompt)
    }
}
