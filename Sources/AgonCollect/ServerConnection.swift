import AgonCore
import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import OpenAPIRuntime

/// A request that did not give a completion, classified for the retry policy.
public struct ServerError: Error, Sendable, CustomStringConvertible {
    public var reason: CollectionFailure.Reason
    public var status: Int?
    /// Seconds the server asked us to wait (`Retry-After`).
    public var retryAfter: Double?
    public var message: String

    public var description: String { message }
}

/// The HTTP side of one server: AsyncHTTPClient for the requests, OpenAPIRuntime's reader for the
/// server-sent events. Knows nothing of studies; the adapters and the collector build on it.
public final class ServerConnection: Sendable {
    public let baseURL: String
    let client: HTTPClient
    let headers: HTTPHeaders
    let timeout: TimeAmount

    /// `apiKey` is read from the environment variable the study names; it goes into a header only.
    public init(baseURL: String, apiKey: String?, timeoutSeconds: Double, concurrency: Int) {
        self.baseURL = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
        var configuration = HTTPClient.Configuration()
        timeout = .milliseconds(Int64(timeoutSeconds * 1000))
        // `read` catches a stall (no byte for that long); the deadline bounds the whole answer.
        configuration.timeout = .init(connect: .seconds(10), read: timeout)
        configuration.connectionPool = .init(idleTimeout: .seconds(60), concurrentHTTP1ConnectionsPerHostSoftLimit: max(concurrency, 8))
        // A refused connection fails at once; the retry policy (with its backoff) decides what next.
        configuration.connectionPool.retryConnectionEstablishment = false
        configuration.decompression = .enabled(limit: .none)
        client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
        var headers = HTTPHeaders()
        headers.add(name: "Content-Type", value: "application/json")
        headers.add(name: "Accept", value: "application/json, text/event-stream")
        headers.add(name: "User-Agent", value: "agon/\(AgonVersion.current)")
        if let apiKey, !apiKey.isEmpty { headers.add(name: "Authorization", value: "Bearer \(apiKey)") }
        self.headers = headers
    }

    public func shutdown() async {
        try? await client.shutdown()
    }

    /// The server's root: the base URL without its trailing `/v1` (where `/props`, `/api/show` live).
    public var rootURL: String { Self.root(ofBase: baseURL) }

    static func root(ofBase base: String) -> String {
        base.hasSuffix("/v1") ? String(base.dropLast(3)) : base
    }

    public var chatURL: String { baseURL + "/chat/completions" }

    public func chatURL(for route: ChatRoute) -> String { route.url(forBase: baseURL) }

