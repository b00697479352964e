/// Aligned plain-text tables for the terminal: the first row is the heading, columns are padded by
/// display width, numbers (cells that start with a digit, sign or dot) align right.
public enum PlainTable {
    public static func render(_ rows: [[String]], gap: Int = 2) -> String {
        guard let first = rows.first else { return "" }
        let columns = rows.map(\.count).max() ?? first.count
        var widths = [Int](repeating: 0, count: columns)
        for row in rows {
            for (index, cell) in row.enumerated() { widths[index] = max(widths[index], DisplayWidth.of(cell)) }
        }
        var lines: [String] = []
        for (rowIndex, row) in rows.enumerated() {
            var line = ""
            for index in 0..<columns {
                let cell = index < row.count ? row[index] : ""
                let padding = String(repeating: " ", count: widths[index] - DisplayWidth.of(cell))
                let numeric = rowIndex > 0 && cell.first.map { $0.isNumber || "+-−.".contains($0) } == true
                line += numeric ? padding + cell : cell + padding
                if index < columns - 1 { line += String(repeating: " ", count: gap) }
            }
            while line.hasSuffix(" ") { line.removeLast() }
            lines.append(line)
            if rowIndex == 0 {
                lines.append(widths.map { String(repeating: "─", count: $0) }.joined(separator: String(repeating: " ", count: gap)))
            }
        }
        return lines.joined(separator: "\n")
    }
}
