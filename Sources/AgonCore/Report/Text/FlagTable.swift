import Foundation

/// Flagged items as aligned text: what `agon flags` prints and the report's "Flagged items".
public enum FlagTable {
    public static func render(_ flags: [RatedFlag], categories: [String: String] = [:]) -> String {
        var rows = [["task", "category", "rater", "item", "left", "right", "judged", "reason"]]
        let ordered = flags.sorted { ($0.task ?? "", $0.rater, $0.item) < ($1.task ?? "", $1.rater, $1.item) }
        for flag in ordered {
            rows.append([flag.task ?? "?", flag.task.flatMap { categories[$0] } ?? "", flag.rater, "\(flag.item)",
                         flag.left ?? "?", flag.right ?? "?", flag.judged ? "yes" : "no",
                         flag.reasons.joined(separator: " | ")])
        }
        return PlainTable.render(rows)
    }
}
