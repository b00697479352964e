import Foundation
import TOMLKit

/// How one system's answers are obtained: its server, sampling and thinking settings, as read from
/// the optional `[systems.server]`, `[systems.sampling]` and `[systems.thinking]` tables of
/// `study.toml`. Nothing here is shown to raters; `agon collect` reads it and the report prints it.
public struct GenerationSettings: Equatable, Sendable {
    /// Absent when the system has no server table: its answers come from elsewhere (an import).
    public var server: ServerSettings?
    public var sampling = SamplingSettings()
    public var thinking = ThinkingSettings()
    /// Line of the system's `[[systems]]` header, for messages about the system as a whole.
    public var line: Int?

    public init(server: ServerSettings? = nil, sampling: SamplingSettings = SamplingSettings(),
                thinking: ThinkingSettings = ThinkingSettings(), line: Int? = nil) {
        self.server = server
        self.sampling = sampling
        self.thinking = thinking
        self.line = line
    }

    /// One line for reports, e.g. `llama.cpp · temperature 0.8 · top_p 0.95 · seed 7 · max 2000 tokens · thinking on`.
    public var summary: String {
        var parts: [String] = []
        if let server { parts.append(server.kind.rawValue) }
        if let value = sampling.temperature { parts.append("temperature \(Self.format(value))") }
        if let value = sampling.topP { parts.append("top_p \(Self.format(value))") }
        if let value = sampling.seed { parts.append("seed \(value)") }
        if let value = sampling.maxTokens { parts.append("max \(value) tokens") }
        switch (thinking.enabled, thinking.budgetTokens) {
        case (false, _), (_, 0): parts.append("thinking off")
        case (true, let budget?) where budget > 0: parts.append("thinking ≤\(budget) tokens")
        case (true, _): parts.append("thinking on")
        case (nil, let budget?) where budget > 0: parts.append("thinking ≤\(budget) tokens")
        case (nil, -1): parts.append("thinking unlimited")
        default: break
        }
        if let server, !server.extra.isEmpty {
            parts.append(server.extra.keys.sorted().map { "\($0) \(server.extra[$0]!.description)" }.joined(separator: " · "))
        }
        return parts.isEmpty ? "server defaults" : parts.joined(separator: " · ")
    }

    static func format(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e9 ? String(Int(value)) : String(value)
    }
}

/// Which inference server answers; what differs between kinds (thinking fields, model details) is
/// handled by one adapter a kind.
public enum ServerKind: String, Sendable, CaseIterable {
    case auto
    case llamaCpp = "llama.cpp"
    case ollama
    case vllm
    case sglang
    case lmstudio
    case openai
}

public struct ServerSettings: Equatable, Sendable {
    /// An OpenAI-compatible base URL, e.g. `http://127.0.0.1:8080/v1`.
    public var url: String
    public var model: String
    /// The NAME of the environment variable holding the key; the key itself never enters a file.
    public var apiKeyEnv: String?
    public var kind: ServerKind = .auto
    /// Requests in flight at once to this server.
    public var concurrency = 1
    /// Longest wait for one answer, in seconds, before it counts as timed out (and is retried).
    public var timeoutSeconds: Double = 900
    /// Ask for server-sent events (time to first token is measured only then).
    public var stream = true
    /// Anything not modelled, merged into the request body as it stands.
    public var extra: [String: BodyValue] = [:]

    public init(url: String, model: String, apiKeyEnv: String? = nil, kind: ServerKind = .auto, concurrency: Int = 1,
                timeoutSeconds: Double = 900, stream: Bool = true, extra: [String: BodyValue] = [:]) {
        self.url = url
        self.model = model
        self.apiKeyEnv = apiKeyEnv
        self.kind = kind
        self.concurrency = concurrency
        self.timeoutSeconds = timeoutSeconds
        self.stream = stream
        self.extra = extra
    }
}

public struct SamplingSettings: Equatable, Sendable {
    public var temperature: Double?
    public var topP: Double?
    /// Each sample's seed derives from it: sample n asks with `seed + n − 1`.
    public var seed: Int?
    public var maxTokens: Int?

    public init(temperature: Double? = nil, topP: Double? = nil, seed: Int? = nil, maxTokens: Int? = nil) {
        self.temperature = temperature
        self.topP = topP
        self.seed = seed
        self.maxTokens = maxTokens
    }

    /// The seed sent for one sample (1-based), or nil when no seed is set.
    public func seed(forSample sample: Int) -> Int? {
        seed.map { $0 + max(sample, 1) - 1 }
    }
}

