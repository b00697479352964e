import Foundation

/// Writes a study back to its two files, in the same format `StudyLoader` reads: for the import
/// command, so that shipped studies are generated rather than edited by hand.
public enum StudyWriter {
    public static func toml(_ study: Study, comment: String) -> String {
        var out = comment.split(separator: "\n", omittingEmptySubsequences: false).map { "# \($0)" }.joined(separator: "\n")
        out += "\n\n"
        out += "id = \(quote(study.id))\ntitle = \(quote(study.title))\n"
        if !study.description.isEmpty { out += "description = \(multiline(study.description))\n" }
        out += "rubric = \(quote(study.rubricID))\n\n[design]\nseed = \(study.design.seed)\nrepeat_share = \(study.design.repeatShare)\n"
        if study.design.samples != 1 { out += "samples = \(study.design.samples)\n" }
        out += designChoices(study.design)
        if study.design.answers != .rendered { out += "answers = \(quote(study.design.answers.rawValue))\n" }
        for system in study.systems {
            out += "\n[[systems]]\nid = \(quote(system.id))\nlabel = \(quote(system.label))\n"
            let profile = system.profile
            if let value = profile.parametersBillions { out += "parameters_b = \(value)\n" }
            if let value = profile.quantisationBits { out += "quantisation_bits = \(value)\n" }
            if let value = profile.contextTokens { out += "context_tokens = \(value)\n" }
            if let value = profile.expertsTotal { out += "experts_total = \(value)\n" }
            if let value = profile.expertsActive { out += "experts_active = \(value)\n" }
            if let value = profile.thinkingBudgetTokens { out += "thinking_budget_tokens = \(value)\n" }
            if let value = profile.family { out += "family = \(quote(value))\n" }
            if !profile.extras.isEmpty {
                out += "[systems.extras]\n"
                for key in profile.extras.keys.sorted() { out += "\(quote(key)) = \(quote(profile.extras[key]!))\n" }
            }
        }
        for task in study.tasks {
            out += "\n[[tasks]]\nid = \(quote(task.id))\n"
            if let source = task.sourceTask { out += "source_task = \(quote(source))\n" }
            out += "category = \(quote(task.category))\nprompt = \(multiline(task.prompt))\n"
        }
        return out
    }

    /// The keys that choose pairs and budgets, only those set (a complete design writes none, so
    /// studies written before designs were chosen keep their bytes).
    static func designChoices(_ design: StudyDesign) -> String {
        var out = ""
        switch design.pairs {
        case .all:
            break
        case .sparse(let degree):
            out += "pairs = \"sparse\"\ndegree = \(degree)\n"
        case .contrasts(let contrasts):
            out += "pairs = \"contrasts\"\ncontrasts = [\n"
            for pair in contrasts { out += "  [\(quote(pair.first)), \(quote(pair.second))],\n" }
            out += "]\n"
        }
        if let value = design.itemsPerRater { out += "items_per_rater = \(value)\n" }
        if let value = design.sharedItems { out += "shared_items = \(value)\n" }
        if let value = design.ratersPerItem { out += "raters_per_item = \(value)\n" }
        if let value = design.expectedRaters { out += "expected_raters = \(value)\n" }
        if !design.roster.isEmpty { out += "raters = [\(design.roster.map(quote).joined(separator: ", "))]\n" }
        if let value = design.blockSize { out += "block_size = \(value)\n" }
        return out
    }

    /// One answer a line, keys sorted; `extra` adds fields per answer (e.g. the source's task key).
    public static func jsonl(_ answers: [Answer], extra: (Answer) -> [String: String] = { _ in [:] }) -> Data {
        var data = Data()
        for answer in answers {
            var object: [String: Any] = ["task": answer.task, "system": answer.system, "text": answer.text]
            if answer.sample != 1 { object["sample"] = answer.sample }
            object.merge(extra(answer).mapValues { $0 as Any }) { current, _ in current }
            if let line = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes]) {
                data.append(line)
                data.append(0x0A)
            }
        }
        return data
    }

    /// A TOML basic string.
    static func quote(_ text: String) -> String {
        "\"" + escape(text, keepNewlines: false) + "\""
    }

    /// A TOML multi-line basic string: readable for long prompts, with every quote escaped so that no
    /// text can end it early.
    static func multiline(_ text: String) -> String {
        "\"\"\"\n" + escape(text, keepNewlines: true) + "\"\"\""
    }

    private static func escape(_ text: String, keepNewlines: Bool) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\": out += "\\\\"
            case "\"": out += "\\\""
            case "\n": out += keepNewlines ? "\n" : "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    out += String(format: "\\u%04X", scalar.value)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out
    }
}
