import Foundation
#if canImport(Glibc)
import Glibc
#endif
import Testing
@testable import AgonCore

/// `Scripts/fault-server.py`, started by the test on a free loopback port and stopped with it.
final class FaultServer {
    let process = Process()
    let port: Int

    static let script = FaultWorkspace.repository.appendingPathComponent("Scripts/fault-server.py")

    init() throws {
        let portFile = FileManager.default.temporaryDirectory.appendingPathComponent("agon-fault-port-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: portFile) }
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", Self.script.path, "--lifetime", "900", "--port-file", portFile.path]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        // Python starts slowly on a loaded machine: wait for the port it writes, up to a minute.
        var found: Int?
        for _ in 0..<600 {
            if let text = try? String(contentsOf: portFile, encoding: .utf8), let port = Int(text) {
                found = port
                break
            }
            if !process.isRunning { break }
            usleep(100_000)
        }
        guard let found else {
            process.terminate()
            throw FaultServerError(message: "the stand-in server \(Self.script.path) did not start within a minute; is python3 on PATH?")
        }
        port = found
    }

    func url(_ scenario: String) -> String { "http://127.0.0.1:\(port)/\(scenario)/v1" }

    deinit {
        // SIGKILL: SIGTERM is not delivered to it from inside the test runner (seen here).
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }
}

struct FaultServerError: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}

/// A workspace holding one study whose systems each name a server.
final class CollectWorkspace {
    let root: URL

    struct System {
        var id: String
        var url: String
        var stream = true
        var kind = "auto"
        var concurrency = 1
        var timeout = 30.0
        var profile = ""
        var extraServer = ""
        var sampling = "temperature = 0.7\nseed = 11\nmax_tokens = 200"
    }

    init(systems: [System], tasks: [String], samples: Int = 1) {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("agon-collect-\(UUID().uuidString)")
        try! FileManager.default.createDirectory(at: root.appendingPathComponent("Rubrics"), withIntermediateDirectories: true)
        try! FileManager.default.copyItem(at: FaultWorkspace.repository.appendingPathComponent("Rubrics/creative-thinking.toml"),
                                          to: root.appendingPathComponent("Rubrics/creative-thinking.toml"))
        var toml = "id = \"gen\"\ntitle = \"Generated\"\nrubric = \"creative-thinking\"\n[design]\nseed = 5\nsamples = \(samples)\n"
        for system in systems {
            toml += """

            [[systems]]
            id = "\(system.id)"
            \(system.profile)
            [systems.server]
            url = "\(system.url)"
            model = "stand-in-\(system.id)"
            kind = "\(system.kind)"
            stream = \(system.stream)
            concurrency = \(system.concurrency)
            timeout_s = \(system.timeout)
            \(system.extraServer)
            [systems.sampling]
            \(system.sampling)

            """
        }
        for (index, prompt) in tasks.enumerated() {
            toml += "\n[[tasks]]\nid = \"t\(index + 1)\"\ncategory = \"philosophy\"\nprompt = \"\(prompt)\"\n"
        }
        let folder = root.appendingPathComponent("Studies/gen")
        try! FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try! Data(toml.utf8).write(to: folder.appendingPathComponent("study.toml"))
    }

    deinit {
        try? FileManager.default.removeItem(at: root)
    }

    func collect(_ extra: [String] = []) -> (status: Int32, output: String, error: String) {
        AgonProcess.run(["collect", "gen"] + extra, home: root)
    }

    var answersFile: URL { root.appendingPathComponent("Studies/gen/answers.jsonl") }
    var journalFile: URL { root.appendingPathComponent("Studies/gen/collection.jsonl") }

    /// answers.jsonl as (slot, text), in file order.
    func answers() -> [(slot: AnswerSlot, text: String)] {
        let data = (try? Data(contentsOf: answersFile)) ?? Data()
        var result: [(AnswerSlot, String)] = []
        JSONLines.forEachLine(in: data) { _, bytes in
            guard let object = JSONLines.object(bytes), let task = object["task"] as? String, let system = object["system"] as? String,
                  let text = object["text"] as? String else { return }
            result.append((AnswerSlot(task: task, system: system, sample: (object["sample"] as? NSNumber)?.intValue ?? 1), text))
        }
        return result
    }

    /// Every record of the collection journal, decoded.
    func records() -> [CollectionRecord] {
        let data = (try? Data(contentsOf: journalFile)) ?? Data()
        var records: [CollectionRecord] = []
        JSONLines.forEachLine(in: data) { _, bytes in
            if let record = CollectionRecord.decode(bytes) { records.append(record) }
        }
        return records
    }

    func answerRecords() -> [CollectedAnswer] {
        records().compactMap { if case .answer(let answer) = $0 { return answer } else { return nil } }
    }

    func failureRecords() -> [CollectionFailure] {
        records().compactMap { if case .failure(let failure) = $0 { return failure } else { return nil } }
    }
}
