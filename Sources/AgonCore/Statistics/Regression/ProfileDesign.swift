import Foundation

/// A property of a configuration whose effect on strength the structured Bradley–Terry model
/// estimates, on the scale where one unit is a change a researcher would name ("doubling the
/// parameters", "one more bit").
public enum ProfileKnob: String, Sendable, Codable, CaseIterable {
    case parameters = "log2_parameters"
    case quantisation = "quantisation_bits"
    case context = "log2_context"
    case activeExperts = "active_experts"
    case thinking = "thinking"

    public func value(_ profile: SystemProfile) -> Double? {
        switch self {
        case .parameters: return profile.parametersBillions.map { log2($0) }
        case .quantisation: return profile.quantisationBits.map(Double.init)
        case .context: return profile.contextTokens.map { log2(Double($0)) }
        case .activeExperts:
            // A dense model (one expert in all) uses its one expert.
            if let active = profile.expertsActive { return Double(active) }
            if let total = profile.expertsTotal, total <= 1 { return 1 }
            return nil
        case .thinking: return profile.thinkingBudgetTokens.map { $0 == 0 ? 0 : 1 }
        }
    }

    /// What one unit of the knob is, as the report says it.
    public var unit: String {
        switch self {
        case .parameters: return "doubling parameters"
        case .quantisation: return "one more bit of quantisation"
        case .context: return "doubling the context window"
        case .activeExperts: return "one more active expert"
        case .thinking: return "thinking on (vs off)"
        }
    }

    /// The knob's name in a sentence.
    public var name: String {
        switch self {
        case .parameters: return "parameters"
        case .quantisation: return "quantisation bits"
        case .context: return "context window"
        case .activeExperts: return "active experts"
        case .thinking: return "thinking"
        }
    }

    /// A knob value as a person would write it, for suggested arms.
    public func describe(_ value: Double) -> String {
        switch self {
        case .parameters:
            let billions = pow(2, value)
            return billions >= 10 || billions == billions.rounded() ? "\(Int(billions.rounded()))B parameters" : String(format: "%.1fB parameters", billions)
        case .quantisation: return "\(Int(value.rounded()))-bit"
        case .context:
            let tokens = Int(pow(2, value).rounded())
            return tokens >= 1000 ? "\(tokens / 1000)k context" : "\(tokens) context"
        case .activeExperts: return "\(Int(value.rounded())) active expert\(value == 1 ? "" : "s")"
        case .thinking: return value == 0 ? "thinking off" : "thinking on"
        }
    }
}

/// Which knobs a set of system profiles can credit, decided from the design matrix alone (before any
/// battle is seen): the rows are the systems, the columns the knobs, each column centred.
///
/// A knob is left out when it is unknown for some system (its value there could be anything) or the
/// same for every system (nothing to compare). The rest are tested for aliasing by Gram–Schmidt in
/// knob order (a pivoted QR): a column that lies in the span of the earlier ones (residual norm below
/// 1e-9 of its own) changes exactly together with them, and no data can tell their effects apart
/// (Montgomery, *Design and Analysis of Experiments*, §8 on aliasing). Finally the model gives every
/// system its own residual (what its profile does not explain), so the effects need more distinct
/// profiles than knobs plus one: with exactly that many, every profile gap is explained by the knobs
/// by construction and nothing is left to tell a knob from "everything else that differs between
/// these systems" (a plain two-system study is the extreme case: one contrast, one bundle).
///
/// When every system names its family and some family has several members, a knob that is the same
/// within every family and differs only between families is left out too: families differ in base
/// model and training as well, so such a knob is confounded with the family — its estimate would
/// rest on nothing but the residual prior. (Six families at a large and a small size: parameters
/// change within every family and are credited; each family's context window is its own, so the
/// context is not.) Without families, or with one system a family, nothing tells the two apart and
/// the check is not made.
public struct ProfileDesign: Sendable, Equatable, Codable {
    public struct Aliasing: Sendable, Equatable, Codable {
        /// The knob that adds nothing new, and the earlier knobs it moves with.
        public var knob: ProfileKnob
        public var with: [ProfileKnob]
        /// An extra system (a copy of an existing one with one knob changed) that separates them.
        public var suggestedArm: String?
    }

    /// A knob that changes only between families, never within one.
    public struct FamilyLevel: Sendable, Equatable, Codable {
        public var knob: ProfileKnob
        /// A system of a family with several members at another family's value of the knob.
        public var suggestedArm: String?
    }

