import Foundation

/// Bias checks, overall and per rater: position, length, repeat consistency, time.
extension StudyReportHTML {
    static func bias(_ report: StudyReport, _ words: Words) -> HTMLNode {
        let bias = report.bias
        func share(_ name: String, _ s: ObservedShare, _ path: String) -> [HTMLNode] {
            [.text(name), number(s.interval?.proportion, "\(path).interval.proportion", .percent, words),
             range(s.interval?.lower, s.interval?.upper, "\(path).interval", .percent, words), count(s.trials, "\(path).trials", words)]
        }
        var rows: [[HTMLNode]] = [
            share(words("left answer won (decisive verdicts)", "победил левый ответ (решительные вердикты)"), bias.leftWins, "bias.leftWins"),
            share(words("longer answer won (lengths differ)", "победил более длинный ответ (длины различаются)"), bias.longerWins, "bias.longerWins"),
        ]
        if let slope = bias.lengthSlope {
            rows.append([.text(words("length slope beyond system strength (log-odds)", "наклон по длине сверх силы систем (лог-шансы)")),
                         number(slope.slope, "bias.lengthSlope.slope", .fixed2, words),
                         range(slope.slopeLower, slope.slopeUpper, "bias.lengthSlope", lowKey: "slopeLower", highKey: "slopeUpper", .fixed2, words),
                         count(slope.n, "bias.lengthSlope.n", words)])
            rows.append([.text(words("odds multiplier when twice as long", "множитель шансов при вдвое большей длине")),
                         H.span([.text("×"), number(slope.oddsRatioPerDoubling, "bias.lengthSlope.oddsRatioPerDoubling", .fixed2, words)]), .text(""), .text("")])
        }
        rows.append(share(words("same verdict on repeated items", "тот же вердикт на повторах"), bias.consistency.sameVerdict, "bias.consistency.sameVerdict"))
        rows.append([.text(words("same side chosen on repeat (position)", "та же сторона на повторе (позиция)")),
                     count(bias.consistency.sameSide, "bias.consistency.sameSide", words), .text(""), count(bias.consistency.pairs, "bias.consistency.pairs", words)])
        rows.append([.text(words("median seconds per judgement", "медиана секунд на оценку")),
                     number(bias.medianSeconds, "bias.medianSeconds", .whole, words), .text(""), count(bias.judgements, "bias.judgements", words)])
        rows.append([H.span([.text(words("faster than reading at ", "быстрее чтения со скоростью ")),
                             number(bias.readingWordsPerMinute, "bias.readingWordsPerMinute", .whole, words),
                             .text(words(" words/min", " слов/мин"))]),
                     count(bias.fastJudgements, "bias.fastJudgements", words), .text(""), count(bias.judgements, "bias.judgements", words)])
        var children: [HTMLNode] = [
            H.table(["", words("value", "значение"), words("95% interval", "95% интервал"), "n"], rows),
            H.p(words("Sides are balanced by the schedule, so a left share far from 50% is position bias; the length slope is a logistic regression of the verdict on log(words left / words right) with the systems' strength difference as an offset.",
                      "Стороны уравновешены расписанием, поэтому доля левых побед далеко от 50% — позиционное смещение; наклон по длине — логистическая регрессия вердикта на log(слова слева / слова справа) со смещением на разницу сил систем."),
                [("class", "note")]),
            H.el("h3", text: words("Per rater", "По оценщикам")),
        ]
        let raters = bias.raters.count
        for start in stride(from: 0, to: raters, by: rowsPerFigure) {
            children.append(figure(RaterPanel.draw(bias, rows: start..<min(raters, start + rowsPerFigure),
                                                   figure: "raters" + (start > 0 ? "-\(start / rowsPerFigure + 1)" : ""), words: words),
                                   caption: words("Left: share of decisive verdicts won by the left answer; right: by the longer answer; Wilson 95% intervals, dashed at 50%. Then judgements faster than reading, and same verdict on repeats.",
                                                  "Слева — доля решительных вердиктов в пользу левого ответа, справа — более длинного; 95% интервалы Уилсона, пунктир — 50%. Далее — оценки быстрее чтения и тот же вердикт на повторах.")))
        }
        children.append(H.table([words("rater", "оценщик"), words("judgements", "оценки"), words("left won", "левый победил"),
                                 words("longer won", "длинный победил"), words("same side", "та же сторона"),
                                 words("median s", "медиана, с"), words("too fast", "слишком быстро"), words("score drift per item", "дрейф оценки на пару")],
                                bias.raters.enumerated().map { r, rater in
                                    let path = "bias.raters[\(r)]"
                                    let drift = report.serialPosition.raters.firstIndex { $0.rater == rater.rater }
                                    return [.text(rater.rater), count(rater.judgements, "\(path).judgements", words),
                                            number(rater.leftWins.interval?.proportion, "\(path).leftWins.interval.proportion", .percent, words),
                                            number(rater.longerWins.interval?.proportion, "\(path).longerWins.interval.proportion", .percent, words),
                                            rater.consistency.pairs > 0 ? count(rater.consistency.sameSide, "\(path).consistency.sameSide", words) : .text("—"),
                                            number(rater.medianSeconds, "\(path).medianSeconds", .whole, words),
                                            count(rater.fastJudgements, "\(path).fastJudgements", words),
                                            drift.map { d in number(report.serialPosition.raters[d].scoreSlope?.slope, "serialPosition.raters[\(d)].scoreSlope.slope", .signed3, words) } ?? .text("—")]
                                }))
        return section("bias", words("Bias and raters", "Смещения и оценщики"), children)
    }
}
