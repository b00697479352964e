import Foundation

/// `agon report` as aligned text: the systems, then one section per criterion (overall first) with
/// its ranking, head-to-head figures and score distribution, then the bias diagnostics.
public enum StudyReportText {
    /// One row per system × sample: first showings and the overall win share (ties as half).
    static func sampleTable(_ use: SampleUse) -> String {
        var rows = [["system", "sample", "showings", "won overall (ties half)"]]
        for row in use.rows {
            rows.append([row.system, String(row.sample), String(row.showings),
                         row.winShare.map { String(format: "%.1f%%", $0 * 100) } ?? "—"])
        }
        return "Samples: \(use.samples) per answer, pooled in rankings and scores (tasks stay the bootstrap clusters):\n"
            + PlainTable.render(rows)
    }

    public static func render(_ report: StudyReport) -> String {
        var out: [String] = []
        out.append("\(report.study) — \(report.title)")
        out.append("Rubric \(report.rubric) (\(report.rubricMode.rawValue)); \(PluralNoun.rater.counted(report.raters.count)), "
                   + "\(PluralNoun.judgement.counted(report.judgements)) (\(PluralNoun.repeatedShowing.counted(report.repeats)) left out of rankings and scores).")
        for warning in report.warnings { out.append("Warning: \(warning)") }
        if report.flaggedLeftOut > 0 {
            out.append("\(PluralNoun.judgement.counted(report.flaggedLeftOut)) of flagged items left out (--exclude-flagged).")
        }
        if report.judgements == 0 {
            out.append("")
            out.append("No judgements yet. Rate with: agon rate \(report.study) --rater NAME")
            return out.joined(separator: "\n")
        }
        if let first = report.sections.first { out.append(RankingTable.method(first.ranking)) }
        out.append(ReviewerChecksText.facts(report.facts))
        out.append("")
        out.append("Systems:")
        let width = report.systems.map { DisplayWidth.of($0.id) }.max() ?? 0
        for system in report.systems {
            let padding = String(repeating: " ", count: width - DisplayWidth.of(system.id))
            out.append("  \(system.id)\(padding)  \(system.label) — \(system.profile)")
            if let generation = system.generation {
                out.append("  \(String(repeating: " ", count: width))  generated with \(generation)")
            }
        }
        if let samples = report.samples {
            out.append("")
            out.append(sampleTable(samples))
        }

        let labels = Dictionary(uniqueKeysWithValues: report.systems.map { ($0.id, $0.label) })
        for section in report.sections {
            out.append("")
            out.append(heading(section.name))
            out.append(sectionTable(section.ranking, labels: labels))
            if let duel = section.headToHead {
                out.append("")
                out.append(RankingTable.headToHead(duel, holm: section.signTestPHolm))
            }
            if let effects = section.effects {
                out.append("")
                out.append(EffectsText.render(effects, seeAbove: section.id == report.sections.first?.id ? nil : report.sections.first?.name))
            }
            let scores = report.scores.filter { $0.criterion == section.id }
            if !scores.isEmpty {
                out.append("")
                out.append(scoreTable(scores, comparative: report.rubricMode == .comparative))
            }
        }
        out.append("")
        out.append(heading("Bias diagnostics"))
        out.append(biasTable(report.bias))
        out.append("")
        out.append(raterTable(report.bias))
        if let controls = report.controls {
            out.append("")
            out.append(heading("Control items"))
            out.append(RaterQualityText.controls(controls))
        }
        if let exclusion = report.exclusion {
            out.append("")
            out.append(heading("Raters excluded by the study's rules"))
            out.append(RaterQualityText.exclusion(exclusion, withAll: report.sections.first?.ranking, labels: labels))
        }
        let names = Dictionary(uniqueKeysWithValues: report.sections.map { ($0.id, $0.name) })
        out.append("")
        out.append(heading("Construct validity"))
        out.append(ReviewerChecksText.constructValidity(report.constructValidity, names: names))
        out.append("")
        out.append(heading("Serial position and fatigue"))
        out.append(ReviewerChecksText.serialPosition(report.serialPosition))
        if let groups = report.raterGroups {
            out.append("")
            out.append(heading("Rater groups"))
            out.append(ReviewerChecksText.raterGroups(groups))
        }
        out.append("")
        out.append(heading("Split-half reliability"))
        out.append(ReviewerChecksText.splitHalf(report.splitHalf, names: names))
        if let blinding = report.blinding {
            out.append("")
            out.append(heading("Blinding check"))
            out.append(BlindingText.render(blinding))
        }
        if report.raters.count >= 2 {
            out.append("")
            out.append("Agreement between raters: `agon agreement \(report.study)` prints it in full; it is also in --json and --html.")
        }
        if !report.facts.flags.isEmpty {
            out.append("")
            out.append(heading("Flagged items"))
            out.append(FlagTable.render(report.facts.flags))
            out.append("Review them with `agon flags \(report.study)`; `--exclude-flagged` leaves their judgements out.")
        }
        if !report.editedAnswers.isEmpty {
            out.append("")
            out.append(heading("Answers edited after judgements saw them"))
            var rows = [["task", "system", "sample", "judgements of the old text", "raters"]]
            for answer in report.editedAnswers {
                rows.append([answer.task, answer.system, "\(answer.sample)", "\(answer.judgementsOfOldText)",
                             answer.raters.keys.sorted().map { "\($0) \(answer.raters[$0]!)" }.joined(separator: ", ")])
            }
            out.append(PlainTable.render(rows))
            out.append("These judgements were made on the text before the edits accepted with `agon validate --accept-edits`; they count as recorded.")
        }
        return out.joined(separator: "\n")
    }

