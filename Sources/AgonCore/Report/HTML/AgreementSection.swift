/// Agreement between raters: the statistics with their intervals, the reading guide, and Cohen's
/// κ between every two raters as a heat map.
extension StudyReportHTML {
    static func agreement(_ report: StudyReport, _ words: Words) -> HTMLNode {
        guard let agreement = report.agreement else {
            return section("agreement", words("Agreement between raters", "Согласие оценщиков"),
                           [H.p(words("Agreement needs at least two raters.", "Для согласия нужны хотя бы два оценщика."))])
        }
        var children: [HTMLNode] = [H.p(words("Scores: one unit is an answer (task × system) at a rater's first showing; winners and the overall preference: one unit is a task × pair of systems, the value which system won or tie (both weak counts as a tie). Intervals: percentile bootstrap over units.",
                                              "Оценки: единица — ответ (задание × система) при первом показе оценщику; победители и общее предпочтение: единица — задание × пара систем, значение — какая система победила или ничья (оба слабые — ничья). Интервалы: процентильный бутстреп по единицам."),
                                        [("class", "lede")])]
        func rows(_ estimates: [AgreementEstimate], _ path: String, label: String?, units: (Int, String)?) -> [[HTMLNode]] {
            estimates.enumerated().map { e, estimate in
                let first: HTMLNode = e == 0 && label != nil
                    ? H.span([.text(label! + " ("), count(units!.0, units!.1, words), .text(")")]) : .text("")
                let value: HTMLNode = estimate.value == nil
                    ? H.el("span", [("data-json", "\(path)[\(e)].value"), ("data-style", "fixed3"), ("title", estimate.undefinedReason ?? "")],
                           text: words("undefined", "не определено"))
                    : number(estimate.value, "\(path)[\(e)].value", .fixed3, words)
                let interval: HTMLNode = estimate.interval == nil ? .text("—")
                    : range(estimate.interval?.low, estimate.interval?.high, "\(path)[\(e)].interval", lowKey: "low", highKey: "high", .fixed3, words)
                return [first, .text(estimate.statistic), .text(estimate.level.rawValue), value, interval,
                        .text(estimate.undefinedReason ?? estimate.note ?? "")]
            }
        }
        let heading = [words("criterion", "критерий"), words("statistic", "статистика"), words("level", "шкала"),
                       words("value", "значение"), words("95% interval", "95% интервал"), words("note", "примечание")]
        var scoreRows: [[HTMLNode]] = [], winnerRows: [[HTMLNode]] = []
        for (c, criterion) in agreement.criteria.enumerated() {
            let name = report.section(criterion.id)?.names.text(in: words.language) ?? criterion.name
            scoreRows += rows(criterion.scores, "agreement.criteria[\(c)].scores", label: name, units: (criterion.scoreUnits, "agreement.criteria[\(c)].scoreUnits"))
            winnerRows += rows(criterion.winners, "agreement.criteria[\(c)].winners", label: name, units: (criterion.winnerUnits, "agreement.criteria[\(c)].winnerUnits"))
        }
        children.append(H.el("h3", text: words("Scores given to the same answer", "Оценки одного и того же ответа")))
        children.append(H.table(heading, scoreRows, numericFrom: 3))
        children.append(H.el("h3", text: words("Winner of each pair per criterion", "Победитель пары по каждому критерию")))
        children.append(H.table(heading, winnerRows, numericFrom: 3))
        children.append(H.el("h3", text: words("Overall preference", "Общее предпочтение")))
        children.append(H.table(heading, rows(agreement.preference.estimates, "agreement.preference.estimates",
                                              label: words("overall", "в целом"), units: (agreement.preference.units, "agreement.preference.units")), numericFrom: 3))
        children.append(H.p(words("(n) after a criterion: units rated by two or more raters. ", "(n) после критерия — число единиц, оценённых двумя и более оценщиками. ")
                            + words(AgreementText.readingGuide,
                                    "Как читать: альфа ≥ 0,800 — надёжно, 0,667–0,800 — допускает лишь предварительные выводы, ниже 0,667 — ненадёжно (Krippendorff 2004); «не определено» значит, что оценки не несут информации для этой статистики, а не нулевое согласие.")
                            + words(" When one system wins most pairs, kappa and alpha can be low despite high raw agreement; AC1 stays readable.",
                                    " Когда одна система выигрывает почти все пары, каппа и альфа бывают низкими при высоком сыром согласии; AC1 остаётся читаемым."),
                            [("class", "note")]))
        if let pairwise = agreement.preference.pairwise, pairwise.raters.count >= 2 {
            children.append(H.el("h3", text: words("Cohen's κ between raters (overall preference)", "Каппа Коэна между оценщиками (общее предпочтение)")))
            children.append(figure(HeatMap.draw(labels: pairwise.raters, values: pairwise.kappa,
                                                path: { "agreement.preference.pairwise.kappa[\($0)][\($1)]" }, figure: "kappa-matrix",
                                                title: words("Pairwise Cohen's kappa", "Попарная каппа Коэна"), words: words),
                                   caption: words("Blue: agreement beyond chance; vermillion: below chance; white: chance level or undefined. A rater with a low mean κ disagrees with everyone: look at their sessions.",
                                                  "Синий — согласие выше случайного, красно-оранжевый — ниже, белый — случайный уровень или не определено. Оценщик с низкой средней каппой расходится со всеми: посмотрите его сессии.")))
            children.append(H.table([words("rater", "оценщик"), words("mean κ with the others", "средняя κ с остальными")],
                                    pairwise.raters.enumerated().map { r, rater in
                                        [.text(rater), number(pairwise.meanKappa[r], "agreement.preference.pairwise.meanKappa[\(r)]", .fixed2, words)]
                                    }))
        }
        children.append(H.el("h3", text: words("Intra-rater consistency (repeated items, sides swapped)", "Согласованность оценщика с собой (повторы, стороны переставлены)")))
        children.append(H.table([words("rater", "оценщик"), words("repeats", "повторы"), words("same preference", "то же предпочтение"),
                                 words("same criterion winner", "тот же победитель критерия"), words("mean score difference", "средняя разница оценок")],
                                agreement.consistency.enumerated().map { r, rater in
                                    let path = "agreement.consistency[\(r)]"
                                    return [.text(rater.rater), count(rater.repeatedPairs, "\(path).repeatedPairs", words),
                                            number(rater.samePreference, "\(path).samePreference", .percent, words),
                                            number(rater.sameCriterionWinner, "\(path).sameCriterionWinner", .percent, words),
                                            number(rater.meanScoreDifference, "\(path).meanScoreDifference", .fixed2, words)]
                                }))
        return section("agreement", words("Agreement between raters", "Согласие оценщиков"), children)
    }
}
