import Foundation
import Testing
@testable import AgonCollect
@testable import AgonCore

struct CompletionTests {
    @Test(arguments: [
        ("<think>plan it</think>\n\nThe answer.", "The answer.", "plan it"),
        ("  <think>a\nb</think>The answer.", "The answer.", "a\nb"),
        ("the template opened it</think>The answer.", "The answer.", "the template opened it"),
        ("<think>never closed", "", "never closed"),
        ("No thinking here.", "No thinking here.", nil),
    ] as [(String, String, String?)])
    func inlineThinkingIsSeparated(text: String, answer: String, thinking: String?) {
        var completion = Completion(text: text)
        completion.separateInlineThinking()
        #expect(completion.text == answer && completion.thinking == thinking)
    }

    @Test func emptyAndCutAnswersAreNotAnswers() {
        #expect(Completion(text: "  ", finishReason: "stop").unusable?.reason == .empty)
        #expect(Completion(text: "", thinking: "only this", finishReason: "stop").unusable?.message == "only thinking, no answer")
        #expect(Completion(text: "Half a sent", finishReason: "length").unusable?.reason == .length)
        #expect(Completion(text: "Whole.", finishReason: "stop").unusable == nil)
    }

    @Test func aStreamAccumulatesContentReasoningUsageAndFinish() throws {
        var stream = adapter(for: .vllm).reader.stream()
        #expect(try stream.consume(#"{"choices":[{"delta":{"role":"assistant","content":""}}]}"#) == false)
        #expect(try stream.consume(#"{"choices":[{"delta":{"reasoning":"think "}}]}"#) == true)
        #expect(try stream.consume(#"{"choices":[{"delta":{"reasoning":"more"}}]}"#) == false)
        #expect(try stream.consume(#"{"model":"m","choices":[{"delta":{"content":"Hello"}}]}"#) == false)
        _ = try stream.consume(#"{"choices":[{"delta":{},"finish_reason":"stop"}]}"#)
        _ = try stream.consume(#"{"choices":[],"usage":{"prompt_tokens":3,"completion_tokens":9}}"#)
        _ = try stream.consume("[DONE]")
        let completion = stream.finish()
        var expected = Completion(text: "Hello", thinking: "think more", finishReason: "stop", promptTokens: 3,
                                  completionTokens: 9, thinkingTokens: 2, model: "m")
        expected.contentDeltas = 1
        #expect(completion == expected)
    }

    @Test func malformedPayloadsAreErrorsNotAnswers() {
        var stream = adapter(for: .openai).reader.stream()
        #expect(throws: ChatResponseReader.Malformed.self) { _ = try stream.consume("{not json") }
        #expect(throws: ChatResponseReader.Malformed.self) {
            _ = try adapter(for: .openai).reader.read(body: Data(#"{"error":{"message":"bad"}}"#.utf8))
        }
        #expect(throws: ChatResponseReader.Malformed.self) { _ = try adapter(for: .openai).reader.read(body: Data("[1]".utf8)) }
    }

    @Test func retryWaitsGrowWithJitterAndHonourRetryAfter() {
        let policy = RetryPolicy(maxAttempts: 5, baseSeconds: 0.5, capSeconds: 30)
        #expect(policy.delay(afterAttempt: 1, retryAfter: nil, random: 0.999) < 0.5)
        #expect(policy.delay(afterAttempt: 4, retryAfter: nil, random: 0.999) > 3.9)
        #expect(policy.delay(afterAttempt: 20, retryAfter: nil, random: 0.999) <= 30)
        #expect(policy.delay(afterAttempt: 1, retryAfter: 7, random: 0.1) == 7)
        #expect(policy.shouldRetry(.unavailable, attempt: 4) && !policy.shouldRetry(.unavailable, attempt: 5))
        #expect(!policy.shouldRetry(.rejected, attempt: 1) && policy.shouldRetry(.length, attempt: 1))
        #expect(RetryPolicy.retryAfterSeconds("3") == 3)
        let inTenSeconds = Date().addingTimeInterval(10)
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
        let seconds = RetryPolicy.retryAfterSeconds(formatter.string(from: inTenSeconds)) ?? -1
        #expect(seconds > 7 && seconds <= 10)
    }

    @Test func theRequestBodyCarriesSettingsSeedThinkingAndExtra() throws {
        let settings = GenerationSettings(
            server: ServerSettings(url: "http://x/v1", model: "qwen3", kind: .vllm, stream: true,
                                   extra: ["min_p": .double(0.05), "chat_template_kwargs": .object(["foo": .string("bar")])]),
            sampling: SamplingSettings(temperature: 0.8, topP: 0.95, seed: 7, maxTokens: 2000),
            thinking: ThinkingSettings(enabled: false))
        let built = ChatRequest.body(prompt: "Rewrite Sisyphus", sample: 2, settings: settings, server: settings.server!,
                                     adapter: adapter(for: .vllm))
        let body = try #require(try JSONSerialization.jsonObject(with: built.body) as? [String: Any])
        #expect(body["model"] as? String == "qwen3" && body["seed"] as? Int == 8 && body["max_tokens"] as? Int == 2000)
        #expect(body["stream"] as? Bool == true && (body["stream_options"] as? [String: Bool]) == ["include_usage": true])
        #expect((body["messages"] as? [[String: String]]) == [["role": "user", "content": "Rewrite Sisyphus"]])
        let kwargs = try #require(body["chat_template_kwargs"] as? [String: Any])
        #expect(kwargs["enable_thinking"] as? Bool == false && kwargs["foo"] as? String == "bar")
        #expect(body["min_p"] as? Double == 0.05)
        // Sorted keys: the recorded bytes are the sent bytes, run after run.
        #expect(built.body == ChatRequest.body(prompt: "Rewrite Sisyphus", sample: 2, settings: settings, server: settings.server!,
                                               adapter: adapter(for: .vllm)).body)
    }

    @Test(arguments: [
        (ServerKind.llamaCpp, "chat_template_kwargs", true), (.vllm, "chat_template_kwargs", true), (.sglang, "chat_template_kwargs", true),
        (.ollama, "think", false), (.lmstudio, "reasoning_effort", false), (.openai, "reasoning_effort", false),
    ])
    func eachKindMapsThinkingToItsOwnControl(kind: ServerKind, field: String, takesABudget: Bool) {
        var body: [String: Any] = [:]
        _ = adapter(for: kind).applyThinking(ThinkingSettings(enabled: true), to: &body)
        #expect(body[field] != nil)
        var untouched: [String: Any] = [:]
        #expect(adapter(for: kind).applyThinking(ThinkingSettings(), to: &untouched) == nil && untouched.isEmpty)
        var budget: [String: Any] = [:]
        let note = adapter(for: kind).applyThinking(ThinkingSettings(budgetTokens: 512), to: &budget)
        #expect((note == nil) == takesABudget, "a budget it cannot send is said; one it sends is not")
    }
}
