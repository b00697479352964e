import Foundation
import Testing
@testable import AgonCore

/// The real inference server: llama-cpp-python serving SmolLM2-135M-Instruct, started by
/// `Scripts/test-servers start` (`.ci/run` does it). Not running is a failure with the command to
/// run, never a silent skip.
enum RealServer {
    static var url: String { ProcessInfo.processInfo.environment["AGON_LLAMA_URL"] ?? "http://127.0.0.1:8181/v1" }

    static func require() throws {
        let check = Process()
        check.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        check.arguments = ["python3", "-c", "import sys, urllib.request; urllib.request.urlopen(sys.argv[1] + '/models', timeout=5).read()", url]
        check.standardOutput = FileHandle.nullDevice
        check.standardError = FileHandle.nullDevice
        try check.run()
        check.waitUntilExit()
        guard check.terminationStatus == 0 else {
            throw FaultServerError(message: "the real inference server does not answer at \(url): start it with `Scripts/test-servers start` (or set AGON_LLAMA_URL)")
        }
    }
}

@Suite(.serialized)
struct CollectRealServerTests {
    static let prompts = ["In one sentence, what does the word resistance mean in music?",
                          "In one sentence, why does Sisyphus keep pushing the stone?"]

    @Test func aSmallStudyIsCollectedStreamedAndWholeTwoSamplesEach() throws {
        try RealServer.require()
        let sampling = "temperature = 0.7\nseed = 3\nmax_tokens = 400"
        let space = CollectWorkspace(systems: [
            .init(id: "streamed", url: RealServer.url, stream: true, timeout: 300, profile: "quantisation_bits = 4\ncontext_tokens = 2048",
                  sampling: sampling),
            .init(id: "whole", url: RealServer.url, stream: false, timeout: 300, profile: "quantisation_bits = 16", sampling: sampling),
        ], tasks: Self.prompts, samples: 2)
        let run = space.collect()
        #expect(run.status == 0, "\(run.output)\n\(run.error)")
        let answers = space.answers()
        #expect(answers.count == 2 * 2 * 2)
        #expect(Set(answers.map(\.slot)).count == 8)
        #expect(answers.allSatisfy { !$0.text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty })
        let records = space.answerRecords()
        #expect(records.count == 8)
        for record in records {
            let body = try #require(try JSONSerialization.jsonObject(with: record.request) as? [String: Any])
            #expect(body["stream"] as? Bool == (record.slot.system == "streamed"))
            #expect(body["seed"] as? Int == 3 + record.slot.sample - 1, "each sample its own seed")
            #expect(record.finishReason == "stop")
            #expect(record.latencySeconds > 0)
            #expect((record.timeToFirstTokenSeconds != nil) == (record.slot.system == "streamed"))
            if let ttft = record.timeToFirstTokenSeconds { #expect(ttft <= record.latencySeconds) }
            #expect(record.agonVersion == AgonVersion.current && record.endpoint == RealServer.url + "/chat/completions")
            #expect(record.serverReport?.quantisation == "Q4_1", "the model's file name says Q4_1")
        }
        #expect(records.filter { $0.slot.system == "whole" }.allSatisfy { $0.completionTokens ?? 0 > 0 && $0.promptTokens ?? 0 > 0 })
        // Samples differ by seed: the two samples of a task are not one answer copied.
        let streamedT1 = answers.filter { $0.slot.system == "streamed" && $0.slot.task == "t1" }.map(\.text)
        #expect(streamedT1.count == 2)
        #expect(run.output.contains("warning: whole: declared 16-bit but the server reports Q4_1 (4-bit)"), "\(run.output)")
        #expect(!run.output.contains("warning: streamed:"), "\(run.output)")
        #expect(run.output.contains("gen: 8 of 8 answers present — all collected"))
        let again = space.collect()
        #expect(again.status == 0 && again.output.contains("nothing to collect"), "\(again.output)")
        #expect(space.answers().count == 8)
    }
}
