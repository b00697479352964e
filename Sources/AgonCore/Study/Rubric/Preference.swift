/// The rater's overall verdict on a pair. "Both weak" is a tie in rankings but is counted apart:
/// two poor answers are not the same finding as two equally good ones.
public enum Preference: String, CaseIterable, Codable, Sendable, Hashable {
    case a = "A"
    case b = "B"
    case tie
    case bothWeak = "both-weak"
}
