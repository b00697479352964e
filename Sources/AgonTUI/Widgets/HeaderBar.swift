import AgonCore

/// The title bar: the study and the rater on the left; a flag mark, the progress bar, the position
/// and the time on the item on the right.
struct HeaderBar: Widget {
    var title: String
    var rater: String
    var strings: Strings
    var rated: Int
    var total: Int
    var flagged: Bool
    /// The time on the open item; nil when no item is open, and the count of rated items shows instead.
    var secondsOnItem: Double?

    func draw(into canvas: inout Canvas, area: Rect) {
        let bar = Style(.bar)
        canvas.fill(area, style: bar)
        var right = flagged ? "⚑ " + strings.flaggedMark + "  " : ""
        let barCells = area.width >= 100 ? 20 : 10
        let filled = total == 0 ? 0 : min(barCells, rated * barCells / total)
        right += String(repeating: "█", count: filled) + String(repeating: "░", count: barCells - filled)
        if let secondsOnItem {
            right += " " + strings.itemOf(min(total, rated + 1), total) + "  " + Self.clock(secondsOnItem) + " "
        } else {
            right += " \(rated)/\(total) "
        }
        let rightWidth = DisplayWidth.of(right)
        let left = " " + title + "  ·  " + strings.rater + ": " + rater
        canvas.put(TextLayout.truncate(left, width: max(0, area.width - rightWidth - 1)), x: area.x, y: area.y,
                   style: Style(.bar, bold: true), limit: area.maxX)
        canvas.put(right, x: area.maxX - rightWidth, y: area.y, style: bar, limit: area.maxX)
    }

    static func clock(_ seconds: Double) -> String {
        let whole = max(0, Int(seconds))
        let minutes = whole / 60
        let rest = whole % 60
        return minutes >= 60 ? "\(minutes / 60):\(pad2(minutes % 60)):\(pad2(rest))" : "\(pad2(minutes)):\(pad2(rest))"
    }

    private static func pad2(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
}