    public var systems: [String]
    /// Knobs in the model, in `ProfileKnob` order.
    public var knobs: [ProfileKnob]
    /// `matrix[system * knobs.count + k]`: the centred value of knob k for the system.
    public var matrix: [Double]
    public var unknown: [ProfileKnob: [String]]
    public var constant: [ProfileKnob]
    public var aliasing: [Aliasing]
    /// Knobs left out because they are confounded with the family (see the type's comment).
    public var familyLevel: [FamilyLevel]
    /// Distinct profiles (over the knobs that vary), and the residual degrees of freedom left after
    /// the knobs: distinct − 1 − knobs.
    public var distinctProfiles: Int
    public var residualDegreesOfFreedom: Int
    /// True when every knob in `knobs` can be credited separately.
    public var estimable: Bool
    /// Plain-language reasons, in the order a reader needs them.
    public var explanation: [String]

    public init(systems: [String], profiles: [SystemProfile]) {
        precondition(systems.count == profiles.count)
        self.systems = systems
        unknown = [:]
        constant = []
        var candidates: [(ProfileKnob, [Double])] = []
        for knob in ProfileKnob.allCases {
            let values = profiles.map { knob.value($0) }
            let missing = zip(systems, values).filter { $0.1 == nil }.map(\.0)
            if missing.count == systems.count { continue }
            if !missing.isEmpty {
                unknown[knob] = missing
                continue
            }
            let known = values.map { $0! }
            if known.allSatisfy({ abs($0 - known[0]) < 1e-12 }) {
                constant.append(knob)
                continue
            }
            candidates.append((knob, known))
        }
        familyLevel = []
        let families = profiles.map(\.family)
        if families.allSatisfy({ $0 != nil }) {
            let members = Dictionary(grouping: systems.indices) { families[$0]! }.values.filter { $0.count >= 2 }
            if !members.isEmpty {
                var withinFamily: [(ProfileKnob, [Double])] = []
                for (knob, values) in candidates {
                    if members.contains(where: { group in group.contains { abs(values[$0] - values[group[0]]) > 1e-12 } }) {
                        withinFamily.append((knob, values))
                        continue
                    }
                    var arm: String?
                    // The first system (in the study's order) of a family with several members.
                    if let s = systems.indices.first(where: { index in members.contains { $0.contains(index) } }),
                       let t = values.indices.first(where: { abs(values[$0] - values[s]) > 1e-12 }) {
                        arm = "\(systems[s]) at \(knob.describe(values[t]))"
                    }
                    familyLevel.append(FamilyLevel(knob: knob, suggestedArm: arm))
                }
                candidates = withinFamily
            }
        }
        // Gram–Schmidt on centred columns, keeping the coefficients to name what a column moves with.
        let n = systems.count
        var basis: [[Double]] = []
        var basisKnobs: [ProfileKnob] = []
        var kept: [(ProfileKnob, [Double])] = []
        aliasing = []
        for (knob, values) in candidates {
            let mean = values.reduce(0, +) / Double(n)
            let centred = values.map { $0 - mean }
            var residual = centred
            var partners: [ProfileKnob] = []
            for (index, q) in basis.enumerated() {
                let projection = zip(residual, q).reduce(0) { $0 + $1.0 * $1.1 }
                if abs(projection) > 1e-9 { partners.append(basisKnobs[index]) }
                for row in 0..<n { residual[row] -= projection * q[row] }
            }
            let norm = residual.reduce(0) { $0 + $1 * $1 }.squareRoot()
            let scale = centred.reduce(0) { $0 + $1 * $1 }.squareRoot()
            if norm <= 1e-9 * max(scale, 1e-300) {
                aliasing.append(Aliasing(knob: knob, with: partners, suggestedArm: nil))
            } else {
                basis.append(residual.map { $0 / norm })
                basisKnobs.append(knob)
                kept.append((knob, centred))
            }
        }
        knobs = kept.map(\.0)
        matrix = [Double](repeating: 0, count: n * kept.count)
        for (k, entry) in kept.enumerated() {
            for row in 0..<n { matrix[row * kept.count + k] = entry.1[row] }
        }
        let varying = candidates.map(\.0)
        let rows = profiles.map { profile in varying.map { knob in knob.value(profile)! } }
        distinctProfiles = Set(rows.map { $0.map { String(format: "%.9g", $0) }.joined(separator: ",") }).count
        residualDegreesOfFreedom = distinctProfiles - 1 - kept.count
        for index in aliasing.indices {
            aliasing[index].suggestedArm = Self.separatingArm(for: aliasing[index], systems: systems, profiles: profiles,
                                                              varying: varying)
        }
        estimable = !kept.isEmpty && aliasing.isEmpty && residualDegreesOfFreedom >= 1
        explanation = []
        explanation = describe(profiles: profiles, varying: varying)
    }

