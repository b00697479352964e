import Foundation
import Testing
@testable import AgonCore
#if canImport(Glibc)
import Glibc
#endif

/// `agon collect` against the stand-in server: what a healthy server never does.
@Suite(.serialized)
struct CollectFaultTests {
    static let prompts = ["Rewrite the myth of Sisyphus as a hypothesis about AGI", "Rethink the word resistance"]

    @Test func everyTransientFaultIsRetriedAndNoFailureIsStoredAsAnAnswer() throws {
        let server = try FaultServer()
        let scenarios: [(String, Bool, Double)] = [("r429", true, 30), ("r500", false, 30), ("stall", true, 1), ("drop", true, 30),
                                                   ("malformed", false, 30), ("empty", true, 30), ("length", false, 30)]
        let space = CollectWorkspace(systems: scenarios.map { .init(id: $0.0, url: server.url($0.0), stream: $0.1, timeout: $0.2) },
                                     tasks: Self.prompts)
        let run = space.collect()
        #expect(run.status == 0, "\(run.output)\n\(run.error)")
        let answers = space.answers()
        #expect(answers.count == scenarios.count * Self.prompts.count)
        #expect(Set(answers.map(\.slot)).count == answers.count, "no slot twice")
        for answer in answers {
            #expect(answer.text.hasPrefix("The stone rolls back"), "only real answers are stored: \(answer)")
        }
        let failures = space.failureRecords()
        func reasons(_ system: String) -> Set<CollectionFailure.Reason> { Set(failures.filter { $0.slot.system == system }.map(\.reason)) }
        #expect(reasons("r429") == [.unavailable] && failures.contains { $0.slot.system == "r429" && $0.status == 429 })
        #expect(reasons("r500") == [.unavailable] && failures.filter { $0.slot.system == "r500" }.count == 4, "two 500s per task")
        #expect(reasons("stall") == [.timeout])
        #expect(reasons("drop") == [.dropped])
        #expect(reasons("malformed") == [.malformed])
        #expect(reasons("empty") == [.empty])
        #expect(reasons("length") == [.length])
        #expect(!failures.contains { $0.final }, "every fault was overcome")
        #expect(space.answerRecords().allSatisfy { $0.attempts >= 2 })
        // The 429 said Retry-After: 1; the retry waited for it.
        let r429 = space.records().compactMap { record -> (Date, Date)? in
            if case .failure(let failure) = record, failure.slot.system == "r429", failure.slot.task == "t1" { return (failure.at, failure.at) }
            return nil
        }
        let answer429 = try #require(space.answerRecords().first { $0.slot.system == "r429" && $0.slot.task == "t1" })
        #expect(answer429.started.timeIntervalSince(try #require(r429.first).0) >= 0.9)
    }

    @Test func aPermanentErrorStopsThatSystemWithAFixAndTheOthersGoOn() throws {
        let server = try FaultServer()
        let space = CollectWorkspace(systems: [.init(id: "keyless", url: server.url("reject401")),
                                               .init(id: "missing", url: server.url("model404"), stream: false),
                                               .init(id: "fine", url: server.url("ok"))],
                                     tasks: Self.prompts)
        let run = space.collect()
        #expect(run.status == 1)
        #expect(run.output.contains("keyless: stopped: HTTP 401") && run.output.contains("api_key_env"), "\(run.output)")
        #expect(run.output.contains("missing: stopped: HTTP 404") && run.output.contains("check [systems.server] url"), "\(run.output)")
        #expect(run.error.contains("4 answers still missing"), "\(run.error)")
        #expect(space.answers().map(\.slot.system) == ["fine", "fine"])
        let failures = space.failureRecords()
        #expect(failures.filter { $0.slot.system == "keyless" }.count == 1, "a rejection is not retried, and the system stops at once")
        #expect(failures.allSatisfy { $0.final && $0.reason == .rejected })
    }

