/// The `[exclusion]` table of study.toml: which raters the report sets aside, declared before
/// rating so that the choice cannot follow the results. The report prints its results with and
/// without them (`RaterExclusion`).
public struct ExclusionRules: Equatable, Sendable, Codable {
    /// Out when the rater failed at least this many control items.
    public var failedControlsAtLeast: Int?
    /// Out when the rater's repeated items agree with their first showing less often than this
    /// share (overall preference; raters with no judged repeat are not judged by it).
    public var repeatConsistencyBelow: Double?
    /// Out when the rater's median seconds per live judgement are below this floor.
    public var medianSecondsBelow: Double?

    public init(failedControlsAtLeast: Int? = nil, repeatConsistencyBelow: Double? = nil, medianSecondsBelow: Double? = nil) {
        self.failedControlsAtLeast = failedControlsAtLeast
        self.repeatConsistencyBelow = repeatConsistencyBelow
        self.medianSecondsBelow = medianSecondsBelow
    }

    public var isEmpty: Bool { failedControlsAtLeast == nil && repeatConsistencyBelow == nil && medianSecondsBelow == nil }

    /// The rules as study.toml names them, for the report.
    public enum Rule: String, Sendable, Codable, CaseIterable {
        case failedControls = "failed_controls_at_least"
        case repeatConsistency = "repeat_consistency_below"
        case medianSeconds = "median_seconds_below"
    }
}
