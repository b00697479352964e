import AgonCore
import Foundation

extension Roster {
    /// The name a rater's journal goes under, and their language, when the study's roster admits
    /// `name`; a study without a roster admits any valid name as typed. Someone not listed is told
    /// so in `language`.
    public static func admitForCommand(_ name: String, study: String, in workspace: Workspace,
                                       language: Language) throws(Failure) -> (name: String, language: Language?) {
        let roster: Roster?
        do {
            roster = try Roster.load(study: study, in: workspace)
        } catch {
            throw Failure(diagnostics: error.diagnostics)
        }
        guard let roster else { return (name, nil) }
        guard let listed = roster.rater(named: name) else { throw Failure(refusal(name, study: study, language: language)) }
        return (listed.name, listed.language)
    }
}
