import AgonCore

/// What a part of the screen means; the terminal maps each role to a colour, or to plain
/// attributes when colour is off (`NO_COLOR`, monochrome terminals).
public enum ColorRole: UInt8, Sendable, CaseIterable {
    case plain
    /// The title bar and the key line.
    case bar
    /// Titles of the panes and panels.
    case title
    /// Where the keyboard acts now: the focused score cell, pane title, text cursor.
    case focus
    /// A value the rater has given.
    case given
    /// Secondary text: hints, scroll positions, empty score cells.
    case muted
    /// Something the rater must attend to: missing scores, a failed save.
    case warning
    /// Confirmation that something was saved.
    case success
}

public struct Style: Equatable, Hashable, Sendable {
    public var role: ColorRole
    public var bold: Bool
    public var reverse: Bool

    public init(_ role: ColorRole = .plain, bold: Bool = false, reverse: Bool = false) {
        self.role = role
        self.bold = bold
        self.reverse = reverse
    }

    public static let plain = Style()
}

/// One terminal cell. A wide character (CJK, emoji) occupies its own cell and a continuation cell
/// to its right, which holds nothing and is never drawn.
public struct Cell: Equatable, Sendable {
    public var character: Character
    public var style: Style
    public var isContinuation: Bool

    public init(_ character: Character = " ", style: Style = .plain, isContinuation: Bool = false) {
        self.character = character
        self.style = style
        self.isContinuation = isContinuation
    }
}

/// The screen as a grid of display cells, built by `render` and drawn by the terminal backend.
/// Writing never goes past the grid: text is cut at the edge, and a wide character that would
/// straddle it becomes a space, so every row is exactly `width` columns.
public struct Canvas: Equatable, Sendable {
    public let width: Int
    public let height: Int
    public private(set) var cells: [Cell]
    /// Where the terminal's own cursor should sit (in a text field), or nil to hide it.
    public var cursor: (x: Int, y: Int)? {
        get { cursorX.map { ($0, cursorY) } }
        set { cursorX = newValue?.x; cursorY = newValue?.y ?? 0 }
    }
    private var cursorX: Int?
    private var cursorY = 0

    public init(width: Int, height: Int) {
        self.width = max(0, width)
        self.height = max(0, height)
        cells = Array(repeating: Cell(), count: self.width * self.height)
    }

    public subscript(x: Int, y: Int) -> Cell {
        cells[y * width + x]
    }

    public var bounds: Rect { Rect(x: 0, y: 0, width: width, height: height) }

    public mutating func fill(_ rect: Rect, style: Style) {
        let clipped = clip(rect)
        for y in clipped.y..<clipped.maxY {
            for x in clipped.x..<clipped.maxX {
                set(x, y, Cell(" ", style: style))
            }
        }
    }

    /// Writes `text` from column `x` of row `y`, at most up to column `limit` (exclusive; the right
    /// edge by default). Returns the column after the last one written.
    @discardableResult
    public mutating func put<S: StringProtocol>(_ text: S, x: Int, y: Int, style: Style = .plain, limit: Int? = nil) -> Int {
        guard y >= 0, y < height else { return x }
        let end = min(limit ?? width, width)
        var column = max(0, x)
        for character in text {
            let characterWidth = DisplayWidth.of(character)
            if characterWidth == 0 { continue }
            if column + characterWidth > end {
                // A wide character that does not fit leaves a blank rather than half a glyph.
                if column < end { set(column, y, Cell(" ", style: style)) }
                return end
            }
            set(column, y, Cell(character, style: style))
            if characterWidth == 2 { set(column + 1, y, Cell(" ", style: style, isContinuation: true)) }
            column += characterWidth
        }
        return column
    }

    /// Changes the style of cells already written, e.g. to highlight a row.
    public mutating func restyle(_ rect: Rect, _ change: (inout Style) -> Void) {
        let clipped = clip(rect)
        for y in clipped.y..<clipped.maxY {
            for x in clipped.x..<clipped.maxX {
                change(&cells[y * width + x].style)
            }
        }
    }

    private mutating func set(_ x: Int, _ y: Int, _ cell: Cell) {
        let index = y * width + x
        // Overwriting half of a wide character blanks its other half.
        if cells[index].isContinuation, x > 0, !cell.isContinuation {
            cells[index - 1] = Cell(" ", style: cells[index - 1].style)
        }
        if !cell.isContinuation, x + 1 < width, cells[index + 1].isContinuation,
           DisplayWidth.of(cells[index].character) == 2 {
            cells[index + 1] = Cell(" ", style: cells[index + 1].style)
        }
        cells[index] = cell
    }

    private func clip(_ rect: Rect) -> Rect {
        let x = max(0, rect.x)
        let y = max(0, rect.y)
        return Rect(x: x, y: y, width: min(rect.maxX, width) - x, height: min(rect.maxY, height) - y)
    }

    /// Row `y` as text, continuation cells left out: what a terminal would show.
    public func line(_ y: Int) -> String {
        var text = ""
        for x in 0..<width where !cells[y * width + x].isContinuation {
            text.append(cells[y * width + x].character)
        }
        return text
    }

    public var lines: [String] { (0..<height).map(line) }

    /// The screen as text, one row a line, trailing spaces kept (each row exactly `width` wide).
    public var text: String { lines.joined(separator: "\n") }

    public static func == (left: Canvas, right: Canvas) -> Bool {
        left.width == right.width && left.height == right.height && left.cells == right.cells
            && left.cursorX == right.cursorX && left.cursorY == right.cursorY
    }
}
