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
        // The rater's name is never cut: on a narrow bar the study's title gives way first, then
        // the flag's word (its mark stays), then the progress bar.
        let raterPart = "  ·  " + strings.rater + ": " + rater + " "
        let position = secondsOnItem.map { " " + strings.itemOf(min(total, rated + 1), total) + "  " + Self.clock($0) + " " } ?? " \(rated)/\(total) "
        let barCells = area.width >= 100 ? 20 : 10
        let filled = total == 0 ? 0 : min(barCells, rated * barCells / total)
        let progress = String(repeating: "█", count: filled) + String(repeating: "░", count: barCells - filled)
        let minimumTitle = min(DisplayWidth.of(title), 8) + 1
        var right = ""
        for candidate in [(flagged ? "⚑ " + strings.flaggedMark + "  " : "") + progress + position,
                          (flagged ? "⚑ " : "") + progress + position,
                          (flagged ? "⚑ " : "") + position] {
            right = candidate
            if DisplayWidth.of(candidate) + DisplayWidth.of(raterPart) + minimumTitle <= area.width { break }
        }
        let rightWidth = DisplayWidth.of(right)
        let titleRoom = max(0, area.width - rightWidth - DisplayWidth.of(raterPart) - 1)
        let left = " " + TextLayout.truncate(title, width: titleRoom) + raterPart
        canvas.put(TextLayout.truncate(left, width: max(0, area.width - rightWidth)), x: area.x, y: area.y,
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
