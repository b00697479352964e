import AgonCore
import Foundation

/// Ollama through its own route (`/api/chat`, see `OllamaNativeChat`): reasoning in
/// `message.thinking`, thinking switched by `think`, and the model from `POST /api/show`:
/// `details.parameter_size`, `details.quantization_level`, `model_info["<arch>.context_length"]`,
/// `…expert_count`, `…expert_used_count`, and `num_ctx`. (Its `/v1` route is `kind = "openai"`.)
struct OllamaAdapter: ServerAdapter {
    var kind: ServerKind { .ollama }
    var thinkingFields: [String] { ["thinking", "reasoning"] }
    // The native route: on `/v1` an Ollama too old for `reasoning_effort` drops it without a word,
    // and only here do `options` (`num_ctx` among them) reach the model per request.
    var chatRoute: ChatRoute { .ollamaNative }

    func applyThinking(_ thinking: ThinkingSettings, to body: inout [String: Any]) -> String? {
        guard let wanted = thinking.wanted else { return nil }
        // docs/capabilities/thinking.mdx: `think` is a boolean for most models; gpt-oss ignores a
        // boolean and takes a level ("low", "medium", "high"), set through extra. Ollama has no
        // token budget (api/types.go `ThinkValue` is a boolean or a level).
        body["think"] = wanted
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
