/// One criterion's scores as a chart: a row per system, a bar per score of the scale with its
/// height the share of that system's scores (the terminal's sparkline, drawn properly), the count
/// written above, and the mean with its interval at the right.
enum ScoreDistributions {
    static let rowHeight = 46.0

    static func draw(_ report: StudyReport, criterion: String, figure: String, title: String, words: Words) -> HTMLNode? {
        let language = words.language
        let entries = report.scores.enumerated().filter { $0.element.criterion == criterion }
        guard let first = entries.first?.element else { return nil }
        let labelWidth = 120.0, meanWidth = 150.0, top = 8.0
        let categories = first.scaleMax - first.scaleMin + 1
        let slot = (SVG.width - labelWidth - meanWidth) / Double(max(1, categories))
        let height = top + Double(entries.count) * rowHeight + 22
        var children: [HTMLNode] = []
        for k in 0..<categories {
            let x = labelWidth + (Double(k) + 0.5) * slot
            children.append(SVG.tick(x, height - 6, ShownNumber.format(Double(first.scaleMin + k), .count, language), size: 10))
        }
        children.append(SVG.text(SVG.width - meanWidth + 10, height - 6, words("mean, 95% interval", "среднее, 95% интервал"), size: 10, fill: "#444444"))
        for (offset, entry) in entries.enumerated() {
            let (index, score) = entry
            let y = top + Double(offset) * rowHeight
            let path = "scores[\(index)]"
            let base = y + rowHeight - 6
            children.append(SVG.line(labelWidth, base, labelWidth + slot * Double(categories), base, stroke: "#888888", width: 0.6))
            children.append(SVG.text(4, base - 10, SVG.fit(score.system, width: labelWidth - 8)))
            let highest = Double(score.distribution.max() ?? 0)
            let colour = Palette.series[offset % Palette.series.count]
            for (k, count) in score.distribution.enumerated() {
                let x = labelWidth + Double(k) * slot
                let h = highest > 0 ? (rowHeight - 20) * Double(count) / highest : 0
                children.append(SVG.rect(x + slot * 0.15, base - h, slot * 0.7, h, fill: colour, stroke: count > 0 ? Palette.black : nil))
                children.append(SVG.number(x + slot / 2, base - h - 2, Double(count), "\(path).distribution[\(k)]", .count, language,
                                           anchor: .middle, size: 9))
            }
            let mx = SVG.width - meanWidth + 10
            children.append(SVG.number(mx, base - 10, score.mean, "\(path).mean", .fixed2, language, bold: true))
            if score.lower != nil {
                children.append(SVG.number(mx + 40, base - 10, score.lower, "\(path).lower", .fixed2, language, size: 10))
                children.append(SVG.text(mx + 66, base - 10, "–", size: 10))
                children.append(SVG.number(mx + 74, base - 10, score.upper, "\(path).upper", .fixed2, language, size: 10))
            }
        }
        return SVG.root(figure: figure, height: height, title: title, children)
    }
}
