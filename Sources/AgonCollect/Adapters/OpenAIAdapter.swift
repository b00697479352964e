import AgonCore
import Foundation

/// Any other OpenAI-compatible endpoint (llama-cpp-python's server among them): every known
/// reasoning field read, inline `<think>` split, thinking switched by OpenAI's `reasoning_effort`
/// only when the study asks for it, the model's name from `/v1/models` (and its quantisation from
/// the name, when it says).
struct OpenAIAdapter: ServerAdapter {
    var kind: ServerKind { .openai }
    var thinkingFields: [String] { ["reasoning_content", "reasoning"] }

    func applyThinking(_ thinking: ThinkingSettings, to body: inout [String: Any]) -> String? {
        guard let wanted = thinking.wanted else { return nil }
        body["reasoning_effort"] = wanted ? "high" : "none"
        // OpenAI's chat completions take an effort only; llama-cpp-python's server has no budget.
        return budgetNote(thinking)
    }

    func detailRequests(model: String) -> [DetailRequest] { [Self.modelsRequest] }

    func report(from raw: [String: Data], model: String) -> ServerReport {
        var report = ServerReport(kind: kind.rawValue)
        if let entry = firstModel(raw) {
            report.model = entry["id"] as? String
            report.contextTokens = integer(entry["max_model_len"]) ?? integer(entry["context_length"])
        }
        report.quantisation = ServerReport.quantisation(inName: report.model ?? model)
        return report
    }
}
