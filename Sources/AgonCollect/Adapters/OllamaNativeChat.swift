import Foundation

/// Ollama's own chat route, `POST /api/chat` (its docs/api.md, "Generate a chat completion"): the
/// one that takes `think` and returns `message.thinking`, and where sampling settings live under
/// `options` with Ollama's names. Requests are built as OpenAI bodies first and moved into this
/// shape; answers are moved back into the OpenAI shape, so one reader reads every server kind.
public enum OllamaNativeChat {
    /// OpenAI request fields and their `options` names (Modelfile parameters).
    static let optionNames = ["temperature": "temperature", "top_p": "top_p", "seed": "seed", "max_tokens": "num_predict"]

    /// An OpenAI chat body, reshaped for `/api/chat`: sampling into `options`, no `stream_options`.
    static func body(fromOpenAI openAI: [String: Any]) -> [String: Any] {
        var body = openAI
        var options = body["options"] as? [String: Any] ?? [:]
        for (field, option) in optionNames {
            if let value = body.removeValue(forKey: field) { options[option] = value }
        }
        body.removeValue(forKey: "stream_options")
        if !options.isEmpty { body["options"] = options }
        return body
    }

    /// A whole (non-streamed) `/api/chat` answer as an OpenAI chat completion.
    public static func completion(fromNative data: Data) -> Data {
        guard let object = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] else { return data }
        return encode(translate(object, messageKey: "message"))
    }

    /// One line of a streamed `/api/chat` answer (newline-delimited JSON) as the payload of an
    /// OpenAI chunk; a line that is not a JSON object is handed on as it is, for the reader to refuse.
    public static func chunk(fromNativeLine line: String) -> String {
        guard let object = (try? JSONSerialization.jsonObject(with: Data(line.utf8))) as? [String: Any] else { return line }
        return String(decoding: encode(translate(object, messageKey: "delta")), as: UTF8.self)
    }

    private static func translate(_ native: [String: Any], messageKey: String) -> [String: Any] {
        if let error = native["error"] { return ["error": error] }
        var result: [String: Any] = [:]
        if let model = native["model"] { result["model"] = model }
        var choice: [String: Any] = [messageKey: native["message"] as? [String: Any] ?? [:]]
        if native["done"] as? Bool == true {
            // The documented final object carries no `done_reason`; servers since add "stop" or "length".
            choice["finish_reason"] = native["done_reason"] as? String ?? "stop"
            var usage: [String: Any] = [:]
            if let prompt = native["prompt_eval_count"] { usage["prompt_tokens"] = prompt }
            if let generated = native["eval_count"] { usage["completion_tokens"] = generated }
            if !usage.isEmpty { result["usage"] = usage }
        }
        result["choices"] = [choice]
        return result
    }

    private static func encode(_ object: [String: Any]) -> Data {
        (try? JSONSerialization.data(withJSONObject: object)) ?? Data()
    }
}
