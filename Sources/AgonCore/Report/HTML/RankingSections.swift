/// Rankings (a forest plot and table per section), head to head, and score distributions.
extension StudyReportHTML {
    static let rowsPerFigure = 30

    static func rankings(_ report: StudyReport, _ words: Words) -> HTMLNode {
        var children: [HTMLNode] = []
        if let first = report.sections.first?.ranking {
            let anchor = first.anchor.map { words("`\($0)` held at 1000", "`\($0)` = 1000") } ?? words("mean 1000", "среднее 1000")
            let resampled = first.bootstrap == .tasks ? words("tasks resampled", "с пересэмплированием заданий")
                : words("battles resampled", "с пересэмплированием встреч")
            children.append(H.p([.text(words("Bradley–Terry ratings on the Elo scale (\(anchor)), ties as half a win; 95% intervals from ",
                                             "Рейтинги Брэдли — Терри по шкале Эло (\(anchor)), ничья — половина победы; 95% интервалы по ")),
                                 count(first.rounds, "sections[0].ranking.rounds", words),
                                 .text(words(" bootstrap rounds (\(resampled)). Rank = 1 + the number of systems whose interval lies wholly above; systems sharing a rank share a band, colour and marker.",
                                             " бутстреп-раундам (\(resampled)). Ранг = 1 + число систем, чей интервал целиком выше; системы одного ранга отмечены одной полосой, цветом и значком."))],
                                [("class", "lede")]))
        }
        for (index, section) in report.sections.enumerated() {
            let name = section.names.text(in: words.language)
            children.append(H.el("h3", text: name))
            let rows = section.ranking.rows.count
            for start in stride(from: 0, to: max(rows, 1), by: rowsPerFigure) where rows > 0 {
                let figureID = "forest-\(section.id)" + (start > 0 ? "-\(start / rowsPerFigure + 1)" : "")
                children.append(figure(ForestPlot.draw(section.ranking, rows: start..<min(rows, start + rowsPerFigure), sectionIndex: index,
                                                       figure: figureID, title: words("Ratings: \(name)", "Рейтинги: \(name)"), words: words),
                                       caption: words("\(name): rating and 95% interval per system, best first.",
                                                      "\(name): рейтинг и 95% интервал каждой системы, лучшие сверху.")))
            }
            let path = "sections[\(index)].ranking.rows"
            children.append(H.table([words("rank", "ранг"), words("system", "система"), words("rating", "рейтинг"), words("95% interval", "95% интервал"),
                                     words("battles", "встречи"), words("won", "победы"), words("tied", "ничьи"), words("lost", "поражения"),
                                     words("both weak", "оба слабые"), words("online Elo", "онлайн-Эло")],
                                    section.ranking.rows.enumerated().map { r, row in
                                        [count(row.rank, "\(path)[\(r)].rank", words), .text(row.system),
                                         number(row.rating, "\(path)[\(r)].rating", .whole, words),
                                         range(row.lower, row.upper, "\(path)[\(r)]", .whole, words),
                                         count(row.battles, "\(path)[\(r)].battles", words), count(row.wins, "\(path)[\(r)].wins", words),
                                         count(row.ties, "\(path)[\(r)].ties", words), count(row.losses, "\(path)[\(r)].losses", words),
                                         count(row.bothWeak, "\(path)[\(r)].bothWeak", words),
                                         number(row.onlineElo, "\(path)[\(r)].onlineElo", .whole, words)]
                                    }, numericFrom: 2))
            for note in section.ranking.notes { children.append(H.p(note, [("class", "note")])) }
        }
        return section("rankings", words("Rankings", "Рейтинги"), children)
    }

