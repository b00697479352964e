import Foundation
import Testing
@testable import AgonCore

/// A temporary workspace with the shipped rubric and a generated study big enough for long runs.
final class FaultWorkspace {
    let root: URL
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    init(tasks: Int = 40, systems: [String] = ["large", "small"]) {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("agon-fault-\(UUID().uuidString)")
        try! FileManager.default.createDirectory(at: root.appendingPathComponent("Rubrics"), withIntermediateDirectories: true)
        try! FileManager.default.copyItem(at: Self.repository.appendingPathComponent("Rubrics/creative-thinking.toml"),
                                          to: root.appendingPathComponent("Rubrics/creative-thinking.toml"))
        var toml = "id = \"load\"\ntitle = \"Load\"\nrubric = \"creative-thinking\"\n[design]\nseed = 5\nrepeat_share = 0.1\n"
        for system in systems { toml += "\n[[systems]]\nid = \"\(system)\"\n" }
        var answers = ""
        for task in 1...tasks {
            toml += "\n[[tasks]]\nid = \"t\(task)\"\nprompt = \"Task \(task)\"\n"
            for system in systems {
                answers += "{\"task\":\"t\(task)\",\"system\":\"\(system)\",\"text\":\"Answer \(task) by \(system)\"}\n"
            }
        }
        let folder = root.appendingPathComponent("Studies/load")
        try! FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try! Data(toml.utf8).write(to: folder.appendingPathComponent("study.toml"))
        try! Data(answers.utf8).write(to: folder.appendingPathComponent("answers.jsonl"))
    }

    deinit {
        try? FileManager.default.removeItem(at: root)
    }

    func journal(_ rater: String) -> URL {
        root.appendingPathComponent("Sessions/load/\(rater).jsonl")
    }

    func contents(_ rater: String) -> JournalContents {
        JournalReader.parse(data: (try? Data(contentsOf: journal(rater))) ?? Data(), file: journal(rater).path)
    }

    /// Judgement events per item number, as written.
    func judgementCounts(_ rater: String) -> [Int: Int] {
        var counts: [Int: Int] = [:]
        for (_, event) in contents(rater).events {
            if case .judgement(let judgement) = event { counts[judgement.item, default: 0] += 1 }
        }
        return counts
    }

    static func savedItems(_ output: String) -> [Int] {
        output.split(separator: "\n").compactMap { line in
            line.hasPrefix("saved ") ? Int(line.dropFirst(6)) : nil
        }
    }
}
