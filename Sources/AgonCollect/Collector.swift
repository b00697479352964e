import AgonCore
import Foundation

/// Asks each system's server for the slots a plan lists, `concurrency` at a time per system and
/// all systems at once, and hands every answer and failure to the core's journals: the collection
/// journal first, then `answers.jsonl`. An error, an empty answer or one cut by `finish_reason =
/// length` is never stored as an answer; it is retried, then reported.
public final class Collector: Sendable {
    public enum Event: Sendable {
        case started(system: String, kind: ServerKind, report: ServerReport, warnings: [String], notes: [String], total: Int)
        case saved(system: String, slot: AnswerSlot, completionTokens: Int?, seconds: Double)
        case attemptFailed(system: String, slot: AnswerSlot, error: ServerError, attempt: Int, retryInSeconds: Double?)
        case stopped(system: String, message: String)
    }

    public struct SystemSummary: Sendable {
        public var system: String
        public var asked = 0
        public var saved = 0
        public var failed: [AnswerSlot: String] = [:]
        public var stopped: String?
        public var completionTokens = 0
        public var seconds = 0.0
        public var report: ServerReport?
        public var warnings: [String] = []
        public var notes: [String] = []
    }

    let study: Study
    let journal: CollectionJournal
    let answers: AnswersFileWriter
    let environment: [String: String]
    let policy: RetryPolicy
    let stop: StopSignal
    let emit: @Sendable (Event) -> Void

    public init(study: Study, journal: CollectionJournal, answers: AnswersFileWriter, environment: [String: String],
                policy: RetryPolicy, stop: StopSignal, events: @escaping @Sendable (Event) -> Void) {
        self.study = study
        self.journal = journal
        self.answers = answers
        self.environment = environment
        self.policy = policy
        self.stop = stop
        emit = events
    }

    public func run(_ plan: CollectionPlan) async -> [SystemSummary] {
        await withTaskGroup(of: SystemSummary.self) { group in
            for (system, slots) in plan.toAsk where !slots.isEmpty {
                group.addTask { await self.collect(system: system, slots: slots) }
            }
            var summaries: [SystemSummary] = []
            for await summary in group { summaries.append(summary) }
            let order = plan.toAsk.map(\.system)
            return summaries.sorted { order.firstIndex(of: $0.system)! < order.firstIndex(of: $1.system)! }
        }
    }

    /// Reads the server's report of its model and the declared profile's mismatches, for a system.
    public static func connect(system: StudySystem, settings: GenerationSettings, server: ServerSettings,
                               environment: [String: String]) async -> (ServerConnection, any ServerAdapter, ServerReport, [String: Data]) {
        let key = server.apiKeyEnv.flatMap { environment[$0] }
        let connection = ServerConnection(baseURL: server.url, apiKey: key, timeoutSeconds: server.timeoutSeconds,
                                          concurrency: server.concurrency)
        let kind = server.kind == .auto ? await KindDetection.detect(connection) : server.kind
        let adapter = adapter(for: kind)
        let (report, raw) = await adapter.report(connection, model: server.model)
        return (connection, adapter, report, raw)
    }

    private func collect(system id: String, slots: [AnswerSlot]) async -> SystemSummary {
        var summary = SystemSummary(system: id)
        guard let system = study.system(id: id), let settings = study.generation[id], let server = settings.server else { return summary }
        if let name = server.apiKeyEnv, environment[name]?.isEmpty ?? true {
            summary.stopped = "the environment variable \(name) (api_key_env) is not set; export it with the server's key"
            emit(.stopped(system: id, message: summary.stopped!))
            return summary
        }
        let (connection, adapter, report, raw) = await Self.connect(system: system, settings: settings, server: server, environment: environment)
        defer { Task { await connection.shutdown() } }
        summary.report = report
        summary.warnings = ProfileCheck.warnings(system: system, generation: settings, report: report)
        if let note = ChatRequest.body(prompt: "", sample: 1, settings: settings, server: server, adapter: adapter).note {
            summary.notes.append(note)
        }
        do {
            try journal.append(.server(system: id, report: report, raw: raw, at: Date()))
        } catch {
            summary.stopped = "cannot write the collection journal: \(error.message)"
            stop.abandon()
            return summary
        }
        emit(.started(system: id, kind: adapter.kind, report: report, warnings: summary.warnings, notes: summary.notes, total: slots.count))
        let state = SystemState(slots: slots)
        let began = ContinuousClock.now
        await withTaskGroup(of: Void.self) { group in
            for _ in 0..<min(server.concurrency, max(slots.count, 1)) {
                group.addTask {
                    while let slot = state.next(stop: self.stop) {
                        await self.ask(slot: slot, system: system, settings: settings, server: server,
                                       connection: connection, adapter: adapter, report: report, state: state)
                    }
                }
            }
        }
        let outcome = state.outcome()
        summary.asked = outcome.asked
        summary.saved = outcome.saved
        summary.failed = outcome.failed
        summary.completionTokens = outcome.tokens
        summary.stopped = outcome.stopped
        summary.seconds = Self.seconds(ContinuousClock.now - began)
        if let stopped = outcome.stopped { emit(.stopped(system: id, message: stopped)) }
        return summary
    }

