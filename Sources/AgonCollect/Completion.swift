import Foundation

/// One chat completion as a server returned it, streamed or not, before it is judged usable.
public struct Completion: Equatable, Sendable {
    public var text: String
    public var thinking: String?
    public var finishReason: String?
    public var promptTokens: Int?
    public var completionTokens: Int?
    /// Reasoning tokens when the server counts them (`usage.completion_tokens_details.reasoning_tokens`);
    /// when streaming without that, the number of reasoning deltas (servers send about one a token).
    public var thinkingTokens: Int?
    public var model: String?
    /// Content pieces received when streaming: a stand-in for the token count in progress figures
    /// when the server sends no usage (never recorded as a token count).
    public var contentDeltas = 0

    public init(text: String = "", thinking: String? = nil, finishReason: String? = nil, promptTokens: Int? = nil,
                completionTokens: Int? = nil, thinkingTokens: Int? = nil, model: String? = nil) {
        self.text = text
        self.thinking = thinking
        self.finishReason = finishReason
        self.promptTokens = promptTokens
        self.completionTokens = completionTokens
        self.thinkingTokens = thinkingTokens
        self.model = model
    }

    /// Moves inline `<think>…</think>` (models whose server does not separate reasoning) out of the
    /// text into `thinking`. A text holding only `</think>` had its opening tag in the prompt template.
    mutating func separateInlineThinking() {
        let open = "<think>", close = "</think>"
        let trimmed = text.drop { $0.isWhitespace }
        if trimmed.hasPrefix(open) {
            let afterOpen = trimmed.dropFirst(open.count)
            if let end = afterOpen.range(of: close) {
                appendThinking(String(afterOpen[..<end.lowerBound]))
                text = String(afterOpen[end.upperBound...])
            } else {
                // Never closed: all of it was thinking, and there is no answer.
                appendThinking(String(afterOpen))
                text = ""
            }
        } else if let end = text.range(of: close), !text[..<end.lowerBound].contains(open) {
            appendThinking(String(text[..<end.lowerBound]))
            text = String(text[end.upperBound...])
        }
        text = text.trimmingCharacters(in: .whitespacesAndNewlines)
        if let thinking { self.thinking = thinking.trimmingCharacters(in: .whitespacesAndNewlines) }
    }

    private mutating func appendThinking(_ more: String) {
        thinking = (thinking ?? "") + more
    }
}

/// Why a completion is not an answer; nil when it is one.
extension Completion {
    public var unusable: (reason: UnusableReason, message: String)? {
        if finishReason == "length" {
            return (.length, "cut at max_tokens (finish_reason = length)\(completionTokens.map { " after \($0) tokens" } ?? ""); raise [systems.sampling] max_tokens")
        }
        if text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            return (.empty, thinking?.isEmpty == false ? "only thinking, no answer" : "the server returned an empty answer")
        }
        return nil
    }

    public enum UnusableReason: Sendable { case empty, length }
}
