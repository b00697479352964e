import AgonCommandLine
import AgonCore
import AgonTerminal
import AgonTUI
import ArgumentParser
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Times the rating screen: start-up to first frame (the real `agon rate` in a pseudo-terminal),
/// key press to frame written, and re-layout on resize, on the demo study and on a pair of long
/// answers. Prints figures; asserts nothing.
struct ScreenBenchmark: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "screen",
        abstract: "Time the rating screen (start-up, keys, resize) on the demo study and on two long answers.")

    @Option(help: "Keys to time per study.") var keys = 1000
    @Option(help: "Start-ups to time.") var starts = 10
    @Option(help: "Words in each of the two long answers.") var words = 10_000
    @Option(help: "Study whose start-up to first frame is timed (its journal for --rater, if any, is resumed).")
    var study = "demo"
    @Option(help: "Rater whose session the timed start-ups open.") var rater = "bench"

    func run() throws {
        let workspace = Workspace.fromEnvironment()
        let bundle = try StudyBundle.loadForCommand("demo", in: workspace)
        let environment = ["TERM": ProcessInfo.processInfo.environment["TERM"].flatMap { $0.isEmpty || $0 == "dumb" ? nil : $0 } ?? "xterm-256color"]
        guard let pty = PseudoTerminal(width: 120, height: 40) else { throw Failure("cannot open a pseudo-terminal") }

        let startTimes = try timeStartUps(workspace: workspace, pty: pty, terminalName: environment["TERM"]!)
        print("start-up to first frame (agon rate \(study) --rater \(rater), \(starts) runs): median \(format(median(startTimes))), worst \(format(startTimes.max() ?? 0))")

        let terminal: Terminal
        do {
            terminal = try Terminal(environment: environment, input: pty.slave, output: pty.slave)
        } catch {
            throw Failure(error.description)
        }
        defer { terminal.end() }
        let schedule = Schedule.make(study: bundle.study, rater: "bench")
        let demo = RatingContent(bundle: bundle, rater: "bench", schedule: schedule)
        let long = longPair(rubric: bundle.rubric)
        var lines: [String] = []
        for (name, content) in [("demo study", demo), ("2 × \(words) words", long)] {
            let keyTimes = timeKeys(content, terminal: terminal)
            let resizeTimes = timeResizes(content, terminal: terminal, pty: pty)
            lines.append("\(name): key to frame written (\(keyTimes.count) keys, 120×40): median \(format(median(keyTimes))), worst \(format(keyTimes.max() ?? 0))")
            lines.append("\(name): resize to frame written (\(resizeTimes.count) new sizes): median \(format(median(resizeTimes))), worst \(format(resizeTimes.max() ?? 0))")
        }
        terminal.end()
        for line in lines { print(line) }
        // Wrapping alone, in CPU time of this thread, which a busy machine disturbs less than wall time.
        var wrapTimes: [UInt64] = []
        for width in 50..<70 {
            let started = CPUTime.thisThreadNanoseconds()
            for side in Side.allCases { _ = TextLayout.wrap(long.answer(long.schedule.items[0], side), width: width) }
            wrapTimes.append(CPUTime.thisThreadNanoseconds() - started)
        }
        let cleaned = Side.allCases.map { long.answer(long.schedule.items[0], $0) }
        var onlyWrap: [UInt64] = []
        for width in 50..<70 {
            let started = CPUTime.thisThreadNanoseconds()
            for text in cleaned { _ = TextLayout.wrap(text, width: width) }
            onlyWrap.append(CPUTime.thisThreadNanoseconds() - started)
        }
        print("2 × \(words) words: wrap only: median \(format(median(onlyWrap)))")
        print("2 × \(words) words: sanitise and wrap both answers at a new width (CPU time, \(wrapTimes.count) widths): median \(format(median(wrapTimes))), worst \(format(wrapTimes.max() ?? 0))")
    }

    private func format(_ nanoseconds: UInt64) -> String {
        String(format: "%.3f ms", Double(nanoseconds) / 1_000_000)
    }

    private func median(_ values: [UInt64]) -> UInt64 {
        let sorted = values.sorted()
        return sorted.isEmpty ? 0 : sorted[sorted.count / 2]
    }

    /// Runs `agon rate demo` in the pseudo-terminal until its first frame is written.
    private func timeStartUps(workspace: Workspace, pty: PseudoTerminal, terminalName: String) throws -> [UInt64] {
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("agon-bench-\(getpid())")
        try? FileManager.default.removeItem(at: home)
        try FileManager.default.createDirectory(at: home.appendingPathComponent("Studies"), withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: workspace.studyFolder(study), to: home.appendingPathComponent("Studies/\(study)"))
        try FileManager.default.copyItem(at: workspace.rubricsFolder, to: home.appendingPathComponent("Rubrics"))
        let journal = workspace.journalFile(study: study, rater: rater)
        if FileManager.default.fileExists(atPath: journal.path) {
            try FileManager.default.createDirectory(at: home.appendingPathComponent("Sessions/\(study)"), withIntermediateDirectories: true)
            try FileManager.default.copyItem(at: journal, to: Workspace(root: home).journalFile(study: study, rater: rater))
        }
        defer { try? FileManager.default.removeItem(at: home) }
        let binary = try AgonBinary.path()
        var times: [UInt64] = []
        for run in 0..<starts {
            let errors = home.appendingPathComponent("stderr-\(run)")
            var actions = posix_spawn_file_actions_t()
            posix_spawn_file_actions_init(&actions)
            posix_spawn_file_actions_addopen(&actions, 0, pty.slavePath, O_RDWR, 0)
            posix_spawn_file_actions_addopen(&actions, 1, pty.slavePath, O_RDWR, 0)
            posix_spawn_file_actions_addopen(&actions, 2, errors.path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
            var variables = ProcessInfo.processInfo.environment
            variables["AGON_HOME"] = home.path
            variables["AGON_BENCH_FIRST_FRAME"] = "1"
            variables["TERM"] = terminalName
            let arguments: [String] = [binary, "rate", study, "--rater", rater]
            let argv = arguments.map { strdup($0) } + [nil]
            let envp = variables.map { strdup("\($0.key)=\($0.value)") } + [nil]
            var pid: pid_t = 0
            let started = MonotonicClock.nanoseconds()
            let result = posix_spawn(&pid, binary, &actions, nil, argv, envp)
            argv.forEach { free($0) }
            envp.forEach { free($0) }
            posix_spawn_file_actions_destroy(&actions)
            guard result == 0 else { throw Failure("cannot start \(binary): \(result)") }
            var status: Int32 = 0
            while waitpid(pid, &status, 0) < 0, errno == EINTR {}
            let output = (try? String(contentsOf: errors, encoding: .utf8)) ?? ""
            guard let line = output.split(separator: "\n").first(where: { $0.hasPrefix("first-frame ") }),
                  let frame = UInt64(line.dropFirst("first-frame ".count)) else {
                throw Failure("agon rate did not draw a frame: \(output)")
            }
            times.append(frame - started)
        }
        return times
    }

    /// Keys a practised rater uses while reading and scoring, never submitting or leaving.
    private static let keyMix: [Key] = [
        .down, .down, .down, .pageDown, .character("j"), .character("5"), .character("4"), .right, .down, .pageDown,
        .character("3"), .character("6"), .tab, .up, .control("d"), .character("G"), .character("g"), .left, .backTab,
        .character("7"), .pageUp, .character("k"), .character("}"), .character("a"), .character("b"), .character("t"),
    ]

    private func timeKeys(_ content: RatingContent, terminal: Terminal) -> [UInt64] {
        var screen = RatingScreen(content: content, session: SessionState(), language: .en, now: Date(), width: 120, height: 40)
        terminal.resize(width: 120, height: 40)
        terminal.draw(screen.render())
        var times: [UInt64] = []
        times.reserveCapacity(keys)
        for index in 0..<keys {
            let key = Self.keyMix[index % Self.keyMix.count]
            let started = MonotonicClock.nanoseconds()
            _ = screen.update(.key(key), at: Date())
            terminal.draw(screen.render())
            times.append(MonotonicClock.nanoseconds() - started)
        }
        return times
    }

    /// Each size is new, so each frame re-wraps both answers at the new width.
    private func timeResizes(_ content: RatingContent, terminal: Terminal, pty: PseudoTerminal) -> [UInt64] {
        var screen = RatingScreen(content: content, session: SessionState(), language: .en, now: Date(), width: 120, height: 40)
        var times: [UInt64] = []
        for step in 0..<60 {
            let width = 80 + step * 2
            let height = 24 + step % 20
            pty.resize(width: width, height: height)
            let started = MonotonicClock.nanoseconds()
            terminal.resize(width: width, height: height)
            _ = screen.update(.resize(width: width, height: height), at: Date())
            terminal.draw(screen.render())
            times.append(MonotonicClock.nanoseconds() - started)
        }
        pty.resize(width: 120, height: 40)
        terminal.resize(width: 120, height: 40)
        return times
    }

    /// Two long answers on one task: ordinary prose with paragraphs, some Cyrillic, a long URL.
    private func longPair(rubric: Rubric) -> RatingContent {
        let vocabulary = ["the", "stone", "returns", "and", "Sisyphus", "counts", "each", "step", "as", "a", "proof",
                          "that", "meaning", "is", "made", "not", "found", "камень", "возвращается", "снова",
                          "gradient", "descent", "never", "arrives", "at", "the", "summit", "of", "the", "hill"]
        func text(seed: UInt64) -> String {
            var random = SeededRandom(seed: seed)
            var words: [String] = []
            words.reserveCapacity(self.words + self.words / 100)
            for index in 0..<self.words {
                words.append(vocabulary[random.below(vocabulary.count)] + (index % 17 == 16 ? "." : ""))
                if index % 120 == 119 { words.append("\n\n") }
                if index == self.words / 2 { words.append("https://example.org/" + String(repeating: "x", count: 300)) }
            }
            return words.joined(separator: " ")
        }
        let schedule = Schedule(items: [ScheduleItem(number: 1, task: "long", left: "one", right: "two")])
        return RatingContent(title: "Long answers", rater: "bench", rubric: rubric, schedule: schedule,
                             prompts: ["long": "Rewrite the myth of Sisyphus as a hypothesis about artificial general intelligence."],
                             answers: [RatingContent.key("long", "one"): text(seed: 1), RatingContent.key("long", "two"): text(seed: 2)])
    }
}
