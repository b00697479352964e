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

extension StudyBundle {
    /// Loads a study for a rater: a refusal says, in the rater's language, what is wrong and whom to
    /// ask; the file:line detail is for the researcher, in `agon validate`.
    public static func loadForRating(_ studyID: String, in workspace: Workspace, language: Language) throws(Failure) -> StudyBundle {
        guard Identifier.isValid(studyID), FileManager.default.fileExists(atPath: workspace.studyFile(studyID).path) else {
            throw Failure(RaterMessage.noSuchStudy(study: studyID).text(in: language))
        }
        let bundle: StudyBundle
        do {
            bundle = try StudyBundle.load(studyID: studyID, in: workspace, answers: .mayBeAbsent)
        } catch {
            throw Failure(RaterMessage.studyHasProblems(study: studyID, count: error.diagnostics.count).text(in: language))
        }
        if bundle.awaitsAnswers { throw Failure(RaterMessage.studyAwaitsAnswers(study: studyID).text(in: language)) }
        return bundle
    }
}

extension SessionStore {
    /// Opens a rater's session for a command, first archiving the old one when asked to begin anew
    /// (`announce` says where it went); refusals end the command with their explanation: in
    /// `language` as the rater reads it, or (nil: test tools) with the researcher's detail.
    public static func openForCommand(bundle: StudyBundle, rater: String, workspace: Workspace, newSession: Bool,
                                      language: Language? = nil, announce: (String) -> Void) throws(Failure) -> OpenSession {
        do {
            if newSession, let archived = try archive(studyID: bundle.study.id, rater: rater, workspace: workspace) {
                announce(workspace.display(archived))
            }
            return try open(bundle: bundle, rater: rater, workspace: workspace)
        } catch {
            guard let language else { throw Failure(error.description) }
            throw Failure(error.raterMessage(study: bundle.study.id).text(in: language))
        }
    }
}
