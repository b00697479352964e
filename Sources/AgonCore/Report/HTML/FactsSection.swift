/// The first page: what the study is, who rated what, what was left out, what was flagged.
extension StudyReportHTML {
    static func facts(_ report: StudyReport, _ words: Words) -> HTMLNode {
        let facts = report.facts
        var children: [HTMLNode] = [
            H.el("h1", text: report.title),
            H.p("\(report.study) · " + words("rubric", "рубрика") + " \(report.rubric) ("
                + (report.rubricMode == .absolute ? words("absolute scores", "абсолютные оценки") : words("comparative scores", "сравнительные оценки"))
                + ")", [("class", "lede")]),
        ]
        for warning in report.warnings {
            children.append(H.p(words("Warning: ", "Предупреждение: ") + warning, [("class", "warning")]))
        }
        if report.judgements == 0 {
            children.append(H.p(words("No judgements yet. Rate with: agon rate \(report.study) --rater NAME",
                                      "Оценок пока нет. Начните так: agon rate \(report.study) --rater ИМЯ")))
        }
        let rows: [(String, HTMLNode)] = [
            (words("systems", "системы"), count(facts.systems, "facts.systems", words)),
            (words("tasks", "задания"), count(facts.tasks, "facts.tasks", words)),
            (words("tasks judged", "заданий оценено"), count(facts.tasksJudged, "facts.tasksJudged", words)),
            (words("categories", "категории"), .text(facts.categories.joined(separator: ", "))),
            (words("answers", "ответы"), count(facts.answers, "facts.answers", words)),
            (words("samples per task × system (most)", "образцов на задание × систему (наибольшее)"), count(facts.samplesPerAnswer, "facts.samplesPerAnswer", words)),
            (words("items per rater (schedule, repeats included)", "пар на оценщика (по расписанию, с повторами)"), count(facts.itemsPerRater, "facts.itemsPerRater", words)),
            (words("raters", "оценщики"), count(facts.raters.count, "facts.raters.length", words)),
            (words("judgements", "оценки"), count(facts.judgements, "facts.judgements", words)),
            (words("repeated showings, left out of rankings and scores", "повторные показы, не входят в рейтинги и оценки"), count(facts.repeatsLeftOut, "facts.repeatsLeftOut", words)),
            (words("judgements naming systems not in the study, left out", "оценки систем не из исследования, исключены"), count(facts.unknownSystemJudgements, "facts.unknownSystemJudgements", words)),
            (words("journal lines that could not be used", "строки журналов, которые нельзя использовать"), count(facts.damagedLines, "facts.damagedLines", words)),
            (words("flags raised by raters", "отметки о проблемах от оценщиков"), count(facts.flags.count, "facts.flags.length", words)),
        ]
        children.append(H.el("h3", text: words("The study in numbers", "Исследование в цифрах")))
        children.append(H.table(["", words("count", "число")], rows.map { [.text($0.0), $0.1] }))
        if let blinding = report.blinding, blinding.overall.answers > 0 {
            let overall = blinding.overall
            children.append(H.el("p", [("class", "blinding")], [
                .text(words("Blinding check: correct among guesses ", "Проверка слепоты: верных среди догадок ")),
                ShownNumber.node(overall.shareCorrect?.proportion, "blinding.overall.shareCorrect.proportion", .percent, words.language),
                .text(" ("), range(overall.shareCorrect?.lower, overall.shareCorrect?.upper, "blinding.overall.shareCorrect", .percent, words),
                .text(words("; chance 50%), don't know ", "; случайно 50%), «не знаю» ")),
                ShownNumber.node(overall.dontKnowShare, "blinding.overall.dontKnowShare", .percent, words.language),
                .text(words(", Bang's blinding index ", ", индекс слепоты Бэнга ")),
                ShownNumber.node(overall.index.value, "blinding.overall.index.value", .fixed2, words.language),
                .text(words(" (0: blinded, 1: the texts gave the systems away), over ", " (0: слепота сохранена, 1: тексты выдали системы), ответов: ")),
                count(overall.answers, "blinding.overall.answers", words),
                .text(words(" answers.", ".")),
            ]))
        }
        children.append(H.el("h3", text: words("Systems", "Системы")))
        children.append(H.table([words("system", "система"), words("label", "название"), words("profile", "профиль")],
                                report.systems.map { [.text($0.id), .text($0.label), .text($0.profile)] }, numericFrom: 3))
        children.append(H.el("h3", text: words("Raters", "Оценщики")))
        children.append(H.table([words("rater", "оценщик"), words("background", "специальность"), words("judgements", "оценки"),
                                 words("repeats", "повторы"), words("flags", "отметки")],
                                facts.raters.enumerated().map { index, rater in
                                    [.text(rater.name), .text(rater.background ?? "—"),
                                     count(rater.judgements, "facts.raters[\(index)].judgements", words),
                                     count(rater.repeats, "facts.raters[\(index)].repeats", words),
                                     count(rater.flags, "facts.raters[\(index)].flags", words)]
                                }, numericFrom: 2))
        children += raterQuality(report, words)
        if !facts.flags.isEmpty {
            children.append(H.el("h3", text: words("Flags", "Отметки о проблемах")))
            children.append(H.table([words("rater", "оценщик"), words("item", "пара"), words("task", "задание"), words("reason", "причина")],
                                    facts.flags.enumerated().map { index, flag in
                                        [.text(flag.rater), count(flag.item, "facts.flags[\(index)].item", words), .text(flag.task ?? "?"),
                                         .text(flag.reasons.joined(separator: " | "))]
                                    }, numericFrom: 1))
        }
        // How each system's answers were made (server kind, sampling, thinking), as `agon collect`
        // recorded them in the study: a reader of the appendix needs them to reproduce the answers.
        let generated = report.systems.filter { $0.generation != nil }
        if !generated.isEmpty {
            children.append(H.el("h3", text: words("How the answers were generated", "Как получены ответы")))
            children.append(H.table([words("system", "система"), words("server, sampling, thinking", "сервер, выборка, рассуждение")],
                                    generated.map { [.text($0.id), .text($0.generation!)] }, numericFrom: 2))
        }
        // The title is this section's heading: the document opens with it.
        return H.el("section", [("id", "facts"), ("data-section", "facts")], children)
    }
}
