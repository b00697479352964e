import AgonCore
import Foundation

/// SGLang: reasoning in `reasoning_content` (with `separate_reasoning`), thinking switched by the
/// chat template's `enable_thinking` and capped by `custom_params.thinking_budget`, the model from
/// `/get_model_info` and `/v1/models`.
struct SGLangAdapter: ServerAdapter {
    var kind: ServerKind { .sglang }
    var thinkingFields: [String] { ["reasoning_content"] }

    func applyThinking(_ thinking: ThinkingSettings, to body: inout [String: Any]) -> String? {
        guard let wanted = thinking.wanted else { return nil }
        setTemplateThinking(wanted, in: &body)
        if wanted { body["separate_reasoning"] = true }
        // SGLang's "Thinking Budget" page (docs.sglang.io/docs/advanced_features/thinking_budget):
        // only strict thinking (`--enable-strict-thinking`) guarantees a cap, read per request from
        // `custom_params.thinking_budget`; the template's `thinking_budget` is a hint the official
        // Qwen3 template reads and others ignore. Both are sent so either server setup caps it.
        if let budget = thinking.budgetTokens, budget > 0 {
            var custom = body["custom_params"] as? [String: Any] ?? [:]
            custom["thinking_budget"] = budget
            body["custom_params"] = custom
            var kwargs = body["chat_template_kwargs"] as? [String: Any] ?? [:]
            kwargs["thinking_budget"] = budget
            body["chat_template_kwargs"] = kwargs
        }
        return nil
    }

    func detailRequests(model: String) -> [DetailRequest] {
        [Self.modelsRequest, DetailRequest("/get_model_info", .root, "/get_model_info")]
    }

    func report(from raw: [String: Data], model: String) -> ServerReport {
        var report = ServerReport(kind: kind.rawValue)
        if let entry = firstModel(raw) {
            report.model = entry["id"] as? String
            report.contextTokens = integer(entry["max_model_len"])
        }
        if let path = object(raw, "/get_model_info")?["model_path"] as? String {
            report.model = report.model ?? path
            report.quantisation = ServerReport.quantisation(inName: path)
        }
        return report
    }
}
