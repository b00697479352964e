import Foundation
import Testing
@testable import AgonCore

/// Every parser of a file a person or another program wrote (rubric and study TOML, answers and
/// journal JSONL, battles CSV/JSONL, ratings CSV), fed mutated corpus files: it must not crash or
/// hang, and every rejection must say `file:line`. `AGON_FUZZ_ITERATIONS` sets the count
/// per parser (CI: the default below; long runs: a million).
struct ParserFuzzTests {
    static let iterations = Int(ProcessInfo.processInfo.environment["AGON_FUZZ_ITERATIONS"] ?? "") ?? 1500
    static let seed = UInt64(ProcessInfo.processInfo.environment["AGON_FUZZ_SEED"] ?? "") ?? 20261129

    static func corpus(_ name: String) -> [Data] {
        let folder = Bundle.module.resourceURL!.appendingPathComponent("Fixtures/fuzz-corpus/\(name)")
        let files = (try? FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil)) ?? []
        return files.sorted { $0.path < $1.path }.compactMap { try? Data(contentsOf: $0) }
    }

    /// Runs `parse` on mutated inputs; returns how many were rejected and the slowest input's time.
    func fuzz(_ name: String, salt: UInt64, _ parse: (Data) -> [Diagnostic]) -> (rejected: Int, slowest: Duration) {
        let corpus = Self.corpus(name)
        #expect(!corpus.isEmpty, "no corpus for \(name)")
        guard !corpus.isEmpty else { return (0, .zero) }
        var mutator = Mutator(seed: Self.seed ^ salt, corpus: corpus)
        var rejected = 0
        var slowest = Duration.zero
        let clock = ContinuousClock()
        for iteration in 0..<Self.iterations {
            let input = mutator.next()
            // When a parser crashes the test process, this file holds the input that did it.
            if let dump = ProcessInfo.processInfo.environment["AGON_FUZZ_DUMP"] {
                try? input.write(to: URL(fileURLWithPath: "\(dump).\(name)"))
            }
            let started = clock.now
            let problems = parse(input)
            slowest = max(slowest, clock.now - started)
            if !problems.isEmpty { rejected += 1 }
            // Every rejection points at a line; a summary ("12 more rows not shown") may come on top.
            let located = problems.filter { $0.line != nil && !$0.message.isEmpty }
            if !problems.isEmpty, located.isEmpty || problems.contains(where: { $0.message.isEmpty })
                || problems.filter({ $0.line == nil }).contains(where: { !$0.message.contains("more") }) {
                Issue.record("\(name) #\(iteration): rejection without a line: \(problems)\ninput: \(String(decoding: input.prefix(300), as: UTF8.self))")
                return (rejected, slowest)
            }
        }
        print("fuzz \(name): \(Self.iterations) inputs, \(rejected) rejected, slowest \(slowest)")
        // Not a speed target: a watchdog against a parser that loops on some input.
        #expect(slowest < .seconds(10), "\(name): an input took \(slowest)")
        return (rejected, slowest)
    }

    static func text(_ data: Data, file: String) -> Result<String, DiagnosticsError> {
        guard let text = String(data: data, encoding: .utf8) else {
            return .failure(DiagnosticsError([Diagnostic(file: file, line: TextFile.firstInvalidUTF8Line(data), message: "not valid UTF-8 text")]))
        }
        return .success(text)
    }

    @Test func rubricTOML() {
        let result = fuzz("rubric", salt: 1) { data in
            switch Self.text(data, file: "r.toml") {
            case .failure(let error): return error.diagnostics
            case .success(let text):
                do {
                    _ = try RubricLoader.parse(text: text, file: "r.toml")
                    return []
                } catch let error as DiagnosticsError { return error.diagnostics } catch { return [Diagnostic(file: "?", line: nil, message: "untyped \(error)")] }
            }
        }
        #expect(result.rejected > 0)
    }

    @Test func studyTOML() {
        let result = fuzz("study", salt: 2) { data in
            switch Self.text(data, file: "study.toml") {
            case .failure(let error): return error.diagnostics
            case .success(let text):
                do {
                    _ = try StudyLoader.parse(text: text, file: "study.toml")
                    return []
                } catch let error as DiagnosticsError { return error.diagnostics } catch { return [Diagnostic(file: "?", line: nil, message: "untyped \(error)")] }
            }
        }
        #expect(result.rejected > 0)
    }

    @Test func answersJSONL() {
        let result = fuzz("answers", salt: 3) { data in
            AnswersFileReader.parse(data: data, file: "answers.jsonl").diagnostics
        }
        #expect(result.rejected > 0)
    }

    @Test func journalJSONL() {
        let result = fuzz("journal", salt: 4) { data in
            let contents = JournalReader.parse(data: data, file: "j.jsonl")
            _ = SessionState(replaying: contents.events.map(\.event))
            return contents.problems
        }
        #expect(result.rejected > 0)
    }

    @Test func battlesCSVAndJSONL() {
        let result = fuzz("battles", salt: 5) { data in
            var problems: [Diagnostic] = []
            do {
                _ = try BattleFileReader.parseCSV(data, file: "b.csv", cluster: "question_id", parallelAbove: 64)
            } catch let error as DiagnosticsError { problems += error.diagnostics } catch { problems.append(Diagnostic(file: "?", line: nil, message: "untyped \(error)")) }
            do {
                _ = try BattleFileReader.parseJSONLines(data, file: "b.jsonl")
            } catch let error as DiagnosticsError { problems += error.diagnostics } catch { problems.append(Diagnostic(file: "?", line: nil, message: "untyped \(error)")) }
            return problems
        }
        #expect(result.rejected > 0)
    }

    @Test func ratingsCSV() {
        let result = fuzz("ratings", salt: 6) { data in
            var problems: [Diagnostic] = []
            do {
                _ = try RatingsFileReader.parse(data, name: "r.csv")
            } catch let error as DiagnosticsError { problems += error.diagnostics } catch { problems.append(Diagnostic(file: "?", line: nil, message: "untyped \(error)")) }
            do {
                _ = try RatingsFileReader.parse(data, name: "r.csv", scale: ["1", "2", "3", "4", "5"])
            } catch let error as DiagnosticsError { problems += error.diagnostics } catch { problems.append(Diagnostic(file: "?", line: nil, message: "untyped \(error)")) }
            return problems
        }
        #expect(result.rejected > 0)
    }

    @Test(arguments: ["rubric", "study", "answers", "journal", "battles", "ratings"])
    func corpusFilesThemselvesDoNotCrash(name: String) {
        for data in Self.corpus(name) {
            _ = try? BattleFileReader.parseCSV(data, file: "x")
            _ = try? RatingsFileReader.parse(data, name: "x")
            _ = JournalReader.parse(data: data, file: "x")
            _ = AnswersFileReader.parse(data: data, file: "x")
            if let text = String(data: data, encoding: .utf8) {
                _ = try? StudyLoader.parse(text: text, file: "x")
                _ = try? RubricLoader.parse(text: text, file: "x")
            }
        }
    }
}
