/// The checks a reviewer of a human-evaluation study asks for: construct validity, serial
/// position, rater groups, split-half reliability.
extension StudyReportHTML {
    static func names(_ report: StudyReport, _ words: Words) -> [String: String] {
        Dictionary(uniqueKeysWithValues: report.sections.map { ($0.id, $0.names.text(in: words.language)) })
    }

    static func correlationRange(_ c: PearsonCorrelation, _ path: String, _ words: Words) -> HTMLNode {
        range(c.lower, c.upper, path, .fixed2, words)
    }

    static func validity(_ report: StudyReport, _ words: Words) -> HTMLNode {
        let validity = report.constructValidity
        let names = names(report, words)
        var children: [HTMLNode] = [H.p([
            .text(words("Pearson correlations of the criteria over ", "Корреляции Пирсона между критериями по ")),
            count(validity.observations, "constructValidity.observations", words),
            .text(words(" scored answers. Criteria that measure different things correlate moderately; above ",
                        " оценённым ответам. Критерии, измеряющие разное, коррелируют умеренно; выше ")),
            number(validity.haloThreshold, "constructValidity.haloThreshold", .fixed2, words),
            .text(words(" the rubric is not telling them apart (a halo).", " рубрика их не различает (эффект ореола).")),
        ], [("class", "lede")])]
        for pair in validity.haloWarnings {
            children.append(H.p(words("Halo warning: \(pair) correlate above the threshold — read them as one finding, or sharpen the rubric.",
                                      "Предупреждение об ореоле: \(pair) коррелируют выше порога — читайте их как одну находку или уточните рубрику."),
                                [("class", "warning")]))
        }
        let labels = validity.criteria.map { names[$0] ?? $0 }
        children.append(figure(HeatMap.draw(labels: labels, values: validity.matrix, path: { "constructValidity.matrix[\($0)][\($1)]" },
                                            figure: "criteria-correlation", title: words("Correlation of the criteria", "Корреляции критериев"), words: words),
                               caption: words("Correlation of every two criteria over answers (each answer's scores from one rater).",
                                              "Корреляция каждой пары критериев по ответам (оценки одного ответа одним оценщиком).")))
        children.append(H.table([words("criteria", "критерии"), "r", words("95% interval", "95% интервал"), "n"],
                                validity.pairs.enumerated().map { p, pair in
                                    let path = "constructValidity.pairs[\(p)].correlation"
                                    return [.text("\(names[pair.first] ?? pair.first) × \(names[pair.second] ?? pair.second)"),
                                            number(pair.correlation.r, "\(path).r", .fixed2, words), correlationRange(pair.correlation, path, words),
                                            count(pair.correlation.n, "\(path).n", words)]
                                }))
        children.append(H.table([words("criterion", "критерий"), words("r with the overall preference", "r с общим предпочтением"),
                                 words("95% interval", "95% интервал"), "n"],
                                validity.withPreference.enumerated().map { c, entry in
                                    let path = "constructValidity.withPreference[\(c)].correlation"
                                    return [.text(names[entry.criterion] ?? entry.criterion), number(entry.correlation.r, "\(path).r", .fixed2, words),
                                            correlationRange(entry.correlation, path, words), count(entry.correlation.n, "\(path).n", words)]
                                }))
        children.append(H.p(words("Against the preference, each judgement gives the criterion's margin for the left answer and the verdict coded +1 (left), −1 (right), 0 (tie, both weak). Fisher-z intervals treat answers as independent; one rater's answers are not, so the true uncertainty is larger.",
                                  "Для предпочтения каждая оценка даёт перевес левого ответа по критерию и вердикт: +1 (левый), −1 (правый), 0 (ничья, оба слабые). Интервалы Фишера считают ответы независимыми; ответы одного оценщика зависимы, так что реальная неопределённость больше."),
                            [("class", "note")]))
        return section("validity", words("Construct validity", "Конструктная валидность"), children)
    }