    /// GET or POST for a small JSON document (model details, kind detection); nil on any failure,
    /// since these only add detail.
    public func fetchJSON(_ url: String, post body: Data? = nil, timeoutSeconds: Double = 10) async -> Data? {
        var request = HTTPClientRequest(url: url)
        request.headers = headers
        if let body {
            request.method = .POST
            request.body = .bytes(ByteBuffer(bytes: body))
        }
        do {
            let response = try await client.execute(request, timeout: .milliseconds(Int64(timeoutSeconds * 1000)))
            let bytes = try await response.body.collect(upTo: 16 << 20)
            guard response.status == .ok else { return nil }
            let data = Data(bytes.readableBytesView)
            return (try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])) == nil ? nil : data
        } catch {
            return nil
        }
    }

    /// Sends one chat-completion request. `onFirstToken` is called when streaming, at the first
    /// content or reasoning token.
    public func complete(body: Data, stream: Bool, reader: ChatResponseReader, route: ChatRoute = .openAI,
                         onFirstToken: @Sendable () -> Void = {}) async throws(ServerError) -> Completion {
        var request = HTTPClientRequest(url: chatURL(for: route))
        request.method = .POST
        request.headers = headers
        request.body = .bytes(ByteBuffer(bytes: body))
        let response: HTTPClientResponse
        do {
            response = try await client.execute(request, deadline: .now() + timeout)
        } catch {
            throw Self.classify(error, timeout: timeout)
        }
        let status = Int(response.status.code)
        guard response.status == .ok else {
            let bytes = (try? await response.body.collect(upTo: 1 << 20)).map { Data($0.readableBytesView) } ?? Data()
            throw Self.httpError(status: status, headers: response.headers, body: bytes)
        }
        let isEventStream = response.headers.first(name: "content-type")?.lowercased().contains("text/event-stream") == true
        do {
            let nativeStream = route == .ollamaNative && stream
            if (stream && isEventStream) || nativeStream {
                var accumulator = reader.stream()
                if nativeStream {
                    var lines = LineSplitter()
                    for try await buffer in response.body {
                        for line in lines.feed(buffer.readableBytesView) {
                            if try accumulator.consume(OllamaNativeChat.chunk(fromNativeLine: line)) { onFirstToken() }
                        }
                    }
                    if let last = lines.rest(), try accumulator.consume(OllamaNativeChat.chunk(fromNativeLine: last)) { onFirstToken() }
                } else {
                    let chunks = response.body.map { ArraySlice($0.readableBytesView) }
                    let events = chunks.asDecodedServerSentEvents(while: { $0 != ArraySlice("[DONE]".utf8) })
                    for try await event in events {
                        guard let data = event.data else { continue }
                        if try accumulator.consume(data) { onFirstToken() }
                    }
                }
                if !accumulator.sawToken, accumulator.finish().finishReason == nil {
                    throw ServerError(reason: .dropped, status: status, message: "the stream ended before any token arrived")
                }
                let completion = accumulator.finish()
                if completion.finishReason == nil {
                    // A healthy stream ends with a finish_reason; without one the connection was cut.
                    throw ServerError(reason: .dropped, status: status,
                                      message: "the stream ended without a finish_reason (connection dropped mid-answer)")
                }
                return completion
            }
            let bytes = try await response.body.collect(upTo: 64 << 20)
            onFirstToken()
            let data = Data(bytes.readableBytesView)
            return try reader.read(body: route == .ollamaNative ? OllamaNativeChat.completion(fromNative: data) : data)
        } catch let error as ServerError {
            throw error
        } catch let error as ChatResponseReader.Malformed {
            throw ServerError(reason: .malformed, status: status, message: error.message)
        } catch {
            throw Self.classify(error, timeout: timeout)
        }
    }

    static func classify(_ error: any Error, timeout: TimeAmount) -> ServerError {
        if error is CancellationError {
            return ServerError(reason: .cancelled, message: "cancelled")
        }
        let seconds = Double(timeout.nanoseconds) / 1e9
        if let error = error as? HTTPClientError {
            switch error {
            case .readTimeout:
                return ServerError(reason: .timeout, message: "no byte from the server for \(Self.format(seconds)) s (timeout_s)")
            case .deadlineExceeded:
                return ServerError(reason: .timeout, message: "no complete answer within \(Self.format(seconds)) s (timeout_s)")
            case .connectTimeout:
                return ServerError(reason: .timeout, message: "could not connect within 10 s")
            case .remoteConnectionClosed:
                return ServerError(reason: .dropped, message: "the server closed the connection before the answer was complete")
            case .cancelled:
                return ServerError(reason: .cancelled, message: "cancelled")
            case .invalidURL:
                return ServerError(reason: .rejected, message: "the server url is not usable: \(error)")
            default:
                return ServerError(reason: .dropped, message: "connection failed: \(error)")
            }
        }
        if let error = error as? HTTPParserError, error == .invalidEOFState {
            // The connection closed in the middle of the body (a chunked stream cut short).
            return ServerError(reason: .dropped, message: "the connection closed in the middle of the answer")
        }
        if error is HTTPParserError {
            return ServerError(reason: .malformed, message: "the server's HTTP response could not be read: \(error)")
        }
        let text = "\(error)"
        if text.lowercased().contains("refused") {
            return ServerError(reason: .unavailable, message: "connection refused: is the server running?")
        }
        return ServerError(reason: .dropped, message: "connection failed: \(text)")
    }

    static func httpError(status: Int, headers: HTTPHeaders, body: Data) -> ServerError {
        let detail: String = {
            if let object = (try? JSONSerialization.jsonObject(with: body)) as? [String: Any] {
                if let error = object["error"] { return ChatResponseReader.describe(error) }
                if let message = object["message"] as? String { return message }
                if let detail = object["detail"] { return "\(detail)" }
            }
            return String(decoding: body.prefix(300), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        }()
        let retryAfter = headers.first(name: "retry-after").flatMap(RetryPolicy.retryAfterSeconds)
        switch status {
        case 429, 500...599, 408:
            return ServerError(reason: .unavailable, status: status, retryAfter: retryAfter,
                               message: "HTTP \(status)\(detail.isEmpty ? "" : ": \(detail)")")
        case 401, 403:
            return ServerError(reason: .rejected, status: status,
                               message: "HTTP \(status): the server refused the key\(detail.isEmpty ? "" : " (\(detail))"); set the environment variable named by api_key_env to a valid key")
        case 404:
            return ServerError(reason: .rejected, status: status,
                               message: "HTTP 404\(detail.isEmpty ? "" : ": \(detail)"); check [systems.server] url (it should end in /v1) and model (the server's own name for it)")
        default:
            return ServerError(reason: .rejected, status: status,
                               message: "HTTP \(status)\(detail.isEmpty ? "" : ": \(detail)"); the server rejects the request: check [systems.sampling], [systems.thinking] and extra")
        }
    }

    static func format(_ seconds: Double) -> String {
        seconds == seconds.rounded() ? String(Int(seconds)) : String(format: "%.1f", seconds)
    }
}
