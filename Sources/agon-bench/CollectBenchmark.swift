import AgonCollect
import AgonCommandLine
import AgonCore
import ArgumentParser
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Hidden: `agon collect`'s throughput against a real server, side by side with a minimal client
/// (`Scripts/bench-minimal-client.py`, Python asyncio) sending the very same request bodies, at
/// each concurrency; and Agon's own CPU per request. Agon runs in-process through the collector
/// with its real journals (fsync and all) and its model-detail request, in a temporary workspace.
/// Rounds interleave the two clients; each figure is the median over rounds.
struct CollectBenchmark: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "collect",
        abstract: "Tokens per second of agon collect vs a minimal client, against a real server.")

    @Option(help: "The server's OpenAI-compatible base URL.")
    var url = ProcessInfo.processInfo.environment["AGON_LLAMA_URL"] ?? "http://127.0.0.1:8181/v1"

    @Option(help: "The model name to send.")
    var model = "SmolLM2-135M-Instruct.Q4_1"

    @Option(help: "Requests per measurement.")
    var requests = 8

    @Option(help: "Concurrency levels (comma-separated).")
    var concurrency = "1,4"

    /// High enough that answers end by themselves: one cut at max_tokens is not an answer to Agon.
    @Option(help: "max_tokens of each request.")
    var maxTokens = 400

    @Option(help: "Rounds: each runs Agon and the minimal client once, in alternating order; medians are reported.")
    var rounds = 5

    @Option(help: "The minimal client script.")
    var client = "Scripts/bench-minimal-client.py"

    func run() throws {
        let levels = concurrency.split(separator: ",").compactMap { Int($0) }
        guard FileManager.default.fileExists(atPath: client) else { throw Failure("\(client) not found (run from the repository root or pass --client)") }
        print("bench-collect: \(requests) requests × max_tokens \(maxTokens) at \(url), non-streaming, temperature 0, "
              + "\(rounds) rounds a level; load average \(Self.loadAverage())")
        // Warm the server (model load, caches) so neither side pays for it.
        _ = try measureAgon(concurrency: 1, requests: 1, tag: "warm")
        var rows = [["concurrency", "agon tokens/s", "minimal tokens/s", "ratio (median)", "ratio range", "agon CPU ms/request", "tokens agon = minimal"]]
        for level in levels {
            var agonRates: [Double] = [], minimalRates: [Double] = [], ratios: [Double] = [], cpuPerRequest: [Double] = []
            var sameTokens = true
            for round in 0..<rounds {
                // Alternating who goes first cancels a drift in the server's speed within a round.
                var agon: (tokens: Int, seconds: Double, cpu: Double)?
                var minimal: (tokens: Int, seconds: Double)?
                for agonFirst in round % 2 == 0 ? [true, false] : [false, true] {
                    if agonFirst {
                        agon = try measureAgon(concurrency: level, requests: requests, tag: "c\(level)r\(round)")
                    } else {
                        minimal = try measureMinimal(concurrency: level, tag: "c\(level)r\(round)")
                    }
                }
                guard let agon, let minimal else { continue }
                let agonRate = Double(agon.tokens) / agon.seconds, minimalRate = Double(minimal.tokens) / minimal.seconds
                agonRates.append(agonRate)
                minimalRates.append(minimalRate)
                ratios.append(agonRate / minimalRate)
                cpuPerRequest.append(agon.cpu * 1000 / Double(requests))
                sameTokens = sameTokens && agon.tokens == minimal.tokens
                print(String(format: "  c%d round %d: agon %.1f tok/s (%d tokens), minimal %.1f tok/s (%d tokens), ratio %.3f",
                             level, round + 1, agonRate, agon.tokens, minimalRate, minimal.tokens, agonRate / minimalRate))
            }
            rows.append(["\(level)", String(format: "%.1f", Self.median(agonRates)), String(format: "%.1f", Self.median(minimalRates)),
                         String(format: "%.3f", Self.median(ratios)),
                         String(format: "%.3f–%.3f", ratios.min() ?? .nan, ratios.max() ?? .nan),
                         String(format: "%.2f", Self.median(cpuPerRequest)), sameTokens ? "yes" : "no (lengths differ)"])
        }
        print(PlainTable.render(rows))
        print("load average at the end \(Self.loadAverage())")
    }

    static func median(_ values: [Double]) -> Double { BootstrapPercentile.of(values, 0.5) ?? .nan }

    private func study(concurrency: Int, requests: Int, tag: String) -> Study {
        let settings = GenerationSettings(
            server: ServerSettings(url: url, model: model, kind: .openai, concurrency: concurrency, timeoutSeconds: 900, stream: false),
            // Greedy, so both clients get the same answers and the same number of tokens to time.
            sampling: SamplingSettings(temperature: 0, seed: 1, maxTokens: maxTokens))
        // The same prompts for both clients at a level (the tag only names the folder).
        let tasks = (1...requests).map { StudyTask(id: "t\($0)", category: "bench", prompt: "In one sentence, what does resistance mean to a musician? (\($0))") }
        return Study(id: "bench-\(tag)", title: "bench", description: "", rubricID: "none",
                     systems: [StudySystem(id: "bench", label: "bench"), StudySystem(id: "unused", label: "unused")],
                     tasks: tasks, design: StudyDesign(seed: 1), generation: ["bench": settings])
    }

    private func measureAgon(concurrency: Int, requests: Int, tag: String) throws -> (tokens: Int, seconds: Double, cpu: Double) {
        let folder = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("agon-bench-collect-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let study = study(concurrency: concurrency, requests: requests, tag: tag)
        let journal = try CollectionJournal(file: folder.appendingPathComponent("collection.jsonl"), study: study.id)
        let answers = try AnswersFileWriter(file: folder.appendingPathComponent("answers.jsonl"), display: "answers.jsonl")
        let plan = CollectionPlan.make(study: study, systems: "bench", samples: 1, present: [], failed: [], retryFailed: false)
        let collector = Collector(study: study, journal: journal, answers: answers, environment: [:],
                                  policy: RetryPolicy(maxAttempts: 1), stop: StopSignal(), events: { _ in })
        let cpuBefore = Self.cpuSeconds()
        let started = MonotonicClock.nanoseconds()
        let summaries = BlockingResult.run { await collector.run(plan) }
        let seconds = Double(MonotonicClock.nanoseconds() - started) / 1e9
        let cpu = Self.cpuSeconds() - cpuBefore
        guard let summary = summaries.first, summary.saved == requests else {
            throw Failure("agon did not collect every answer: \(summaries.first?.failed.values.first ?? summaries.first?.stopped ?? "?")")
        }
        return (summary.completionTokens, seconds, cpu)
    }

    private func measureMinimal(concurrency: Int, tag: String) throws -> (tokens: Int, seconds: Double) {
        let study = study(concurrency: concurrency, requests: requests, tag: tag)
        let settings = study.generation["bench"]!
        let bodies = study.tasks.map {
            String(decoding: ChatRequest.body(prompt: $0.prompt, sample: 1, settings: settings, server: settings.server!,
                                              adapter: adapter(for: .openai)).body, as: UTF8.self)
        }
        let file = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("agon-bench-bodies-\(UUID().uuidString).jsonl")
        try Data((bodies.joined(separator: "\n") + "\n").utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", client, url + "/chat/completions", file.path, "\(concurrency)"]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0,
              let object = (try? JSONSerialization.jsonObject(with: output)) as? [String: Any],
              let seconds = (object["seconds"] as? NSNumber)?.doubleValue,
              let tokens = (object["completion_tokens"] as? NSNumber)?.intValue else {
            throw Failure("the minimal client failed: \(String(decoding: output, as: UTF8.self))")
        }
        return (tokens, seconds)
    }

    static func cpuSeconds() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return Double(usage.ru_utime.tv_sec) + Double(usage.ru_utime.tv_usec) / 1e6
            + Double(usage.ru_stime.tv_sec) + Double(usage.ru_stime.tv_usec) / 1e6
    }

    static func loadAverage() -> String {
        var loads = [Double](repeating: 0, count: 3)
        return getloadavg(&loads, 3) == 3 ? loads.map { String(format: "%.2f", $0) }.joined(separator: " ") : "?"
    }
}
