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

/// An item a rater flagged (flags withdrawn by undo are gone): the researcher's review queue.
public struct RatedFlag: Sendable, Equatable, Codable {
    public var rater: String
    public var item: Int
    /// The task and the systems of the item (nil when the item is not in the rater's schedule).
    public var task: String?
    public var left: String?
    public var right: String?
    public var reasons: [String]
    /// Whether the rater also submitted a judgement for the item (it is in effect).
    public var judged: Bool
}

/// Every judgement in effect (undo applied) in a study's journals, ordered by rater and item.
public struct StudyJudgements: Sendable {
    public var raters: [String]
    public var judgements: [RatedJudgement]
    /// Judgements of control items (see `ControlItem`), kept out of `judgements` so that nothing
    /// that ranks, agrees or exports can count them; they score the raters (`ControlResults`).
    public var controls: [RatedJudgement] = []
    /// Flagged items, ordered by rater and item.
    public var flags: [RatedFlag]
    /// Judgements of flagged items left out (`excludeFlagged`).
    public var flaggedLeftOut: Int
    /// Journals that could not be fully read, and judgements that do not fit the study.
    public var warnings: [String]
    /// Journal lines that could not be used, and judgements left out for naming unknown systems.
    public var damagedLines: Int
    public var unknownSystemJudgements: Int
    /// Answers edited after some judgements saw them (`validate --accept-edits`).
    public var editedAnswers: [EditedAnswer] = []
    /// Every answer to the blinding check, by rater and item.
    public var blindingGuesses: [(rater: String, guess: BlindingGuess)] = []

    public init(raters: [String], judgements: [RatedJudgement], flags: [RatedFlag] = [], flaggedLeftOut: Int = 0,
                warnings: [String] = [], damagedLines: Int = 0, unknownSystemJudgements: Int = 0) {
        self.raters = raters
        self.judgements = judgements
        self.flags = flags
        self.flaggedLeftOut = flaggedLeftOut
        self.warnings = warnings
        self.damagedLines = damagedLines
        self.unknownSystemJudgements = unknownSystemJudgements
    }

    /// - Parameter excludeFlagged: leave out the judgement of every item its rater flagged.
    public static func load(bundle: StudyBundle, workspace: Workspace, excludeFlagged: Bool = false) -> StudyJudgements {
        var raters: [String] = []
        var judgements: [RatedJudgement] = []
        var controls: [RatedJudgement] = []
        var flags: [RatedFlag] = []
        var flaggedLeftOut = 0
        var warnings: [String] = []
        var damagedLines = 0
        var sessions: [(rater: String, state: SessionState)] = []
        var blindingGuesses: [(rater: String, guess: BlindingGuess)] = []
        let studyHash = bundle.studyHash
        let found = SessionStore.readJournals(studyID: bundle.study.id, in: workspace)
        // Each session replayed on its own (undo, flags, drafts), on as many cores as there are.
        let states = UnsafeMutableBufferPointer<SessionState?>.allocate(capacity: found.journals.count)
        states.initialize(repeating: nil)
        defer {
            _ = states.deinitialize()
            states.deallocate()
        }
        nonisolated(unsafe) let replayed = states
        DispatchQueue.concurrentPerform(iterations: found.journals.count) { index in
            replayed[index] = SessionState(replaying: found.journals[index].contents.events.map(\.event))
        }
        for file in found.unreadable {
            warnings.append("\(workspace.display(file.file)): cannot be read (\(file.reason)); that session is left out")
        }
        for (index, journal) in found.journals.enumerated() {
            let name = workspace.display(journal.file)
            // Only accepted edits move the header on; most journals have none, and are not copied to look.
            let acceptedEdits = journal.contents.events.contains { if case .editsAccepted = $0.event { true } else { false } }
            if let header = journal.contents.header,
               (acceptedEdits ? header.accepting(journal.contents.events.map(\.event)) : header).studyHash != studyHash {
                warnings.append("\(name): the study changed since this session began; its judgements are included as recorded")
            }
            let damaged = journal.contents.problems.count
            damagedLines += damaged
            if damaged > 0 { warnings.append("\(name): \(PluralNoun.line.counted(damaged)) could not be used (see `agon sessions`)") }
            let state = states[index]!
            if !state.sawEarlierText.isEmpty { sessions.append((journal.rater, state)) }
            for item in state.blindingGuesses.keys.sorted() { blindingGuesses.append((journal.rater, state.blindingGuesses[item]!)) }
            if !state.flags.isEmpty {
                let schedule = Schedule.make(study: bundle.study, rater: journal.rater)
                for item in state.flags.keys.sorted() {
                    let shown = schedule.item(number: item)
                    flags.append(RatedFlag(rater: journal.rater, item: item, task: shown?.task, left: shown?.left,
                                           right: shown?.right, reasons: state.flags[item]!, judged: state.judgements[item] != nil))
                }
            }
            guard !state.judgements.isEmpty else { continue }
            var kept = 0
            for item in state.judgements.keys.sorted() {
                if excludeFlagged, state.flags[item] != nil {
                    flaggedLeftOut += 1
                    continue
                }
                let judgement = state.judgements[item]!
                if judgement.control != nil {
                    controls.append(RatedJudgement(rater: journal.rater, judgement: judgement))
                    continue
                }
                judgements.append(RatedJudgement(rater: journal.rater, judgement: judgement))
                kept += 1
            }
            if kept > 0 { raters.append(journal.rater) }
        }
        let systems = Set(bundle.study.systems.map(\.id))
        let unknown = judgements.filter { !systems.contains($0.judgement.left) || !systems.contains($0.judgement.right) }
        if !unknown.isEmpty {
            warnings.append("\(PluralNoun.judgement.counted(unknown.count)) name systems not in the study and are left out")
            judgements.removeAll { !systems.contains($0.judgement.left) || !systems.contains($0.judgement.right) }
        }
        var result = StudyJudgements(raters: raters, judgements: judgements, flags: flags, flaggedLeftOut: flaggedLeftOut,
                                     warnings: warnings, damagedLines: damagedLines, unknownSystemJudgements: unknown.count)
        result.editedAnswers = EditedAnswer.gather(sessions)
        result.controls = controls
        result.blindingGuesses = blindingGuesses
        return result
    }
}

