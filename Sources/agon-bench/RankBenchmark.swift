import AgonCommandLine
import AgonCore
import ArgumentParser
import Foundation

/// Measures `agon rank --battles` and `agon report` as whole processes on generated data,
/// and can build a demonstration workspace of simulated sessions. Made-up data only, in a folder of
/// its own, never in the working study folders.
struct RankBenchmark: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rank",
        abstract: "Time agon rank and agon report on generated data (release build recommended).")

    @Option(help: "Folder for the generated files (created; default: a new temporary folder).")
    var folder: String?

    @Option(help: "Battles in each generated file.")
    var battles = 1_000_000

    @Option(help: "System counts to generate files for (comma-separated).")
    var systems = "8,32"

    @Option(help: "Raters × judgements for the report benchmark.")
    var raters = 100

    @Option(help: "Judgements per rater for the report benchmark.")
    var judgements = 1000

    @Option(help: "Runs per measurement (the median is reported).")
    var runs = 3

    @Option(help: "Only build a demonstration workspace: copy this study and its rubric, add simulated raters.")
    var demo: String?

    @Option(help: "Simulated raters in the demonstration workspace.")
    var demoRaters = 3

    func run() throws {
        let base = URL(fileURLWithPath: folder ?? NSTemporaryDirectory() + "agon-bench-\(ProcessInfo.processInfo.processIdentifier)")
        try FileManager.default.createDirectory(at: base, withIntermediateDirectories: true)
        if let demo {
            try makeDemo(study: demo, at: base)
            return
        }
        let executable = try AgonBinary.path()
        print("Generated data in \(base.path); load average \(loadAverage())")
        for count in systems.split(separator: ",").compactMap({ Int($0) }) {
            let file = base.appendingPathComponent("battles-\(count).csv")
            let started = Date()
            try writeBattles(count: count, battles: battles, to: file)
            let size = (try? FileManager.default.attributesOfItem(atPath: file.path)[.size] as? Int) ?? 0
            print("")
            print("\(battles) battles among \(count) systems: \(file.lastPathComponent), \(size / 1_000_000) MB (generated in \(String(format: "%.1f", Date().timeIntervalSince(started))) s)")
            let read = median((0..<runs).map { _ in timeRead(file) })
            let wc = try medians((0..<runs).map { _ in try timeProcess("/usr/bin/wc", ["-l", file.path]) })
            let noBootstrap = try medians((0..<runs).map { _ in try timeProcess(executable, ["rank", "--battles", file.path, "--rounds", "0", "--elo-orders", "1"]) })
            let full = try medians((0..<runs).map { _ in try timeProcess(executable, ["rank", "--battles", file.path]) })
            var rows = [["measurement", "elapsed s", "CPU s"]]
            rows.append(["read the file (map + scan every byte, in-process)", format(read), ""])
            rows.append(["wc -l (whole process)", format(wc.elapsed), format(wc.cpu)])
            rows.append(["agon rank --battles, no bootstrap, 1 Elo order", format(noBootstrap.elapsed), format(noBootstrap.cpu)])
            rows.append(["agon rank --battles (1000 bootstrap rounds, defaults)", format(full.elapsed), format(full.cpu)])
            print(PlainTable.render(rows))
        }

        let workspaceFolder = base.appendingPathComponent("report-workspace")
        try? FileManager.default.removeItem(at: workspaceFolder)
        let started = Date()
        try makeStudy(at: workspaceFolder)
        print("")
        print("Study of 8 systems × 40 tasks, \(raters) raters × \(judgements) judgements (written in \(String(format: "%.1f", Date().timeIntervalSince(started))) s)")
        let report = try medians((0..<runs).map { _ in
            try timeProcess(executable, ["report", "bench"], home: workspaceFolder.path)
        })
        let json = try medians((0..<runs).map { _ in
            try timeProcess(executable, ["report", "bench", "--json"], home: workspaceFolder.path)
        })
        let htmlFile = workspaceFolder.appendingPathComponent("report.html").path
        let html = try medians((0..<runs).map { _ in
            try timeProcess(executable, ["report", "bench", "--html", htmlFile, "--force"], home: workspaceFolder.path)
        })
        let htmlSize = (try? FileManager.default.attributesOfItem(atPath: htmlFile)[.size] as? Int) ?? 0
        print(PlainTable.render([["measurement", "elapsed s", "CPU s"],
                                 ["agon report (tables, 1000 task-bootstrap rounds × 5 sections)", format(report.elapsed), format(report.cpu)],
                                 ["agon report --json", format(json.elapsed), format(json.cpu)],
                                 ["agon report --html (\(htmlSize / 1000) kB, every figure)", format(html.elapsed), format(html.cpu)]]))
        print("Load average while measuring: \(loadAverage()) (other processes share the cores; CPU s is less affected).")
    }

    func format(_ seconds: Double) -> String { String(format: "%.3f", seconds) }

    func medians(_ values: [(elapsed: Double, cpu: Double)]) -> (elapsed: Double, cpu: Double) {
        (median(values.map(\.elapsed)), median(values.map(\.cpu)))
    }

    func loadAverage() -> String {
        (try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8))?.split(separator: " ").prefix(3).joined(separator: " ") ?? "unknown"
    }

    func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        return sorted[sorted.count / 2]
    }

    /// Strengths spread over about 600 Elo points; 10% ties, 3% "both weak".
    func writeBattles(count: Int, battles: Int, to file: URL) throws {
        var random = SeededRandom(seed: 2024)
        let names = (0..<count).map { "model-\($0)-\(["chat", "instruct", "base"][$0 % 3])" }
        let strengths = (0..<count).map { _ in (random.unit() - 0.5) * 600 }
        var text = "question_id,model_a,model_b,winner\n"
        text.reserveCapacity(battles * 48)
        for row in 0..<battles {
            let a = random.below(count)
            var b = random.below(count - 1)
            if b >= a { b += 1 }
            let u = random.unit()
            let winner: String
            if u < 0.10 {
                winner = "tie"
            } else if u < 0.13 {
                winner = "tie (bothbad)"
            } else {
                winner = random.unit() < 1 / (1 + pow(10, (strengths[b] - strengths[a]) / 400)) ? "model_a" : "model_b"
            }
            text += "q\(row % 5000),\(names[a]),\(names[b]),\(winner)\n"
        }
        try Data(text.utf8).write(to: file)
    }

    func timeRead(_ file: URL) -> Double {
        let started = DispatchTime.now()
        let data = (try? Data(contentsOf: file, options: .alwaysMapped)) ?? Data()
        var newlines = 0
        data.withUnsafeBytes { raw in
            for byte in raw where byte == 0x0A { newlines += 1 }
        }
        precondition(newlines > 0)
        return Double(DispatchTime.now().uptimeNanoseconds - started.uptimeNanoseconds) / 1e9
    }

    /// Elapsed seconds and CPU seconds (user + system) of one run of a child process, started
    /// with posix_spawn (Foundation's Process adds tens of milliseconds of its own on Linux).
    func timeProcess(_ executable: String, _ arguments: [String], home: String? = nil) throws -> (elapsed: Double, cpu: Double) {
        var environment = ProcessInfo.processInfo.environment
        if let home { environment["AGON_HOME"] = home }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        defer { posix_spawn_file_actions_destroy(&actions) }
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        let before = CPUTime.children()
        let started = DispatchTime.now()
        var pid: pid_t = 0
        guard posix_spawn(&pid, executable, &actions, nil, argv, envp) == 0 else { throw Failure("cannot start \(executable)") }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0, errno == EINTR {}
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - started.uptimeNanoseconds) / 1e9
        guard status == 0 else { throw Failure("`\(executable) \(arguments.joined(separator: " "))` failed (status \(status))") }
        return (seconds, CPUTime.children() - before)
    }

    func makeStudy(at root: URL) throws {
        let workspace = Workspace(root: root)
        let current = Workspace.fromEnvironment()
        try FileManager.default.createDirectory(at: workspace.rubricsFolder, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: current.rubricFile("creative-thinking"), to: workspace.rubricFile("creative-thinking"))
        var toml = "id = \"bench\"\ntitle = \"Benchmark study\"\nrubric = \"creative-thinking\"\n\n[design]\nseed = 3\nrepeat_share = 0.1\n"
        var answers = ""
        var random = SeededRandom(seed: 9)
        let systemIDs = (0..<8).map { "s\($0)" }
        for (index, system) in systemIDs.enumerated() {
            toml += "\n[[systems]]\nid = \"\(system)\"\nlabel = \"System \(index)\"\nparameters_b = \(1 << index)\n"
        }
        for task in 1...40 {
            toml += "\n[[tasks]]\nid = \"t\(task)\"\ncategory = \"fiction\"\nprompt = \"Prompt \(task)\"\n"
            for system in systemIDs {
                let words = 100 + random.below(400)
                answers += "{\"task\": \"t\(task)\", \"system\": \"\(system)\", \"text\": \"\(String(repeating: "word ", count: words))\"}\n"
            }
        }
        let folder = workspace.studyFolder("bench")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try Data(toml.utf8).write(to: workspace.studyFile("bench"))
        try Data(answers.utf8).write(to: workspace.answersFile("bench"))
        let bundle = try StudyBundle.loadForCommand("bench", in: workspace)
        var quality: [String: [String: Double]] = [:]
        for (index, system) in systemIDs.enumerated() {
            quality[system] = Dictionary(uniqueKeysWithValues: bundle.rubric.criteria.enumerated().map { ($1.id, 800 + Double(index) * 50 + Double($0) * 10) })
        }
        let simulation = SimulatedRaters(quality: quality, leftBias: 0.3, seed: 11)
        let items = judgements
        let failures = UnsafeMutableBufferPointer<Bool>.allocate(capacity: raters)
        failures.initialize(repeating: false)
        defer { failures.deallocate() }
        nonisolated(unsafe) let failed = failures
        DispatchQueue.concurrentPerform(iterations: raters) { index in
            do {
                try simulation.writeJournal(bundle: bundle, rater: "rater\(index + 1)", items: items, workspace: workspace)
            } catch {
                failed[index] = true
            }
        }
        if failures.contains(true) { throw Failure("could not write the simulated journals in \(root.path)") }
    }

    func makeDemo(study: String, at root: URL) throws {
        let workspace = Workspace(root: root)
        let current = Workspace.fromEnvironment()
        let bundle = try StudyBundle.loadForCommand(study, in: current)
        try FileManager.default.createDirectory(at: workspace.rubricsFolder, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: workspace.studiesFolder, withIntermediateDirectories: true)
        try? FileManager.default.copyItem(at: current.rubricFile(bundle.rubric.id), to: workspace.rubricFile(bundle.rubric.id))
        try? FileManager.default.copyItem(at: current.studyFolder(study), to: workspace.studyFolder(study))
        var quality: [String: [String: Double]] = [:]
        for (index, system) in bundle.study.systems.enumerated() {
            quality[system.id] = Dictionary(uniqueKeysWithValues: bundle.rubric.criteria.enumerated().map {
                ($1.id, 1100 - Double(index) * 120 + Double($0 % 2) * 40)
            })
        }
        let simulation = SimulatedRaters(quality: quality, leftBias: 0.5, seed: 4)
        for rater in 1...demoRaters {
            try simulation.writeJournal(bundle: bundle, rater: "sim\(rater)", items: nil, workspace: workspace)
        }
        print("Simulated \(demoRaters) raters on \(study) in \(root.path); try: AGON_HOME=\(root.path) agon report \(study)")
    }
}
