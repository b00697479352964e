import Foundation
import Testing
@testable import AgonCore

/// `[systems.server]`, `[systems.sampling]`, `[systems.thinking]` and `extra`, as the issue shows them.
struct GenerationSettingsTests {
    static let study = """
    id = "s"
    rubric = "r"
    [design]
    samples = 3
    [[systems]]
    id = "hicap"
    [systems.server]
    url = "http://127.0.0.1:8080/v1"     # any OpenAI-compatible base URL
    model = "llama-3.3-70b-instruct"
    api_key_env = "HICAP_KEY"
    kind = "auto"
    concurrency = 4
    timeout_s = 900
    extra = { min_p = 0.05, chat_template_kwargs = { foo = "bar" } }
    [systems.sampling]
    temperature = 0.8
    top_p = 0.95
    seed = 7
    max_tokens = 2000
    [systems.thinking]
    enabled = true
    budget_tokens = -1
    [[systems]]
    id = "locap"
    [[tasks]]
    id = "t1"
    prompt = "P"
    """

    @Test func theIssuesExampleParses() throws {
        let study = try StudyLoader.parse(text: Self.study, file: "study.toml", expectedID: "s")
        #expect(study.design.samples == 3)
        let settings = try #require(study.generation["hicap"])
        #expect(study.generation["locap"] == nil)
        let server = try #require(settings.server)
        #expect(server.url == "http://127.0.0.1:8080/v1" && server.model == "llama-3.3-70b-instruct")
        #expect(server.apiKeyEnv == "HICAP_KEY" && server.kind == .auto && server.concurrency == 4 && server.timeoutSeconds == 900)
        #expect(server.extra["min_p"] == .double(0.05))
        #expect(server.extra["chat_template_kwargs"] == .object(["foo": .string("bar")]))
        #expect(settings.sampling == SamplingSettings(temperature: 0.8, topP: 0.95, seed: 7, maxTokens: 2000))
        #expect(settings.thinking == ThinkingSettings(enabled: true, budgetTokens: -1))
        #expect(settings.sampling.seed(forSample: 1) == 7 && settings.sampling.seed(forSample: 3) == 9)
        #expect(settings.line == 5)
    }

    @Test(arguments: [
        ("kind = \"auto\"", "kind = \"tgi\"", 11, "unknown server kind `tgi`"),
        ("api_key_env = \"HICAP_KEY\"", "api_key_env = \"sk-abc123-secret\"", 10, "NAME of an environment variable"),
        ("concurrency = 4", "concurrency = 0", 12, "`concurrency` must be between 1 and 256"),
        ("timeout_s = 900", "timeout_s = -1", 13, "`timeout_s` must be a positive number"),
        ("url = \"http://127.0.0.1:8080/v1\"     # any OpenAI-compatible base URL", "url = \"127.0.0.1:8080\"", 8, "`url` must be an http:// or https:// address"),
        ("model = \"llama-3.3-70b-instruct\"", "", 7, "missing `model`"),
        ("concurrency = 4", "concurrency = 4\nretries = 3", 13, "unknown key `retries`"),
        ("extra = { min_p = 0.05, chat_template_kwargs = { foo = \"bar\" } }", "extra = { model = \"other\" }", 14, "`extra` may not set `model`"),
        ("temperature = 0.8", "temperature = -1", 16, "`temperature` must be between 0 and 5"),
        ("top_p = 0.95", "top_p = 0", 17, "`top_p` must be above 0"),
        ("max_tokens = 2000", "max_tokens = 0", 19, "`max_tokens` must be at least 1"),
        ("seed = 7", "seed = -2", 18, "`seed` must be between 0"),
        ("budget_tokens = -1", "budget_tokens = -5", 22, "`budget_tokens` is -1 (unlimited), 0 (off)"),
        ("enabled = true", "enabled = false", 22, "thinking is disabled (`enabled = false`) but `budget_tokens` is -1"),
        ("max_tokens = 2000", "max_tokens = 2000\nextra = { a = 1 }", 20, "`extra` belongs in the system's `[systems.server]` table"),
        ("samples = 3", "samples = 0", 4, "samples must be between 1 and 100"),
    ])
    func eachProblemIsReportedAtItsLine(original: String, replacement: String, line: Int, message: String) {
        let text = Self.study.replacingOccurrences(of: original, with: replacement)
        let found = diagnostics { _ = try StudyLoader.parse(text: text, file: "study.toml", expectedID: "s") }
        #expect(found.contains { $0.line == line && $0.message.contains(message) }, "\(found)")
    }

    @Test func aKeyPastedIntoApiKeyEnvIsNeverRepeatedInTheMessage() {
        let text = Self.study.replacingOccurrences(of: "api_key_env = \"HICAP_KEY\"", with: "api_key_env = \"sk-live-0123456789\"")
        let found = diagnostics { _ = try StudyLoader.parse(text: text, file: "study.toml", expectedID: "s") }
        #expect(!found.isEmpty)
        #expect(!found.contains { $0.message.contains("sk-live") })
    }

    @Test func theSummaryNamesTheSettings() throws {
        let study = try StudyLoader.parse(text: Self.study, file: "study.toml", expectedID: "s")
        let summary = study.generation["hicap"]!.summary
        #expect(summary.contains("temperature 0.8") && summary.contains("top_p 0.95") && summary.contains("seed 7"))
        #expect(summary.contains("max 2000 tokens") && summary.contains("thinking on") && summary.contains("min_p 0.05"))
    }
}
