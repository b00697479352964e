import AgonCore
import Foundation

/// The body of one chat-completion request: the task's prompt as the only user message, the
/// study's sampling settings (the sample's own seed), thinking mapped by the adapter, reshaped for
/// the adapter's route, then `extra` merged last so a researcher can set anything the API takes
/// (on Ollama's route, `extra = { options = { num_ctx = 8192 } }` joins the sampling options). Keys are sorted, so the bytes
/// recorded are the bytes sent.
public enum ChatRequest {
    public static func body(prompt: String, sample: Int, settings: GenerationSettings, server: ServerSettings,
                            adapter: any ServerAdapter) -> (body: Data, note: String?) {
        var body: [String: Any] = [
            "model": server.model,
            "messages": [["role": "user", "content": prompt]],
            "stream": server.stream,
        ]
        if server.stream { body["stream_options"] = ["include_usage": true] }
        if let value = settings.sampling.temperature { body["temperature"] = value }
        if let value = settings.sampling.topP { body["top_p"] = value }
        if let value = settings.sampling.seed(forSample: sample) { body["seed"] = value }
        if let value = settings.sampling.maxTokens { body["max_tokens"] = value }
        let note = adapter.applyThinking(settings.thinking, to: &body)
        if adapter.chatRoute == .ollamaNative { body = OllamaNativeChat.body(fromOpenAI: body) }
        for (key, value) in server.extra {
            if let object = value.foundation as? [String: Any], var existing = body[key] as? [String: Any] {
                for (innerKey, innerValue) in object { existing[innerKey] = innerValue }
                body[key] = existing
            } else {
                body[key] = value.foundation
            }
        }
        let data = (try? JSONSerialization.data(withJSONObject: body, options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data()
        return (data, note)
    }
}
