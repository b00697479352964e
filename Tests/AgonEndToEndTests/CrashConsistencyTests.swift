import Foundation
import Testing
@testable import AgonCore

/// Power cuts, not kills. A SIGKILL leaves the page cache to the kernel, so it can never show a
/// missing fsync; these tests record every file system call of a real scripted session under
/// strace, replay them on a `SimulatedDisk`, and crash it after every call in the ways a power cut
/// could (the ALICE method). They check:
///
/// (a) no judgement is acknowledged before the fsync of its line returned — the acknowledgement is
///     the scripted rater's `saved <item>` on standard output, which it prints only after the journal
///     call returned (the rating screen draws the next pair at the same point);
/// (b) at every point, whatever survives loads (`SessionStore.open` succeeds), holds every judgement
///     acknowledged so far, has at most one torn tail, and keeps the bytes of a torn line it set aside.
@Suite(.serialized) struct CrashConsistencyTests {
    static let journalPath = "Sessions/load/kim.jsonl"

    struct Report {
        var crashPoints = 0
        var crashesChecked = 0
        var acknowledged: [Int] = []
        var failures: [String] = []
    }

    /// What must hold in the files a crash left, given the lines acknowledged so far.
    typealias Requirement = (_ files: [String: Data], _ acknowledgements: [String]) -> String?

    /// Runs the scripted rater under strace and checks (a) and (b) at every point of its run.
    /// `earlier` are judgements acknowledged by earlier runs; `requirement` adds the scenario's own.
    func powerCutEverywhere(_ arguments: [String], in workspace: FaultWorkspace, earlier: Set<Int>,
                            requirement: Requirement? = nil) throws -> Report {
        _ = try #require(AgonProcess.strace, "strace is missing: these tests need it (`.ci/run` installs the Debian package `strace`)")
        let log = workspace.root.deletingLastPathComponent().appendingPathComponent("agon-trace-\(UUID().uuidString).txt")
        defer { try? FileManager.default.removeItem(at: log) }
        var disk = try SimulatedDisk(root: workspace.root)
        let run = AgonProcess.traced(["scripted-rater", "load", "--rater", "kim"] + arguments, home: workspace.root, log: log)
        #expect(run.status == 0, "the traced run failed: \(run.error)")
        let calls = try SystemCall.parse(log: try String(contentsOf: log, encoding: .utf8))
        #expect(calls.contains { $0.name == "fsync" }, "the trace holds no fsync at all: is strace recording?")

        let bundle = try StudyBundle.load(studyID: "load", in: Workspace(root: workspace.root))
        let journal = workspace.root.standardizedFileURL.path + "/" + Self.journalPath
        var report = Report()
        var acknowledgements: [String] = []
        var stdoutBuffer = ""
        // Item → whether the fsync of the journal line that holds its judgement has returned.
        var lineSynced: [Int: (node: SimulatedDisk.Node, synced: Bool)] = [:]
        var checked: Set<Int> = []
        for call in calls {
            var acknowledged = false
            if call.name == "write", call.arguments.first?.number == 1, let bytes = call.arguments[1].bytes, let result = call.result, result > 0 {
                stdoutBuffer += String(decoding: bytes.prefix(result), as: UTF8.self)
                while let newline = stdoutBuffer.firstIndex(of: "\n") {
                    let line = String(stdoutBuffer[..<newline])
                    stdoutBuffer = String(stdoutBuffer[stdoutBuffer.index(after: newline)...])
                    acknowledgements.append(line)
                    acknowledged = true
                    if line.hasPrefix("saved "), let item = Int(line.dropFirst(6)) {
                        report.acknowledged.append(item)
                        // (a)
                        if lineSynced[item]?.synced != true {
                            report.failures.append("(a) `saved \(item)` was acknowledged before the fsync of its journal line returned"
                                + (lineSynced[item] == nil ? " (its line was never written)" : ""))
                        }
                    }
                }
            }
            if (call.name == "write" || call.name == "pwrite64"), let fd = call.arguments.first?.number, disk.path(of: fd) == journal,
               let node = disk.node(of: fd), let bytes = call.arguments[1].bytes, (call.result ?? -1) > 0 {
                JSONLines.forEachRawLine(in: bytes.prefix(call.result!)) { line in
                    if case .success(.event(_, .judgement(let judgement))) = JournalCodec.decode(line.bytes) {
                        lineSynced[judgement.item] = (node, false)
                    }
                }
            }
            if call.name == "fsync" || call.name == "fdatasync", call.result == 0, let fd = call.arguments.first?.number,
               let node = disk.node(of: fd) {
                for (item, line) in lineSynced where line.node == node { lineSynced[item]!.synced = true }
            }
            let version = disk.version
            try disk.apply(call)
            guard disk.version != version || acknowledged else { continue }
            // (b): every crash this point allows.
            report.crashPoints += 1
            let required = earlier.union(report.acknowledged)
            for crash in disk.possibleCrashes() {
                let files = disk.files(after: crash)
                var key = Hasher()
                key.combine(files)
                key.combine(required)
                key.combine(acknowledgements)
                guard checked.insert(key.finalize()).inserted else { continue }
                report.crashesChecked += 1
                var problems = Self.problems(files: files, required: required, bundle: bundle, studies: workspace.root)
                if let extra = requirement?(files, acknowledgements) { problems.append(extra) }
                if let problem = problems.first {
                    report.failures.append("(b) at point #\(report.crashPoints), after `\(call.name)` (acknowledged so far: \(acknowledgements.filter { !$0.hasPrefix("resuming") }.suffix(3))), "
                        + "a power cut that keeps \(crash): \(problem)")
                }
            }
            if report.failures.count > 20 { break }
        }
        return report
    }

