/// Per rater, two dot plots on a 0–100% axis with the 50% line: the share of decisive verdicts won
/// by the left answer (position bias) and by the longer answer (length), each with its Wilson 95%
/// interval; then the too-fast count and the repeat consistency as numbers.
enum RaterPanel {
    static let rowHeight = 20.0

    static func draw(_ bias: BiasDiagnostics, rows: Range<Int>, figure: String, words: Words) -> HTMLNode {
        let language = words.language
        let labelWidth = 90.0, top = 30.0, gap = 40.0
        let panel = (SVG.width - labelWidth - 150 - gap) / 2
        let left = LinearScale(low: 0, high: 1, from: labelWidth, to: labelWidth + panel)
        let longer = LinearScale(low: 0, high: 1, from: labelWidth + panel + gap, to: labelWidth + 2 * panel + gap)
        let shown = Array(bias.raters.enumerated())[rows]
        let height = top + Double(shown.count) * rowHeight + 26
        var children: [HTMLNode] = []
        children.append(SVG.text(left.from, 12, words("left answer won", "победил левый ответ"), size: 10, bold: true))
        children.append(SVG.text(longer.from, 12, words("longer answer won", "победил более длинный"), size: 10, bold: true))
        let columns = [(SVG.width - 140, words("too fast", "быстро")), (SVG.width - 70, words("same verdict", "тот же вердикт"))]
        for (x, name) in columns { children.append(SVG.text(x + 30, 12, name, anchor: .middle, size: 10, bold: true)) }
        for scale in [left, longer] {
            for tick in [0.0, 0.5, 1] {
                children.append(SVG.line(scale(tick), top - 6, scale(tick), height - 22, stroke: tick == 0.5 ? "#555555" : "#DDDDDD",
                                         width: tick == 0.5 ? 1 : 0.6, dash: tick == 0.5 ? "4 3" : nil))
                let anchor: SVG.Anchor = tick == 0 ? .start : tick == 1 ? .end : .middle
                children.append(SVG.tick(scale(tick), height - 8, ShownNumber.format(tick * 100, .whole, language) + "%", anchor: anchor))
            }
        }
        for (offset, entry) in shown.enumerated() {
            let (index, rater) = entry
            let y = top + Double(offset) * rowHeight + rowHeight / 2
            if offset % 2 == 0 { children.append(SVG.rect(0, y - rowHeight / 2, SVG.width, rowHeight, fill: "#F4F4F4")) }
            children.append(SVG.text(4, y + 4, SVG.fit(rater.rater, width: labelWidth - 8)))
            let path = "bias.raters[\(index)]"
            for (scale, share, shape, colour) in [(left, rater.leftWins, 0, Palette.blue), (longer, rater.longerWins, 1, Palette.orange)] {
                guard let interval = share.interval else { continue }
                children.append(SVG.line(scale(interval.lower), y, scale(interval.upper), y, stroke: Palette.black, width: 1.4))
                children.append(SVG.marker(shape, scale(interval.proportion), y, 4, fill: colour))
            }
            children.append(SVG.number(columns[0].0 + 30, y + 4, Double(rater.fastJudgements), "\(path).fastJudgements", .count, language, anchor: .middle))
            if rater.consistency.pairs > 0 {
                children.append(.element("text", SVG.textAttributes(columns[1].0 + 30, y + 4, anchor: .middle, size: nil, bold: false, fill: nil), [
                    ShownNumber.node(Double(rater.consistency.sameVerdict.successes), "\(path).consistency.sameVerdict.successes", .count, language, tag: "tspan"),
                    .text("/"),
                    ShownNumber.node(Double(rater.consistency.pairs), "\(path).consistency.pairs", .count, language, tag: "tspan"),
                ]))
            } else {
                children.append(SVG.text(columns[1].0 + 30, y + 4, "—", anchor: .middle))
            }
        }
        return SVG.root(figure: figure, height: height, title: words("Bias checks per rater", "Проверки смещений по оценщикам"), children)
    }
}
