import AgonCore
import Foundation

/// vLLM: reasoning in `reasoning` (called `reasoning_content` before its rename; both read),
/// thinking switched by the chat template's `enable_thinking` and capped by `thinking_token_budget`,
/// context from `/v1/models`
/// `max_model_len`, version from `/version`.
struct VLLMAdapter: ServerAdapter {
    var kind: ServerKind { .vllm }
    var thinkingFields: [String] { ["reasoning", "reasoning_content"] }

    func applyThinking(_ thinking: ThinkingSettings, to body: inout [String: Any]) -> String? {
        guard let wanted = thinking.wanted else { return nil }
        setTemplateThinking(wanted, in: &body)
        // `thinking_token_budget` is vLLM's own request field (vllm-project/vllm#20859, enforced by
        // its thinking-budget logits processor; the server needs `--reasoning-config` naming the
        // think tags). Sent only for a positive cap: off is the template's switch above, and a
        // server started without that config may refuse the field.
        if let budget = thinking.budgetTokens, budget > 0 { body["thinking_token_budget"] = budget }
        return nil
    }

    func detailRequests(model: String) -> [DetailRequest] {
        [Self.modelsRequest, DetailRequest("/version", .root, "/version")]
    }

    func report(from raw: [String: Data], model: String) -> ServerReport {
        var report = ServerReport(kind: kind.rawValue)
        if let entry = firstModel(raw) {
            report.model = entry["id"] as? String
            report.contextTokens = integer(entry["max_model_len"])
            if let root = entry["root"] as? String { report.quantisation = ServerReport.quantisation(inName: root) }
        }
        report.serverVersion = object(raw, "/version")?["version"] as? String
        if report.quantisation == nil, let id = report.model { report.quantisation = ServerReport.quantisation(inName: id) }
        return report
    }
}
