/// Serial position: the mean score and the distance from the other raters, averaged over bins of
/// positions in the session (first items at the left), as two small line charts with markers.
enum PositionDrift {
    static func draw(_ drift: SerialPosition, figure: String, words: Words) -> HTMLNode? {
        let language = words.language
        guard drift.bins.count >= 2 else { return nil }
        let height = 190.0, top = 24.0, bottom = 150.0, gap = 40.0
        let panel = (SVG.width - 2 * 50 - gap) / 2
        var children: [HTMLNode] = []
        let panels: [(String, KeyPath<SerialPosition.Bin, Double?>, String, Int, String)] = [
            (words("mean score", "средняя оценка"), \.meanScore, "meanScore", 0, Palette.blue),
            (words("distance from the others", "отклонение от остальных"), \.meanDistance, "meanDistance", 1, Palette.vermillion),
        ]
        for (p, (name, key, field, shape, colour)) in panels.enumerated() {
            let values = drift.bins.compactMap { $0[keyPath: key] }
            guard !values.isEmpty else { continue }
            let x0 = 50 + Double(p) * (panel + gap + 50)
            let x = LinearScale(low: 0, high: Double(drift.bins.count - 1), from: x0 + 14, to: x0 + panel - 30)
            let y = LinearScale.nice(values.min()! - 0.05, values.max()! + 0.05, from: bottom, to: top)
            children.append(SVG.text(x0, 14, name, size: 10, bold: true))
            for tick in y.ticks(4) {
                children.append(SVG.line(x0, y(tick), x0 + panel, y(tick), stroke: "#DDDDDD", width: 0.6))
                children.append(SVG.tick(x0 - 4, y(tick) + 3, ShownNumber.format(tick, .fixed2, language), anchor: .end, size: 9))
            }
            var points: [String] = []
            for (b, bin) in drift.bins.enumerated() {
                guard let value = bin[keyPath: key] else { continue }
                points.append("\(SVG.f(x(Double(b)))),\(SVG.f(y(value)))")
            }
            children.append(.element("polyline", [("points", points.joined(separator: " ")), ("fill", "none"), ("stroke", colour), ("stroke-width", "1.6")]))
            for (b, bin) in drift.bins.enumerated() {
                guard let value = bin[keyPath: key] else { continue }
                children.append(SVG.marker(shape, x(Double(b)), y(value), 4, fill: colour))
                children.append(SVG.number(x(Double(b)), y(value) - 8, value, "serialPosition.bins[\(b)].\(field)", .fixed2, language, anchor: .middle, size: 9))
                children.append(.element("text", SVG.textAttributes(x(Double(b)), bottom + 16, anchor: .middle, size: 9, bold: false, fill: nil), [
                    ShownNumber.node(Double(bin.first), "serialPosition.bins[\(b)].first", .count, language, tag: "tspan"),
                    .text("–"),
                    ShownNumber.node(Double(bin.last), "serialPosition.bins[\(b)].last", .count, language, tag: "tspan"),
                ]))
            }
        }
        children.append(SVG.text(SVG.width / 2, height - 8, words("position of the item in the rater's session", "позиция пары в сессии оценщика"),
                                 anchor: .middle, size: 10))
        return SVG.root(figure: figure, height: height, title: words("Drift with position", "Дрейф с позицией"), children)
    }
}