    static func headToHead(_ report: StudyReport, _ words: Words) -> HTMLNode? {
        guard let duel = report.sections.first?.headToHead, let bars = HeadToHeadBars.draw(report, figure: "head-to-head", words: words) else { return nil }
        var children: [HTMLNode] = [
            H.p(words("\(duel.system) against \(duel.opponent), battle by battle. The win rate counts ties as half; its interval is clustered by task (a cluster-robust variance on tasks, Korn & Graubard 1998), so it is wider than a Wilson interval when a task's battles agree.",
                      "\(duel.system) против \(duel.opponent), встреча за встречей. В доле побед ничья — половина; интервал учитывает группировку по заданиям (устойчивая к кластерам дисперсия, Korn & Graubard 1998), поэтому он шире интервала Уилсона, когда встречи одного задания согласны."),
                [("class", "lede")]),
            figure(bars, caption: words("Won, tied, both weak, lost (counts written in); right: win rate with its task-clustered 95% interval, dashed at 50%.",
                                        "Победы, ничьи, оба слабые, поражения (числа внутри); справа — доля побед с 95% интервалом с группировкой по заданиям, пунктир — 50%.")),
        ]
        var rows: [[HTMLNode]] = []
        for (index, section) in report.sections.enumerated() {
            guard let h = section.headToHead else { continue }
            let path = "sections[\(index)].headToHead"
            rows.append([.text(section.names.text(in: words.language)),
                         H.span([count(h.wins, "\(path).wins", words), .text(" / "), count(h.ties, "\(path).ties", words), .text(" / "),
                                 count(h.bothWeak, "\(path).bothWeak", words), .text(" / "), count(h.losses, "\(path).losses", words)],
                                [("class", "range")]),
                         number(h.winRateTiesHalf?.proportion, "\(path).winRateTiesHalf.proportion", .percent, words),
                         range(h.winRateTiesHalf?.lower, h.winRateTiesHalf?.upper, "\(path).winRateTiesHalf", .percent, words),
                         range(h.clustered?.winRateTiesHalf?.interval.lower, h.clustered?.winRateTiesHalf?.interval.upper,
                               "\(path).clustered.winRateTiesHalf.interval", .percent, words),
                         number(h.winRateTiesExcluded?.proportion, "\(path).winRateTiesExcluded.proportion", .percent, words),
                         number(h.signTestP, "\(path).signTestP", .pValue, words),
                         section.id == StudyBattles.overall ? .text(words("primary", "основной")) :
                            number(section.signTestPHolm, "sections[\(index)].signTestPHolm", .pValue, words)])
        }
        children.append(H.table([words("section", "раздел"), words("won / tied / both weak / lost", "победы / ничьи / оба слабые / поражения"),
                                 words("win rate, ties half", "доля побед, ничья — половина"), words("Wilson 95%", "Уилсон 95%"),
                                 words("clustered by task 95%", "с группировкой по заданиям 95%"), words("ties excluded", "без ничьих"),
                                 words("sign test p", "p знакового теста"), words("p, Holm", "p по Холму")], rows,
                                attributes: [("class", "wide")]))
        children.append(H.p(words("Holm's correction (Holm 1979) adjusts the sign-test p-values of the criteria as one family, so that the chance of any false finding among them stays at 5%; the overall preference is the primary outcome and keeps its raw p.",
                                  "Поправка Холма (Holm 1979) корректирует p-значения знаковых тестов критериев как одно семейство, чтобы вероятность хотя бы одной ложной находки среди них оставалась 5%; общее предпочтение — основной результат, его p не корректируется."),
                            [("class", "note")]))
        return section("head-to-head", words("Head to head", "Очные встречи"), children)
    }

    static func scores(_ report: StudyReport, _ words: Words) -> HTMLNode {
        var children: [HTMLNode] = [H.p(words("Every score given, per criterion and system (repeats left out): bar heights relative to the most frequent score, counts above; the mean with its task-bootstrap 95% interval at the right.",
                                              "Все выставленные оценки по критериям и системам (без повторов): высота столбца относительно самой частой оценки, число — над ним; справа — среднее с 95% интервалом бутстрепа по заданиям."),
                                        [("class", "lede")])]
        for section in report.sections where section.id != StudyBattles.overall {
            let name = section.names.text(in: words.language)
            if let chart = ScoreDistributions.draw(report, criterion: section.id, figure: "scores-\(section.id)",
                                                    title: words("Scores: \(name)", "Оценки: \(name)"), words: words) {
                children.append(H.el("h3", text: name))
                children.append(figure(chart, caption: words("\(name): distribution of scores per system.", "\(name): распределение оценок по системам.")))
            }
        }
        return section("scores", words("Score distributions", "Распределения оценок"), children)
    }
}
