import TOMLKit

/// Reads `[controls]` of study.toml (see `ControlDesign`). Task ids of the researcher's texts are
/// checked once the tasks are read (`check`).
enum ControlsReader {
    static let keys: Set<String> = ["share", "kinds", "texts"]
    /// Above this, controls crowd out the study: a typo for 0.05–0.10, not a design.
    static let maximumShare = 0.25

    static func read(_ document: TOMLDocument, _ table: TOMLTable) -> ControlDesign? {
        document.rejectUnknownKeys(table, allowed: keys, at: "controls")
        guard let share = document.double(table, "share", at: "controls") else { return nil }
        var usable = true
        if !(share > 0 && share <= maximumShare) {
            document.problem(at: "controls.share", "share must be above 0 and at most \(maximumShare) (0.05–0.10 is usual), not \(share)")
            usable = false
        }
        var texts: [String: String] = [:]
        for (entry, path) in document.tables(table, "texts", at: "controls", required: false) {
            document.rejectUnknownKeys(entry, allowed: ["task", "text"], at: path)
            guard let task = document.string(entry, "task", at: path), let text = document.string(entry, "text", at: path) else { continue }
            if text.isBlank {
                document.problem(at: "\(path).text", "the control text for task `\(task)` is empty")
            } else if texts[task] != nil {
                document.problem(at: "\(path).task", "task `\(task)` has two control texts")
            } else {
                texts[task] = text
            }
        }
        var kinds = ControlDesign.defaultKinds + (texts.isEmpty ? [] : [.text])
        if let value = table["kinds"] {
            let names = ControlDegradation.Kind.allCases.map { "\"\($0.rawValue)\"" }.joined(separator: ", ")
            if let list = value.array, !list.isEmpty {
                kinds = []
                for (index, element) in list.enumerated() {
                    guard let name = element.string, let kind = ControlDegradation.Kind(rawValue: name) else {
                        document.problem(at: "controls.kinds[\(index)]", "kinds may hold only \(names), not \(element.string.map { "\"\($0)\"" } ?? "\(element)")")
                        usable = false
                        continue
                    }
                    if !kinds.contains(kind) { kinds.append(kind) }
                }
            } else {
                document.problem(at: "controls.kinds", "`kinds` must be a non-empty list of \(names)")
                usable = false
            }
        }
        if kinds.contains(.text), texts.isEmpty {
            document.problem(at: "controls.kinds", "kind \"text\" needs the researcher's texts: [[controls.texts]] with `task` and `text`")
            usable = false
        }
        if !texts.isEmpty, !kinds.contains(.text) {
            document.problem(at: "controls.texts", "control texts are given but `kinds` leaves out \"text\": add it or remove the texts")
        }
        return usable ? ControlDesign(share: share, kinds: kinds, texts: texts) : nil
    }

    static func check(_ document: TOMLDocument, controls: ControlDesign, study: Study) {
        let known = Set(study.tasks.map(\.id))
        for task in controls.texts.keys.sorted() where !known.contains(task) {
            document.problem(at: "controls.texts", "the control text for `\(task)` names no task of this study")
        }
    }
}
