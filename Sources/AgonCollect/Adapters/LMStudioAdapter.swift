import AgonCore
import Foundation

/// LM Studio: reasoning in `reasoning` (older versions `reasoning_content`), thinking by
/// `reasoning_effort`, the model from its REST API `GET /api/v0/models/{model}` (`quantization`,
/// `max_context_length`, `loaded_context_length`).
struct LMStudioAdapter: ServerAdapter {
    var kind: ServerKind { .lmstudio }
    var thinkingFields: [String] { ["reasoning", "reasoning_content"] }

    func applyThinking(_ thinking: ThinkingSettings, to body: inout [String: Any]) -> String? {
        guard let wanted = thinking.wanted else { return nil }
        body["reasoning_effort"] = wanted ? "high" : "none"
        // LM Studio's API takes an effort, not a number of tokens (a budget is an open request:
        // lmstudio-ai/lmstudio-bug-tracker#1974).
        return budgetNote(thinking)
    }

    func detailRequests(model: String) -> [DetailRequest] {
        let escaped = model.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed.subtracting(CharacterSet(charactersIn: "/"))) ?? model
        return [DetailRequest("/api/v0/models/{model}", .root, "/api/v0/models/" + escaped)]
    }

    func report(from raw: [String: Data], model: String) -> ServerReport {
        var report = ServerReport(kind: kind.rawValue, model: model)
        if let entry = object(raw, "/api/v0/models/{model}") {
            if let quantisation = entry["quantization"] as? String { report.quantisation = quantisation.uppercased() }
            report.trainingContextTokens = integer(entry["max_context_length"])
            report.contextTokens = integer(entry["loaded_context_length"])
        }
        return report
    }
}