    /// What is wrong with the journal a crash left, if anything.
    static func problems(files: [String: Data], required: Set<Int>, bundle: StudyBundle, studies: URL) -> [String] {
        guard let data = files[journalPath] else {
            return required.isEmpty ? [] : ["the journal is gone, with \(required.count) acknowledged judgements"]
        }
        let contents = JournalReader.parse(data: data, file: journalPath)
        var problems: [String] = []
        if !contents.appendBlockers.isEmpty { problems.append("the journal cannot be continued: \(contents.appendBlockers)") }
        let damage = contents.problems.filter { !$0.message.contains("incomplete last line") }
        if !damage.isEmpty || contents.problems.count > 1 { problems.append("more than one torn tail, or damage: \(contents.problems)") }
        let judged = Set(contents.events.compactMap { if case .judgement(let judgement) = $0.event { judgement.item } else { nil } })
        let lost = required.subtracting(judged)
        if !lost.isEmpty { problems.append("acknowledged judgements lost: \(lost.sorted())") }
        // It must also load the way `agon rate` loads it.
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("agon-crash-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        do {
            try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
            for (path, bytes) in files where path.hasPrefix("Sessions/") {
                let url = root.appendingPathComponent(path)
                try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try bytes.write(to: url)
            }
            let session = try SessionStore.open(bundle: bundle, rater: "kim", workspace: Workspace(root: root))
            if !required.isSubset(of: Set(session.state.judgements.keys)) { problems.append("the reopened session lacks acknowledged judgements") }
        } catch {
            problems.append("the journal does not load: \(error)")
        }
        return problems
    }

    static func judgedItems(_ data: Data?) -> Set<Int> {
        guard let data else { return [] }
        return Set(JournalReader.parse(data: data, file: "x").events.compactMap {
            if case .judgement(let judgement) = $0.event { judgement.item } else { nil }
        })
    }

    static func fail(_ report: Report) {
        for failure in report.failures.prefix(5) { Issue.record(Comment(rawValue: failure)) }
    }

    @Test func aNewSessionSurvivesAPowerCutAnywhere() throws {
        let workspace = FaultWorkspace(tasks: 12)
        let report = try powerCutEverywhere(["--count", "4"], in: workspace, earlier: [])
        Self.fail(report)
        #expect(report.acknowledged.count == 4)
        print("power cuts, new session: \(report.crashPoints) points, \(report.crashesChecked) crashes checked, \(report.failures.count) failures")
    }

    @Test func aResumedSessionSurvivesAPowerCutAnywhere() throws {
        let workspace = FaultWorkspace(tasks: 12)
        let first = AgonProcess.run(["scripted-rater", "load", "--rater", "kim", "--count", "3"], home: workspace.root, program: .bench)
        #expect(first.status == 0, "\(first.error)")
        let earlier = Set(FaultWorkspace.savedItems(first.output))
        let report = try powerCutEverywhere(["--count", "3"], in: workspace, earlier: earlier)
        Self.fail(report)
        #expect(report.acknowledged.count == 3)
        print("power cuts, resumed session: \(report.crashPoints) points, \(report.crashesChecked) crashes checked, \(report.failures.count) failures")
    }

