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
            if let complaint = Self.unlocated(problems, in: input) {
                Issue.record("\(name) #\(iteration): \(complaint): \(problems)\ninput: \(String(decoding: input.prefix(300), as: UTF8.self))")
                return (rejected, slowest)
            }
        }
        print("fuzz \(name): \(Self.iterations) inputs, \(rejected) rejected, slowest \(slowest)")
        // Not a speed target: a watchdog against a parser that loops on some input.
        #expect(slowest < .seconds(10), "\(name): an input took \(slowest)")
        return (rejected, slowest)
    }

    /// Lines in `data` as an editor numbers them: a final newline does not begin another line.
    static func lineCount(_ data: Data) -> Int {
        var newlines = 0
        JSONLines.forEachRawLine(in: data) { line in if line.terminated { newlines += 1 } }
        return newlines + (data.last.map { $0 == 0x0A ? 0 : 1 } ?? 0)
    }

    /// Why `problems` do not point into `input`, or nil when they do: every rejection names a line
    /// that exists (1 ≤ line ≤ the input's line count), with a message; a summary without a line
    /// ("12 more rows not shown") may come on top.
    static func unlocated(_ problems: [Diagnostic], in input: Data) -> String? {
        guard !problems.isEmpty else { return nil }
        if problems.contains(where: { $0.message.isEmpty }) { return "a rejection without a message" }
        if problems.allSatisfy({ $0.line == nil }) { return "rejection without a line" }
        if problems.contains(where: { $0.line == nil && !$0.message.contains("more") }) { return "rejection without a line" }
        let lines = lineCount(input)
        if let outside = problems.first(where: { $0.line.map { !(1...max(lines, 1)).contains($0) } ?? false }) {
            return "line \(outside.line!) is outside the input's \(lines) lines"
        }
        return nil
    }

    static func text(_ data: Data, file: String) -> Result<String, DiagnosticsError> {
        guard let text = String(data: data, encoding: .utf8) else {
            return .failure(DiagnosticsError([Diagnostic(file: file, line: TextFile.firstInvalidUTF8Line(data), message: "not valid UTF-8 text")]))
        }
        return .success(text)
    }

    /// The diagnostics of the parser a corpus folder belongs to. A mutated input goes through every
    /// variant of the parser; a corpus file (`file` given) through the one it is written for.
    static func parse(_ name: String, _ data: Data, file: String? = nil) -> [Diagnostic] {
        func collect(_ body: () throws -> Void) -> [Diagnostic] {
            do {
                try body()
                return []
            } catch let error as DiagnosticsError { return error.diagnostics } catch { return [Diagnostic(file: "?", line: nil, message: "untyped \(error)")] }
        }
        switch name {
        case "rubric":
            switch text(data, file: "r.toml") {
            case .failure(let error): return error.diagnostics
            case .success(let text): return collect { _ = try RubricLoader.parse(text: text, file: "r.toml") }
            }
        case "study":
            switch text(data, file: "study.toml") {
            case .failure(let error): return error.diagnostics
            case .success(let text): return collect { _ = try StudyLoader.parse(text: text, file: "study.toml") }
            }
        case "answers":
            return AnswersFileReader.parse(data: data, file: "answers.jsonl").diagnostics
        case "journal":
            let contents = JournalReader.parse(data: data, file: "j.jsonl")
            _ = SessionState(replaying: contents.events.map(\.event))
            return contents.problems
        case "battles":
            let csv = collect { _ = try BattleFileReader.parseCSV(data, file: "b.csv", cluster: "question_id", parallelAbove: 64) }
            let jsonl = collect { _ = try BattleFileReader.parseJSONLines(data, file: "b.jsonl") }
            switch file.map({ URL(fileURLWithPath: $0).pathExtension }) {
            case "csv"?: return csv
            case "jsonl"?: return jsonl
            default: return csv + jsonl
            }
        case "ratings":
            let plain = collect { _ = try RatingsFileReader.parse(data, name: "r.csv") }
            if file != nil { return plain }
            return plain + collect { _ = try RatingsFileReader.parse(data, name: "r.csv", scale: ["1", "2", "3", "4", "5"]) }
        default:
            return [Diagnostic(file: "?", line: nil, message: "no parser for corpus \(name)")]
        }
    }

    @Test(arguments: [("rubric", 1), ("study", 2), ("answers", 3), ("journal", 4), ("battles", 5), ("ratings", 6)] as [(String, UInt64)])
    func mutatedInputs(name: String, salt: UInt64) {
        let result = fuzz(name, salt: salt) { Self.parse(name, $0) }
        #expect(result.rejected > 0)
    }

    /// Seeds that are wrong on purpose, to start the mutator near the error paths; every other
    /// corpus file is a valid input of its parser.
    static let deliberatelyInvalid: Set<String> = ["odd.jsonl", "deep-nesting.toml"]

    @Test(arguments: ["rubric", "study", "answers", "journal", "battles", "ratings"])
    func corpusFilesParseAsTheyShould(name: String) throws {
        let folder = Bundle.module.resourceURL!.appendingPathComponent("Fixtures/fuzz-corpus/\(name)")
        let files = try FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil).sorted { $0.path < $1.path }
        #expect(!files.isEmpty)
        for file in files {
            let data = try Data(contentsOf: file)
            let problems = Self.parse(name, data, file: file.lastPathComponent)
            if Self.deliberatelyInvalid.contains(file.lastPathComponent) {
                #expect(!problems.isEmpty, "\(name)/\(file.lastPathComponent) is meant to be rejected")
                #expect(Self.unlocated(problems, in: data) == nil, "\(name)/\(file.lastPathComponent): \(Self.unlocated(problems, in: data) ?? "")")
            } else {
                #expect(problems.isEmpty, "\(name)/\(file.lastPathComponent) is a valid input, but: \(problems)")
            }
        }
    }

    @Test func lineCountCountsAsAnEditorDoes() {
        #expect(Self.lineCount(Data()) == 0)
        #expect(Self.lineCount(Data("a".utf8)) == 1)
        #expect(Self.lineCount(Data("a\n".utf8)) == 1)
        #expect(Self.lineCount(Data("a\n\nb".utf8)) == 3)
        #expect(Self.unlocated([Diagnostic(file: "f", line: 2, message: "x")], in: Data("a\n".utf8)) != nil)
        #expect(Self.unlocated([Diagnostic(file: "f", line: 0, message: "x")], in: Data("a\n".utf8)) != nil)
        #expect(Self.unlocated([Diagnostic(file: "f", line: 1, message: "x")], in: Data("a\n".utf8)) == nil)
    }

    /// Two wrong line numbers the range check found: a one-line string left open counted its
    /// newline twice (TOML), and a lone CR that ends a CSV row was counted as a line.
    @Test func lineNumbersFoundByFuzzing() {
        let toml = Data("id = \"x\nname = \"y\"\n[".utf8)
        let tomlProblems = Self.parse("rubric", toml)
        #expect(!tomlProblems.isEmpty && Self.unlocated(tomlProblems, in: toml) == nil, "\(tomlProblems)")
        let csv = Data("model_a,model_b,winner,question_id\nx,y,model_a,q1\rJ".utf8)
        let csvProblems = Self.parse("battles", csv, file: "b.csv")
        #expect(!csvProblems.isEmpty && Self.unlocated(csvProblems, in: csv) == nil, "\(csvProblems)")
    }
}
