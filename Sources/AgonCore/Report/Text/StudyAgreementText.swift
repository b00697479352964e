/// The plain-text report of `agon agreement STUDY`.
public enum StudyAgreementText {
    public static func render(_ result: StudyAgreement.Result) -> String {
        var lines = ["Agreement in study \(result.study): \(PluralNoun.rater.counted(result.raters.count)) (\(result.raters.joined(separator: ", "))), "
            + "\(PluralNoun.judgement.counted(result.judgements)), rubric \(result.rubric) (\(result.rubricMode.rawValue))"]
        if result.raters.count < 2 {
            lines.append("Only one rater so far: agreement needs at least two. The statistics below are undefined.")
        }
        lines.append("")
        let sampled = result.samples != nil
        let scoreUnit = result.criteria.first?.scoreUnit == "pair"
            ? "unit: task × system pair\(sampled ? " × the samples shown" : ""), the comparison read from the first system in id order"
            : "unit: one answer, task × system\(sampled ? " × sample" : ""), at a rater's first showing of it"
        lines.append("Scores given to the same \(result.criteria.first?.scoreUnit ?? "answer") by different raters — \(scoreUnit)")
        var rows = [["criterion", "statistic", "level", "value", "95% interval", "note"]]
        for criterion in result.criteria {
            rows += prefixed(AgreementText.estimateRows(criterion.scores), with: "\(criterion.name) (\(criterion.scoreUnits))")
        }
        lines.append(PlainTable.render(rows))
        lines.append("")
        lines.append("Winner of each pair per criterion — unit: task × system pair\(sampled ? " × the samples shown" : ""); value: first / tie / second system in id order")
        rows = [["criterion", "statistic", "level", "value", "95% interval", "note"]]
        for criterion in result.criteria {
            rows += prefixed(AgreementText.estimateRows(criterion.winners), with: "\(criterion.name) (\(criterion.winnerUnits))")
        }
        lines.append(PlainTable.render(rows))
        lines.append("")
        lines.append("Overall preference — \(result.preference.units) pairs rated by two or more raters; both weak counts as a tie")
        rows = [["statistic", "level", "value", "95% interval", "note"]]
        rows += AgreementText.estimateRows(result.preference.estimates)
        lines.append(PlainTable.render(rows))
        lines.append("(n) after a criterion: units rated by two or more raters.")
        lines.append(AgreementText.readingGuide)
        lines.append("When one system wins most pairs, kappa and alpha can be low despite high raw agreement; AC1 stays readable.")
        if result.bootstrapRounds > 0 {
            lines.append("Intervals: percentile bootstrap over units, \(result.bootstrapRounds) resamples, seed \(result.seed).")
        }
        if let pairwise = result.preference.pairwise {
            lines.append("")
            lines.append(AgreementText.render(pairwise, title: "Cohen's kappa on the overall preference by rater pair (— on the diagonal or where undefined); a low mean marks an outlying rater:"))
        }
        lines.append("")
        lines.append("Intra-rater consistency (repeated items, sides swapped)")
        rows = [["rater", "repeats", "same preference", "same criterion winner", "mean score difference"]]
        for rater in result.consistency {
            rows.append([rater.rater, "\(rater.repeatedPairs)", percent(rater.samePreference), percent(rater.sameCriterionWinner),
                         AgreementText.number(rater.meanScoreDifference, digits: 2)])
        }
        lines.append(PlainTable.render(rows))
        return lines.joined(separator: "\n")
    }

    static func prefixed(_ rows: [[String]], with label: String) -> [[String]] {
        rows.enumerated().map { index, row in [index == 0 ? label : ""] + row }
    }

    static func percent(_ share: Double?) -> String {
        guard let share else { return "—" }
        return AgreementText.number(share * 100, digits: 0) + "%"
    }
}
