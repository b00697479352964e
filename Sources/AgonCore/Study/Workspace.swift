import Foundation

/// The folder that holds `Studies/`, `Rubrics/` and `Sessions/`: by default the current folder, or
/// the one named by `AGON_HOME`.
public struct Workspace: Sendable, Equatable {
    public var root: URL

    public init(root: URL) {
        self.root = root.standardizedFileURL
    }

    public static func fromEnvironment(_ environment: [String: String] = ProcessInfo.processInfo.environment) -> Workspace {
        if let home = environment["AGON_HOME"], !home.isEmpty {
            return Workspace(root: URL(fileURLWithPath: home, isDirectory: true))
        }
        return Workspace(root: URL(fileURLWithPath: FileManager.default.currentDirectoryPath, isDirectory: true))
    }

    public var studiesFolder: URL { root.appendingPathComponent("Studies", isDirectory: true) }
    public var rubricsFolder: URL { root.appendingPathComponent("Rubrics", isDirectory: true) }
    public var sessionsFolder: URL { root.appendingPathComponent("Sessions", isDirectory: true) }

    public func studyFolder(_ id: String) -> URL { studiesFolder.appendingPathComponent(id, isDirectory: true) }
    public func studyFile(_ id: String) -> URL { studyFolder(id).appendingPathComponent("study.toml") }
    public func answersFile(_ id: String) -> URL { studyFolder(id).appendingPathComponent("answers.jsonl") }
    public func rubricFile(_ id: String) -> URL { rubricsFolder.appendingPathComponent("\(id).toml") }
    public func sessionFolder(_ studyID: String) -> URL { sessionsFolder.appendingPathComponent(studyID, isDirectory: true) }
    public func journalFile(study studyID: String, rater: String) -> URL {
        sessionFolder(studyID).appendingPathComponent("\(rater).jsonl")
    }

    /// Study ids found under `Studies/`, sorted.
    public func studyIDs() -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: studiesFolder.path)) ?? []
        return names.filter { FileManager.default.fileExists(atPath: studyFile($0).path) }.sorted()
    }

    /// A path as the person typed it would see it: relative to the workspace when inside it.
    public func display(_ url: URL) -> String {
        let path = url.standardizedFileURL.path
        let prefix = root.path.hasSuffix("/") ? root.path : root.path + "/"
        return path.hasPrefix(prefix) ? String(path.dropFirst(prefix.count)) : path
    }
}
