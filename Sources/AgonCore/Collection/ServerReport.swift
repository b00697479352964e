import Foundation

/// What a server says about the model it serves (llama.cpp `/props` and `/v1/models` meta, Ollama
/// `/api/show`, vLLM `max_model_len`), reduced to the fields a profile declares. Unknown stays nil:
/// a missing field is never read as "none".
public struct ServerReport: Equatable, Sendable {
    /// The kind detected or declared (`llama.cpp`, `ollama`, …).
    public var kind: String
    /// The model's name as the server gives it.
    public var model: String?
    public var parametersBillions: Double?
    /// The server's own word for the weights' format, e.g. `Q4_K_M`, `F16`, `BF16`.
    public var quantisation: String?
    /// Context the server runs with (llama.cpp `n_ctx`, vLLM `max_model_len`, Ollama `num_ctx`).
    public var contextTokens: Int?
    /// Context the model was trained for (llama.cpp `n_ctx_train`, Ollama `context_length`).
    public var trainingContextTokens: Int?
    /// 0 means the server's metadata was read and names no experts: a dense model.
    public var expertsTotal: Int?
    public var expertsActive: Int?
    public var sizeBytes: Int?
    /// The server's version or build, when it says.
    public var serverVersion: String?

    public init(kind: String, model: String? = nil, parametersBillions: Double? = nil, quantisation: String? = nil,
                contextTokens: Int? = nil, trainingContextTokens: Int? = nil, expertsTotal: Int? = nil,
                expertsActive: Int? = nil, sizeBytes: Int? = nil, serverVersion: String? = nil) {
        self.kind = kind
        self.model = model
        self.parametersBillions = parametersBillions
        self.quantisation = quantisation
        self.contextTokens = contextTokens
        self.trainingContextTokens = trainingContextTokens
        self.expertsTotal = expertsTotal
        self.expertsActive = expertsActive
        self.sizeBytes = sizeBytes
        self.serverVersion = serverVersion
    }

    /// Bits a weight of the reported format takes, e.g. 4 for `Q4_K_M`, 16 for `BF16`; nil if unknown.
    public var quantisationBits: Int? {
        guard let quantisation else { return nil }
        return Self.bits(of: quantisation)
    }

    static func bits(of format: String) -> Int? {
        let upper = format.uppercased()
        switch upper {
        case "F32", "FP32", "FLOAT32": return 32
        case "F16", "FP16", "BF16", "FLOAT16", "BFLOAT16": return 16
        case "FP8", "F8", "FP8_E4M3", "FP8_E5M2", "MXFP8": return 8
        case "MXFP4", "NVFP4", "FP4": return 4
        default: break
        }
        // GGUF types: Q4_0, Q4_K_M, IQ2_XS, Q8_0, TQ1_0 …: the digit after Q is the bits.
        if let match = upper.range(of: #"^(I|T)?Q([1-8])(_|$)"#, options: .regularExpression) {
            let digits = upper[match].filter(\.isNumber)
            return Int(digits)
        }
        if upper.hasPrefix("INT8") || upper == "W8A8" { return 8 }
        if upper.hasPrefix("INT4") || upper.hasPrefix("AWQ") || upper.hasPrefix("GPTQ") || upper == "W4A16" { return 4 }
        return nil
    }

    /// The quantisation named in a model file or id, e.g. `SmolLM2-135M-Instruct.Q4_1.gguf` → `Q4_1`.
    public static func quantisation(inName name: String) -> String? {
        let pattern = #"(?i)(?:^|[^A-Za-z0-9])((?:I|T)?Q[1-8](?:_[A-Z0-9]+)*|BF16|F16|FP16|F32|FP8|MXFP4)(?=$|[^A-Za-z0-9])"#
        guard let regex = try? NSRegularExpression(pattern: pattern) else { return nil }
        let range = NSRange(name.startIndex..., in: name)
        guard let match = regex.matches(in: name, range: range).last, let found = Range(match.range(at: 1), in: name) else { return nil }
        return String(name[found]).uppercased()
    }

    /// One line for summaries, e.g. `SmolLM2-135M · 0.13B · Q4_1 · ctx 2048 (trained 8192) · dense`.
    public var summary: String {
        var parts: [String] = []
        if let model { parts.append(model) }
        if let billions = parametersBillions { parts.append(String(format: billions < 10 ? "%.2fB" : "%.0fB", billions)) }
        if let quantisation { parts.append(quantisation) }
        switch (contextTokens, trainingContextTokens) {
        case (let context?, let trained?): parts.append("ctx \(context) (trained \(trained))")
        case (let context?, nil): parts.append("ctx \(context)")
        case (nil, let trained?): parts.append("trained ctx \(trained)")
        default: break
        }
        if let total = expertsTotal {
            parts.append(total <= 1 ? "dense" : "\(expertsActive.map(String.init) ?? "?")/\(total) experts")
        }
        if let serverVersion { parts.append("server \(serverVersion)") }
        return "\(kind): " + (parts.isEmpty ? "no model details" : parts.joined(separator: " · "))
    }

    /// As a JSON object for the collection journal.
    public var json: [String: Any] {
        var object: [String: Any] = ["kind": kind]
        if let model { object["model"] = model }
        if let parametersBillions { object["parameters_b"] = parametersBillions }
        if let quantisation { object["quantisation"] = quantisation }
        if let contextTokens { object["context_tokens"] = contextTokens }
        if let trainingContextTokens { object["training_context_tokens"] = trainingContextTokens }
        if let expertsTotal { object["experts_total"] = expertsTotal }
        if let expertsActive { object["experts_active"] = expertsActive }
        if let sizeBytes { object["size_bytes"] = sizeBytes }
        if let serverVersion { object["server_version"] = serverVersion }
        return object
    }

    public init?(json object: [String: Any]) {
        guard let kind = object["kind"] as? String else { return nil }
        self.init(kind: kind, model: object["model"] as? String,
                  parametersBillions: (object["parameters_b"] as? NSNumber)?.doubleValue,
                  quantisation: object["quantisation"] as? String,
                  contextTokens: (object["context_tokens"] as? NSNumber)?.intValue,
                  trainingContextTokens: (object["training_context_tokens"] as? NSNumber)?.intValue,
                  expertsTotal: (object["experts_total"] as? NSNumber)?.intValue,
                  expertsActive: (object["experts_active"] as? NSNumber)?.intValue,
                  sizeBytes: (object["size_bytes"] as? NSNumber)?.intValue,
                  serverVersion: object["server_version"] as? String)
    }
}
