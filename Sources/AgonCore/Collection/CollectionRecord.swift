import Foundation

/// One (task, system, sample) of a study: what `agon collect` fills, one answer each.
public struct AnswerSlot: Hashable, Sendable, Comparable, CustomStringConvertible {
    public var task: String
    public var system: String
    /// 1-based; an answer line without `sample` is sample 1.
    public var sample: Int

    public init(task: String, system: String, sample: Int) {
        self.task = task
        self.system = system
        self.sample = sample
    }

    public var description: String { "\(task) · \(system) · sample \(sample)" }

    public static func < (lhs: AnswerSlot, rhs: AnswerSlot) -> Bool {
        (lhs.system, lhs.sample, lhs.task) < (rhs.system, rhs.sample, rhs.task)
    }
}

/// An answer as a server gave it, with everything needed to trust it later: the exact request,
/// timings, token counts and the server's own report of the model. The thinking text is kept here,
/// in the collection journal, and never in `answers.jsonl`: raters never see it.
public struct CollectedAnswer: Equatable, Sendable {
    public var slot: AnswerSlot
    public var text: String
    public var thinking: String?
    public var thinkingTokens: Int?
    public var finishReason: String?
    public var promptTokens: Int?
    public var completionTokens: Int?
    public var latencySeconds: Double
    /// Only measured when streaming.
    public var timeToFirstTokenSeconds: Double?
    /// The request body exactly as sent (JSON; the key travels in a header and is never here).
    public var request: Data
    /// The endpoint asked, e.g. `http://127.0.0.1:8080/v1/chat/completions`.
    public var endpoint: String
    /// The model name in the server's response.
    public var responseModel: String?
    public var serverReport: ServerReport?
    public var started: Date
    public var finished: Date
    /// Requests made for this answer, the successful one included.
    public var attempts: Int
    public var agonVersion: String

    public init(slot: AnswerSlot, text: String, thinking: String? = nil, thinkingTokens: Int? = nil, finishReason: String? = nil,
                promptTokens: Int? = nil, completionTokens: Int? = nil, latencySeconds: Double, timeToFirstTokenSeconds: Double? = nil,
                request: Data, endpoint: String, responseModel: String? = nil, serverReport: ServerReport? = nil,
                started: Date, finished: Date, attempts: Int = 1, agonVersion: String = AgonVersion.current) {
        self.slot = slot
        self.text = text
        self.thinking = thinking
        self.thinkingTokens = thinkingTokens
        self.finishReason = finishReason
        self.promptTokens = promptTokens
        self.completionTokens = completionTokens
        self.latencySeconds = latencySeconds
        self.timeToFirstTokenSeconds = timeToFirstTokenSeconds
        self.request = request
        self.endpoint = endpoint
        self.responseModel = responseModel
        self.serverReport = serverReport
        self.started = started
        self.finished = finished
        self.attempts = attempts
        self.agonVersion = agonVersion
    }
}

/// A request that did not give a usable answer. Never stored as an answer.
public struct CollectionFailure: Equatable, Sendable {
    public enum Reason: String, Sendable {
        /// 429 or 5xx: the server is busy or broken for now.
        case unavailable
        /// 400, 401, 403, 404, 422: the study or the key must be fixed; retrying cannot help.
        case rejected
        case timeout
        /// The connection closed before the answer was complete.
        case dropped
        /// The response was not the JSON or the events the API defines.
        case malformed
        case empty
        /// Cut by `finish_reason = length`: an unfinished answer is not an answer.
        case length
        case cancelled
    }

    public var slot: AnswerSlot
    public var reason: Reason
    public var status: Int?
    public var message: String
    public var attempt: Int
    /// No more attempts will be made in this run.
    public var final: Bool
    public var at: Date

    public init(slot: AnswerSlot, reason: Reason, status: Int? = nil, message: String, attempt: Int, final: Bool, at: Date = Date()) {
        self.slot = slot
        self.reason = reason
        self.status = status
        self.message = message
        self.attempt = attempt
        self.final = final
        self.at = at
    }

    /// Retrying cannot help: the system stops with a message saying what to fix.
    public var isPermanent: Bool { reason == .rejected }
}

/// One line of `Studies/<id>/collection.jsonl`.
public enum CollectionRecord: Sendable {
    case header(study: String, created: Date, agonVersion: String)
    /// What a system's server reported about its model, with the raw responses it came from.
    case server(system: String, report: ServerReport, raw: [String: Data], at: Date)
    case answer(CollectedAnswer)
    case failure(CollectionFailure)

    public static let schema = 1

