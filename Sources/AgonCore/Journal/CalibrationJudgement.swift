import Foundation

/// What a rater gave for calibration pair `pair` (1-based, in study.toml order). Kept apart from
/// `Judgement` so that no ranking, agreement, bias figure or export can count it.
public struct CalibrationJudgement: Equatable, Sendable, Codable {
    public var pair: Int
    public var scores: [String: CriterionScore]
    public var preference: Preference?
    public var note: String
    public var seconds: Double
    public var at: Date

    public init(pair: Int, scores: [String: CriterionScore], preference: Preference?, note: String = "", seconds: Double, at: Date) {
        self.pair = pair
        self.scores = scores
        self.preference = preference
        self.note = note
        self.seconds = seconds
        self.at = at
    }

    /// The screen shows calibration pair k as item −k, so drafts, skips and the status line work
    /// as for live items while never meeting a live item's number.
    public static func itemNumber(pair: Int) -> Int { -pair }
    public static func pair(itemNumber: Int) -> Int? { itemNumber < 0 ? -itemNumber : nil }
}
