import Foundation

/// The blinding check as the text report prints it.
enum BlindingText {
    static func render(_ blinding: StudyBlinding) -> String {
        let asked = blinding.question == "larger" ? "the larger system (parameters_b)" : "system \(blinding.question)"
        guard blinding.overall.answers > 0 else {
            return "The study asks which answer came from \(asked); no rater has answered yet."
        }
        var rows = [["asked about", "other", "answers", "guesses", "correct among guesses", "95% interval", "don't know", "Bang's index", "95% interval"]]
        for arm in blinding.arms + [blinding.overall] {
            rows.append([arm.target ?? "all pairs", arm.other ?? "", "\(arm.answers)", "\(arm.guesses)",
                         arm.shareCorrect.map { percent($0.proportion) } ?? "—",
                         arm.shareCorrect.map { "\(percent($0.lower)) – \(percent($0.upper))" } ?? "—",
                         arm.dontKnowShare.map(percent) ?? "—",
                         arm.index.value.map(signed) ?? "—",
                         arm.index.lower.flatMap { lower in arm.index.upper.map { "\(signed(lower)) – \(signed($0))" } } ?? "—"])
        }
        var lines = ["Raters were asked which answer came from \(asked) (\(blinding.raters) rater\(blinding.raters == 1 ? "" : "s")).",
                     PlainTable.render(rows)]
        lines.append("Chance is 50% correct. Bang's index (correct − incorrect) / answers runs from −1 to 1: near 0 the texts did not give the systems away; near 1 raters could tell them apart.")
        return lines.joined(separator: "\n")
    }

    private static func percent(_ value: Double) -> String { String(format: "%.0f%%", value * 100) }
    private static func signed(_ value: Double) -> String { String(format: "%+.2f", value) }
}
