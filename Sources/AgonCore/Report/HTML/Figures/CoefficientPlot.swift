/// The parameter-effect model's estimates: per report section (overall first, then the criteria) a
/// group of rows, one per knob and battle covariate, each a point at its Elo effect with its 95%
/// interval as a line, on one shared scale with a dashed zero line, so a knob's effect can be read
/// against the others and across the criteria. A term keeps its colour and marker shape in every
/// group, so it is found again at a glance, in greyscale too.
enum CoefficientPlot {
    static let rowHeight = 20.0

    struct Group {
        var name: String
        var rows: [EffectRow]
    }

    /// - Parameter groups: about 30 rows in all at most (the caller splits by section), so the
    ///   figure fits a page.
    static func draw(_ groups: [Group], terms: [String], figure: String, title: String, words: Words) -> HTMLNode? {
        let language = words.language
        let shown = groups.filter { !$0.rows.isEmpty }
        guard !shown.isEmpty else { return nil }
        let top = 24.0, labelWidth = 200.0, valueWidth = 56.0
        let rowCount = shown.reduce(0) { $0 + 1 + $1.rows.count }
        let height = top + Double(rowCount) * rowHeight + 34
        let values = shown.flatMap { $0.rows.flatMap { [$0.effect.elo, $0.effect.lower ?? 0, $0.effect.upper ?? 0] } }.filter(\.isFinite)
        let scale = LinearScale.nice(min(values.min() ?? 0, 0), max(values.max() ?? 0, 0),
                                     from: labelWidth + 10, to: SVG.width - valueWidth - 10)
        var children: [HTMLNode] = [
            SVG.text(4, 16, words("effect, per unit of change", "влияние на единицу изменения"), size: 10, fill: "#444444"),
            SVG.text(SVG.width - 4, 16, words("Elo", "Эло"), anchor: .end, size: 10, fill: "#444444"),
        ]
        var y = top
        var lines: [HTMLNode] = []
        for group in shown {
            children.append(SVG.rect(0, y, SVG.width, rowHeight, fill: Palette.lightGrey))
            children.append(SVG.text(4, y + 14, SVG.fit(group.name, width: SVG.width - 8), bold: true))
            y += rowHeight
            for row in group.rows {
                let centre = y + rowHeight / 2
                let term = terms.firstIndex(of: row.effect.key) ?? 0
                children.append(SVG.text(14, centre + 4, SVG.fit(words.label(row), width: labelWidth - 14)))
                if let lower = row.effect.lower, let upper = row.effect.upper {
                    lines += SVG.interval(scale(lower), scale(upper), centre)
                }
                lines.append(SVG.marker(term, scale(row.effect.elo), centre, 4.5, fill: Palette.series[term % Palette.series.count]))
                lines.append(SVG.number(SVG.width - 4, centre + 4, row.effect.elo, row.path + ".elo", .signedWhole, language, anchor: .end))
                y += rowHeight
            }
        }
        for tick in scale.ticks() {
            let x = scale(tick)
            children.append(SVG.line(x, top, x, y, stroke: "#CCCCCC", width: 0.6))
            children.append(SVG.tick(x, y + 14, tick == 0 ? "0" : ShownNumber.format(tick, .signedWhole, language), size: 10))
        }
        children.append(SVG.line(scale(0), top - 4, scale(0), y, stroke: "#555555", width: 1, dash: "4 3"))
        children += lines
        children.append(SVG.text(scale.from, height - 2, words("Elo for one unit of the change; dashed line: no effect; bars: 95% intervals",
                                                               "Эло на единицу изменения; пунктир — нет влияния; отрезки — 95% интервалы"),
                                 size: 9.5, fill: "#444444"))
        return SVG.root(figure: figure, height: height, title: title, children)
    }
}
