import Foundation

/// The chat endpoint a kind is asked through.
public enum ChatRoute: Sendable, Equatable {
    /// `POST {url}/chat/completions`, server-sent events when streaming.
    case openAI
    /// Ollama's `POST /api/chat` on the server's root, newline-delimited JSON when streaming.
    case ollamaNative

    /// The chat endpoint for a base URL as the study writes it (`http://host:11434/v1`).
    public func url(forBase base: String) -> String {
        let trimmed = base.hasSuffix("/") ? String(base.dropLast()) : base
        switch self {
        case .openAI: return trimmed + "/chat/completions"
        case .ollamaNative: return ServerConnection.root(ofBase: trimmed) + "/api/chat"
        }
    }
}
