/// A square matrix of values in −1…1 (Cohen's κ between raters, correlations between criteria)
/// as coloured cells: blue for agreement, vermillion for disagreement, white for none; each cell
/// carries its number where there is room (always for up to a dozen rows), the diagonal is grey.
enum HeatMap {
    static func draw(labels: [String], values: [[Double?]], path: (Int, Int) -> String, figure: String, title: String,
                     words: Words) -> HTMLNode {
        let language = words.language
        let n = labels.count
        let labelWidth = min(170.0, 30 + Double(labels.map(\.count).max() ?? 4) * 6.6)
        let cell = min(56.0, (SVG.width - labelWidth - 10) / Double(max(1, n)))
        let showLabels = cell >= 12, showNumbers = cell >= 30
        let allFit = labels.allSatisfy { Double($0.count) * 6 <= cell - 2 }
        let top = showLabels ? 18.0 : 4
        let height = top + Double(n) * cell + 24
        var children: [HTMLNode] = []
        for i in 0..<n {
            let y = top + Double(i) * cell
            if showLabels {
                // Rows carry the names; columns their numbers, unless a name fits its column.
                let fits = Double(labels[i].count) * 6 <= cell - 2
                children.append(.element("text", SVG.textAttributes(labelWidth - 4, y + cell / 2 + 4, anchor: .end, size: min(11, cell * 0.7), bold: false, fill: nil), [
                    allFit ? .text("") : SVG.tick(0, 0, "\(i + 1)").asTspan(), .text(SVG.fit((allFit ? "" : " · ") + labels[i], width: labelWidth - 8)),
                ]))
                if allFit && fits {
                    children.append(SVG.text(labelWidth + Double(i) * cell + cell / 2, top - 5, labels[i], anchor: .middle, size: min(10, cell * 0.6)))
                } else {
                    children.append(SVG.tick(labelWidth + Double(i) * cell + cell / 2, top - 5, "\(i + 1)", size: min(10, cell * 0.6)))
                }
            }
            for j in 0..<n {
                let x = labelWidth + Double(j) * cell
                let value = values[i][j]
                let fill = i == j ? "#DDDDDD" : value.map(Palette.diverging) ?? "#FFFFFF"
                children.append(SVG.rect(x, y, cell, cell, fill: fill, stroke: "#FFFFFF"))
                if showNumbers, i != j {
                    let dark = (value.map(abs) ?? 0) > 0.55
                    children.append(SVG.number(x + cell / 2, y + cell / 2 + 4, value, path(i, j), .fixed2, language, anchor: .middle,
                                               size: 10, fill: dark ? "#FFFFFF" : "#000000"))
                }
            }
        }
        // The colour key: −1 … 1.
        let keyY = height - 16, keyX = labelWidth
        for step in 0...20 {
            let v = -1 + Double(step) / 10
            children.append(SVG.rect(keyX + Double(step) * 9, keyY, 9, 8, fill: Palette.diverging(v)))
        }
        children.append(SVG.tick(keyX - 4, keyY + 8, ShownNumber.format(-1, .whole, language), anchor: .end, size: 9))
        children.append(SVG.tick(keyX + 21 * 9 + 4, keyY + 8, ShownNumber.format(1, .whole, language), anchor: .start, size: 9))
        if !showNumbers {
            children.append(SVG.text(keyX + 21 * 9 + 20, keyY + 8, words("values in the table below", "значения — в таблице ниже"), size: 9))
        }
        return SVG.root(figure: figure, height: height, title: title, children)
    }
}
