import Foundation
import Testing
@testable import AgonCollect
@testable import AgonCore

/// What each server kind is sent for the study's thinking settings: the documented control where
/// the server has one (see each adapter's comment for the source), an honest note where it has none.
struct ThinkingRequestTests {
    static func body(_ kind: ServerKind, enabled: Bool? = nil, budget: Int? = nil, stream: Bool = false,
                     extra: [String: BodyValue] = [:]) throws -> (body: [String: Any], note: String?) {
        let settings = GenerationSettings(
            server: ServerSettings(url: "http://127.0.0.1:1/v1", model: "m", kind: kind, stream: stream, extra: extra),
            sampling: SamplingSettings(temperature: 0.8, topP: 0.95, seed: 7, maxTokens: 2000),
            thinking: ThinkingSettings(enabled: enabled, budgetTokens: budget))
        let built = ChatRequest.body(prompt: "p", sample: 2, settings: settings, server: settings.server!, adapter: adapter(for: kind))
        let object = try #require(try JSONSerialization.jsonObject(with: built.body) as? [String: Any])
        return (object, built.note)
    }

    static func templateKwargs(_ body: [String: Any]) -> [String: Any] { body["chat_template_kwargs"] as? [String: Any] ?? [:] }

    @Test func llamaCppSendsItsPerRequestBudget() throws {
        let capped = try Self.body(.llamaCpp, budget: 2048)
        #expect(capped.body["thinking_budget_tokens"] as? Int == 2048 && capped.note == nil)
        #expect(Self.templateKwargs(capped.body)["enable_thinking"] as? Bool == true)
        let off = try Self.body(.llamaCpp, budget: 0)
        #expect(off.body["thinking_budget_tokens"] as? Int == 0 && off.body["reasoning_effort"] as? String == "none")
        #expect(Self.templateKwargs(off.body)["enable_thinking"] as? Bool == false)
        let unlimited = try Self.body(.llamaCpp, enabled: true, budget: -1)
        #expect(unlimited.body["thinking_budget_tokens"] == nil, "-1 would mean the server's own default, not unlimited")
        #expect(Self.templateKwargs(unlimited.body)["enable_thinking"] as? Bool == true)
    }

    @Test func vllmSendsThinkingTokenBudgetOnlyForACap() throws {
        let capped = try Self.body(.vllm, budget: 512)
        #expect(capped.body["thinking_token_budget"] as? Int == 512 && capped.note == nil)
        #expect(Self.templateKwargs(capped.body)["enable_thinking"] as? Bool == true)
        let off = try Self.body(.vllm, enabled: false)
        #expect(off.body["thinking_token_budget"] == nil && Self.templateKwargs(off.body)["enable_thinking"] as? Bool == false)
    }

    @Test func sglangSendsTheStrictBudgetAndTheTemplateHint() throws {
        let capped = try Self.body(.sglang, budget: 1000)
        #expect((capped.body["custom_params"] as? [String: Any])?["thinking_budget"] as? Int == 1000)
        #expect(Self.templateKwargs(capped.body)["thinking_budget"] as? Int == 1000)
        #expect(Self.templateKwargs(capped.body)["enable_thinking"] as? Bool == true && capped.body["separate_reasoning"] as? Bool == true)
        #expect(capped.note == nil)
        let unlimited = try Self.body(.sglang, budget: -1)
        #expect(unlimited.body["custom_params"] == nil && Self.templateKwargs(unlimited.body)["thinking_budget"] == nil)
    }

    @Test func ollamaGetsItsNativeBodyWithThinkAndOptions() throws {
        let on = try Self.body(.ollama, enabled: true, stream: true)
        #expect(on.body["think"] as? Bool == true)
        let options = try #require(on.body["options"] as? [String: Any])
        #expect(options["temperature"] as? Double == 0.8 && options["top_p"] as? Double == 0.95)
        #expect(options["seed"] as? Int == 8, "sample 2 asks with seed 7 + 1")
        #expect(options["num_predict"] as? Int == 2000)
        for openAIOnly in ["max_tokens", "temperature", "top_p", "seed", "stream_options", "reasoning_effort"] {
            #expect(on.body[openAIOnly] == nil, "\(openAIOnly) belongs to the OpenAI route")
        }
        #expect(on.body["stream"] as? Bool == true && on.body["model"] as? String == "m")
        #expect(try Self.body(.ollama, enabled: false).body["think"] as? Bool == false)
        #expect(try Self.body(.ollama).body["think"] == nil, "no thinking settings: the model's default")
    }

    @Test func ollamaExtraJoinsTheOptionsAndCanSetALevel() throws {
        let built = try Self.body(.ollama, enabled: true, extra: ["options": .object(["num_ctx": .int(8192)]), "think": .string("high")])
        let options = try #require(built.body["options"] as? [String: Any])
        #expect(options["num_ctx"] as? Int == 8192 && options["num_predict"] as? Int == 2000)
        #expect(built.body["think"] as? String == "high", "gpt-oss takes a level, set through extra")
    }

    @Test(arguments: [ServerKind.ollama, .lmstudio, .openai])
    func kindsWithoutATokenBudgetSayItIsNotSent(kind: ServerKind) throws {
        let built = try Self.body(kind, budget: 4096)
        #expect(built.note == "\(kind.rawValue) takes no per-request thinking budget; 4096 tokens is not sent (set it on the server, or pass it through extra)")
        #expect(!String(decoding: try JSONSerialization.data(withJSONObject: built.body), as: UTF8.self).contains("4096"))
    }

    @Test(arguments: [ServerKind.llamaCpp, .vllm, .sglang, .lmstudio, .openai, .ollama])
    func noThinkingSettingsSendNoThinkingControl(kind: ServerKind) throws {
        let built = try Self.body(kind)
        for key in ["chat_template_kwargs", "reasoning_effort", "think", "thinking_budget_tokens", "thinking_token_budget", "custom_params"] {
            #expect(built.body[key] == nil, "\(kind.rawValue): \(key)")
        }
        #expect(built.note == nil)
    }

    @Test func theChatEndpointFollowsTheRoute() {
        #expect(ChatRoute.openAI.url(forBase: "http://h:8080/v1/") == "http://h:8080/v1/chat/completions")
        #expect(ChatRoute.ollamaNative.url(forBase: "http://h:11434/v1") == "http://h:11434/api/chat")
        #expect(ChatRoute.ollamaNative.url(forBase: "http://h:11434") == "http://h:11434/api/chat")
        #expect(adapter(for: .ollama).chatRoute == .ollamaNative && adapter(for: .vllm).chatRoute == .openAI)
    }
}
