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

        try rateAndReport(space, records: records)
    }

    /// The collected study goes on as any study does: it validates, two scripted raters work
    /// through their schedules, and the report shows both systems, every sample, and how the answers
    /// were generated.
    private func rateAndReport(_ space: CollectWorkspace, records: [CollectedAnswer]) throws {
        let validate = AgonProcess.run(["validate", "gen"], home: space.root)
        #expect(validate.status == 0, "\(validate.output)\n\(validate.error)")
        #expect(validate.output.contains("gen: ok — 2 systems, 2 tasks, 2 samples per answer, 8 answers"), "\(validate.output)")
        #expect(validate.output.contains("warning: whole: declared 16-bit but the server reports Q4_1"), "the journal's report, again")

        var judged: [String: Int] = [:]
        for (seed, rater) in ["ana", "ben"].enumerated() {
            let run = AgonProcess.run(["scripted-rater", "gen", "--rater", rater, "--seed", "\(seed + 1)"], home: space.root, program: .bench)
            #expect(run.status == 0, "\(run.output)\n\(run.error)")
            let saved = run.output.split(separator: "\n").filter { $0.hasPrefix("saved ") }.count
            #expect(saved > 0 && run.output.contains("done: \(saved) of \(saved) rated"), "\(run.output)")
            judged[rater] = saved
        }

        let text = AgonProcess.run(["report", "gen"], home: space.root)
        #expect(text.status == 0, "\(text.output)\n\(text.error)")
        let generated = "generated with auto · temperature 0.7 · seed 3 · max 400 tokens"
        for system in ["streamed", "whole"] {
            #expect(text.output.contains("  \(system)"), "\(text.output)")
        }
        #expect(text.output.components(separatedBy: generated).count - 1 == 2, "both systems' settings: \(text.output)")
        #expect(text.output.contains("Samples: 2 per answer"), "\(text.output)")

        let json = AgonProcess.run(["report", "gen", "--json"], home: space.root)
        #expect(json.status == 0, "\(json.error)")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(json.output.utf8)) as? [String: Any])
        #expect(report["judgements"] as? Int == judged.values.reduce(0, +))
        #expect(Set(report["raters"] as? [String] ?? []) == ["ana", "ben"])
        let systems = try #require(report["systems"] as? [[String: Any]])
        #expect(systems.map { $0["id"] as? String } == ["streamed", "whole"])
        #expect(systems.allSatisfy { $0["generation"] as? String == String(generated.dropFirst("generated with ".count)) })
        // What the report says was asked is what the collection journal recorded being sent.
        for record in records {
            let body = try #require(try JSONSerialization.jsonObject(with: record.request) as? [String: Any])
            #expect(body["temperature"] as? Double == 0.7 && body["max_tokens"] as? Int == 400)
        }
        let samples = try #require(report["samples"] as? [String: Any])
        #expect(samples["samples"] as? Int == 2)
        let rows = try #require(samples["rows"] as? [[String: Any]])
        #expect(Set(rows.map { "\($0["system"] as? String ?? "?") \($0["sample"] as? Int ?? 0)" })
                == ["streamed 1", "streamed 2", "whole 1", "whole 2"])
        let showings = rows.map { $0["showings"] as? Int ?? 0 }
        #expect(showings.allSatisfy { $0 > 0 }, "every sample was shown: \(rows)")
        #expect(showings.reduce(0, +) == 2 * (report["judgements"] as? Int ?? 0) - 2 * (report["repeats"] as? Int ?? 0),
                "each judgement shows two answers; repeats are left out")
    }
}
