import Foundation
import TOMLKit

/// Reads `study.toml`. Problems are collected, located and thrown together.
public enum StudyLoader {
    public static func parse(text: String, file: String, expectedID: String? = nil) throws(DiagnosticsError) -> Study {
        let document = try TOMLDocument(file: file, text: text)
        let study = read(document, expectedID: expectedID)
        if !document.diagnostics.isEmpty { throw DiagnosticsError(document.diagnostics) }
        return study
    }

    /// Reads what it can and leaves the problems in `document.diagnostics`, so a validator can go on
    /// to check answers against the systems and tasks that did parse.
    static func read(_ document: TOMLDocument, expectedID: String?) -> Study {
        let root = document.root
        document.rejectUnknownKeys(root, allowed: ["id", "title", "description", "rubric", "design", "systems", "tasks",
                                                  "controls", "exclusion", "calibration", "blinding_check"], at: "")
        let id = document.string(root, "id", at: "") ?? ""
        if !id.isEmpty, !Identifier.isValid(id) {
            document.problem(at: "id", "study id `\(id)` may hold only letters, digits, `-`, `_` and `.`")
        }
        if let expectedID, !id.isEmpty, id != expectedID {
            document.problem(at: "id", "study id `\(id)` differs from its folder name `\(expectedID)`")
        }
        let title = document.string(root, "title", at: "", required: false) ?? id
        let description = document.string(root, "description", at: "", required: false) ?? ""
        let rubricID = document.string(root, "rubric", at: "") ?? ""

        var design = StudyDesign(seed: 1)
        if let designTable = document.table(root, "design", at: "", required: false) {
            design = DesignReader.read(document, designTable)
        }
        if let controlsTable = document.table(root, "controls", at: "", required: false) {
            design.controls = ControlsReader.read(document, controlsTable)
        }

        let readSystems = readSystems(document, root, extraKeys: GenerationSettingsReader.systemKeys)
        let systems = readSystems.map(\.system)
        var generation: [String: GenerationSettings] = [:]
        for entry in readSystems {
            generation[entry.system.id] = GenerationSettingsReader.read(document, system: entry.table, at: entry.path)
        }
        if root["systems"] != nil, systems.count == 1 {
            document.problem(at: "systems", "a study compares at least two systems; only one is defined")
        }

        var tasks: [StudyTask] = []
        var taskIDs: Set<String> = []
        for (table, path) in document.tables(root, "tasks", at: "") {
            document.rejectUnknownKeys(table, allowed: ["id", "category", "prompt", "source_task"], at: path)
            guard let taskID = document.string(table, "id", at: path) else { continue }
            if !Identifier.isValid(taskID) {
                document.problem(at: "\(path).id", "task id `\(taskID)` may hold only letters, digits, `-`, `_` and `.`")
            }
            if !taskIDs.insert(taskID).inserted {
                document.problem(at: "\(path).id", "duplicate task id `\(taskID)`")
                continue
            }
            let category = document.string(table, "category", at: path, required: false) ?? "uncategorised"
            let sourceTask = document.string(table, "source_task", at: path, required: false)
            if let sourceTask, sourceTask.isBlank {
                document.problem(at: "\(path).source_task", "task `\(taskID)` has an empty `source_task` (leave the key out when there is none)")
            }
            // A task without a prompt is still a task: its answers are not also reported as unknown.
            guard let prompt = document.string(table, "prompt", at: path) else {
                tasks.append(StudyTask(id: taskID, category: category, prompt: "", sourceTask: sourceTask))
                continue
            }
            if prompt.isBlank {
                document.problem(at: "\(path).prompt", "task `\(taskID)` has an empty prompt")
            }
            tasks.append(StudyTask(id: taskID, category: category, prompt: prompt, sourceTask: sourceTask))
        }
        var study = Study(id: id, title: title, description: description, rubricID: rubricID,
                          systems: systems, tasks: tasks, design: design, generation: generation)
        DesignReader.check(document, design: design, study: study)
        if let controls = design.controls { ControlsReader.check(document, controls: controls, study: study) }
        if let exclusionTable = document.table(root, "exclusion", at: "", required: false) {
            let rules = ExclusionReader.read(document, exclusionTable)
            ExclusionReader.check(document, rules: rules, study: study)
            study.exclusion = rules.isEmpty ? nil : rules
        }
        if let calibrationTable = document.table(root, "calibration", at: "", required: false) {
            study.calibration = CalibrationReader.read(document, calibrationTable, study: study)
        }
        study.blindingCheck = BlindingCheckReader.read(document, root, study: study)
        return study
    }

