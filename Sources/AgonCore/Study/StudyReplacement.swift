import Foundation

/// Replacing a study that raters have already begun (`agon import --force`). Their sessions were
/// rated against the old tasks and answers, so they are archived first — moved to
/// `Sessions/<study>/archive/`, as `agon rate --new-session` does with one rater's — never left
/// beside a study they do not match and never deleted. A re-import that produces the same bytes
/// changes nothing, so its sessions stay where they are.
public enum StudyReplacement {
    /// The raters with a journal directly in the study's sessions folder.
    public static func raters(studyID: String, workspace: Workspace) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: workspace.sessionFolder(studyID).path)) ?? []
        return names.filter { $0.hasSuffix(".jsonl") && !$0.hasPrefix(".") }.map { String($0.dropLast(".jsonl".count)) }.sorted()
    }

    /// Whether the study's files already hold exactly these bytes.
    public static func isUnchanged(studyID: String, workspace: Workspace, study: Data, answers: Data) -> Bool {
        FileManager.default.contents(atPath: workspace.studyFile(studyID).path) == study
            && FileManager.default.contents(atPath: workspace.answersFile(studyID).path) == answers
    }

    /// Archives every session of the study, and returns where each went. A journal another process
    /// is writing (a rater at work) stops it with `.locked` before anything of that journal moves;
    /// journals archived before it stay archived.
    public static func archiveSessions(studyID: String, workspace: Workspace, now: Date = Date()) throws(SessionStore.OpenError) -> [URL] {
        var moved: [URL] = []
        for rater in raters(studyID: studyID, workspace: workspace) {
            if let target = try SessionStore.archive(studyID: studyID, rater: rater, workspace: workspace, now: now) {
                moved.append(target)
            }
        }
        return moved
    }
}