public struct ThinkingSettings: Equatable, Sendable {
    /// nil leaves the server's default; mapped to each server's own control.
    public var enabled: Bool?
    /// -1 unlimited, 0 off, otherwise a cap in tokens.
    public var budgetTokens: Int?

    public init(enabled: Bool? = nil, budgetTokens: Int? = nil) {
        self.enabled = enabled
        self.budgetTokens = budgetTokens
    }

    /// Whether thinking is asked for: nil when the study leaves it to the server.
    public var wanted: Bool? {
        if budgetTokens == 0 { return false }
        if let enabled { return enabled }
        if let budget = budgetTokens, budget != 0 { return true }
        return nil
    }
}

/// A JSON value written in TOML under `extra`, passed through into the request body.
public indirect enum BodyValue: Equatable, Sendable, CustomStringConvertible {
    case string(String)
    case int(Int)
    case double(Double)
    case bool(Bool)
    case array([BodyValue])
    case object([String: BodyValue])

    /// The value as Foundation's JSON writer takes it.
    public var foundation: Any {
        switch self {
        case .string(let value): return value
        case .int(let value): return value
        case .double(let value): return value
        case .bool(let value): return value
        case .array(let values): return values.map(\.foundation)
        case .object(let fields): return fields.mapValues(\.foundation)
        }
    }

    public var description: String {
        switch self {
        case .string(let value): return value
        case .int(let value): return String(value)
        case .double(let value): return GenerationSettings.format(value)
        case .bool(let value): return String(value)
        case .array(let values): return "[" + values.map(\.description).joined(separator: ", ") + "]"
        case .object(let fields): return "{" + fields.keys.sorted().map { "\($0) = \(fields[$0]!.description)" }.joined(separator: ", ") + "}"
        }
    }

    init?(_ value: any TOMLValueConvertible) {
        if let string = value.string { self = .string(string) }
        else if let bool = value.bool { self = .bool(bool) }
        else if let int = value.int { self = .int(int) }
        else if let double = value.double { self = .double(double) }
        else if let array = value.array {
            var values: [BodyValue] = []
            for element in array {
                guard let converted = BodyValue(element) else { return nil }
                values.append(converted)
            }
            self = .array(values)
        } else if let table = value.table {
            var fields: [String: BodyValue] = [:]
            for key in table.keys {
                guard let element = table[key], let converted = BodyValue(element) else { return nil }
                fields[key] = converted
            }
            self = .object(fields)
        } else {
            return nil  // dates and times have no JSON form
        }
    }
}

/// Reads and checks the generation tables of one `[[systems]]` entry.
enum GenerationSettingsReader {
    static let systemKeys: Set<String> = ["server", "sampling", "thinking"]

    /// Keys that Agon itself sets: `extra` may not override them.
    static let reservedBodyKeys: Set<String> = ["model", "messages", "stream", "stream_options"]

    static func read(_ document: TOMLDocument, system table: TOMLTable, at path: String) -> GenerationSettings? {
        let hasAny = systemKeys.contains { table[$0] != nil }
        guard hasAny else { return nil }
        var settings = GenerationSettings(line: document.sourceMap.line(of: path))
        if let server = document.table(table, "server", at: path, required: false) {
            settings.server = readServer(document, server, at: "\(path).server")
        }
        if let sampling = document.table(table, "sampling", at: path, required: false) {
            settings.sampling = readSampling(document, sampling, at: "\(path).sampling")
        }
        if let thinking = document.table(table, "thinking", at: path, required: false) {
            settings.thinking = readThinking(document, thinking, at: "\(path).thinking")
        }
        return settings
    }

