import Foundation

/// The "Parameter effects" block: Elo per unit of each knob with its interval, or, when the design
/// cannot credit the knobs, why and what arm would; then the nuisance covariates.
public enum EffectsText {
    /// - Parameter seeAbove: a section after the first: the design's explanation is not repeated.
    public static func render(_ effects: ParameterEffects, seeAbove: String? = nil) -> String {
        var lines: [String] = []
        let how = effects.rounds > 0
            ? "95% intervals from \(effects.rounds) bootstrap rounds (\(effects.resampled) resampled, seed \(effects.seed))"
            : "no bootstrap"
        if effects.design.estimable {
            lines.append("Parameter effects — structured Bradley–Terry over \(effects.battles) battles, per-system residual SD \(Int(effects.residualSDElo)) Elo; \(how):")
            var rows = [["knob", "Elo", "95% interval"]]
            for effect in effects.effects { rows.append([effect.unit, signed(effect.elo), range(effect)]) }
            lines.append(PlainTable.render(rows))
            if effects.design.residualDegreesOfFreedom < 2 {
                lines.append("Note: \(effects.design.distinctProfiles) distinct profiles for \(effects.design.knobs.count) knob\(effects.design.knobs.count == 1 ? "" : "s"): only \(effects.design.residualDegreesOfFreedom) degree of freedom is left to check that the profile explains the systems.")
            }
            if seeAbove == nil { for line in effects.design.explanation { lines.append("Note: " + line) } }
        } else {
            if let seeAbove {
                lines.append("Parameter effects: cannot be estimated from this design (why: see \(seeAbove)).")
            } else {
                lines.append("Parameter effects: cannot be estimated from this design.")
                for line in effects.design.explanation { lines.append("  " + line) }
            }
        }
        if !effects.covariates.isEmpty {
            lines.append(effects.design.estimable ? "Beside the knobs (battle covariates, Elo for the answer that is …):"
                                                  : "Battle covariates beside the systems' own strengths (Elo for the answer that is …; \(how)):")
            var rows = [["covariate", "Elo", "95% interval"]]
            for effect in effects.covariates { rows.append(["\(effect.unit) — \(effect.name)", signed(effect.elo), range(effect)]) }
            lines.append(PlainTable.render(rows))
        }
        for note in effects.notes { lines.append("Note: " + note) }
        return lines.joined(separator: "\n")
    }

    static func signed(_ value: Double) -> String {
        let whole = Int(value.rounded())
        return whole > 0 ? "+\(whole)" : whole < 0 ? "−\(-whole)" : "0"
    }

    static func range(_ effect: ParameterEffects.Effect) -> String {
        guard let lower = effect.lower, let upper = effect.upper else { return "—" }
        return "\(signed(lower))…\(signed(upper))"
    }

    /// "doubling parameters: +38 Elo [+12, +61]", for one-line summaries.
    public static func sentence(_ effect: ParameterEffects.Effect) -> String {
        "\(effect.unit): \(signed(effect.elo)) Elo" + (effect.lower.flatMap { lower in effect.upper.map { " [\(signed(lower)), \(signed($0))]" } } ?? "")
    }
}
