import Foundation

/// The folder that holds `Studies/`, `Rubrics/` and `Sessions/`: by default the current folder, or
/// the one named by `AGON_HOME`.
public struct Workspace: Sendable, Equatable {
    public var root: URL
    /// How the folder was chosen, so that a message can say how to choose another.
    public var origin: Origin

    public enum Origin: Sendable, Equatable {
        case currentFolder
        case agonHome
    }

    public init(root: URL, origin: Origin = .currentFolder) {
        self.root = root.standardizedFileURL
        self.origin = origin
    }

    public static func fromEnvironment(_ environment: [String: String] = ProcessInfo.processInfo.environment) -> Workspace {
        if let home = environment["AGON_HOME"], !home.isEmpty {
            return Workspace(root: URL(fileURLWithPath: home, isDirectory: true), origin: .agonHome)
        }
        return Workspace(root: URL(fileURLWithPath: FileManager.default.currentDirectoryPath, isDirectory: true))
    }

    /// Where Agon looked and how to point it elsewhere, for messages about a missing study or session.
    public var whereAgonLooks: String {
        switch origin {
        case .currentFolder:
            return "Agon works in the folder it is started from (\(root.path)); start it from the folder that holds Studies/, or set AGON_HOME to that folder"
        case .agonHome:
            return "Agon works in AGON_HOME (\(root.path)); change AGON_HOME, or unset it to work in the current folder"
        }
    }

    /// What to say when `studyID` is not a study here.
    public func noSuchStudy(_ studyID: String) -> String {
        let known = studyIDs()
        if known.isEmpty {
            return "no such study: \(display(studiesFolder))/ holds no study. \(whereAgonLooks)"
        }
        let near = EditDistance.near(studyID, in: known)
        return "no such study `\(studyID)`" + (near.isEmpty ? "" : " (did you mean \(near.map { "`\($0)`" }.joined(separator: " or "))?)")
            + "; studies here: \(known.joined(separator: ", "))"
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

    /// Rubric ids found under `Rubrics/`, sorted.
    public func rubricIDs() -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: rubricsFolder.path)) ?? []
        return names.filter { $0.hasSuffix(".toml") }.map { String($0.dropLast(".toml".count)) }.sorted()
    }

    /// A path as the person typed it would see it: relative to the workspace when inside it.
    public func display(_ url: URL) -> String {
        let path = url.standardizedFileURL.path
        let prefix = root.path.hasSuffix("/") ? root.path : root.path + "/"
        return path.hasPrefix(prefix) ? String(path.dropFirst(prefix.count)) : path
    }
}