    static func slopeRow(_ name: String, _ slope: LinearSlope?, _ path: String, _ style: ShownNumber.Style, _ words: Words) -> [HTMLNode] {
        [.text(name), number(slope?.slope, "\(path).slope", style, words), range(slope?.lower, slope?.upper, path, style, words),
         slope.map { count($0.n, "\(path).n", words) } ?? .text("—")]
    }

    static func position(_ report: StudyReport, _ words: Words) -> HTMLNode {
        let drift = report.serialPosition
        var children: [HTMLNode] = [H.p(words("Does judging drift as a session goes on? Slopes per item of position, within raters (each rater compared with themselves), with 95% t intervals. An interval that excludes 0 is a drift: a rising distance from the other raters is the classic sign of fatigue.",
                                              "Меняется ли суждение по ходу сессии? Наклоны на одну позицию внутри оценщиков (каждый сравнивается с собой), с 95% t-интервалами. Интервал, не содержащий 0, означает дрейф: растущее отклонение от остальных — классический признак усталости."),
                                        [("class", "lede")])]
        children.append(H.table([words("measure", "мера"), words("slope per item", "наклон на пару"), words("95% interval", "95% интервал"), "n"], [
            slopeRow(words("mean score", "средняя оценка"), drift.scoreSlope, "serialPosition.scoreSlope", .signed3, words),
            slopeRow(words("distance from the other raters' mean score", "отклонение от средней оценки остальных"), drift.distanceSlope, "serialPosition.distanceSlope", .signed3, words),
            slopeRow(words("seconds per judgement", "секунд на оценку"), drift.secondsSlope, "serialPosition.secondsSlope", .signed3, words),
        ]))
        if let chart = PositionDrift.draw(drift, figure: "position-drift", words: words) {
            children.append(figure(chart, caption: words("Means over bins of positions; numbers are the bin means.", "Средние по группам позиций; числа — средние группы.")))
        }
        children.append(H.table([words("rater", "оценщик"), words("judgements", "оценки"), words("score slope per item", "наклон оценки на пару"),
                                 words("95% interval", "95% интервал")],
                                drift.raters.enumerated().map { r, rater in
                                    let path = "serialPosition.raters[\(r)].scoreSlope"
                                    return [.text(rater.rater), count(rater.judgements, "serialPosition.raters[\(r)].judgements", words),
                                            number(rater.scoreSlope?.slope, "\(path).slope", .signed3, words),
                                            range(rater.scoreSlope?.lower, rater.scoreSlope?.upper, path, .signed3, words)]
                                }))
        return section("position", words("Serial position and fatigue", "Позиция в сессии и усталость"), children)
    }

