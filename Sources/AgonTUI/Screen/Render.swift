import AgonCore

extension RatingScreen {
    /// The screen at the state's size: the layout cuts it into rectangles and each region's widget
    /// draws into its own; an overlay draws last, over the whole screen. Pure apart from the wrap
    /// cache, which only remembers work.
    public func render() -> Canvas {
        var canvas = Canvas(width: width, height: height)
        let layout = ScreenLayout.make(self)
        if layout.tooSmall {
            TooSmallNotice(text: strings.tooSmall(width, height, ScreenLayout.minWidth, ScreenLayout.minHeight))
                .draw(into: &canvas, area: canvas.bounds)
            return canvas
        }
        let open = mode == .finished ? nil : current
        HeaderBar(title: content.title, rater: content.rater, strings: strings, rated: session.ratedCount, total: total,
                  flagged: open.map { !(session.flags[$0.number] ?? []).isEmpty } ?? false,
                  secondsOnItem: open.map { _ in secondsOnItem })
            .draw(into: &canvas, area: layout.header)
        if let open {
            TaskPanel(label: strings.task, lines: wraps.lines("task:" + open.task, content.prompt(task: open.task), width: layout.taskTextWidth),
                      labelWidth: layout.taskLabelWidth, scroll: taskScroll)
                .draw(into: &canvas, area: layout.task)
            for side in Side.allCases where layout.pane(side).width > 0 {
                AnswerPane(name: strings.answer(side), switchHint: layout.sideBySide ? nil : strings.switchHint,
                           lines: wraps.lines(answerKey(open, side), content.answer(open, side), width: layout.textWidth(side)),
                           scroll: scroll(side), focused: side == self.side, linesLabel: strings.lines)
                    .draw(into: &canvas, area: layout.answer(side))
            }
            Divider(top: "┬").draw(into: &canvas, area: layout.paneDivider)
            RubricPanel(table: ScoreTable(rubric: rubric, strings: strings, scores: input.scores, preference: input.preference,
                                          focusedCriterion: criterion, focusedSide: side),
                        guide: CriterionGuide(criterion: focusedCriterion, strings: strings))
                .draw(into: &canvas, area: layout.rubric)
            NoteLine(strings: strings, note: input.note, cursor: mode == .note ? noteCursor : nil)
                .draw(into: &canvas, area: layout.note)
            StatusLine(strings: strings, message: message, missing: missingParts())
                .draw(into: &canvas, area: layout.status)
        } else {
            ClosingScreen(strings: strings, total: total, message: message).draw(into: &canvas, area: layout.body)
        }
        KeyLine(mode: mode, rubric: rubric, scale: focusedCriterion?.scale ?? rubric.scale, language: language)
            .draw(into: &canvas, area: layout.footer)
        switch mode {
        case .help: helpOverlay.draw(into: &canvas, area: canvas.bounds)
        case .flagReason: FlagDialog(strings: strings, reason: flagText, cursor: flagCursor).draw(into: &canvas, area: canvas.bounds)
        case .confirmQuit: QuitDialog(strings: strings).draw(into: &canvas, area: canvas.bounds)
        case .criterion: CriterionInFull(criterion: focusedCriterion, strings: strings).draw(into: &canvas, area: canvas.bounds)
        default: break
        }
        return canvas
    }

    var helpOverlay: HelpOverlay { HelpOverlay(rubric: rubric, strings: strings, scroll: helpScroll) }

    private var focusedCriterion: Criterion? {
        rubric.criteria.indices.contains(criterion) ? rubric.criteria[criterion] : nil
    }
}