    @Test func eachServerKindsReasoningIsKeptApartAndTheProfileIsChecked() throws {
        let server = try FaultServer()
        let space = CollectWorkspace(systems: [
            .init(id: "llamacpp", url: server.url("llamacpp"), profile: "quantisation_bits = 4\ncontext_tokens = 8192"),
            .init(id: "vllm", url: server.url("vllm"), stream: false),
            .init(id: "ollama", url: server.url("ollama"), profile: "experts_total = 128\nexperts_active = 16",
                  sampling: "temperature = 0.7\nseed = 11\nmax_tokens = 200\n[systems.thinking]\nenabled = true"),
            .init(id: "ollamawhole", url: server.url("ollama"), stream: false, kind: "ollama"),
            .init(id: "sglang", url: server.url("sglang"), stream: false),
            .init(id: "lmstudio", url: server.url("lmstudio")),
            .init(id: "inline", url: server.url("inline"), kind: "openai"),
        ], tasks: [Self.prompts[0]])
        let run = space.collect()
        #expect(run.status == 0, "\(run.output)\n\(run.error)")
        var kinds: [String: String] = [:]
        for record in space.records() {
            if case .server(let system, let report, _, _) = record { kinds[system] = report.kind }
        }
        #expect(kinds == ["llamacpp": "llama.cpp", "vllm": "vllm", "ollama": "ollama", "ollamawhole": "ollama", "sglang": "sglang",
                          "lmstudio": "lmstudio", "inline": "openai"])
        // Ollama is asked on its own route (the stand-in refuses OpenAI fields there), streamed as
        // newline-delimited JSON or whole, with `think` from [systems.thinking].
        for system in ["ollama", "ollamawhole"] {
            let record = try #require(space.answerRecords().first { $0.slot.system == system })
            #expect(record.endpoint == "http://127.0.0.1:\(server.port)/ollama/api/chat")
            let body = try #require(try JSONSerialization.jsonObject(with: record.request) as? [String: Any])
            #expect((body["options"] as? [String: Any])?["num_predict"] as? Int == 200)
            #expect(body["think"] as? Bool == (system == "ollama" ? true : nil))
            #expect(record.completionTokens ?? 0 > 0 && record.promptTokens ?? 0 > 0)
        }
        for answer in space.answerRecords() {
            #expect(answer.thinking == "First consider the myth, then the machine.", "\(answer.slot.system): \(answer.thinking ?? "nil")")
            #expect(!answer.text.contains("consider the myth") && !answer.text.contains("<think>"))
        }
        for (_, text) in space.answers() { #expect(!text.contains("consider the myth"), "thinking never reaches raters") }
        #expect(run.output.contains("warning: llamacpp: declared 4-bit but the server reports F16 (16-bit)"), "\(run.output)")
        #expect(run.output.contains("warning: llamacpp: declared 8192 tokens of context but the server runs with n_ctx 32768"), "\(run.output)")
        #expect(run.output.contains("warning: ollama: declared 16 active experts but the server uses 8"), "\(run.output)")
        let ollama = try #require(space.answerRecords().first { $0.slot.system == "ollama" }?.serverReport)
        #expect(ollama.quantisation == "Q4_K_M" && ollama.contextTokens == 8192 && ollama.expertsTotal == 128)
        // The same checks in validate, from the journal.
        let validate = AgonProcess.run(["validate", "gen"], home: space.root)
        #expect(validate.output.contains("warning: llamacpp: declared 4-bit but the server reports F16"), "\(validate.output)\(validate.error)")
    }

    @Test func failedAnswersWaitForRetryFailed() throws {
        let server = try FaultServer()
        let space = CollectWorkspace(systems: [.init(id: "broken", url: server.url("always500")), .init(id: "fine", url: server.url("ok"))],
                                     tasks: [Self.prompts[0]])
        let first = space.collect(["--max-attempts", "2"])
        #expect(first.status == 1)
        #expect(first.output.contains("failed: t1 · broken · sample 1: HTTP 500"), "\(first.output)")
        #expect(space.failureRecords().count == 2)
        let second = space.collect(["--max-attempts", "2"])
        #expect(second.status == 1)
        #expect(second.output.contains("1 answer failed in an earlier run and is not asked again (use --retry-failed)"), "\(second.output)")
        #expect(space.failureRecords().count == 2, "nothing asked")
        let third = space.collect(["--max-attempts", "2", "--retry-failed"])
        #expect(third.status == 1)
        #expect(space.failureRecords().count == 4)
        #expect(space.answers().count == 1)
    }

    @Test func aDryRunShowsTheFirstBodyAndAsksNothing() throws {
        let space = CollectWorkspace(systems: [.init(id: "a", url: "http://127.0.0.1:9/v1", kind: "vllm",
                                                     extraServer: "api_key_env = \"AGON_TEST_UNSET_KEY\"\nextra = { min_p = 0.05 }"),
                                               .init(id: "b", url: "http://127.0.0.1:9/v1")],
                                     tasks: Self.prompts, samples: 2)
        let run = space.collect(["--dry-run"])
        #expect(run.status == 0, "\(run.error)")
        #expect(run.output.contains("a: 4 to ask at http://127.0.0.1:9/v1"), "\(run.output)")
        #expect(run.output.contains("first request: POST http://127.0.0.1:9/v1/chat/completions"))
        #expect(run.output.contains("\"min_p\" : 0.05") && run.output.contains("\"seed\" : 11"), "\(run.output)")
        #expect(run.output.contains("key from $AGON_TEST_UNSET_KEY (not set!)"))
        #expect(run.output.contains("8 requests would be made"))
        #expect(!FileManager.default.fileExists(atPath: space.journalFile.path))
        let real = space.collect(["--system", "a"])
        #expect(real.status == 1)
        #expect(real.output.contains("AGON_TEST_UNSET_KEY (api_key_env) is not set"), "\(real.output)")
    }

    /// Kill -9 at random moments: every slot ends up in answers.jsonl exactly once, and every answer
    /// there is one the journal recorded.
    @Test func killedAtRandomMomentsNothingIsLostNothingDoubled() throws {
        let server = try FaultServer()
        let prompts = (1...8).map { "Question number \($0) about resistance" }
        let space = CollectWorkspace(systems: [.init(id: "slow", url: server.url("slow"), concurrency: 3),
                                               .init(id: "whole", url: server.url("slow"), stream: false, concurrency: 2)],
                                     tasks: prompts, samples: 2)
        var generator = SystemRandomNumberGenerator()
        var kills = 0
        var finished = false
        for _ in 0..<40 {
            let process = AgonProcess.start(["collect", "gen"], home: space.root)
            usleep(UInt32.random(in: 150_000...1_200_000, using: &generator))
            process.kill(SIGKILL)
            let status = process.wait()
            process.cleanUp()
            if status == 0 {
                finished = true
                break
            }
            kills += 1
        }
        if !finished {
            let last = space.collect()
            #expect(last.status == 0, "\(last.output)\n\(last.error)")
        }
        #expect(kills > 0, "at least one run was killed")
        let answers = space.answers()
        #expect(answers.count == 2 * prompts.count * 2, "\(answers.count) answers")
        #expect(Set(answers.map(\.slot)).count == answers.count, "nothing doubled")
        let recorded = Dictionary(space.answerRecords().map { ($0.slot, $0.text) }, uniquingKeysWith: { first, _ in first })
        for answer in answers { #expect(recorded[answer.slot] == answer.text, "every stored answer is one the journal recorded") }
        let rerun = space.collect()
        #expect(rerun.status == 0 && rerun.output.contains("nothing to collect"), "\(rerun.output)")
    }

    @Test func ctrlCFinishesWhatIsInFlightAndSaysWhatWasSaved() throws {
        let server = try FaultServer()
        let prompts = (1...12).map { "Slow question \($0)" }
        let space = CollectWorkspace(systems: [.init(id: "slow", url: server.url("slow")), .init(id: "other", url: server.url("slow"))],
                                     tasks: prompts)
        let process = AgonProcess.start(["collect", "gen"], home: space.root)
        usleep(1_500_000)
        process.kill(SIGINT)
        let status = process.wait()
        let output = process.output
        process.cleanUp()
        #expect(status == 130, "\(output)")
        #expect(output.contains("Ctrl-C: finishing the requests in flight"), "\(output)")
        #expect(output.contains("stopped:") && output.contains("answers saved this run"), "\(output)")
        let saved = space.answers().count
        #expect(saved < 24)
        #expect(space.collect().status == 0)
        #expect(space.answers().count == 24)
    }
}