    /// The repair of a torn line: its bytes must be safe in the side file before the journal is cut.
    @Test func settingATornLineAsideSurvivesAPowerCutAnywhere() throws {
        let workspace = FaultWorkspace(tasks: 12)
        let first = AgonProcess.run(["scripted-rater", "load", "--rater", "kim", "--count", "3"], home: workspace.root, program: .bench)
        #expect(first.status == 0, "\(first.error)")
        let torn = Data("{\"type\":\"judgement\",\"seq\":5,\"item\":7,\"scores\":{\"orig".utf8)
        let handle = try FileHandle(forWritingTo: workspace.journal("kim"))
        try handle.seekToEnd()
        try handle.write(contentsOf: torn)
        try handle.close()
        let report = try powerCutEverywhere(["--count", "2"], in: workspace, earlier: Set(FaultWorkspace.savedItems(first.output))) { files, _ in
            let journalKeepsIt = files[Self.journalPath].map { JournalReader.parse(data: $0, file: "x").tornTail?.bytes == torn } ?? false
            let setAside = files.contains { $0.key.hasPrefix("Sessions/load/kim.torn-") && $0.value == torn }
            return journalKeepsIt || setAside ? nil : "the torn line's bytes are neither in the journal nor in a side file"
        }
        Self.fail(report)
        #expect(report.acknowledged.count == 2)
        print("power cuts, torn line set aside: \(report.crashPoints) points, \(report.crashesChecked) crashes checked, \(report.failures.count) failures")
    }

    /// `--new-session`: the old journal moves to `archive/`; once the rater is told where, it is there.
    @Test func archivingSurvivesAPowerCutAnywhere() throws {
        let workspace = FaultWorkspace(tasks: 12)
        let first = AgonProcess.run(["scripted-rater", "load", "--rater", "kim", "--count", "3"], home: workspace.root, program: .bench)
        #expect(first.status == 0, "\(first.error)")
        let old = Set(FaultWorkspace.savedItems(first.output))
        let report = try powerCutEverywhere(["--count", "2", "--new-session"], in: workspace, earlier: []) { files, acknowledgements in
            if let line = acknowledgements.first(where: { $0.hasPrefix("old session kept in ") }) {
                let archived = String(line.dropFirst("old session kept in ".count))
                return old.isSubset(of: Self.judgedItems(files[archived])) ? nil : "the archived journal \(archived) lost judgements"
            }
            let holders = files.filter { $0.key == Self.journalPath || $0.key.hasPrefix("Sessions/load/archive/") }
            return holders.values.contains { old.isSubset(of: Self.judgedItems($0)) } ? nil : "the old session's judgements are gone"
        }
        Self.fail(report)
        #expect(report.acknowledged.count == 2)
        print("power cuts, archive: \(report.crashPoints) points, \(report.crashesChecked) crashes checked, \(report.failures.count) failures")
    }

    /// The model itself: a write not followed by fsync is lost in some crash, and one that is is not.
    @Test func theSimulatedDiskLosesWhatWasNotSynced() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("agon-disk-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: root) }
        var disk = try SimulatedDisk(root: root)
        func call(_ name: String, _ arguments: [SystemCall.Argument], _ result: Int = 0) throws {
            try disk.apply(SystemCall(thread: 1, name: name, arguments: arguments, result: result))
        }
        let folder = root.standardizedFileURL.path + "/f"
        try call("mkdir", [.bytes(Data(folder.utf8)), .number(0o755)])
        try call("openat", [.number(-100), .bytes(Data((folder + "/j").utf8)), .number(0o2102), .number(0o644)], 3)
        try call("write", [.number(3), .bytes(Data("one\n".utf8)), .number(4)], 4)
        #expect(disk.possibleCrashes().contains { disk.files(after: $0)["f/j"] == nil }, "an unsynced new file can vanish")
        try call("fsync", [.number(3)])
        #expect(disk.possibleCrashes().contains { disk.files(after: $0)["f/j"] == nil }, "its name is not durable until the folder is synced")
        try call("openat", [.number(-100), .bytes(Data(folder.utf8)), .number(0o200000)], 4)
        try call("fsync", [.number(4)])
        #expect(disk.possibleCrashes().contains { disk.files(after: $0)["f/j"] == nil }, "nor until its parent knows the folder")
        try call("openat", [.number(-100), .bytes(Data(root.standardizedFileURL.path.utf8)), .number(0o200000)], 5)
        try call("fsync", [.number(5)])
        #expect(disk.possibleCrashes().allSatisfy { disk.files(after: $0)["f/j"] == Data("one\n".utf8) })
        try call("write", [.number(3), .bytes(Data("two\n".utf8)), .number(4)], 4)
        let outcomes = Set(disk.possibleCrashes().map { disk.files(after: $0)["f/j"] })
        #expect(outcomes == [Data("one\n".utf8), Data("one\ntwo\n".utf8), Data("one\ntw".utf8)], "\(outcomes)")
    }
}
