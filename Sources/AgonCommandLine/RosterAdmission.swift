import AgonCore
import Foundation

extension Roster {
    /// The name a rater's journal goes under, and their language, when the study's roster admits
    /// `name`; a study without a roster admits any valid name as typed. Someone not listed is told
    /// so in `language`; a roster that cannot be read is told in `language` too, followed by the
    /// `file:line` lines the researcher needs to mend it.
    public static func admitForCommand(_ name: String, study: String, in workspace: Workspace,
                                       language: Language) throws(Failure) -> (name: String, language: Language?) {
        let roster: Roster?
        do {
            roster = try Roster.load(study: study, in: workspace)
        } catch {
            let message = RaterMessage.rosterHasProblems(study: study, file: workspace.display(Roster.file(study: study, in: workspace)))
            throw Failure(lines: [message.text(in: language)] + error.diagnostics.sorted().map(\.description))
        }
        guard let roster else { return (name, nil) }
        guard let listed = roster.rater(named: name) else { throw Failure(RaterMessage.notOnRoster(name: name, study: study).text(in: language)) }
        return (listed.name, listed.language)
    }
}
