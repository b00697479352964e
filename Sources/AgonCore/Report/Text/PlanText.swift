import Foundation

/// `agon plan` as text: the assumptions, one row per contrast, the rule-of-thumb line.
public enum PlanText {
    /// - Parameters:
    ///   - contrasts: which contrasts are planned and why, e.g. "the 12 pairs its design compares (contrasts)".
    ///   - share: what one rater judges (`PlannedJudgements.share`).
    public static func render(study: String, assumptions: Planner.Assumptions, source: String, contrasts: String,
                              share: String, raters: Int, plans: [Planner.Plan]) -> String {
        var lines: [String] = []
        lines.append("Plan for \(study): \(contrasts); \(assumptions.tasks) tasks; \(share).")
        lines.append(String(format: "Assumed (%@): ties %.0f%%, task SD %.0f Elo, rater SD %.0f Elo; %d simulated studies a point; power = share of studies whose task-clustered 95%% interval of the win rate (ties excluded) leaves out 50%%, target %.0f%%.",
                            source, assumptions.tieRate * 100, assumptions.taskSD, assumptions.raterSD, assumptions.simulations, assumptions.targetPower * 100))
        lines.append("")
        var rows = [["contrast", "win rate", "Elo gap", "power, \(raters) rater\(raters == 1 ? "" : "s")", "95% interval width",
                     "raters needed", "judgements", "decisive"]]
        for plan in plans {
            let needed = plan.needed
            rows.append(["\(plan.system) vs \(plan.opponent)", String(format: "%.0f%%", plan.winRate * 100),
                         String(format: "%+.0f", plan.eloGap), String(format: "%.0f%%", plan.planned.power * 100),
                         String(format: "±%.1f points (±%.0f Elo)", plan.planned.width * 50, plan.planned.widthElo / 2),
                         needed.map { "\($0.raters)" } ?? "—", needed.map { "\($0.judgements)" } ?? "—",
                         needed.map { "\(Int((Double($0.judgements) * (1 - assumptions.tieRate)).rounded()))" } ?? "—"])
        }
        lines.append(PlainTable.render(rows))
        for plan in plans {
            if let note = plan.note { lines.append("Note: \(plan.system) vs \(plan.opponent): \(note)") }
        }
        let rates = Set(plans.map { max($0.winRate, 1 - $0.winRate) }).sorted()
        let thumbs = rates.map { String(format: "%.0f for %.0f%%", Planner.ruleOfThumb(winRate: $0).rounded(.up), $0 * 100) }
        lines.append("Rule of thumb, for independent judgements without ties or clustering: \(thumbs.joined(separator: ", ")) decisive judgements (80% power, two-sided 5%). Clustering by task and rater is why the simulated numbers are larger.")
        return lines.joined(separator: "\n")
    }
}
