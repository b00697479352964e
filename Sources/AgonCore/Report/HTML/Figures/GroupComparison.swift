/// Rater groups side by side: per system, each group's overall rating with its 95% interval, one
/// above the other (first group a blue circle, second an orange square), so a system the groups
/// disagree on shows two marks apart. The dashed line is the mean, 1000.
enum GroupComparison {
    static let rowHeight = 34.0

    static func draw(_ groups: RaterGroups, systems: [String], figure: String, words: Words) -> HTMLNode? {
        guard groups.groups.count == 2 else { return nil }
        let language = words.language
        let top = 30.0, labelWidth = 120.0, valueWidth = 70.0
        let rows = systems.prefix(30)
        let height = top + Double(rows.count) * rowHeight + 30
        let all = groups.groups.flatMap { $0.ranking.rows.flatMap { [$0.rating, $0.lower ?? $0.rating, $0.upper ?? $0.rating] } }.filter(\.isFinite)
        let scale = LinearScale.nice(min(all.min() ?? 1000, 1000), max(all.max() ?? 1000, 1000), from: labelWidth, to: SVG.width - valueWidth - 10)
        var children: [HTMLNode] = []
        let styles = [(0, Palette.blue), (1, Palette.orange)]
        for (g, group) in groups.groups.enumerated() {
            let x = labelWidth + Double(g) * 170
            children.append(SVG.marker(styles[g].0, x + 6, 12, 4.5, fill: styles[g].1))
            children.append(SVG.text(x + 16, 16, group.background, size: 10))
        }
        for tick in scale.ticks() {
            children.append(SVG.line(scale(tick), top, scale(tick), height - 26, stroke: "#DDDDDD", width: 0.6))
            children.append(SVG.tick(scale(tick), height - 12, ShownNumber.format(tick, .whole, language), size: 10))
        }
        children.append(SVG.line(scale(1000), top - 4, scale(1000), height - 26, stroke: "#555555", width: 1, dash: "4 3"))
        for (offset, system) in rows.enumerated() {
            let y = top + Double(offset) * rowHeight
            if offset % 2 == 0 { children.append(SVG.rect(0, y, SVG.width, rowHeight, fill: "#F4F4F4")) }
            children.append(SVG.text(4, y + rowHeight / 2 + 4, SVG.fit(system, width: labelWidth - 8)))
            for (g, group) in groups.groups.enumerated() {
                guard let r = group.ranking.rows.firstIndex(where: { $0.system == system }) else { continue }
                let row = group.ranking.rows[r]
                let cy = y + 10 + Double(g) * 14
                if let lower = row.lower, let upper = row.upper {
                    children.append(SVG.line(scale(lower), cy, scale(upper), cy, stroke: Palette.black, width: 1.4))
                }
                children.append(SVG.marker(styles[g].0, scale(row.rating), cy, 4.5, fill: styles[g].1))
                children.append(SVG.number(SVG.width - 4, cy + 4, row.rating, "raterGroups.groups[\(g)].ranking.rows[\(r)].rating", .whole,
                                           language, anchor: .end, size: 10))
            }
        }
        return SVG.root(figure: figure, height: height, title: words("Ratings by rater group", "Рейтинги по группам оценщиков"), children)
    }
}
