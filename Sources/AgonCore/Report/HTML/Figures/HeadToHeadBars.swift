/// For every section, the battles of the compared pair split into won / tied / both weak / lost
/// (colours paired with patterns, counts written in), and beside it the win rate (ties as half)
/// with its task-clustered 95% interval (`ClusteredWinRate`, as the text report prints it) against
/// the 50% line.
enum HeadToHeadBars {
    static let rowHeight = 26.0

    static func draw(_ report: StudyReport, figure: String, words: Words) -> HTMLNode? {
        let language = words.language
        let rows = report.sections.enumerated().filter { $0.element.headToHead != nil }
        guard !rows.isEmpty else { return nil }
        let top = 40.0, labelWidth = 150.0, barWidth = 300.0, rateFrom = labelWidth + barWidth + 30, rateTo = SVG.width - 50
        let height = top + Double(rows.count) * rowHeight + 30
        let rate = LinearScale(low: 0, high: 1, from: rateFrom, to: rateTo)
        let id = figure
        var children: [HTMLNode] = [.element("defs", [], [
            SVG.hatch(id: "\(id)-loss", colour: Palette.vermillion, background: "#F6D2BC", angle: 45),
            SVG.hatch(id: "\(id)-weak", colour: "#8A7F00", background: Palette.yellow, angle: -45),
        ])]
        let kinds: [(String, String, String)] = [
            (words("won", "победы"), Palette.blue, "wins"), (words("tied", "ничьи"), "#BBBBBB", "ties"),
            (words("both weak", "оба слабые"), "url(#\(id)-weak)", "bothWeak"), (words("lost", "поражения"), "url(#\(id)-loss)", "losses"),
        ]
        var x = labelWidth
        for (name, fill, _) in kinds {
            children.append(SVG.rect(x, 8, 12, 12, fill: fill, stroke: Palette.black))
            children.append(SVG.text(x + 16, 18, name, size: 10))
            x += 20 + Double(name.count) * 6.2
        }
        if let duel = rows.first?.element.headToHead {
            children.append(SVG.text(rateFrom, 18, SVG.fit(words("win rate of \(duel.system)", "доля побед \(duel.system)"), width: rateTo - rateFrom + 40), size: 10))
        }
        for tick in [0.0, 0.25, 0.5, 0.75, 1] {
            children.append(SVG.line(rate(tick), top - 4, rate(tick), height - 26, stroke: tick == 0.5 ? "#555555" : "#DDDDDD",
                                     width: tick == 0.5 ? 1 : 0.6, dash: tick == 0.5 ? "4 3" : nil))
            children.append(SVG.tick(rate(tick), height - 12, ShownNumber.format(tick * 100, .whole, language) + "%"))
        }
        for (offset, entry) in rows.enumerated() {
            let (index, section) = entry
            let duel = section.headToHead!
            let y = top + Double(offset) * rowHeight
            let path = "sections[\(index)].headToHead"
            children.append(SVG.text(4, y + 15, SVG.fit(section.names.text(in: language), width: labelWidth - 8), bold: index == 0))
            let counts = [duel.wins, duel.ties, duel.bothWeak, duel.losses]
            let total = Double(max(1, duel.battles))
            var left = labelWidth
            for (k, count) in counts.enumerated() {
                let w = barWidth * Double(count) / total
                children.append(SVG.rect(left, y + 3, w, rowHeight - 8, fill: kinds[k].1, stroke: count > 0 ? Palette.black : nil))
                if w >= 22 {
                    // White text on the dark blue; elsewhere a light backing keeps the count legible on the hatching.
                    let onDark = k == 0
                    if !onDark {
                        children.append(SVG.rect(left + w / 2 - 10, y + 7, 20, 12, fill: "#FFFFFF", extra: [("opacity", "0.85")]))
                    }
                    children.append(SVG.number(left + w / 2, y + 17, Double(count), "\(path).\(kinds[k].2)", .count, language,
                                               anchor: .middle, size: 10, fill: onDark ? "#FFFFFF" : "#000000"))
                }
                left += w
            }
            let cy = y + rowHeight / 2 - 1
            if let clustered = duel.clustered?.winRateTiesHalf?.interval {
                children.append(SVG.line(rate(clustered.lower), cy, rate(clustered.upper), cy, stroke: Palette.black, width: 1.6))
                children.append(SVG.marker(0, rate(clustered.proportion), cy, 4.5, fill: Palette.blue))
                children.append(SVG.number(SVG.width - 2, cy + 4, clustered.proportion, "\(path).clustered.winRateTiesHalf.interval.proportion", .percent, language, anchor: .end, size: 10))
            } else if let half = duel.winRateTiesHalf {
                children.append(SVG.marker(0, rate(half.proportion), cy, 4.5, fill: Palette.blue))
                children.append(SVG.number(SVG.width - 2, cy + 4, half.proportion, "\(path).winRateTiesHalf.proportion", .percent, language, anchor: .end, size: 10))
            }
        }
        let title = words("Head to head per section", "Очные встречи по разделам")
        return SVG.root(figure: figure, height: height, title: title, children)
    }
}
