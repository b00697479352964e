import AgonCore
import Foundation

/// What differs between server kinds, and nothing else: where thinking text arrives, how thinking
/// is switched on or off, and where the server tells about its model. Everything else is the
/// OpenAI chat-completions API that all of them speak.
public protocol ServerAdapter: Sendable {
    var kind: ServerKind { get }
    /// Message (and delta) fields holding reasoning, in the order this kind uses them.
    var thinkingFields: [String] { get }
    /// Where chat requests go and in which shape; every kind but Ollama uses the OpenAI route.
    var chatRoute: ChatRoute { get }
    /// Maps the study's thinking settings onto this server's own control; returns a note when a
    /// setting cannot be sent (the summary shows it).
    func applyThinking(_ thinking: ThinkingSettings, to body: inout [String: Any]) -> String?
    /// Where this kind tells about its model: names (as recorded) and requests.
    func detailRequests(model: String) -> [DetailRequest]
    /// The server's own report of the model, read from the responses of `detailRequests` (by name;
    /// a request that failed is absent).
    func report(from raw: [String: Data], model: String) -> ServerReport
}

/// One request for model details, e.g. `GET /props` (on the server's root) or `GET /v1/models`.
public struct DetailRequest: Sendable {
    public enum Base: Sendable { case root, api }
    public var name: String
    public var base: Base
    public var path: String
    public var body: Data?

    public init(_ name: String, _ base: Base, _ path: String, body: Data? = nil) {
        self.name = name
        self.base = base
        self.path = path
        self.body = body
    }
}

extension ServerAdapter {
    public var chatRoute: ChatRoute { .openAI }

    public var reader: ChatResponseReader { ChatResponseReader(thinkingFields: thinkingFields) }

    /// `chat_template_kwargs.enable_thinking`: Qwen3-style templates' switch, honoured by llama.cpp,
    /// vLLM and SGLang.
    func setTemplateThinking(_ enabled: Bool, in body: inout [String: Any]) {
        var kwargs = body["chat_template_kwargs"] as? [String: Any] ?? [:]
        kwargs["enable_thinking"] = enabled
        body["chat_template_kwargs"] = kwargs
    }

    func budgetNote(_ thinking: ThinkingSettings) -> String? {
        guard let budget = thinking.budgetTokens, budget > 0 else { return nil }
        return "\(kind.rawValue) takes no per-request thinking budget; \(budget) tokens is not sent (set it on the server, or pass it through extra)"
    }

    /// Asks every detail request and reads the report from what answered.
    public func report(_ connection: ServerConnection, model: String) async -> (ServerReport, [String: Data]) {
        var raw: [String: Data] = [:]
        for request in detailRequests(model: model) {
            let url = (request.base == .root ? connection.rootURL : connection.baseURL) + request.path
            if let data = await connection.fetchJSON(url, post: request.body) { raw[request.name] = data }
        }
        return (report(from: raw, model: model), raw)
    }

    static var modelsRequest: DetailRequest { DetailRequest("/v1/models", .api, "/models") }

    /// The first entry of a `/v1/models` list.
    func firstModel(_ raw: [String: Data]) -> [String: Any]? {
        guard let data = raw["/v1/models"] else { return nil }
        let object = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any]
        return (object?["data"] as? [[String: Any]])?.first
    }

    func object(_ raw: [String: Data], _ name: String) -> [String: Any]? {
        raw[name].flatMap { (try? JSONSerialization.jsonObject(with: $0)) as? [String: Any] }
    }
}

/// The adapter for a kind; `.auto` must be resolved first (`KindDetection`).
public func adapter(for kind: ServerKind) -> any ServerAdapter {
    switch kind {
    case .llamaCpp: return LlamaCppAdapter()
    case .ollama: return OllamaAdapter()
    case .vllm: return VLLMAdapter()
    case .sglang: return SGLangAdapter()
    case .lmstudio: return LMStudioAdapter()
    case .openai, .auto: return OpenAIAdapter()
    }
}

func number(_ value: Any?) -> Double? { (value as? NSNumber)?.doubleValue ?? (value as? String).flatMap(Double.init) }
func integer(_ value: Any?) -> Int? { (value as? NSNumber)?.intValue ?? (value as? String).flatMap { Int($0) } }