    /// The `[[systems]]` entries with their profiles; `extraKeys` are allowed besides the study's own
    /// (the import command's systems file adds `source`).
    public static func readSystems(_ document: TOMLDocument, _ root: TOMLTable, extraKeys: Set<String> = [])
        -> [(system: StudySystem, table: TOMLTable, path: String)] {
        var systems: [(system: StudySystem, table: TOMLTable, path: String)] = []
        for (table, path) in document.tables(root, "systems", at: "") {
            document.rejectUnknownKeys(table, allowed: Set(["id", "label", "parameters_b", "quantisation_bits", "context_tokens",
                                                        "experts_total", "experts_active", "thinking_budget_tokens", "family", "extras"]).union(extraKeys), at: path)
            guard let systemID = document.string(table, "id", at: path) else { continue }
            if !Identifier.isValid(systemID) {
                document.problem(at: "\(path).id", "system id `\(systemID)` may hold only letters, digits, `-`, `_` and `.`")
            }
            if systems.contains(where: { $0.system.id == systemID }) {
                document.problem(at: "\(path).id", "duplicate system id `\(systemID)`")
                continue
            }
            var profile = SystemProfile()
            profile.parametersBillions = document.double(table, "parameters_b", at: path, required: false)
            profile.quantisationBits = document.int(table, "quantisation_bits", at: path, required: false)
            profile.contextTokens = document.int(table, "context_tokens", at: path, required: false)
            profile.expertsTotal = document.int(table, "experts_total", at: path, required: false)
            profile.expertsActive = document.int(table, "experts_active", at: path, required: false)
            profile.thinkingBudgetTokens = document.int(table, "thinking_budget_tokens", at: path, required: false)
            if let family = document.string(table, "family", at: path, required: false) {
                if family.isBlank {
                    document.problem(at: "\(path).family", "family must not be empty (leave the key out when unknown)")
                } else {
                    profile.family = family.trimmingCharacters(in: .whitespaces)
                }
            }
            if let billions = profile.parametersBillions, !(billions > 0) {
                document.problem(at: "\(path).parameters_b", "parameters_b must be a positive number of billions, not \(billions)")
            }
            if let bits = profile.quantisationBits, !(1...64).contains(bits) {
                document.problem(at: "\(path).quantisation_bits", "quantisation_bits must be between 1 and 64, not \(bits)")
            }
            if let context = profile.contextTokens, context <= 0 {
                document.problem(at: "\(path).context_tokens", "context_tokens must be positive, not \(context)")
            }
            if let active = profile.expertsActive, active < 1 {
                document.problem(at: "\(path).experts_active", "experts_active must be at least 1, not \(active)")
            }
            if let total = profile.expertsTotal, let active = profile.expertsActive, active > total {
                document.problem(at: "\(path).experts_active", "experts_active (\(active)) exceeds experts_total (\(total))")
            }
            if let extras = document.table(table, "extras", at: path, required: false) {
                for key in extras.keys {
                    if let value = extras[key] {
                        profile.extras[key] = value.string ?? value.int.map(String.init) ?? value.double.map { "\($0)" }
                            ?? value.bool.map { "\($0)" } ?? "\(value)"
                    }
                }
            }
            let label = document.string(table, "label", at: path, required: false) ?? systemID
            systems.append((StudySystem(id: systemID, label: label, profile: profile), table, path))
        }
        return systems
    }
}
