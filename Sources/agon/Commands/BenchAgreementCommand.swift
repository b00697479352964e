import AgonCore
import ArgumentParser
import Dispatch
import Foundation

/// Timings of the agreement statistics on a generated table (run with `swift run -c release`).
/// Hidden: a measuring tool for developers, not part of a researcher's workflow.
struct BenchAgreementCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench-agreement",
        abstract: "Time Krippendorff's alpha and `agon agreement --ratings` on generated ratings.",
        shouldDisplay: false)

    @Option(help: "Units (rows of the table).") var units = 100_000
    @Option(help: "Raters.") var raters = 10
    @Option(help: "Share of missing ratings.") var missing = 0.1
    @Option(help: "Points on the scale (1…N).") var points = 7
    @Option(help: "Repetitions of each in-process timing (the median is printed).") var repeats = 15
    @Option(help: "Where to write the generated CSV (default: a temporary file, removed afterwards).") var csv: String?
    @Option(help: ArgumentHelp("Instead of timing: copy this study (and the rubrics) into --into and write simulated sessions there, for trying `agon agreement STUDY`.", valueName: "study"))
    var simulateStudy: String?
    @Option(help: ArgumentHelp("A new, empty folder for --simulate-study.", valueName: "folder")) var into: String?

    func run() throws {
        if let simulateStudy {
            guard let into else { throw Failure("--simulate-study needs --into FOLDER (a new folder; the workspace itself is never written)") }
            try Self.simulate(study: simulateStudy, into: URL(fileURLWithPath: into), raters: raters)
            return
        }
        let table = Self.generate(units: units, raters: raters, missing: missing, points: points)
        print("generated: \(units) units × \(raters) raters, \(Int(missing * 100))% missing, \(points)-point scale, \(table.ratingCount) ratings")

        // Wall time, and CPU time (all threads of this process and of the child process), which
        // other work on a shared machine disturbs less.
        var rows = [["measure", "wall median", "wall min", "cpu median", "result"]]
        func time(_ name: String, repeats: Int? = nil, _ body: () -> String) {
            var wall: [Double] = []
            var cpu: [Double] = []
            var result = ""
            for _ in 0..<(repeats ?? self.repeats) {
                let start = DispatchTime.now().uptimeNanoseconds
                let cpuStart = Self.cpuMilliseconds()
                result = body()
                cpu.append(Self.cpuMilliseconds() - cpuStart)
                wall.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
            }
            wall.sort()
            cpu.sort()
            rows.append([name, String(format: "%.2f ms", wall[wall.count / 2]), String(format: "%.2f ms", wall[0]),
                         String(format: "%.2f ms", cpu[cpu.count / 2]), result])
        }
        time("category counts (one pass over the table)") { "\(table.categoryCounts.rowCount) rows" }
        time("alpha ordinal (counts + coincidences)") { AgreementText.number(KrippendorffAlpha.alpha(table, level: .ordinal).value) }
        time("alpha interval (counts + coincidences)") { AgreementText.number(KrippendorffAlpha.alpha(table, level: .interval).value) }
        let counts = table.categoryCounts
        time("distinct count rows (the bootstrap's working set)", repeats: 3) { "\(counts.compressed().counts.rowCount) distinct" }
        time("alpha interval from counts") { AgreementText.number(KrippendorffAlpha.alpha(counts, level: .interval).value) }
        time("bootstrap of alpha interval, 1000 rounds", repeats: 3) {
            AgreementText.interval(AgreementBootstrap(rounds: 1000, seed: 1).interval(counts) { KrippendorffAlpha.alpha($0, level: .interval) })
        }
        time("all statistics, no intervals", repeats: 3) {
            "\(RatingsAgreement.analyse(table, bootstrap: AgreementBootstrap(rounds: 0)).estimates.count) estimates"
        }

        let file = csv.map { URL(fileURLWithPath: $0) }
            ?? FileManager.default.temporaryDirectory.appendingPathComponent("agon-bench-\(ProcessInfo.processInfo.processIdentifier).csv")
        let text = Self.csv(table)
        try Data(text.utf8).write(to: file)
        defer { if csv == nil { try? FileManager.default.removeItem(at: file) } }
        let size = (try? FileManager.default.attributesOfItem(atPath: file.path)[.size] as? Int) ?? 0
        time("read the CSV file (bytes only)", repeats: 5) {
            "\(((try? Data(contentsOf: file))?.count ?? 0) / 1000) kB of \(size / 1000) kB"
        }
        time("read + parse the CSV into a table", repeats: 5) {
            ((try? RatingsFileReader.read(file: file, displayName: "bench.csv")).map { "\($0.ratingCount) ratings" }) ?? "failed"
        }
        let executable = URL(fileURLWithPath: CommandLine.arguments[0]).standardizedFileURL
        for (label, arguments) in [("whole process: agon agreement --ratings, --bootstrap 0", ["--bootstrap", "0"]),
                                   ("whole process: agon agreement --ratings (1000 resamples)", [])] {
            time(label, repeats: 3) {
                let process = Process()
                process.executableURL = executable
                process.arguments = ["agreement", "--ratings", file.path] + arguments
                process.standardOutput = FileHandle.nullDevice
                do {
                    try process.run()
                    process.waitUntilExit()
                } catch {
                    return "cannot run \(executable.path)"
                }
                return "exit \(process.terminationStatus)"
            }
        }
        print(PlainTable.render(rows))
    }

    /// Simulated raters for a copy of a study: each answer has a hidden quality per criterion; raters
    /// see it through their own noise (the last rater is careless: much noisier and leaning left).
    static func simulate(study studyID: String, into folder: URL, raters: Int) throws {
        let source = Workspace.fromEnvironment()
        if FileManager.default.fileExists(atPath: folder.path) { throw Failure("\(folder.path) exists; give a new folder") }
        let target = Workspace(root: folder)
        do {
            try FileManager.default.createDirectory(at: target.studiesFolder, withIntermediateDirectories: true)
            try FileManager.default.copyItem(at: source.studyFolder(studyID), to: target.studyFolder(studyID))
            try FileManager.default.copyItem(at: source.rubricsFolder, to: target.rubricsFolder)
        } catch {
            throw Failure("cannot copy \(studyID) into \(folder.path): \(error.localizedDescription)")
        }
        let bundle = try StudyBundle.loadForCommand(studyID, in: target)
        let scale = bundle.rubric.scale
        func quality(_ task: String, _ system: String, _ criterion: String) -> Double {
            var random = SeededRandom(seed: 5, mixing: [task, system, criterion])
            let systemEffect = bundle.study.systems.first?.id == system ? 1.0 : 0.0
            return Double(scale.midpoint) + systemEffect + (random.unit() - 0.5) * Double(scale.count - 1) * 0.8
        }
        let names = ["ana", "boris", "chen", "dana", "emil", "fatima", "gleb", "hana", "ivo", "jun"]
        for index in 0..<max(1, raters) {
            let rater = index < names.count ? names[index] : "rater\(index + 1)"
            let careless = raters > 2 && index == raters - 1
            var random = SeededRandom(seed: 11, mixing: [rater])
            let session: SessionStore.OpenSession
            do { session = try SessionStore.open(bundle: bundle, rater: rater, workspace: target) } catch { throw Failure(error.description) }
            var clock = Date(timeIntervalSince1970: 1_790_000_000)
            for item in session.schedule.items {
                var scores: [String: CriterionScore] = [:]
                var total = 0
                for criterion in bundle.rubric.criteria {
                    func score(_ system: String, left: Bool) -> Int {
                        let noise = (random.unit() - 0.5) * (careless ? 6 : 1.6) + (careless && left ? 1 : 0)
                        return min(criterion.scale.max, max(criterion.scale.min, Int((quality(item.task, system, criterion.id) + noise).rounded())))
                    }
                    let a = score(item.left, left: true), b = score(item.right, left: false)
                    scores[criterion.id] = CriterionScore(a: a, b: b)
                    total += a - b
                }
                let preference: Preference = total > 1 ? .a : total < -1 ? .b : (random.below(4) == 0 ? .bothWeak : .tie)
                clock += 40 + random.unit() * 80
                let judgement = Judgement(of: item, scores: scores, preference: preference,
                                          seconds: 40 + random.unit() * 80, at: clock)
                do { try session.writer.append(.judgement(judgement)) } catch { throw Failure(error.message) }
            }
        }
        print("wrote \(max(1, raters)) simulated sessions of \(studyID) under \(folder.path); try: AGON_HOME=\(folder.path) agon agreement \(studyID)")
    }

    /// CPU time of this process (all its threads) plus finished child processes, in milliseconds.
    static func cpuMilliseconds() -> Double {
        var thread = timespec()
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &thread)
        var children = rusage()
        #if os(Linux)
        getrusage(__rusage_who_t(RUSAGE_CHILDREN.rawValue), &children)
        #else
        getrusage(RUSAGE_CHILDREN, &children)
        #endif
        let childSeconds = Double(children.ru_utime.tv_sec + children.ru_stime.tv_sec)
            + Double(children.ru_utime.tv_usec + children.ru_stime.tv_usec) / 1e6
        return Double(thread.tv_sec) * 1e3 + Double(thread.tv_nsec) / 1e6 + childSeconds * 1e3
    }

    /// Each unit has a true value; each rater reports it with noise (±1 half the time) or misses it.
    static func generate(units: Int, raters: Int, missing: Double, points: Int) -> RatingsTable {
        var random = SeededRandom(seed: 2026)
        var cells = [Int32](repeating: -1, count: units * raters)
        for u in 0..<units {
            let truth = random.below(points)
            for r in 0..<raters where random.unit() >= missing {
                let noise = random.unit() < 0.5 ? 0 : (random.below(2) == 0 ? -1 : 1)
                cells[u * raters + r] = Int32(min(points - 1, max(0, truth + noise)))
            }
        }
        return RatingsTable(unitIDs: (0..<units).map { "u\($0)" }, raterIDs: (0..<raters).map { "r\($0)" },
                            categories: (1...points).map(String.init), numericValues: (1...points).map(Double.init),
                            isOrdered: true, cells: cells)
    }

    static func csv(_ table: RatingsTable) -> String {
        var text = "unit,rater,value\n"
        text.reserveCapacity(table.unitCount * table.raterCount * 14)
        for u in 0..<table.unitCount {
            for r in 0..<table.raterCount {
                let code = table.code(unit: u, rater: r)
                text += "\(table.unitIDs[u]),\(table.raterIDs[r]),\(code >= 0 ? table.categories[Int(code)] : "")\n"
            }
        }
        return text
    }
}
