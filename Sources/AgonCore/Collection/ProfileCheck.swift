/// The declared profile of a system held against what its server reports: a study that says
/// "4-bit, 8k context, 16 active experts" while the server runs F16 at 32k on a dense model would
/// rank the wrong configuration. Each mismatch is a warning; the researcher decides.
public enum ProfileCheck {
    public static func warnings(system: StudySystem, generation: GenerationSettings?, report: ServerReport?) -> [String] {
        var warnings: [String] = []
        let declared = system.profile
        let id = system.id
        if let report {
            if let bits = declared.quantisationBits, let reportedBits = report.quantisationBits, bits != reportedBits {
                warnings.append("\(id): declared \(bits)-bit but the server reports \(report.quantisation!) (\(reportedBits)-bit)")
            }
            if let context = declared.contextTokens, let served = report.contextTokens, context != served {
                warnings.append("\(id): declared \(context) tokens of context but the server runs with n_ctx \(served)")
            } else if let context = declared.contextTokens, report.contextTokens == nil,
                      let trained = report.trainingContextTokens, trained < context {
                warnings.append("\(id): declared \(context) tokens of context but the model was trained for \(trained)")
            }
            if let billions = declared.parametersBillions, let reported = report.parametersBillions, reported > 0,
               abs(billions - reported) / max(billions, reported) > 0.15 {
                warnings.append("\(id): declared \(format(billions))B parameters but the server reports \(format(reported))B")
            }
            if let active = declared.expertsActive, active > 1, let total = report.expertsTotal, total <= 1 {
                warnings.append("\(id): declared \(active) active experts but the model has none (dense)")
            } else if let total = declared.expertsTotal, let reported = report.expertsTotal, total != reported,
                      !(total <= 1 && reported <= 1) {
                warnings.append("\(id): declared \(total <= 1 ? "a dense model" : "\(total) experts") but the server reports \(reported <= 1 ? "a dense model" : "\(reported) experts")")
            }
            if let active = declared.expertsActive, let reported = report.expertsActive, active != reported, reported > 0 {
                warnings.append("\(id): declared \(active) active experts but the server uses \(reported)")
            }
        }
        if let budget = declared.thinkingBudgetTokens, let wanted = generation?.thinking.wanted {
            if budget == 0, wanted {
                warnings.append("\(id): the profile says no thinking but [systems.thinking] asks for it")
            } else if budget != 0, !wanted {
                warnings.append("\(id): the profile declares thinking but [systems.thinking] turns it off")
            }
        }
        return warnings
    }

    private static func format(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(format: "%.2f", value)
    }
}
