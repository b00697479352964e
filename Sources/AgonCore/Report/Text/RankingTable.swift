import Foundation

/// The ranking as aligned text for the terminal.
public enum RankingTable {
    /// - Parameter describe: the label and parameter profile of a system, for study reports.
    public static func render(_ ranking: Ranking, describe: ((String) -> (label: String, profile: String)?)? = nil) -> String {
        var heading = ["rank", "system"]
        if describe != nil { heading += ["label", "profile"] }
        heading += ["rating", "95% interval", "battles", "won", "tied", "lost", "both weak", "online Elo"]
        var rows = [heading]
        let grouped = Set(ranking.rows.map(\.component)).count > 1
        for row in ranking.rows {
            var cells = ["\(row.rank)", grouped ? "\(row.system) [group \(row.component + 1)]" : row.system]
            if let describe {
                let description = describe(row.system)
                cells += [description?.label ?? "", description?.profile ?? ""]
            }
            cells += [whole(row.rating), interval(row), "\(row.battles)", "\(row.wins)", "\(row.ties)", "\(row.losses)",
                      "\(row.bothWeak)", whole(row.onlineElo)]
            rows.append(cells)
        }
        var lines = [PlainTable.render(rows)]
        for note in ranking.notes { lines.append("Note: " + note) }
        return lines.joined(separator: "\n")
    }

    /// One line saying how the numbers were made.
    /// - Parameter clusterName: what the clustered bootstrap resamples, if not tasks.
    public static func method(_ ranking: Ranking, clusterName: String = "tasks") -> String {
        let anchor = ranking.anchor.map { "`\($0)` held at 1000" } ?? "mean 1000"
        let ties = ranking.tieModel == .half
            ? "ties as half a win"
            : "Davidson ties (ν = \(ranking.tieParameter.map { String(format: "%.3f", $0) } ?? "unbounded"))"
        let resampled = ranking.bootstrap == .tasks ? "\(clusterName) resampled" : "battles resampled multinomially"
        let intervals = ranking.rounds > 0
            ? "95% intervals from \(ranking.rounds) bootstrap rounds (\(resampled), seed \(ranking.seed))"
            : "no bootstrap"
        return "Bradley–Terry, Elo scale (\(anchor)), \(ties); \(intervals); online Elo K=\(number(ranking.eloK)) averaged over \(ranking.eloShuffles) orders."
    }

    /// - Parameter holm: the sign test's p after Holm's correction across criteria. The clustered
    ///   rows come from the head-to-head itself when a cluster is known.
    public static func headToHead(_ duel: HeadToHead, holm: Double? = nil) -> String {
        var rows = [["", "value", "95% interval"]]
        rows.append(["battles", "\(duel.battles)", ""])
        rows.append(["won / tied / lost / both weak", "\(duel.wins) / \(duel.ties) / \(duel.losses) / \(duel.bothWeak)", ""])
        rows.append(["win rate, ties as half (Wilson)", percent(duel.winRateTiesHalf?.proportion), interval(duel.winRateTiesHalf)])
        rows.append(["win rate, ties excluded (Wilson)", percent(duel.winRateTiesExcluded?.proportion), interval(duel.winRateTiesExcluded)])
        rows.append(["sign test p (two-sided, exact)", duel.signTestP.map(pValue) ?? "—", ""])
        if let holm { rows.append(["  Holm-adjusted across criteria", pValue(holm), ""]) }
        if let clustered = duel.clustered {
            rows.append(["clustered by \(clustered.name) (\(clustered.clusters)):", "", ""])
            rows.append(["  win rate, ties as half", percent(clustered.winRateTiesHalf?.interval.proportion),
                         interval(clustered.winRateTiesHalf?.interval)])
            rows.append(["  win rate, ties excluded", percent(clustered.winRateTiesExcluded?.interval.proportion),
                         interval(clustered.winRateTiesExcluded?.interval)])
            rows.append(["  sign-flip test p (two-sided)", clustered.signTestP.map(pValue) ?? "—", ""])
            return "\(duel.system) against \(duel.opponent)\n" + PlainTable.render(rows)
                + "\nRead the clustered rows: battles on one \(clustered.name) are not independent, and the rows above them assume they are."
        }
        return "\(duel.system) against \(duel.opponent)\n" + PlainTable.render(rows)
    }

    /// "lower…upper", or "≥ lower" / "≤ upper" when the other end is unbounded, or "—".
    public static func interval(_ row: RankingRow) -> String {
        switch (row.lower, row.upper) {
        case let (lower?, upper?): return "\(whole(lower))…\(whole(upper))"
        case let (lower?, nil) where row.openAbove: return "≥ \(whole(lower))"
        case let (nil, upper?) where row.openBelow: return "≤ \(whole(upper))"
        default: return "—"
        }
    }

    static func whole(_ value: Double) -> String {
        value.isFinite && abs(value) < 1e15 ? String(Int(value.rounded())) : "—"
    }

    static func number(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(value)
    }

    public static func percent(_ value: Double?) -> String {
        guard let value else { return "—" }
        return String(format: "%.1f%%", value * 100)
    }

    public static func interval(_ wilson: WilsonInterval?) -> String {
        guard let wilson else { return "—" }
        return String(format: "%.1f–%.1f%%", wilson.lower * 100, wilson.upper * 100)
    }

    public static func pValue(_ p: Double) -> String {
        if p < 0.0001 { return "<0.0001" }
        return String(format: p < 0.01 ? "%.4f" : "%.3f", p)
    }
}
