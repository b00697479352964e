import Foundation

/// What a rater gave for one item. Sides are recorded as shown: A is the left answer, B the right;
/// `left` and `right` say which system sat where, and `leftSample` / `rightSample` which of their
/// samples was shown (1 when the study has one sample per answer), so analysis never needs the
/// schedule.
public struct Judgement: Equatable, Sendable, Codable {
    public var item: Int
    public var task: String
    public var left: String
    public var right: String
    public var leftSample: Int
    public var rightSample: Int
    public var repeatOf: Int?
    /// Set when the item was a control (both sides one system, one side degraded): such
    /// judgements measure the rater, never the systems.
    public var control: ControlItem?
    /// Per criterion id. In an absolute rubric each side has a score; in a comparative rubric
    /// `comparison` holds the single score (negative favours A).
    public var scores: [String: CriterionScore]
    public var preference: Preference?
    public var note: String
    public var seconds: Double
    public var at: Date

    public init(item: Int, task: String, left: String, right: String, leftSample: Int = 1, rightSample: Int = 1,
                repeatOf: Int? = nil, control: ControlItem? = nil, scores: [String: CriterionScore], preference: Preference?,
                note: String = "", seconds: Double, at: Date) {
        self.item = item
        self.task = task
        self.left = left
        self.right = right
        self.leftSample = leftSample
        self.rightSample = rightSample
        self.repeatOf = repeatOf
        self.control = control
        self.scores = scores
        self.preference = preference
        self.note = note
        self.seconds = seconds
        self.at = at
    }

    /// A judgement of `item`, with its task, systems, samples and repeat as scheduled.
    public init(of item: ScheduleItem, scores: [String: CriterionScore], preference: Preference?, note: String = "",
                seconds: Double, at: Date) {
        self.init(item: item.number, task: item.task, left: item.left, right: item.right, leftSample: item.leftSample,
                  rightSample: item.rightSample, repeatOf: item.repeatOf, control: item.control, scores: scores, preference: preference,
                  note: note, seconds: seconds, at: at)
    }

    public func system(on side: Side) -> String { side == .a ? left : right }
    public func sample(on side: Side) -> Int { side == .a ? leftSample : rightSample }

    /// The system the rater preferred overall, or nil for tie, both weak or no preference.
    public var preferredSystem: String? {
        switch preference {
        case .a: return left
        case .b: return right
        default: return nil
        }
    }
}

/// One criterion's score(s) for an item.
public struct CriterionScore: Equatable, Sendable, Codable {
    public var a: Int?
    public var b: Int?
    public var comparison: Int?

    public init(a: Int? = nil, b: Int? = nil, comparison: Int? = nil) {
        self.a = a
        self.b = b
        self.comparison = comparison
    }

    enum CodingKeys: String, CodingKey {
        case a = "A"
        case b = "B"
        case comparison = "AvsB"
    }

    public func score(for side: Side) -> Int? {
        side == .a ? a : b
    }

    /// Which side this criterion favours: from the two scores, or the sign of the comparison.
    public var winner: Side?? {
        if let comparison { return comparison < 0 ? .some(.a) : comparison > 0 ? .some(.b) : .some(nil) }
        guard let a, let b else { return nil }
        return a > b ? .some(.a) : b > a ? .some(.b) : .some(nil)
    }
}

/// A side of the screen. A is always the left answer.
public enum Side: String, Codable, Sendable, CaseIterable {
    case a = "A"
    case b = "B"

    public var other: Side { self == .a ? .b : .a }
}
