import TOMLKit

/// Reads `[exclusion]` of study.toml (see `ExclusionRules`).
enum ExclusionReader {
    static func read(_ document: TOMLDocument, _ table: TOMLTable) -> ExclusionRules {
        document.rejectUnknownKeys(table, allowed: Set(ExclusionRules.Rule.allCases.map(\.rawValue)), at: "exclusion")
        var rules = ExclusionRules()
        if let failed = document.int(table, "failed_controls_at_least", at: "exclusion", required: false) {
            if failed < 1 {
                document.problem(at: "exclusion.failed_controls_at_least", "failed_controls_at_least must be at least 1, not \(failed)")
            } else {
                rules.failedControlsAtLeast = failed
            }
        }
        if let share = document.double(table, "repeat_consistency_below", at: "exclusion", required: false) {
            if !(share > 0 && share <= 1) {
                document.problem(at: "exclusion.repeat_consistency_below", "repeat_consistency_below is a share above 0 and at most 1 (0.6 for 60%), not \(share)")
            } else {
                rules.repeatConsistencyBelow = share
            }
        }
        if let seconds = document.double(table, "median_seconds_below", at: "exclusion", required: false) {
            if !(seconds > 0) {
                document.problem(at: "exclusion.median_seconds_below", "median_seconds_below must be a positive number of seconds, not \(seconds)")
            } else {
                rules.medianSecondsBelow = seconds
            }
        }
        if table.keys.isEmpty {
            document.problem(at: "exclusion", "[exclusion] declares no rule: give failed_controls_at_least, repeat_consistency_below or median_seconds_below, or remove the table")
        }
        return rules
    }

    /// Rules that cannot apply to the study's design are mistakes worth a line.
    static func check(_ document: TOMLDocument, rules: ExclusionRules, study: Study) {
        if rules.failedControlsAtLeast != nil, study.design.controls == nil {
            document.problem(at: "exclusion.failed_controls_at_least", "failed_controls_at_least needs control items: add [controls] with a `share`")
        }
        if rules.repeatConsistencyBelow != nil, study.design.repeatShare == 0 {
            document.problem(at: "exclusion.repeat_consistency_below", "repeat_consistency_below needs repeated items, but [design] repeat_share is 0")
        }
    }
}
