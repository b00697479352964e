import Foundation

/// One line of a journal after the header.
public enum JournalEvent: Equatable, Sendable {
    /// A submitted judgement: the unit of work that must never be lost.
    case judgement(Judgement)
    /// Takes back the judgement of `item` (the most recent one in effect); the item is open again.
    case undo(item: Int, at: Date)
    /// The rater put the item aside; it comes back after the rest.
    case skip(item: Int, at: Date)
    /// The rater reports a problem with the item, e.g. an answer that reveals its author.
    case flag(item: Int, reason: String, at: Date)
    /// The rater took back their latest flag on `item` (undo after a flag).
    case unflag(item: Int, at: Date)
    /// Unsubmitted input the rater chose to keep when leaving; restored on resume.
    case draft(Draft)
    /// The session was opened (first start or a resume).
    case opened(at: Date)
    /// The researcher accepted edits to answers' text (`agon validate --accept-edits`).
    case editsAccepted(AcceptedEdits)
    /// A judgement of a calibration pair: training, outside every statistic.
    case calibration(CalibrationJudgement)
    /// An answer to the blinding check after the last pair.
    case blindingGuess(BlindingGuess)

    public var typeName: String {
        switch self {
        case .judgement: return "judgement"
        case .undo: return "undo"
        case .skip: return "skip"
        case .flag: return "flag"
        case .unflag: return "unflag"
        case .draft: return "draft"
        case .opened: return "opened"
        case .editsAccepted: return "edits-accepted"
        case .calibration: return "calibration"
        case .blindingGuess: return "blinding-guess"
        }
    }

    public var date: Date {
        switch self {
        case .judgement(let judgement): return judgement.at
        case .undo(_, let at), .skip(_, let at), .flag(_, _, let at), .unflag(_, let at), .opened(let at): return at
        case .draft(let draft): return draft.at
        case .editsAccepted(let edits): return edits.at
        case .calibration(let judgement): return judgement.at
        case .blindingGuess(let guess): return guess.at
        }
    }
}

/// Input given to an item but not submitted.
public struct Draft: Equatable, Sendable, Codable {
    public var item: Int
    public var scores: [String: CriterionScore]
    public var preference: Preference?
    public var note: String
    public var seconds: Double
    public var at: Date

    public init(item: Int, scores: [String: CriterionScore], preference: Preference?, note: String,
                seconds: Double, at: Date) {
        self.item = item
        self.scores = scores
        self.preference = preference
        self.note = note
        self.seconds = seconds
        self.at = at
    }
}
