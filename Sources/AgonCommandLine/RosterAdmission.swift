import AgonCore
import Foundation

extension Roster {
    /// The name a rater's journal goes under, and their language, when the study's roster admits
    /// `name`; a study without a roster admits any valid name as typed. Someone not listed is told
    /// so in `language`; a roster that cannot be read is told as the rater's message too (the
    /// researcher's `file:line` detail comes with `agon raters add`).
    public static func admitForCommand(_ name: String, study: String, in workspace: Workspace,
                                       language: Language) throws(Failure) -> (name: String, language: Language?) {
        let roster: Roster?
        do {
            roster = try Roster.load(study: study, in: workspace)
        } catch {
            throw Failure(RaterMessage.rosterHasProblems(study: study, file: workspace.display(Roster.file(study: study, in: workspace))).text(in: language))
        }
        guard let roster else { return (name, nil) }
        guard let listed = roster.rater(named: name) else { throw Failure(RaterMessage.notOnRoster(name: name, study: study).text(in: language)) }
        return (listed.name, listed.language)
    }
}
