import Foundation

/// Reads chat-completion responses: one JSON object (non-streaming) or a sequence of event
/// payloads (`data:` of server-sent events, decoded by OpenAPIRuntime). The thinking field is the
/// adapter's; the others that servers use are read too, so a renamed field is not lost.
public struct ChatResponseReader: Sendable {
    /// Message fields holding reasoning, the server kind's own first.
    public var thinkingFields: [String]

    public static let knownThinkingFields = ["reasoning_content", "reasoning", "thinking"]

    public init(thinkingFields: [String]) {
        self.thinkingFields = thinkingFields + Self.knownThinkingFields.filter { !thinkingFields.contains($0) }
    }

    public struct Malformed: Error, Sendable {
        public var message: String
    }

    /// A whole (non-streamed) response body.
    public func read(body: Data) throws(Malformed) -> Completion {
        guard let object = (try? JSONSerialization.jsonObject(with: body)) as? [String: Any] else {
            throw Malformed(message: "the response is not a JSON object: \(Self.preview(body))")
        }
        if let error = object["error"] {
            throw Malformed(message: "the server answered with an error: \(Self.describe(error))")
        }
        guard let choices = object["choices"] as? [[String: Any]], let choice = choices.first,
              let message = choice["message"] as? [String: Any] else {
            throw Malformed(message: "the response has no choices[0].message: \(Self.preview(body))")
        }
        var completion = Completion()
        completion.text = message["content"] as? String ?? ""
        completion.thinking = thinking(in: message)
        completion.finishReason = choice["finish_reason"] as? String
        completion.model = object["model"] as? String
        readUsage(object, into: &completion)
        completion.separateInlineThinking()
        return completion
    }

    /// Accumulates a streamed response, one event payload at a time.
    public struct Stream: Sendable {
        let reader: ChatResponseReader
        var text = ""
        var thinking = ""
        var thinkingDeltas = 0
        var completion = Completion()
        public private(set) var sawToken = false
        public private(set) var done = false

        /// Feeds one `data:` payload; true when it carried the first token (content or thinking).
        public mutating func consume(_ payload: String) throws(Malformed) -> Bool {
            let trimmed = payload.trimmingCharacters(in: .whitespaces)
            if trimmed == "[DONE]" {
                done = true
                return false
            }
            if trimmed.isEmpty { return false }
            guard let object = (try? JSONSerialization.jsonObject(with: Data(trimmed.utf8))) as? [String: Any] else {
                throw Malformed(message: "an event is not JSON: \(ChatResponseReader.preview(Data(trimmed.utf8)))")
            }
            if let error = object["error"] {
                throw Malformed(message: "the server sent an error mid-stream: \(ChatResponseReader.describe(error))")
            }
            if let model = object["model"] as? String { completion.model = model }
            reader.readUsage(object, into: &completion)
            var first = false
            for choice in object["choices"] as? [[String: Any]] ?? [] {
                if let reason = choice["finish_reason"] as? String { completion.finishReason = reason }
                guard let delta = choice["delta"] as? [String: Any] else { continue }
                if let content = delta["content"] as? String, !content.isEmpty {
                    text += content
                    completion.contentDeltas += 1
                    if !sawToken { first = true }
                    sawToken = true
                }
                if let piece = reader.thinking(in: delta), !piece.isEmpty {
                    thinking += piece
                    thinkingDeltas += 1
                    if !sawToken { first = true }
                    sawToken = true
                }
            }
            return first
        }

        public func finish() -> Completion {
            var result = completion
            result.text = text
            result.thinking = thinking.isEmpty ? nil : thinking
            if result.thinkingTokens == nil, thinkingDeltas > 0 { result.thinkingTokens = thinkingDeltas }
            result.separateInlineThinking()
            return result
        }
    }

    public func stream() -> Stream { Stream(reader: self) }

    func thinking(in message: [String: Any]) -> String? {
        for field in thinkingFields {
            if let text = message[field] as? String, !text.isEmpty { return text }
        }
        return nil
    }

    func readUsage(_ object: [String: Any], into completion: inout Completion) {
        guard let usage = object["usage"] as? [String: Any] else {
            // Ollama's native shape, for servers that send it on the OpenAI route.
            if let evalCount = (object["eval_count"] as? NSNumber)?.intValue { completion.completionTokens = evalCount }
            if let promptCount = (object["prompt_eval_count"] as? NSNumber)?.intValue { completion.promptTokens = promptCount }
            return
        }
        if let prompt = (usage["prompt_tokens"] as? NSNumber)?.intValue { completion.promptTokens = prompt }
        if let generated = (usage["completion_tokens"] as? NSNumber)?.intValue { completion.completionTokens = generated }
        if let details = usage["completion_tokens_details"] as? [String: Any],
           let reasoning = (details["reasoning_tokens"] as? NSNumber)?.intValue, reasoning > 0 {
            completion.thinkingTokens = reasoning
        }
    }

    static func describe(_ error: Any) -> String {
        if let object = error as? [String: Any] {
            return object["message"] as? String ?? "\(object)"
        }
        return "\(error)"
    }

    static func preview(_ data: Data) -> String {
        let text = String(decoding: data.prefix(160), as: UTF8.self)
        return text.isEmpty ? "(empty)" : "“\(text)\(data.count > 160 ? "…" : "")”"
    }
}
