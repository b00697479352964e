/// Each system's rating with its 95% interval, best first; systems that share a rank (no interval
/// wholly above another's) share a band, a colour and a marker shape, so the rank groups read at a
/// glance, in greyscale too. The dashed line is the mean (1000).
enum ForestPlot {
    static let rowHeight = 22.0

    /// - Parameter rows: at most about 30 (the caller splits longer rankings), so a figure fits a page.
    static func draw(_ ranking: Ranking, rows: Range<Int>, sectionIndex: Int, figure: String, title: String,
                     words: Words) -> HTMLNode {
        let language = words.language
        let shown = Array(ranking.rows.enumerated())[rows]
        let top = 28.0, labelWidth = 150.0, valueWidth = 60.0
        let height = top + Double(shown.count) * rowHeight + 34
        let values = ranking.rows.flatMap { [$0.rating, $0.lower ?? $0.rating, $0.upper ?? $0.rating] }.filter(\.isFinite)
        let scale = LinearScale.nice(min(values.min() ?? 1000, 1000), max(values.max() ?? 1000, 1000),
                                     from: labelWidth + 10, to: SVG.width - valueWidth - 10)
        var children: [HTMLNode] = []
        let ranks = Array(Set(ranking.rows.map(\.rank))).sorted()
        // Bands first, under everything: one per run of rows with the same rank.
        for (offset, entry) in shown.enumerated() {
            let band = ranks.firstIndex(of: entry.element.rank) ?? 0
            if band % 2 == 0 {
                children.append(SVG.rect(0, top + Double(offset) * rowHeight, SVG.width, rowHeight, fill: Palette.lightGrey))
            }
        }
        children.append(SVG.text(4, 16, words("rank", "ранг"), size: 10, fill: "#444444"))
        children.append(SVG.text(40, 16, words("system", "система"), size: 10, fill: "#444444"))
        children.append(SVG.text(SVG.width - 4, 16, words("rating", "рейтинг"), anchor: .end, size: 10, fill: "#444444"))
        for tick in scale.ticks() {
            let x = scale(tick)
            children.append(SVG.line(x, top, x, height - 28, stroke: "#CCCCCC", width: 0.6))
            children.append(SVG.tick(x, height - 14, ShownNumber.format(tick, .whole, language), size: 10))
        }
        children.append(SVG.line(scale(1000), top - 4, scale(1000), height - 28, stroke: "#555555", width: 1, dash: "4 3"))
        for (offset, entry) in shown.enumerated() {
            let (index, row) = entry
            let y = top + Double(offset) * rowHeight + rowHeight / 2
            let band = ranks.firstIndex(of: row.rank) ?? 0
            let path = "sections[\(sectionIndex)].ranking.rows[\(index)]"
            children.append(SVG.number(8, y + 4, Double(row.rank), path + ".rank", .count, language, bold: true))
            children.append(SVG.text(40, y + 4, SVG.fit(row.system, width: labelWidth - 40)))
            if let lower = row.lower, let upper = row.upper {
                children += SVG.interval(scale(lower), scale(upper), y)
            }
            children.append(SVG.marker(band, scale(row.rating), y, 5, fill: Palette.series[band % Palette.series.count]))
            children.append(SVG.number(SVG.width - 4, y + 4, row.rating, path + ".rating", .whole, language, anchor: .end))
        }
        children.append(SVG.text(scale.from, height - 2, words("Elo scale; dashed line: the mean, 1000; bars: 95% intervals",
                                                               "шкала Эло; пунктир — среднее, 1000; отрезки — 95% интервалы"), size: 9.5, fill: "#444444"))
        return SVG.root(figure: figure, height: height, title: title, children)
    }
}
