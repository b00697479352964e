import Foundation
@testable import AgonCore

/// A throwaway workspace (Studies/, Rubrics/, Sessions/) in a temporary folder.
final class TestWorkspace {
    let root: URL
    var workspace: Workspace { Workspace(root: root) }

    /// The repository this test file lives in, for the shipped rubric and studies.
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    init() {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("agon-test-\(UUID().uuidString)")
        try! FileManager.default.createDirectory(at: root.appendingPathComponent("Rubrics"), withIntermediateDirectories: true)
        try! FileManager.default.createDirectory(at: root.appendingPathComponent("Studies"), withIntermediateDirectories: true)
    }

    deinit {
        try? FileManager.default.removeItem(at: root)
    }

    func write(_ relativePath: String, _ text: String) {
        let url = root.appendingPathComponent(relativePath)
        try! FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try! Data(text.utf8).write(to: url)
    }

    func read(_ relativePath: String) -> String {
        String(decoding: FileManager.default.contents(atPath: root.appendingPathComponent(relativePath).path) ?? Data(), as: UTF8.self)
    }

    /// Copies a file or folder of the repository into the workspace.
    func copyFromRepository(_ relativePath: String) {
        let target = root.appendingPathComponent(relativePath)
        try? FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
        try! FileManager.default.copyItem(at: Self.repository.appendingPathComponent(relativePath), to: target)
    }

    /// The shipped rubric plus a small study: `systems` × `tasks`, answers "<task> by <system>".
    /// - Parameter profile: each system's profile keys, as lines of study.toml.
    func makeStudy(id: String = "mini", systems: [String] = ["big", "small"], tasks: Int = 6,
                   seed: Int = 7, repeatShare: Double = 0.2, profile: (String) -> String = { _ in "parameters_b = 7" }) {
        if !FileManager.default.fileExists(atPath: root.appendingPathComponent("Rubrics/creative-thinking.toml").path) {
            copyFromRepository("Rubrics/creative-thinking.toml")
        }
        var toml = "id = \"\(id)\"\ntitle = \"Mini study\"\nrubric = \"creative-thinking\"\n\n[design]\nseed = \(seed)\nrepeat_share = \(repeatShare)\n"
        for system in systems {
            toml += "\n[[systems]]\nid = \"\(system)\"\nlabel = \"System \(system)\"\n\(profile(system))\n"
        }
        var answers = ""
        for task in 1...tasks {
            toml += "\n[[tasks]]\nid = \"t\(task)\"\ncategory = \"fiction\"\nprompt = \"Prompt number \(task)\"\n"
            for system in systems {
                answers += "{\"task\": \"t\(task)\", \"system\": \"\(system)\", \"text\": \"Answer to t\(task) by \(system)\"}\n"
            }
        }
        write("Studies/\(id)/study.toml", toml)
        write("Studies/\(id)/answers.jsonl", answers)
    }

    func bundle(_ id: String = "mini") throws -> StudyBundle {
        try StudyBundle.load(studyID: id, in: workspace)
    }
}

/// The diagnostics a throwing load produced, or [] when it succeeded.
func diagnostics(_ body: () throws -> Void) -> [Diagnostic] {
    do {
        try body()
        return []
    } catch let error as DiagnosticsError {
        return error.diagnostics
    } catch {
        return [Diagnostic(file: "?", line: nil, message: "unexpected error \(error)")]
    }
}
