import AgonCore
import Foundation

/// `kind = "auto"`: asks each kind's own endpoint in turn; the first that answers as that kind
/// does names it. A server that answers none of them is a plain OpenAI-compatible endpoint.
public enum KindDetection {
    public static func detect(_ connection: ServerConnection) async -> ServerKind {
        if let object = await json(connection, connection.rootURL + "/props"), object["default_generation_settings"] != nil {
            return .llamaCpp
        }
        if let object = await json(connection, connection.rootURL + "/api/version"), object["version"] is String {
            return .ollama
        }
        if let object = await json(connection, connection.rootURL + "/get_model_info"), object["model_path"] != nil {
            return .sglang
        }
        if let object = await json(connection, connection.rootURL + "/api/v0/models"), object["data"] is [Any] {
            return .lmstudio
        }
        if let object = await json(connection, connection.baseURL + "/models"),
           let first = (object["data"] as? [[String: Any]])?.first {
            if first["owned_by"] as? String == "vllm" || first["max_model_len"] != nil { return .vllm }
            if first["owned_by"] as? String == "llamacpp", first["meta"] != nil { return .llamaCpp }
        }
        return .openai
    }

    private static func json(_ connection: ServerConnection, _ url: String) async -> [String: Any]? {
        guard let data = await connection.fetchJSON(url, timeoutSeconds: 5) else { return nil }
        return (try? JSONSerialization.jsonObject(with: data)) as? [String: Any]
    }
}
