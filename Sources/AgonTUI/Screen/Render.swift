import AgonCore

extension RatingScreen {
    /// The screen at the state's size. Pure apart from the wrap cache, which only remembers work.
    public func render() -> Canvas {
        var canvas = Canvas(width: width, height: height)
        for region in regions() { region.widget.draw(into: &canvas, area: region.area) }
        return canvas
    }

    /// This frame's widgets in drawing order, each with the rectangle it draws in: the layout's
    /// regions, then an overlay, if any, over the whole screen.
    func regions() -> [(widget: any Widget, area: Rect)] {
        let screen = Rect(x: 0, y: 0, width: width, height: height)
        let layout = ScreenLayout.make(self)
        if layout.tooSmall {
            return [(TooSmallNotice(text: strings.tooSmall(width, height, ScreenLayout.minWidth, ScreenLayout.minHeight)), screen)]
        }
        let open = mode == .finished || mode == .pause ? nil : current
        var regions: [(widget: any Widget, area: Rect)] = [
            (HeaderBar(title: content.title, rater: content.rater, strings: strings, rated: session.ratedCount, total: total,
                       flagged: open.map { !(session.flags[$0.number] ?? []).isEmpty } ?? false,
                       secondsOnItem: open.map { _ in secondsOnItem }), layout.header),
        ]
        if let open {
            regions.append((TaskPanel(label: strings.task, lines: wraps.lines("task:" + open.task, content.prompt(task: open.task), width: layout.taskTextWidth),
                                      labelWidth: layout.taskLabelWidth, scroll: taskScroll), layout.task))
            for side in Side.allCases where layout.pane(side).width > 0 {
                regions.append((AnswerPane(name: strings.answer(side), switchHint: layout.sideBySide ? nil : strings.switchHint,
                                           lines: answerLines(open, side, width: layout.textWidth(side)),
                                           scroll: scroll(side), focused: side == self.side, linesLabel: strings.lines,
                                           indent: layout.textIndent(side),
                                           marked: mode == .marking && passageMark?.side == side ? passageMark?.lines : nil),
                                layout.answer(side)))
            }
            regions.append((Divider(top: "┬"), layout.paneDivider))
            if mode == .blinding {
                let position = (content.blinding.firstIndex { $0.item.number == open.number } ?? 0) + 1
                // The question takes the rubric's and the note's rows: neither is used here.
                let panel = Rect(x: layout.rubric.x, y: layout.rubric.y, width: layout.rubric.width,
                                 height: layout.rubric.height + layout.note.height)
                regions.append((BlindingPanel(strings: strings, position: position, total: content.blinding.count,
                                              reference: content.blindingReference), panel))
                regions.append((StatusLine(strings: strings, message: message ?? StatusMessage(strings.blindingChoices), missing: []), layout.status))
            } else {
                regions += ratingRegions(layout)
            }
        } else if mode == .pause, let blockSize = content.blockSize {
            regions.append((BreakScreen(strings: strings, rated: session.ratedCount, total: total, blockSize: blockSize), layout.body))
        } else {
            regions.append((ClosingScreen(strings: strings, total: total, message: message), layout.body))
        }
        regions.append((KeyLine(mode: mode, rubric: rubric, scale: focusedCriterion?.scale ?? rubric.scale, language: language), layout.footer))
        switch mode {
        case .help: regions.append((helpOverlay, screen))
        case .flagReason: regions.append((FlagDialog(strings: strings, reason: flagReason), screen))
        case .confirmQuit: regions.append((QuitDialog(strings: strings), screen))
        case .criterion: regions.append((CriterionInFull(criterion: focusedCriterion, strings: strings), screen))
        case .calibrationFeedback:
            if let number = feedbackPair, let calibration = content.calibration, number <= calibration.pairs.count {
                regions.append((CalibrationFeedback(strings: strings, rubric: rubric, number: number, total: calibration.pairs.count,
                                                    pair: calibration.pairs[number - 1], given: session.calibrated[number]), screen))
            }
        default: break
        }
        return regions
    }

    /// The rubric, the note and the status line of a pair being rated.
    private func ratingRegions(_ layout: ScreenLayout) -> [(widget: any Widget, area: Rect)] {
        var regions: [(widget: any Widget, area: Rect)] = []
        if rubricFolded {
            regions.append((RubricSummary(rubric: rubric, strings: strings, scores: input.scores, preference: input.preference,
                                          focusedCriterion: criterion, focusedSide: side), layout.rubric))
        } else {
            regions.append((RubricPanel(table: ScoreTable(rubric: rubric, strings: strings, scores: input.scores, preference: input.preference,
                                                          focusedCriterion: criterion, focusedSide: side),
                                        guide: CriterionGuide(criterion: focusedCriterion, strings: strings)), layout.rubric))
        }
        if mode == .note, layout.note.height > 1 {
            regions.append((NoteEditor(strings: strings, note: input.noteText,
                                       layout: noteLayouts.layout(input.noteText, width: layout.noteTextWidth)), layout.note))
        } else {
            regions.append((NoteLine(strings: strings, note: input.noteText, editing: mode == .note), layout.note))
        }
        let marking = mode == .marking ? passageMark.map { StatusMessage(strings.marking($0.lines.count, $0.side), .info) } : nil
        regions.append((StatusLine(strings: strings, message: marking ?? message, missing: missingParts()), layout.status))
        return regions
    }

    var helpOverlay: HelpOverlay { HelpOverlay(rubric: rubric, strings: strings, scroll: helpScroll) }

    private var focusedCriterion: Criterion? {
        rubric.criteria.indices.contains(criterion) ? rubric.criteria[criterion] : nil
    }
}
