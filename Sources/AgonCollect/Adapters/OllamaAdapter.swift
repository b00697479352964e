import AgonCore
import Foundation

/// Ollama through its OpenAI route (`/v1`): reasoning in `reasoning` (its native `message.thinking`
/// renamed), thinking switched by `reasoning_effort` (`"none"` off; on, the highest level), and the
/// model from `POST /api/show`: `details.parameter_size`, `details.quantization_level`,
/// `model_info["<arch>.context_length"]`, `…expert_count`, `…expert_used_count`, and `num_ctx`.
struct OllamaAdapter: ServerAdapter {
    var kind: ServerKind { .ollama }
    var thinkingFields: [String] { ["reasoning", "thinking"] }

    func applyThinking(_ thinking: ThinkingSettings, to body: inout [String: Any]) -> String? {
        guard let wanted = thinking.wanted else { return nil }
        body["reasoning_effort"] = wanted ? "high" : "none"
        return budgetNote(thinking)
    }

    func detailRequests(model: String) -> [DetailRequest] {
        [DetailRequest("/api/show", .root, "/api/show", body: try? JSONSerialization.data(withJSONObject: ["model": model])),
         DetailRequest("/api/version", .root, "/api/version")]
    }

    func report(from raw: [String: Data], model: String) -> ServerReport {
        var report = ServerReport(kind: kind.rawValue, model: model)
        if let show = object(raw, "/api/show") { Self.read(show: show, into: &report) }
        report.serverVersion = object(raw, "/api/version")?["version"] as? String
        return report
    }

    static func read(show: [String: Any], into report: inout ServerReport) {
        let details = show["details"] as? [String: Any] ?? [:]
        if let size = details["parameter_size"] as? String {
            // "8.0B", "135M", "70.6B"
            let digits = size.filter { $0.isNumber || $0 == "." }
            if let value = Double(digits) {
                report.parametersBillions = size.uppercased().hasSuffix("M") ? value / 1000 : size.uppercased().hasSuffix("T") ? value * 1000 : value
            }
        }
        if let level = details["quantization_level"] as? String { report.quantisation = level.uppercased() }
        let info = show["model_info"] as? [String: Any] ?? [:]
        if let count = number(info["general.parameter_count"]) { report.parametersBillions = count / 1e9 }
        if let architecture = info["general.architecture"] as? String {
            report.trainingContextTokens = integer(info["\(architecture).context_length"])
            // The architecture's metadata is there: no expert count means a dense model.
            report.expertsTotal = integer(info["\(architecture).expert_count"]) ?? 0
            report.expertsActive = integer(info["\(architecture).expert_used_count"]) ?? (report.expertsTotal == 0 ? 0 : nil)
        }
        if let parameters = show["parameters"] as? String {
            for line in parameters.split(separator: "\n") {
                let parts = line.split(separator: " ", omittingEmptySubsequences: true)
                if parts.count >= 2, parts[0] == "num_ctx" { report.contextTokens = Int(parts[1]) }
            }
        }
    }
}