    private static func readServer(_ document: TOMLDocument, _ table: TOMLTable, at path: String) -> ServerSettings? {
        document.rejectUnknownKeys(table, allowed: ["url", "model", "api_key_env", "kind", "concurrency", "timeout_s", "stream", "extra"], at: path)
        let url = document.string(table, "url", at: path)
        if let url {
            let parsed = URL(string: url)
            if parsed?.scheme.map({ ["http", "https"].contains($0.lowercased()) }) != true || parsed?.host == nil {
                document.problem(at: "\(path).url", "`url` must be an http:// or https:// address, e.g. http://127.0.0.1:8080/v1 (not `\(url)`)")
            }
        }
        let model = document.string(table, "model", at: path)
        if let model, model.isBlank { document.problem(at: "\(path).model", "`model` is empty") }
        var settings = ServerSettings(url: url ?? "", model: model ?? "")
        if let name = document.string(table, "api_key_env", at: path, required: false) {
            if name.range(of: #"^[A-Za-z_][A-Za-z0-9_]*$"#, options: .regularExpression) == nil {
                // Say so without repeating the value: it may be a real key pasted by mistake.
                document.problem(at: "\(path).api_key_env",
                                 "`api_key_env` is the NAME of an environment variable holding the key (e.g. HICAP_KEY), never the key itself; this value is not a variable name")
            } else {
                settings.apiKeyEnv = name
            }
        }
        if let kind = document.string(table, "kind", at: path, required: false) {
            if let known = ServerKind(rawValue: kind.lowercased()) ?? (kind.lowercased() == "llamacpp" ? .llamaCpp : nil) {
                settings.kind = known
            } else {
                document.problem(at: "\(path).kind", "unknown server kind `\(kind)` (expected one of: \(ServerKind.allCases.map(\.rawValue).joined(separator: ", ")))")
            }
        }
        if let concurrency = document.int(table, "concurrency", at: path, required: false) {
            if !(1...256).contains(concurrency) {
                document.problem(at: "\(path).concurrency", "`concurrency` must be between 1 and 256, not \(concurrency)")
            } else {
                settings.concurrency = concurrency
            }
        }
        if let timeout = document.double(table, "timeout_s", at: path, required: false) {
            if !(timeout > 0) {
                document.problem(at: "\(path).timeout_s", "`timeout_s` must be a positive number of seconds, not \(timeout)")
            } else {
                settings.timeoutSeconds = timeout
            }
        }
        if let stream = document.bool(table, "stream", at: path, required: false) { settings.stream = stream }
        if let extra = document.table(table, "extra", at: path, required: false) {
            for key in extra.keys.sorted() {
                if reservedBodyKeys.contains(key) {
                    document.problem(at: "\(path).extra.\(key)", "`extra` may not set `\(key)`: Agon sets it itself")
                    continue
                }
                guard let value = extra[key], let converted = BodyValue(value) else {
                    document.problem(at: "\(path).extra.\(key)", "`extra.\(key)` has no JSON form (dates and times cannot be sent)")
                    continue
                }
                settings.extra[key] = converted
            }
        }
        return url == nil || model == nil ? nil : settings
    }

    private static func readSampling(_ document: TOMLDocument, _ table: TOMLTable, at path: String) -> SamplingSettings {
        document.rejectUnknownKeys(table, allowed: ["temperature", "top_p", "seed", "max_tokens", "extra"], at: path)
        hintMisplacedExtra(document, table, at: path)
        var settings = SamplingSettings()
        if let value = document.double(table, "temperature", at: path, required: false) {
            if !(0...5).contains(value) {
                document.problem(at: "\(path).temperature", "`temperature` must be between 0 and 5, not \(value)")
            } else {
                settings.temperature = value
            }
        }
        if let value = document.double(table, "top_p", at: path, required: false) {
            if !(value > 0 && value <= 1) {
                document.problem(at: "\(path).top_p", "`top_p` must be above 0 and at most 1, not \(value)")
            } else {
                settings.topP = value
            }
        }
        if let value = document.int(table, "seed", at: path, required: false) {
            if value < 0 || value > Int(Int32.max) - 10_000 {
                document.problem(at: "\(path).seed", "`seed` must be between 0 and \(Int(Int32.max) - 10_000), not \(value)")
            } else {
                settings.seed = value
            }
        }
        if let value = document.int(table, "max_tokens", at: path, required: false) {
            if value < 1 {
                document.problem(at: "\(path).max_tokens", "`max_tokens` must be at least 1, not \(value)")
            } else {
                settings.maxTokens = value
            }
        }
        return settings
    }

    private static func readThinking(_ document: TOMLDocument, _ table: TOMLTable, at path: String) -> ThinkingSettings {
        document.rejectUnknownKeys(table, allowed: ["enabled", "budget_tokens", "extra"], at: path)
        hintMisplacedExtra(document, table, at: path)
        var settings = ThinkingSettings()
        settings.enabled = document.bool(table, "enabled", at: path, required: false)
        if let budget = document.int(table, "budget_tokens", at: path, required: false) {
            if budget < -1 {
                document.problem(at: "\(path).budget_tokens", "`budget_tokens` is -1 (unlimited), 0 (off) or a number of tokens, not \(budget)")
            } else {
                settings.budgetTokens = budget
            }
        }
        if settings.enabled == false, let budget = settings.budgetTokens, budget != 0 {
            document.problem(at: "\(path).budget_tokens", "thinking is disabled (`enabled = false`) but `budget_tokens` is \(budget)")
        }
        return settings
    }

    private static func hintMisplacedExtra(_ document: TOMLDocument, _ table: TOMLTable, at path: String) {
        if table["extra"] != nil {
            document.problem(at: "\(path).extra", "`extra` belongs in the system's `[systems.server]` table")
        }
    }
}
