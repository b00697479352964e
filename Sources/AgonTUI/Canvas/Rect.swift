/// A rectangle of cells on the screen. The layout cuts the screen into rectangles, and each widget
/// draws inside the one it is given.
public struct Rect: Equatable, Sendable {
    public var x: Int
    public var y: Int
    public var width: Int
    public var height: Int

    public init(x: Int, y: Int, width: Int, height: Int) {
        self.x = x
        self.y = y
        self.width = max(0, width)
        self.height = max(0, height)
    }

    public var maxX: Int { x + width }
    public var maxY: Int { y + height }

    /// The first `rows` rows, and what is left below them.
    public func splitTop(_ rows: Int) -> (top: Rect, rest: Rect) {
        let rows = min(max(0, rows), height)
        return (Rect(x: x, y: y, width: width, height: rows), Rect(x: x, y: y + rows, width: width, height: height - rows))
    }

    /// What is left above the last `rows` rows, and those rows.
    public func splitBottom(_ rows: Int) -> (rest: Rect, bottom: Rect) {
        let rows = min(max(0, rows), height)
        return (Rect(x: x, y: y, width: width, height: height - rows), Rect(x: x, y: maxY - rows, width: width, height: rows))
    }

    /// The first `columns` columns, and what is left to their right.
    public func splitLeft(_ columns: Int) -> (left: Rect, rest: Rect) {
        let columns = min(max(0, columns), width)
        return (Rect(x: x, y: y, width: columns, height: height), Rect(x: x + columns, y: y, width: width - columns, height: height))
    }

    /// This rectangle less `columns` at each side and `rows` at the top and bottom.
    public func inset(columns: Int, rows: Int) -> Rect {
        Rect(x: x + columns, y: y + rows, width: width - 2 * columns, height: height - 2 * rows)
    }

    /// A box of at most `width`×`height` centred here, always leaving this rectangle's edge showing
    /// around it (an overlay never hides the whole screen).
    public func centered(width boxWidth: Int, height boxHeight: Int) -> Rect {
        let boxWidth = min(boxWidth, width - 2)
        let boxHeight = min(boxHeight, height - 2)
        return Rect(x: x + (width - boxWidth) / 2, y: y + max(1, (height - boxHeight) / 2), width: boxWidth, height: boxHeight)
    }
}
