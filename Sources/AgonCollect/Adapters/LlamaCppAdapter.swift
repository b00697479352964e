import AgonCore
import Foundation

/// llama.cpp's `llama-server`: reasoning in `reasoning_content`; thinking switched by the chat
/// template's `enable_thinking` (and `reasoning_effort: "none"`) and capped by
/// `thinking_budget_tokens`; the model from `/props` (`n_ctx`, `model_path`, `build_info`) and
/// `/v1/models` `meta` (`n_params`, `n_ctx_train`, `size`).
struct LlamaCppAdapter: ServerAdapter {
    var kind: ServerKind { .llamaCpp }
    var thinkingFields: [String] { ["reasoning_content"] }

    func applyThinking(_ thinking: ThinkingSettings, to body: inout [String: Any]) -> String? {
        guard let wanted = thinking.wanted else { return nil }
        setTemplateThinking(wanted, in: &body)
        // The server's per-request reasoning budget (ggml-org/llama.cpp#20297, read in
        // tools/server/server-common.cpp): 0 ends thinking at once, so off holds even for a template
        // without `enable_thinking`; N forces the end tag after N tokens. It counts between the
        // template's thinking tags (so it needs `--jinja`), and some builds honour it only when the
        // server was started without `--reasoning-budget`. Unlimited sends nothing: -1 there means
        // "the server's own default".
        if !wanted {
            body["reasoning_effort"] = "none"
            body["thinking_budget_tokens"] = 0
        } else if let budget = thinking.budgetTokens, budget > 0 {
            body["thinking_budget_tokens"] = budget
        }
        return nil
    }

    func detailRequests(model: String) -> [DetailRequest] {
        [Self.modelsRequest, DetailRequest("/props", .root, "/props")]
    }

    func report(from raw: [String: Data], model: String) -> ServerReport {
        var report = ServerReport(kind: kind.rawValue)
        if let entry = firstModel(raw) {
            report.model = entry["id"] as? String
            if let meta = entry["meta"] as? [String: Any] {
                report.parametersBillions = number(meta["n_params"]).map { $0 / 1e9 }
                report.trainingContextTokens = integer(meta["n_ctx_train"])
                report.sizeBytes = integer(meta["size"])
                if let ftype = meta["ftype"] as? String { report.quantisation = ftype.uppercased() }
            }
        }
        if let props = object(raw, "/props") {
            let settings = props["default_generation_settings"] as? [String: Any]
            report.contextTokens = integer(settings?["n_ctx"]) ?? integer(props["n_ctx"])
            report.serverVersion = props["build_info"] as? String
            if report.quantisation == nil, let path = props["model_path"] as? String {
                report.quantisation = ServerReport.quantisation(inName: path)
            }
        }
        if report.quantisation == nil, let id = report.model { report.quantisation = ServerReport.quantisation(inName: id) }
        return report
    }
}