    static func heading(_ title: String) -> String {
        "\(title)\n" + String(repeating: "═", count: DisplayWidth.of(title))
    }

    static func sectionTable(_ ranking: Ranking, labels: [String: String]) -> String {
        var rows = [["rank", "system", "label", "rating", "95% interval", "battles", "won", "tied", "lost", "both weak", "online Elo"]]
        let grouped = Set(ranking.rows.map(\.component)).count > 1
        for row in ranking.rows {
            rows.append(["\(row.rank)", grouped ? "\(row.system) [group \(row.component + 1)]" : row.system,
                         labels[row.system] ?? "", RankingTable.whole(row.rating), RankingTable.interval(row), "\(row.battles)",
                         "\(row.wins)", "\(row.ties)", "\(row.losses)", "\(row.bothWeak)", RankingTable.whole(row.onlineElo)])
        }
        var lines = [PlainTable.render(rows)]
        for note in ranking.notes { lines.append("Note: " + note) }
        return lines.joined(separator: "\n")
    }

    static func scoreTable(_ scores: [ScoreSummary], comparative: Bool) -> String {
        guard let first = scores.first else { return "" }
        let what = comparative ? "mean margin" : "mean score"
        var rows = [["system", "scores", what, "95% interval", "distribution \(first.scaleMin)…\(first.scaleMax)"]]
        for score in scores.sorted(by: { ($0.mean ?? -.infinity) > ($1.mean ?? -.infinity) }) {
            let interval = score.lower.flatMap { lower in score.upper.map { String(format: "%.2f–%.2f", lower, $0) } } ?? "—"
            rows.append([score.system, "\(score.n)", score.mean.map { String(format: "%.2f", $0) } ?? "—", interval, score.bars])
        }
        return PlainTable.render(rows)
    }

    static func share(_ share: ObservedShare) -> [String] {
        [RankingTable.percent(share.proportion), RankingTable.interval(share.interval), "\(share.trials)"]
    }

    static func biasTable(_ bias: BiasDiagnostics) -> String {
        var rows = [["", "value", "95% interval", "n"]]
        rows.append(["left answer won (decisive verdicts)"] + share(bias.leftWins))
        rows.append(["longer answer won (lengths differ)"] + share(bias.longerWins))
        if let slope = bias.lengthSlope {
            rows.append(["length slope beyond system strength (log-odds)", String(format: "%.2f", slope.slope),
                         String(format: "%.2f–%.2f", slope.slopeLower, slope.slopeUpper), "\(slope.n)"])
            rows.append(["  odds of winning when twice as long", String(format: "×%.2f", slope.oddsRatioPerDoubling),
                         String(format: "×%.2f–%.2f", pow(2, slope.slopeLower), pow(2, slope.slopeUpper)), ""])
        } else {
            rows.append(["length slope", "—", "", ""])
        }
        rows.append(["same verdict on repeated items"] + share(bias.consistency.sameVerdict))
        rows.append(["  same side chosen on repeat (position)", "\(bias.consistency.sameSide)", "", "\(bias.consistency.pairs)"])
        rows.append(["median seconds per judgement", bias.medianSeconds.map { String(format: "%.0f", $0) } ?? "—", "", "\(bias.judgements)"])
        rows.append(["faster than reading at \(Int(bias.readingWordsPerMinute)) words/min", "\(bias.fastJudgements)", "", "\(bias.judgements)"])
        return PlainTable.render(rows)
    }

    static func raterTable(_ bias: BiasDiagnostics) -> String {
        var rows = [["rater", "judgements", "left won", "95% interval", "longer won", "same verdict", "same side", "median s", "too fast"]]
        for rater in bias.raters {
            let consistency = rater.consistency.pairs > 0
                ? "\(rater.consistency.sameVerdict.successes)/\(rater.consistency.pairs)" : "—"
            rows.append([rater.rater, "\(rater.judgements)", RankingTable.percent(rater.leftWins.proportion),
                         RankingTable.interval(rater.leftWins.interval), RankingTable.percent(rater.longerWins.proportion),
                         consistency, rater.consistency.pairs > 0 ? "\(rater.consistency.sameSide)" : "—",
                         rater.medianSeconds.map { String(format: "%.0f", $0) } ?? "—", "\(rater.fastJudgements)"])
        }
        return PlainTable.render(rows)
    }
}