    static func raterGroups(_ report: StudyReport, _ words: Words) -> HTMLNode? {
        guard let groups = report.raterGroups, groups.groups.count == 2 else { return nil }
        let (first, second) = (groups.groups[0], groups.groups[1])
        var children: [HTMLNode] = [H.p([
            .text(words("From the roster (Studies/\(report.study)/raters.toml): ", "По списку оценщиков (Studies/\(report.study)/raters.toml): ")),
            .text("\(first.background) ("), count(first.raters.count, "raterGroups.groups[0].raters.length", words), .text(words(" raters, ", " оценщ., ")),
            count(first.judgements, "raterGroups.groups[0].judgements", words), .text(words(" judgements) against ", " оценок) против ")),
            .text("\(second.background) ("), count(second.raters.count, "raterGroups.groups[1].raters.length", words), .text(words(" raters, ", " оценщ., ")),
            count(second.judgements, "raterGroups.groups[1].judgements", words),
            .text(words(" judgements), overall preference. The difference's interval comes from one task bootstrap over both groups.",
                        " оценок), общее предпочтение. Интервал разности — из одного бутстрепа по заданиям для обеих групп.")),
        ], [("class", "lede")])]
        var rows: [[HTMLNode]] = []
        for (d, difference) in groups.differences.enumerated() {
            var cells: [HTMLNode] = [.text(difference.system)]
            for g in 0..<2 {
                let ranking = groups.groups[g].ranking
                if let r = ranking.rows.firstIndex(where: { $0.system == difference.system }) {
                    let row = ranking.rows[r]
                    let path = "raterGroups.groups[\(g)].ranking.rows[\(r)]"
                    cells += [number(row.rating, "\(path).rating", .whole, words), range(row.lower, row.upper, path, .whole, words)]
                } else {
                    cells += [.text("—"), .text("—")]
                }
            }
            let path = "raterGroups.differences[\(d)]"
            cells += [number(difference.difference, "\(path).difference", .signedWhole, words),
                      range(difference.lower, difference.upper, path, .signedWhole, words)]
            rows.append(cells)
        }
        if let chart = GroupComparison.draw(groups, systems: report.systems.map(\.id), figure: "rater-groups", words: words) {
            children.append(figure(chart, caption: words("Overall rating of each system by each group, with 95% intervals; the dashed line is the mean, 1000.",
                                                         "Общий рейтинг каждой системы по каждой группе с 95% интервалами; пунктир — среднее, 1000.")))
        }
        children.append(H.table([words("system", "система"), "\(first.background)", words("95% interval", "95% интервал"), "\(second.background)",
                                 words("95% interval", "95% интервал"), words("difference", "разность"), words("95% interval", "95% интервал")], rows))
        if !groups.ratersLeftOut.isEmpty {
            children.append(H.p(words("Left out (no background, or another one): ", "Не вошли (специальность не указана или другая): ")
                                + groups.ratersLeftOut.joined(separator: ", "), [("class", "note")]))
        }
        return section("groups", words("Rater groups", "Группы оценщиков"), children)
    }

    static func reliability(_ report: StudyReport, _ words: Words) -> HTMLNode {
        let split = report.splitHalf
        let names = names(report, words)
        var reasons: [String] = []
        func cells(_ r: SplitHalfReliability?, _ path: String) -> [HTMLNode] {
            guard let r else { return [.text(""), .text("")] }
            guard r.reliability != nil else {
                if let reason = r.undefinedReason, !reasons.contains(reason) { reasons.append(reason) }
                return [H.el("span", [("data-json", "\(path).reliability"), ("data-style", "fixed2")], text: "—"), .text("")]
            }
            return [number(r.reliability, "\(path).reliability", .fixed2, words), range(r.lower, r.upper, path, .fixed2, words)]
        }
        let rows: [[HTMLNode]] = split.entries.enumerated().map { e, entry in
            [.text(names[entry.section] ?? entry.section)] + cells(entry.ratings, "splitHalf.entries[\(e)].ratings")
                + cells(entry.scores, "splitHalf.entries[\(e)].scores")
        }
        var children: [HTMLNode] = [H.p([
            .text(words("Would another panel like this one reach the same result? The raters are split at random into two halves ",
                        "Пришла бы другая такая же группа к тому же результату? Оценщики случайно делятся на две половины ")),
            count(split.splits, "splitHalf.splits", words),
            .text(words(" times; each half's estimates are correlated and stepped up to the whole panel by Spearman–Brown; the mean over splits is shown with the middle 95% of splits.",
                        " раз; оценки половин коррелируются и пересчитываются на всю группу по Спирмену — Брауну; показано среднее по разбиениям и средние 95% разбиений.")),
        ], [("class", "lede")])]
        children.append(H.table([words("section", "раздел"), words("system ratings", "рейтинги систем"), words("95% of splits", "95% разбиений"),
                                 words("answer scores", "оценки ответов"), words("95% of splits", "95% разбиений")], rows))
        for reason in reasons { children.append(H.p("— " + reason, [("class", "note")])) }
        return section("reliability", words("Split-half reliability", "Надёжность методом расщепления"), children)
    }
}
