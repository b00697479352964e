import Foundation
import Testing
@testable import AgonCollect
@testable import AgonCore

/// Each server kind's documented responses (see Fixtures/README.md for where each came from), read
/// by that kind's adapter.
struct ResponseFixtureTests {
    static func fixture(_ name: String) throws -> Data {
        let url = try #require(Bundle.module.url(forResource: "Fixtures/\(name)", withExtension: nil))
        return try Data(contentsOf: url)
    }

    @Test func llamaCppReasoningContentIsKeptApartFromTheAnswer() throws {
        let completion = try adapter(for: .llamaCpp).reader.read(body: Self.fixture("llama.cpp-chat-reasoning.json"))
        #expect(completion.text.hasPrefix("A coder whose code"))
        #expect(completion.thinking == "The user wants a limerick. Exceptions are raised and caught.")
        #expect(completion.finishReason == "stop" && completion.promptTokens == 44 && completion.completionTokens == 48)
    }

    @Test func llamaCppPropsAndModelsGiveTheReport() throws {
        let raw = ["/props": try Self.fixture("llama.cpp-props.json"), "/v1/models": try Self.fixture("llama.cpp-models.json")]
        let report = adapter(for: .llamaCpp).report(from: raw, model: "x")
        #expect(report.contextTokens == 1024 && report.trainingContextTokens == 131072)
        #expect(report.quantisation == "Q4_K_M" && report.quantisationBits == 4)
        #expect(abs((report.parametersBillions ?? 0) - 8.03) < 0.01 && report.sizeBytes == 4912898304)
        #expect(report.serverVersion == "b(build number)-(build commit hash)")
        #expect(report.expertsTotal == nil, "llama.cpp does not say: unknown, not dense")
    }

    @Test func ollamaShowGivesSizeQuantisationContextAndNoExperts() throws {
        let report = adapter(for: .ollama).report(from: ["/api/show": try Self.fixture("ollama-show.json")], model: "llava")
        #expect(report.quantisation == "Q4_0" && report.trainingContextTokens == 8192)
        #expect(abs((report.parametersBillions ?? 0) - 8.03) < 0.01)
        #expect(report.expertsTotal == 0, "the llama architecture's metadata names no experts: dense")
        #expect(report.model == "llava")
    }

    @Test func ollamaOpenAIRouteCarriesReasoning() throws {
        let completion = try adapter(for: .ollama).reader.read(body: Self.fixture("ollama-v1-chat.json"))
        #expect(completion.thinking?.hasPrefix("The myth is about endless labour") == true)
        #expect(completion.text.hasPrefix("Sisyphus is the first general intelligence"))
    }

    @Test func vllmReasoningAndMaxModelLen() throws {
        let completion = try adapter(for: .vllm).reader.read(body: Self.fixture("vllm-chat-reasoning.json"))
        #expect(completion.thinking?.hasPrefix("9.11 and 9.8") == true && completion.text == "9.8 is greater than 9.11.")
        let report = adapter(for: .vllm).report(from: ["/v1/models": try Self.fixture("vllm-models.json")], model: "Qwen/Qwen3-8B")
        #expect(report.contextTokens == 40960 && report.model == "Qwen/Qwen3-8B")
    }

    @Test func theRealLlamaCppPythonResponsesAreRead() throws {
        let completion = try adapter(for: .openai).reader.read(body: Self.fixture("llama-cpp-python-chat.json"))
        #expect(!completion.text.isEmpty && completion.finishReason != nil && completion.completionTokens != nil)
        var stream = adapter(for: .openai).reader.stream()
        let text = String(decoding: try Self.fixture("llama-cpp-python-stream.txt"), as: UTF8.self)
        for line in text.split(separator: "\n") where line.hasPrefix("data: ") {
            _ = try stream.consume(String(line.dropFirst(6)))
        }
        let streamed = stream.finish()
        #expect(!streamed.text.isEmpty && streamed.finishReason != nil)
        #expect(stream.done)
    }
}

/// Ollama's own route: its answers, whole and streamed line by line, read as every other kind's.
struct OllamaNativeFixtureTests {
    @Test func aWholeAnswerKeepsThinkingApartWithItsCounts() throws {
        let native = try ResponseFixtureTests.fixture("ollama-api-chat.json")
        let completion = try adapter(for: .ollama).reader.read(body: OllamaNativeChat.completion(fromNative: native))
        #expect(completion.text == "Sisyphus is the first general intelligence: it learns the hill, not the summit.")
        #expect(completion.thinking?.hasPrefix("The myth is about endless labour.") == true)
        #expect(completion.finishReason == "stop" && completion.promptTokens == 26 && completion.completionTokens == 298)
        #expect(completion.model == "qwen3")
    }

    @Test func aStreamIsReadWhateverTheChunkBoundaries() throws {
        let bytes = Array(try ResponseFixtureTests.fixture("ollama-api-chat-stream.ndjson"))
        for size in [1, 7, 64, bytes.count] {
            var lines = LineSplitter()
            var stream = adapter(for: .ollama).reader.stream()
            var firsts = 0
            for start in stride(from: 0, to: bytes.count, by: size) {
                for line in lines.feed(bytes[start..<min(start + size, bytes.count)]) {
                    if try stream.consume(OllamaNativeChat.chunk(fromNativeLine: line)) { firsts += 1 }
                }
            }
            #expect(lines.rest() == nil)
            let completion = stream.finish()
            #expect(completion.text == "Sisyphus learns the hill." && completion.thinking == "The myth is about labour.", "chunks of \(size)")
            #expect(completion.finishReason == "stop" && completion.completionTokens == 282 && completion.promptTokens == 26)
            #expect(firsts == 1, "the first token is marked once")
        }
    }

    @Test func aStreamCutBeforeItsLastLineHasNoFinishReason() throws {
        let text = String(decoding: try ResponseFixtureTests.fixture("ollama-api-chat-stream.ndjson"), as: UTF8.self)
        var stream = adapter(for: .ollama).reader.stream()
        for line in text.split(separator: "\n").dropLast() { _ = try stream.consume(OllamaNativeChat.chunk(fromNativeLine: String(line))) }
        #expect(stream.finish().finishReason == nil, "the connection's reader treats this as dropped")
    }

    @Test func errorsAndBrokenLinesAreNotAnswers() {
        var stream = adapter(for: .ollama).reader.stream()
        #expect(throws: ChatResponseReader.Malformed.self) { _ = try stream.consume(OllamaNativeChat.chunk(fromNativeLine: "{\"model\": trunc")) }
        #expect(throws: ChatResponseReader.Malformed.self) {
            _ = try stream.consume(OllamaNativeChat.chunk(fromNativeLine: #"{"error":"model 'x' not found"}"#))
        }
        #expect(throws: ChatResponseReader.Malformed.self) {
            _ = try adapter(for: .ollama).reader.read(body: OllamaNativeChat.completion(fromNative: Data(#"{"error":"boom"}"#.utf8)))
        }
    }
}