    public func encoded() -> Data {
        var object: [String: Any]
        switch self {
        case .header(let study, let created, let version):
            object = ["type": "collection", "schema": Self.schema, "study": study, "created": Self.stamp(created), "agon_version": version]
        case .server(let system, let report, let raw, let at):
            var rawObjects: [String: Any] = [:]
            for (endpoint, data) in raw {
                rawObjects[endpoint] = (try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed]))
                    ?? String(decoding: data, as: UTF8.self)
            }
            object = ["type": "server", "system": system, "report": report.json, "raw": rawObjects, "at": Self.stamp(at)]
        case .answer(let answer):
            object = ["type": "answer", "task": answer.slot.task, "system": answer.slot.system, "sample": answer.slot.sample,
                      "text": answer.text, "latency_s": answer.latencySeconds, "endpoint": answer.endpoint,
                      "started": Self.stamp(answer.started), "finished": Self.stamp(answer.finished),
                      "attempts": answer.attempts, "agon_version": answer.agonVersion]
            object["request"] = (try? JSONSerialization.jsonObject(with: answer.request)) ?? String(decoding: answer.request, as: UTF8.self)
            object["thinking"] = answer.thinking ?? NSNull()
            object["thinking_tokens"] = answer.thinkingTokens ?? NSNull()
            object["finish_reason"] = answer.finishReason ?? NSNull()
            object["prompt_tokens"] = answer.promptTokens ?? NSNull()
            object["completion_tokens"] = answer.completionTokens ?? NSNull()
            object["ttft_s"] = answer.timeToFirstTokenSeconds ?? NSNull()
            object["response_model"] = answer.responseModel ?? NSNull()
            object["server_report"] = answer.serverReport?.json ?? NSNull()
        case .failure(let failure):
            object = ["type": "failure", "task": failure.slot.task, "system": failure.slot.system, "sample": failure.slot.sample,
                      "reason": failure.reason.rawValue, "message": failure.message, "attempt": failure.attempt,
                      "final": failure.final, "at": Self.stamp(failure.at)]
            object["status"] = failure.status ?? NSNull()
        }
        // Sorted keys: the same record always gives the same bytes.
        return (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data()
    }

    /// nil for a line that is not a record this version knows (reported by the reader).
    public static func decode(_ data: Data) -> CollectionRecord? {
        guard let object = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any],
              let type = object["type"] as? String else { return nil }
        func string(_ key: String) -> String? { object[key] as? String }
        func int(_ key: String) -> Int? { (object[key] as? NSNumber)?.intValue }
        func double(_ key: String) -> Double? { (object[key] as? NSNumber)?.doubleValue }
        func date(_ key: String) -> Date? { string(key).flatMap(Self.date) }
        switch type {
        case "collection":
            guard let study = string("study") else { return nil }
            return .header(study: study, created: date("created") ?? Date(timeIntervalSince1970: 0), agonVersion: string("agon_version") ?? "")
        case "server":
            guard let system = string("system"), let reportObject = object["report"] as? [String: Any],
                  let report = ServerReport(json: reportObject) else { return nil }
            var raw: [String: Data] = [:]
            for (endpoint, value) in object["raw"] as? [String: Any] ?? [:] {
                raw[endpoint] = (try? JSONSerialization.data(withJSONObject: value, options: [.fragmentsAllowed, .sortedKeys])) ?? Data()
            }
            return .server(system: system, report: report, raw: raw, at: date("at") ?? Date(timeIntervalSince1970: 0))
        case "answer":
            guard let task = string("task"), let system = string("system"), let sample = int("sample"),
                  let text = string("text") else { return nil }
            let request = object["request"].flatMap { try? JSONSerialization.data(withJSONObject: $0, options: [.sortedKeys, .fragmentsAllowed]) } ?? Data()
            return .answer(CollectedAnswer(
                slot: AnswerSlot(task: task, system: system, sample: sample), text: text, thinking: string("thinking"),
                thinkingTokens: int("thinking_tokens"), finishReason: string("finish_reason"), promptTokens: int("prompt_tokens"),
                completionTokens: int("completion_tokens"), latencySeconds: double("latency_s") ?? 0,
                timeToFirstTokenSeconds: double("ttft_s"), request: request, endpoint: string("endpoint") ?? "",
                responseModel: string("response_model"),
                serverReport: (object["server_report"] as? [String: Any]).flatMap(ServerReport.init(json:)),
                started: date("started") ?? Date(timeIntervalSince1970: 0), finished: date("finished") ?? Date(timeIntervalSince1970: 0),
                attempts: int("attempts") ?? 1, agonVersion: string("agon_version") ?? ""))
        case "failure":
            guard let task = string("task"), let system = string("system"), let sample = int("sample"),
                  let reason = string("reason").flatMap(CollectionFailure.Reason.init(rawValue:)) else { return nil }
            return .failure(CollectionFailure(slot: AnswerSlot(task: task, system: system, sample: sample), reason: reason,
                                              status: int("status"), message: string("message") ?? "", attempt: int("attempt") ?? 1,
                                              final: object["final"] as? Bool ?? true, at: date("at") ?? Date(timeIntervalSince1970: 0)))
        default:
            return nil
        }
    }

    static let timeFormat = Date.ISO8601FormatStyle(includingFractionalSeconds: true)

    static func stamp(_ date: Date) -> String { timeFormat.format(date) }

    static func date(_ text: String) -> Date? { try? timeFormat.parse(text) ?? Date.ISO8601FormatStyle().parse(text) }
}
