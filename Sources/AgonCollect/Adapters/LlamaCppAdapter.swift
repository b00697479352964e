import AgonCore
import Foundation

/// llama.cpp's `llama-server`: reasoning in `reasoning_content`; thinking switched by the chat
/// template's `enable_thinking` (and `reasoning_effort: "none"`); the model from `/props`
/// (`n_ctx`, `model_path`, `build_info`) and `/v1/models` `meta` (`n_params`, `n_ctx_train`, `size`).
struct LlamaCppAdapter: ServerAdapter {
    var kind: ServerKind { .llamaCpp }
    var thinkingFields: [String] { ["reasoning_content"] }

    func applyThinking(_ thinking: ThinkingSettings, to body: inout [String: Any]) -> String? {
        guard let wanted = thinking.wanted else { return nil }
        setTemplateThinking(wanted, in: &body)
        if !wanted { body["reasoning_effort"] = "none" }
        return budgetNote(thinking)
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
