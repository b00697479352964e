import AgonCore

/// Where each part of the rating screen goes at the current window size: the screen cut, top to
/// bottom, into the rectangles the widgets draw in. Shared by `render` and `update`, so that "a
/// page" in a key means what the rater sees as a page.
public struct ScreenLayout: Equatable {
    public static let minWidth = 60
    public static let minHeight = 18
    /// Below this width the answers no longer fit side by side: one is shown at a time.
    public static let sideBySideWidth = 100

    public var tooSmall: Bool
    public var sideBySide: Bool
    public var header: Rect
    /// Everything between the header and the footer (the closing screen's room).
    public var body: Rect
    public var task: Rect
    /// Columns left of the task text, where its label sits.
    public var taskLabelWidth: Int
    public var paneTitles: Rect
    /// The answer panes' text areas (a pane is hidden when its rect is empty).
    public var paneA: Rect
    public var paneB: Rect
    public var rubric: Rect
    public var note: Rect
    public var status: Rect
    public var footer: Rect

    public func pane(_ side: Side) -> Rect { side == .a ? paneA : paneB }

    /// A pane's whole area: its part of the title row and its text.
    public func answer(_ side: Side) -> Rect {
        let text = pane(side)
        return Rect(x: text.x, y: paneTitles.y, width: text.width, height: text.height + 1)
    }

    /// The column between the panes shown side by side (empty otherwise), title row included.
    public var paneDivider: Rect {
        sideBySide ? Rect(x: paneA.maxX, y: paneTitles.y, width: paneB.x - paneA.maxX, height: paneA.height + 1)
                   : Rect(x: 0, y: 0, width: 0, height: 0)
    }

    /// The longest line a pane sets: about the measure typographers give a column of prose (66
    /// characters is the classic ideal, 80 the usual upper bound). A wider pane centres its text.
    public static let readingMeasure = 78

    /// The wrapping width of a pane's text: one column of margin each side and one for the scroll
    /// bar, at most the reading measure.
    public func textWidth(_ side: Side) -> Int { max(1, min(Self.readingMeasure, pane(side).width - 3)) }

    /// Columns between a pane's left margin and its text, which centre a capped measure in a wide pane.
    public func textIndent(_ side: Side) -> Int { max(0, (pane(side).width - 3 - textWidth(side)) / 2) }

    public var taskTextWidth: Int { max(1, task.width - taskLabelWidth - 1) }

    /// The note editor's text width: the note row less a margin each side.
    public var noteTextWidth: Int { max(1, note.width - 2) }

    public static func make(_ state: RatingScreen) -> ScreenLayout {
        let width = state.width
        let height = state.height
        let empty = Rect(x: 0, y: 0, width: 0, height: 0)
        let (header, belowHeader) = Rect(x: 0, y: 0, width: width, height: height).splitTop(1)
        var layout = ScreenLayout(tooSmall: false, sideBySide: width >= sideBySideWidth, header: header, body: empty,
                                  task: empty, taskLabelWidth: 0, paneTitles: empty, paneA: empty, paneB: empty,
                                  rubric: empty, note: empty, status: empty, footer: empty)
        guard width >= minWidth, height >= minHeight else {
            layout.tooSmall = true
            return layout
        }
        layout.taskLabelWidth = max(8, DisplayWidth.of(state.strings.task) + 3)
        let taskLines = state.current.map { state.wraps.lines("task:" + $0.task, state.content.prompt(task: $0.task),
                                                               width: max(1, width - layout.taskLabelWidth - 1)).count } ?? 1
        let taskLimit = height >= 34 ? 6 : height >= 28 ? 4 : 2
        let taskRows = max(1, min(taskLines, taskLimit))

        let criteria = state.rubric.criteria.count
        // Room for the longest question-and-anchors text of any criterion, so the panel does not
        // jump as the focus moves, within limits that leave the answers most of the screen.
        let needed = state.rubric.criteria.map { criterion in
            let textWidth = max(1, width / 2 - 4)
            let question = criterion.question.text(in: state.language)
            return 1 + state.wraps.lines("question:" + criterion.id, question, width: textWidth).count
                + criterion.anchors.reduce(0) { $0 + state.wraps.lines("anchor:\(criterion.id):\($1.score)", $1.text.text(in: state.language), width: textWidth).count }
        }.max() ?? 0
        let rubricRows = state.rubricFolded && state.mode != .blinding ? 1 : max(criteria + 2, min(needed, height >= 34 ? 12 : 6))
        // While the note is written it takes up to six rows, leaving the answers at least three.
        let restingNoteRows = height >= 34 ? 2 : 1
        let fixedWithoutNote = 1 + taskRows + 1 + rubricRows + 1 + 1
        let noteRows = state.mode == .note ? max(restingNoteRows, min(6, height - fixedWithoutNote - 3)) : restingNoteRows
        let fixedRows = fixedWithoutNote + noteRows
        let paneRows = height - fixedRows
        guard paneRows >= 3 else {
            layout.tooSmall = true
            return layout
        }
        // Top to bottom: header, task, the panes' title row, the panes, rubric, note, status, footer.
        var rest: Rect
        (layout.body, layout.footer) = belowHeader.splitBottom(1)
        (layout.task, rest) = layout.body.splitTop(taskRows)
        (layout.paneTitles, rest) = rest.splitTop(1)
        let panes: Rect
        (panes, rest) = rest.splitTop(paneRows)
        (layout.rubric, rest) = rest.splitTop(rubricRows)
        (layout.note, layout.status) = rest.splitTop(noteRows)
        if layout.sideBySide {
            let (left, right) = panes.splitLeft((width - 1) / 2)
            layout.paneA = left
            layout.paneB = right.splitLeft(1).rest
        } else if state.side == .a {
            layout.paneA = panes
            layout.paneB = Rect(x: panes.maxX, y: panes.y, width: 0, height: panes.height)
        } else {
            layout.paneA = Rect(x: panes.x, y: panes.y, width: 0, height: panes.height)
            layout.paneB = panes
        }
        return layout
    }
}