    /// A copy of one system with the aliased knob set to another system's value, checked to raise the
    /// rank of the design.
    static func separatingArm(for alias: Aliasing, systems: [String], profiles: [SystemProfile],
                              varying: [ProfileKnob]) -> String? {
        let values = profiles.map { profile in varying.map { $0.value(profile)! } }
        guard let column = varying.firstIndex(of: alias.knob) else { return nil }
        func rank(_ rows: [[Double]]) -> Int {
            var basis: [[Double]] = []
            let n = rows.count
            for k in 0..<varying.count {
                let mean = rows.reduce(0) { $0 + $1[k] } / Double(n)
                var residual = rows.map { $0[k] - mean }
                for q in basis {
                    let projection = zip(residual, q).reduce(0) { $0 + $1.0 * $1.1 }
                    for row in 0..<n { residual[row] -= projection * q[row] }
                }
                let norm = residual.reduce(0) { $0 + $1 * $1 }.squareRoot()
                if norm > 1e-9 { basis.append(residual.map { $0 / norm }) }
            }
            return basis.count
        }
        let before = rank(values)
        for s in systems.indices {
            for t in systems.indices where values[t][column] != values[s][column] {
                var arm = values[s]
                arm[column] = values[t][column]
                if rank(values + [arm]) > before {
                    return "\(systems[s]) at \(alias.knob.describe(values[t][column]))"
                }
            }
        }
        return nil
    }

    func describe(profiles: [SystemProfile], varying: [ProfileKnob]) -> [String] {
        var lines: [String] = []
        for alias in aliasing {
            let partners = alias.with.map(\.name)
            let moved = partners.isEmpty ? "the other knobs" : partners.joined(separator: " and ")
            var line = "\(alias.knob.name) always changes together with \(moved) across these systems: their effects are confounded and cannot be told apart."
            if let arm = alias.suggestedArm { line += " An arm that separates them: \(arm)." }
            lines.append(line)
        }
        for level in familyLevel {
            var line = "\(level.knob.name) changes only between families (within each family it is the same): its effect cannot be told apart from everything else that differs between the families — base model, training data — and is not credited."
            if let arm = level.suggestedArm { line += " An arm that separates it: \(arm)." }
            lines.append(line)
        }
        if !familyLevel.isEmpty, !knobs.isEmpty, aliasing.isEmpty {
            lines.append("Credited, since it changes within families too: \(knobs.map(\.name).joined(separator: ", ")).")
        }
        if knobs.isEmpty, aliasing.isEmpty, familyLevel.isEmpty {
            lines.append("No knob both is known for every system and differs between them: there is nothing to credit.")
        } else if residualDegreesOfFreedom < 1 {
            let changed = varying.map(\.name).joined(separator: ", ")
            if distinctProfiles <= 2 {
                lines.append("Only two distinct profiles: whatever differs between them (\(changed), and everything not recorded — base model, training, tuning) comes as one bundle, so no knob can be credited with the gap. The ranking above measures the bundle.")
            } else {
                lines.append("\(distinctProfiles) distinct profiles for \(knobs.count) knob\(knobs.count == 1 ? "" : "s") (\(changed)): the knobs explain every profile gap exactly, leaving nothing to tell a knob from everything else that differs between the systems.")
            }
            let families = Set(profiles.compactMap(\.family))
            let within = families.count == 1 ? " of the same family (\(families.first!))" : ""
            let example = varying.first.map { knob -> String in
                let values = profiles.map { knob.value($0)! }
                let low = values.min()!, high = values.max()!
                return " — e.g. one more system\(within) at \(knob.describe((low + high) / 2)), or the same change of \(knob.name) in another family"
            } ?? ""
            lines.append("To credit a knob, add arms that change one knob at a time, with at least one system more than the knobs need\(example).")
        }
        for knob in ProfileKnob.allCases {
            if let missing = unknown[knob] {
                lines.append("\(knob.name) is left out: unknown for \(missing.joined(separator: ", ")) — it may be part of what differs.")
            }
        }
        return lines
    }
}
