import AgonCore
import Foundation

/// Ends a command with problems a person can act on: printed to standard error one a line, exit 1,
/// never a stack trace.
public struct Failure: Error, CustomStringConvertible {
    public var lines: [String]

    public init(_ message: String) {
        lines = [message]
    }

    public init(lines: [String]) {
        self.lines = lines
    }

    public init(diagnostics: [Diagnostic]) {
        lines = diagnostics.sorted().map(\.description)
        if diagnostics.count > 1 { lines.append("\(diagnostics.count) problems found.") }
    }

    public var description: String { lines.joined(separator: "\n") }
}

extension StudyBundle {
    /// Loads a study for a command: problems in its files end the command as `file:line` lines.
    public static func loadForCommand(_ studyID: String, in workspace: Workspace) throws(Failure) -> StudyBundle {
        do {
            return try StudyBundle.load(studyID: studyID, in: workspace)
        } catch {
            throw Failure(diagnostics: error.diagnostics)
        }
    }
}

extension SessionStore {
    /// Opens a rater's session for a command, first archiving the old one when asked to begin anew
    /// (`announce` says where it went); refusals end the command with their explanation.
    public static func openForCommand(bundle: StudyBundle, rater: String, workspace: Workspace, newSession: Bool,
                               announce: (String) -> Void) throws(Failure) -> OpenSession {
        do {
            if newSession, let archived = try archive(studyID: bundle.study.id, rater: rater, workspace: workspace) {
                announce(workspace.display(archived))
            }
            return try open(bundle: bundle, rater: rater, workspace: workspace)
        } catch {
            throw Failure(error.description)
        }
    }
}
