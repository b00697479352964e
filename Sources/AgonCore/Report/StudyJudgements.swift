import Foundation

/// One judgement with the rater who gave it.
public struct RatedJudgement: Sendable, Equatable {
    public var rater: String
    public var judgement: Judgement

    public init(rater: String, judgement: Judgement) {
        self.rater = rater
        self.judgement = judgement
    }
}

/// Every judgement in effect (undo applied) in a study's journals, ordered by rater and item.
public struct StudyJudgements: Sendable {
    public var raters: [String]
    public var judgements: [RatedJudgement]
    /// Journals that could not be fully read, and judgements that do not fit the study.
    public var warnings: [String]
    /// Problems raters flagged on items (`f` on the rating screen), in journal order.
    public var flags: [RaterFlag]
    /// Journal lines that could not be used, and judgements left out for naming unknown systems.
    public var damagedLines: Int
    public var unknownSystemJudgements: Int

    public init(raters: [String], judgements: [RatedJudgement], warnings: [String] = [], flags: [RaterFlag] = [],
                damagedLines: Int = 0, unknownSystemJudgements: Int = 0) {
        self.raters = raters
        self.judgements = judgements
        self.warnings = warnings
        self.flags = flags
        self.damagedLines = damagedLines
        self.unknownSystemJudgements = unknownSystemJudgements
    }

    public static func load(bundle: StudyBundle, workspace: Workspace) -> StudyJudgements {
        var raters: [String] = []
        var judgements: [RatedJudgement] = []
        var warnings: [String] = []
        var flags: [RaterFlag] = []
        var damagedLines = 0
        let studyHash = bundle.studyHash
        for journal in SessionStore.journals(studyID: bundle.study.id, in: workspace) {
            let name = workspace.display(journal.file)
            if let header = journal.contents.header, header.studyHash != studyHash {
                warnings.append("\(name): the study changed since this session began; its judgements are included as recorded")
            }
            let damaged = journal.contents.problems.count
            damagedLines += damaged
            if damaged > 0 { warnings.append("\(name): \(damaged) line\(damaged == 1 ? "" : "s") could not be used (see `agon sessions`)") }
            let state = SessionState(replaying: journal.contents.events.map(\.event))
            for item in state.flags.keys.sorted() {
                for reason in state.flags[item]! { flags.append(RaterFlag(rater: journal.rater, item: item, reason: reason)) }
            }
            guard !state.judgements.isEmpty else { continue }
            raters.append(journal.rater)
            for item in state.judgements.keys.sorted() {
                judgements.append(RatedJudgement(rater: journal.rater, judgement: state.judgements[item]!))
            }
        }
        let systems = Set(bundle.study.systems.map(\.id))
        let unknown = judgements.filter { !systems.contains($0.judgement.left) || !systems.contains($0.judgement.right) }
        if !unknown.isEmpty {
            warnings.append("\(unknown.count) judgement\(unknown.count == 1 ? "" : "s") name systems not in the study and are left out")
            judgements.removeAll { !systems.contains($0.judgement.left) || !systems.contains($0.judgement.right) }
        }
        return StudyJudgements(raters: raters, judgements: judgements, warnings: warnings, flags: flags,
                               damagedLines: damagedLines, unknownSystemJudgements: unknown.count)
    }
}

/// A problem a rater flagged on an item.
public struct RaterFlag: Sendable, Equatable, Codable {
    public var rater: String
    public var item: Int
    public var reason: String
}
