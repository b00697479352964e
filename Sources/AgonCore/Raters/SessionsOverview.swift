import Foundation

/// The table `agon sessions STUDY` prints (and `--watch` redraws): per rater, progress, median time
/// per judgement, last activity, and who they are when the study has a roster. Pure: journals in,
/// text out; listed raters who have not started yet are shown too, so a researcher sees who is missing.
public enum SessionsOverview {
    public static func render(studyID: String, journals: [(rater: String, contents: JournalContents)],
                              bundle: StudyBundle?, roster: Roster?) -> String {
        var header = ["rater"]
        if roster != nil { header += ["name", "background"] }
        // The column appears with controls in the study, so tables of studies without them stay as they were.
        let hasControls = bundle?.study.design.controls != nil
        header += ["rated", "total", "repeats"] + (hasControls ? ["controls passed"] : [])
            + ["skipped", "flagged", "median time", "last activity", "notes"]
        var rows = [header]
        var started: Set<String> = []
        for journal in journals {
            started.insert(RaterIdentity.key(journal.rater))
            let state = SessionState(replaying: journal.contents.events.map(\.event))
            let schedule = bundle.map { Schedule.make(study: $0.study, rater: journal.rater) }
            let repeatNumbers = Set(schedule?.items.filter(\.isRepeat).map(\.number) ?? [])
            let repeatsRated = state.judgements.keys.filter { repeatNumbers.contains($0) }.count
            var notes: [String] = []
            if journal.contents.tornTail != nil { notes.append("torn last line") }
            if !journal.contents.appendBlockers.isEmpty { notes.append("read-only: \(journal.contents.appendBlockers[0])") }
            if let studyHash = bundle?.studyHash, let header = journal.contents.header,
               header.accepting(journal.contents.events.map(\.event)).studyHash != studyHash {
                notes.append("study changed since start (see `agon validate`)")
            }
            if let roster, roster.rater(named: journal.rater) == nil { notes.append("not in raters.toml") }
            var row = [journal.rater]
            if let roster {
                let listed = roster.rater(named: journal.rater)
                row += [listed?.displayName ?? "", background(listed)]
            }
            row += [
                "\(state.ratedCount)",
                schedule.map { "\($0.count)" } ?? "?",
                "\(repeatsRated)/\(repeatNumbers.count)",
            ]
            if hasControls { row.append(ControlResults.of(state.judgements.values, rater: journal.rater).fraction) }
            row += [
                "\(state.skipped.filter { $0 > 0 && state.judgements[$0] == nil }.count)",
                "\(state.flags.count)",
                medianSeconds(state.judgements.values.map(\.seconds)),
                state.lastActivity.map { $0.formatted(.iso8601) } ?? "—",
                notes.joined(separator: "; "),
            ]
            rows.append(row)
        }
        for listed in roster?.raters ?? [] where !started.contains(RaterIdentity.key(listed.name)) {
            let total = bundle.map { "\(Schedule.make(study: $0.study, rater: listed.name).count)" } ?? "?"
            rows.append([listed.name, listed.displayName ?? "", background(listed), "0", total, "—"] + (hasControls ? ["—"] : [])
                + ["—", "—", "—", "—", "not started"])
        }
        return studyID + "\n" + PlainTable.render(rows)
    }

    private static func background(_ rater: Roster.Rater?) -> String {
        guard let rater else { return "" }
        return [rater.background, rater.years.map { "\($0) y" }].compactMap { $0 }.joined(separator: ", ")
    }

    /// The median of the seconds spent on each judgement, as `m:ss`; a dash before the first.
    static func medianSeconds(_ seconds: [Double]) -> String {
        guard !seconds.isEmpty else { return "—" }
        let sorted = seconds.sorted()
        let middle = sorted.count / 2
        let median = sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
        let whole = Int(median.rounded())
        return String(format: "%d:%02d", whole / 60, whole % 60)
    }
}