    private func ask(slot: AnswerSlot, system: StudySystem, settings: GenerationSettings, server: ServerSettings,
                     connection: ServerConnection, adapter: any ServerAdapter, report: ServerReport, state: SystemState) async {
        guard let task = study.task(id: slot.task) else { return }
        let body = ChatRequest.body(prompt: task.prompt, sample: slot.sample, settings: settings, server: server, adapter: adapter).body
        let reader = adapter.reader
        var attempt = 0
        while true {
            attempt += 1
            let started = Date()
            let clock = ContinuousClock.now
            let firstToken = FirstToken()
            do throws(ServerError) {
                let completion = try await connection.complete(body: body, stream: server.stream, reader: reader, route: adapter.chatRoute) {
                    firstToken.mark(ContinuousClock.now - clock)
                }
                if let (reason, message) = completion.unusable {
                    throw ServerError(reason: reason == .length ? .length : .empty, status: 200, message: message)
                }
                let latency = Self.seconds(ContinuousClock.now - clock)
                let answer = CollectedAnswer(
                    slot: slot, text: completion.text, thinking: completion.thinking, thinkingTokens: completion.thinkingTokens,
                    finishReason: completion.finishReason, promptTokens: completion.promptTokens,
                    completionTokens: completion.completionTokens, latencySeconds: latency,
                    timeToFirstTokenSeconds: server.stream ? firstToken.seconds : nil, request: body, endpoint: connection.chatURL(for: adapter.chatRoute),
                    responseModel: completion.model, serverReport: report, started: started, finished: Date(), attempts: attempt)
                do {
                    try journal.append(.answer(answer))
                    try answers.append(answer)
                } catch {
                    state.stop("cannot save: \(error)")
                    stop.abandon()
                    return
                }
                state.saved(tokens: completion.completionTokens ?? completion.contentDeltas)
                emit(.saved(system: system.id, slot: slot, completionTokens: completion.completionTokens, seconds: latency))
                return
            } catch {
                if error.reason == .cancelled || Task.isCancelled {
                    try? journal.append(.failure(CollectionFailure(slot: slot, reason: .cancelled, message: "abandoned by Ctrl-C",
                                                                   attempt: attempt, final: false)))
                    state.abandoned()
                    return
                }
                let retry = policy.shouldRetry(error.reason, attempt: attempt) && !stop.abandoned
                let wait = retry ? policy.delay(afterAttempt: attempt, retryAfter: error.retryAfter, random: Double.random(in: 0..<1)) : nil
                let failure = CollectionFailure(slot: slot, reason: error.reason, status: error.status, message: error.message,
                                                attempt: attempt, final: !retry)
                do { try journal.append(.failure(failure)) } catch {
                    state.stop("cannot write the collection journal: \(error.message)")
                    stop.abandon()
                    return
                }
                emit(.attemptFailed(system: system.id, slot: slot, error: error, attempt: attempt, retryInSeconds: wait))
                if error.reason == .rejected {
                    state.stop(error.message)
                    state.failed(slot, error.message)
                    return
                }
                guard let wait else {
                    state.failed(slot, "\(error.message) (after \(attempt) attempt\(attempt == 1 ? "" : "s"))")
                    return
                }
                do {
                    try await Task.sleep(for: .milliseconds(Int(wait * 1000)))
                } catch {
                    state.abandoned()
                    return
                }
                if stop.abandoned {
                    state.abandoned()
                    return
                }
            }
        }
    }

    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }
}

/// Ctrl-C: the first stops new requests (those in flight finish and are saved); the second
/// abandons those in flight too.
public final class StopSignal: @unchecked Sendable {
    private let lock = NSLock()
    private var finishing = false
    private var abandoning = false

    public init() {}

    public var requested: Bool { lock.withLock { finishing || abandoning } }
    public var abandoned: Bool { lock.withLock { abandoning } }

    /// Returns true when this was the first request to stop.
    @discardableResult
    public func request() -> Bool {
        lock.withLock {
            if finishing { abandoning = true; return false }
            finishing = true
            return true
        }
    }

    public func abandon() { lock.withLock { finishing = true; abandoning = true } }
}

/// The shared queue and tallies of one system's workers.
final class SystemState: @unchecked Sendable {
    private let lock = NSLock()
    private var slots: [AnswerSlot]
    private var position = 0
    private var asked = 0
    private var savedCount = 0
    private var tokens = 0
    private var failedSlots: [AnswerSlot: String] = [:]
    private var stopMessage: String?
    private var consecutiveFailures = 0

    init(slots: [AnswerSlot]) {
        self.slots = slots
    }

    func next(stop: StopSignal) -> AnswerSlot? {
        lock.withLock {
            guard stopMessage == nil, !stop.requested, position < slots.count else { return nil }
            defer { position += 1 }
            asked += 1
            return slots[position]
        }
    }

    func saved(tokens more: Int) {
        lock.withLock {
            savedCount += 1
            tokens += more
            consecutiveFailures = 0
        }
    }

    func failed(_ slot: AnswerSlot, _ message: String) {
        lock.withLock {
            failedSlots[slot] = message
            consecutiveFailures += 1
            // A server that gave nothing for three slots in a row, each after all its retries, is
            // down: stop asking it rather than spend the whole plan's retries on it.
            if consecutiveFailures >= 3, savedCount == 0, stopMessage == nil {
                stopMessage = "three answers in a row failed after every retry (last: \(message)); is the server up? Run again to continue"
            }
        }
    }

    func abandoned() {
        lock.withLock { asked -= 1 }
    }

    func stop(_ message: String) {
        lock.withLock { if stopMessage == nil { stopMessage = message } }
    }

    func outcome() -> (asked: Int, saved: Int, failed: [AnswerSlot: String], tokens: Int, stopped: String?) {
        lock.withLock { (asked, savedCount, failedSlots, tokens, stopMessage) }
    }
}

/// Time to the first token, set once by the streaming reader.
final class FirstToken: @unchecked Sendable {
    private let lock = NSLock()
    private var duration: Duration?

    func mark(_ elapsed: Duration) {
        lock.withLock { if duration == nil { duration = elapsed } }
    }

    var seconds: Double? { lock.withLock { duration.map(Collector.seconds) } }
}
