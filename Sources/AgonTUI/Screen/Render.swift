import AgonCore
import Foundation

extension RatingScreen {
    /// The screen at the state's size. Pure apart from the wrap cache, which only remembers work.
    public func render() -> Canvas {
        var canvas = Canvas(width: width, height: height)
        let layout = ScreenLayout.make(self)
        if layout.tooSmall {
            drawTooSmall(&canvas)
            return canvas
        }
        drawHeader(&canvas, layout)
        if let current, mode != .finished {
            drawTask(&canvas, layout, current)
            drawPanes(&canvas, layout, current)
            drawRubric(&canvas, layout)
            drawNote(&canvas, layout)
            drawStatus(&canvas, layout)
        } else {
            drawClosing(&canvas, layout)
        }
        drawFooter(&canvas, layout)
        switch mode {
        case .help: drawHelp(&canvas)
        case .flagReason: drawFlag(&canvas)
        case .confirmQuit: drawConfirmQuit(&canvas)
        case .criterion: drawCriterion(&canvas)
        default: break
        }
        return canvas
    }

    // MARK: Parts

    private func drawTooSmall(_ canvas: inout Canvas) {
        let text = strings.tooSmall(width, height, ScreenLayout.minWidth, ScreenLayout.minHeight)
        let lines = TextLayout.wrap(text, width: max(1, width - 2))
        let top = max(0, (height - lines.count) / 2)
        for (index, line) in lines.enumerated() {
            canvas.put(line, x: 1, y: top + index, style: Style(.warning, bold: true))
        }
    }

    private func drawHeader(_ canvas: inout Canvas, _ layout: ScreenLayout) {
        let bar = Style(.bar)
        canvas.fill(layout.header, style: bar)
        let rated = session.ratedCount
        let position = min(total, rated + 1)
        var right = ""
        if let current, mode != .finished, !(session.flags[current.number] ?? []).isEmpty {
            right += "⚑ " + strings.flaggedMark + "  "
        }
        let barCells = width >= 100 ? 20 : 10
        let filled = total == 0 ? 0 : min(barCells, rated * barCells / total)
        right += String(repeating: "█", count: filled) + String(repeating: "░", count: barCells - filled)
        if mode == .finished || current == nil {
            right += " \(rated)/\(total) "
        } else {
            right += " " + strings.itemOf(position, total) + "  " + Self.clock(secondsOnItem) + " "
        }
        let rightWidth = DisplayWidth.of(right)
        let left = " " + content.title + "  ·  " + strings.rater + ": " + content.rater
        canvas.put(TextLayout.truncate(left, width: max(0, width - rightWidth - 1)), x: 0, y: 0, style: Style(.bar, bold: true))
        canvas.put(right, x: width - rightWidth, y: 0, style: bar)
    }

    static func clock(_ seconds: Double) -> String {
        let whole = max(0, Int(seconds))
        let minutes = whole / 60
        let rest = whole % 60
        return minutes >= 60 ? "\(minutes / 60):\(pad2(minutes % 60)):\(pad2(rest))" : "\(pad2(minutes)):\(pad2(rest))"
    }

    private static func pad2(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }

    private func drawTask(_ canvas: inout Canvas, _ layout: ScreenLayout, _ item: ScheduleItem) {
        let lines = wraps.lines("task:" + item.task, content.prompt(task: item.task), width: layout.taskTextWidth)
        canvas.put(" " + strings.task, x: 0, y: layout.task.y, style: Style(.title, bold: true))
        let first = min(taskScroll, max(0, lines.count - layout.task.height))
        for row in 0..<layout.task.height where first + row < lines.count {
            canvas.put(lines[first + row], x: layout.taskLabelWidth, y: layout.task.y + row, style: Style(bold: true))
        }
        if lines.count > layout.task.height {
            let more = first + layout.task.height < lines.count ? "{ } ▼" : "{ } ▲"
            canvas.put(more, x: width - DisplayWidth.of(more), y: layout.task.maxY - 1, style: Style(.muted))
        }
    }

    private func drawPanes(_ canvas: inout Canvas, _ layout: ScreenLayout, _ item: ScheduleItem) {
        canvas.fill(layout.paneTitles, style: Style(.muted))
        canvas.put(String(repeating: "─", count: width), x: 0, y: layout.paneTitles.y, style: Style(.muted))
        for side in Side.allCases {
            let pane = layout.pane(side)
            guard pane.width > 0 else { continue }
            let lines = wraps.lines(answerKey(item, side), content.answer(item, side), width: layout.textWidth(side))
            let first = min(scroll(side), max(0, lines.count - pane.height))
            for row in 0..<pane.height where first + row < lines.count {
                canvas.put(lines[first + row], x: pane.x + 1, y: pane.y + row, limit: pane.maxX - 2)
            }
            drawScrollBar(&canvas, pane, first: first, total: lines.count, focused: side == self.side)

            let focused = side == self.side
            var title = " " + strings.answer(side) + " "
            if !layout.sideBySide { title += "(" + strings.switchHint + ") " }
            let titleStyle = focused ? Style(.focus, bold: true, reverse: true) : Style(.title, bold: true)
            canvas.put(title, x: pane.x + 1, y: layout.paneTitles.y, style: titleStyle, limit: pane.maxX)
            let shown = lines.isEmpty ? "0" : "\(first + 1)–\(min(lines.count, first + pane.height))"
            let position = " \(strings.lines) \(shown) / \(lines.count) "
            let positionX = pane.maxX - 1 - DisplayWidth.of(position)
            if positionX > pane.x + 1 + DisplayWidth.of(title) {
                canvas.put(position, x: positionX, y: layout.paneTitles.y, style: Style(focused ? .plain : .muted))
            }
        }
        if layout.sideBySide {
            let x = layout.paneA.maxX
            canvas.put("┬", x: x, y: layout.paneTitles.y, style: Style(.muted))
            for y in layout.paneA.y..<layout.paneA.maxY { canvas.put("│", x: x, y: y, style: Style(.muted)) }
        }
    }

    private func drawScrollBar(_ canvas: inout Canvas, _ pane: Rect, first: Int, total: Int, focused: Bool) {
        guard total > pane.height, pane.height > 0 else { return }
        let x = pane.maxX - 1
        let thumb = max(1, pane.height * pane.height / total)
        let start = (pane.height - thumb) * first / max(1, total - pane.height)
        for row in 0..<pane.height {
            let inThumb = row >= start && row < start + thumb
            canvas.put(inThumb ? "┃" : "┊", x: x, y: pane.y + row,
                       style: inThumb ? Style(focused ? .focus : .plain, bold: true) : Style(.muted))
        }
    }

    private func drawRubric(_ canvas: inout Canvas, _ layout: ScreenLayout) {
        let area = layout.rubric
        let criteria = rubric.criteria
        let nameWidth = min(24, max(DisplayWidth.of(strings.criterion), criteria.map { DisplayWidth.of($0.name.text(in: language)) }.max() ?? 0))
        let cellWidth = rubric.mode == .absolute ? 5 : 8
        let cellsX = 2 + nameWidth + 1
        let overallWidth = DisplayWidth.of(" " + strings.overall + ": ") + max(DisplayWidth.of(strings.notChosen),
            Preference.allCases.map { DisplayWidth.of(rubric.preference.label($0, in: language)) }.max() ?? 0) + 1
        let tableWidth = min(max(cellsX + (rubric.mode == .absolute ? 2 : 1) * cellWidth + 1, overallWidth), width * 45 / 100)
        let muted = Style(.muted)

        canvas.put(String(repeating: "─", count: width), x: 0, y: area.y, style: muted)
        canvas.put(" " + strings.criterion + " ", x: 1, y: area.y, style: Style(.title, bold: true))
        if rubric.mode == .absolute {
            for (index, side) in Side.allCases.enumerated() {
                let style = side == self.side ? Style(.focus, bold: true, reverse: true) : Style(.title, bold: true)
                canvas.put(" \(side.rawValue) ", x: cellsX + index * cellWidth + 1, y: area.y, style: style)
            }
        } else {
            canvas.put(" " + strings.comparisonHeader + " ", x: cellsX, y: area.y, style: Style(.title, bold: true))
        }

        for (index, criterion) in criteria.enumerated() {
            let y = area.y + 1 + index
            guard y < area.maxY - 1 else { break }
            let focusedRow = index == self.criterion
            canvas.put(focusedRow ? "▸" : " ", x: 0, y: y, style: Style(.focus, bold: true))
            canvas.put(TextLayout.truncate(criterion.name.text(in: language), width: nameWidth), x: 2, y: y,
                       style: Style(focusedRow ? .focus : .plain, bold: focusedRow))
            let score = input.scores[criterion.id]
            if rubric.mode == .absolute {
                for (column, side) in Side.allCases.enumerated() {
                    let value = score?.score(for: side)
                    let text = TextLayout.pad(value.map { " \($0)" } ?? " ·", width: cellWidth - 1)
                    let focusedCell = focusedRow && side == self.side
                    let style = focusedCell ? Style(.focus, bold: true, reverse: true) : value == nil ? muted : Style(.given, bold: true)
                    canvas.put(text, x: cellsX + column * cellWidth, y: y, style: style)
                }
            } else {
                let value = score?.comparison
                let text: String
                if let value { text = value == 0 ? " =" : value < 0 ? " A+\(-value)" : " B+\(value)" } else { text = " ·" }
                let style = focusedRow ? Style(.focus, bold: true, reverse: true) : value == nil ? muted : Style(.given, bold: true)
                canvas.put(TextLayout.pad(text, width: cellWidth - 1), x: cellsX, y: y, style: style)
            }
        }

        let overallY = area.maxY - 1
        let overallLabel = " " + strings.overall + ": "
        let afterLabel = canvas.put(overallLabel, x: 0, y: overallY, style: Style(.title, bold: true))
        if let preference = input.preference {
            canvas.put(rubric.preference.label(preference, in: language), x: afterLabel, y: overallY,
                       style: Style(.given, bold: true), limit: tableWidth)
        } else {
            canvas.put(strings.notChosen, x: afterLabel, y: overallY, style: muted, limit: tableWidth)
        }

        // The focused criterion's question and anchors, for calibrating without leaving the screen.
        for y in (area.y + 1)..<area.maxY { canvas.put("│", x: tableWidth, y: y, style: muted) }
        guard criteria.indices.contains(self.criterion) else { return }
        let focused = criteria[self.criterion]
        let textX = tableWidth + 2
        let textWidth = max(1, width - textX - 1)
        let scaleText = " " + strings.scale(focused.scale) + " · " + strings.inFullHint + " "
        let headerEnd = canvas.put(" " + focused.name.text(in: language) + " ", x: textX - 1, y: area.y,
                                   style: Style(.focus, bold: true), limit: width - DisplayWidth.of(scaleText) - 1)
        canvas.put(scaleText, x: max(headerEnd, width - DisplayWidth.of(scaleText) - 1), y: area.y, style: muted)
        var rows: [(String, Style, Int)] = []
        let question = focused.question.text(in: language).isEmpty ? focused.definition.text(in: language) : focused.question.text(in: language)
        for line in TextLayout.wrap(Sanitizer.clean(question), width: textWidth) { rows.append((line, Style(bold: true), 0)) }
        let anchorRoom = area.height - 1 - rows.count
        let anchors = focused.anchors
        for anchor in anchors {
            let label = "\(anchor.score)"
            let labelWidth = max(3, DisplayWidth.of(label) + 1)
            // With little room each anchor keeps to one line; with more, it wraps.
            var lines = TextLayout.wrap(Sanitizer.clean(anchor.text.text(in: language)), width: max(1, textWidth - labelWidth))
            if anchorRoom < anchors.count * 2, let first = lines.first {
                lines = [lines.count > 1 ? TextLayout.truncate(first + " " + lines[1], width: max(1, textWidth - labelWidth)) : first]
            }
            for (index, line) in lines.enumerated() {
                rows.append((index == 0 ? TextLayout.pad(label, width: labelWidth) + line : String(repeating: " ", count: labelWidth) + line,
                             Style(), index == 0 ? labelWidth : 0))
            }
        }
        for (index, row) in rows.enumerated() {
            let y = area.y + 1 + index
            guard y < area.maxY else { break }
            if row.2 > 0 {
                let after = canvas.put(String(row.0.prefix(while: { $0 != " " })), x: textX, y: y, style: Style(.given, bold: true))
                canvas.put(row.0.dropFirst(row.0.prefix(while: { $0 != " " }).count), x: after, y: y, limit: width - 1)
            } else {
                canvas.put(row.0, x: textX, y: y, style: row.1, limit: width - 1)
            }
        }
    }

    private func drawNote(_ canvas: inout Canvas, _ layout: ScreenLayout) {
        let area = layout.note
        let editing = mode == .note
        let label = " " + (editing ? strings.noteEditing : strings.note) + ": "
        let textX = canvas.put(label, x: 0, y: area.y, style: editing ? Style(.focus, bold: true, reverse: true) : Style(.title, bold: true))
        canvas.put(" ", x: textX, y: area.y)
        let fieldX = textX + 1
        let fieldWidth = max(1, width - fieldX - 1)
        if !editing, input.noteText.isEmpty {
            canvas.put(strings.noteHintEmpty, x: fieldX, y: area.y, style: Style(.muted))
            return
        }
        drawField(&canvas, text: input.noteText, showsCursor: editing, x: fieldX, y: area.y,
                  width: fieldWidth, rows: area.height)
    }

    /// A text field cut into rows by display width, showing the rows around the cursor. The text
    /// is clean already (`EditableText` cleans what it takes in); a line break shows as a space.
    private func drawField(_ canvas: inout Canvas, text: EditableText, showsCursor: Bool, x: Int, y: Int, width: Int, rows: Int) {
        var chunks: [[Character]] = [[]]
        var chunkWidth = 0
        var cursorRow = 0
        var cursorColumn = 0
        let cursor = showsCursor ? text.cursor : nil
        let characters = text.characters
        // Rows past the cursor's, beyond the field's height, are never shown: a long note is not
        // laid out to its end at every key.
        for (index, stored) in characters.enumerated() {
            if index > cursor ?? 0, chunks.count > max(cursorRow + 1, rows) { break }
            let character: Character = stored == "\n" ? " " : stored
            let characterWidth = DisplayWidth.of(character)
            if chunkWidth + characterWidth > width - 1 {
                chunks.append([])
                chunkWidth = 0
            }
            if index == cursor {
                cursorRow = chunks.count - 1
                cursorColumn = chunkWidth
            }
            chunks[chunks.count - 1].append(character)
            chunkWidth += characterWidth
        }
        if let cursor, cursor >= characters.count {
            cursorRow = chunks.count - 1
            cursorColumn = chunkWidth
        }
        let first = cursor == nil ? 0 : max(0, cursorRow - rows + 1)
        for row in 0..<rows where first + row < chunks.count {
            canvas.put(String(chunks[first + row]), x: x, y: y + row, limit: x + width)
        }
        if cursor != nil {
            let cursorX = x + cursorColumn
            let cursorY = y + cursorRow - first
            canvas.restyle(Rect(x: cursorX, y: cursorY, width: 1, height: 1)) { $0 = Style(.focus, reverse: true) }
            canvas.cursor = (cursorX, cursorY)
        }
    }

    private func drawStatus(_ canvas: inout Canvas, _ layout: ScreenLayout) {
        let y = layout.status.y
        if let message {
            let role: ColorRole = message.kind == .warning ? .warning : message.kind == .success ? .success : .plain
            canvas.put(" " + TextLayout.truncate(message.text, width: width - 2), x: 0, y: y, style: Style(role, bold: message.kind == .warning))
            return
        }
        let missing = missingParts()
        if missing.isEmpty {
            canvas.put(" " + strings.readyToSubmit, x: 0, y: y, style: Style(.success, bold: true))
        } else {
            canvas.put(" " + TextLayout.truncate(strings.missing(missing), width: width - 2), x: 0, y: y, style: Style(.muted))
        }
    }

    private func drawClosing(_ canvas: inout Canvas, _ layout: ScreenLayout) {
        let textWidth = min(70, width - 4)
        var lines: [(String, Style)] = [(strings.finishedTitle, Style(.success, bold: true)), ("", Style())]
        lines += TextLayout.wrap(strings.finishedBody(total), width: textWidth).map { ($0, Style()) }
        if let message {
            lines.append(("", Style()))
            lines += TextLayout.wrap(message.text, width: textWidth).map { ($0, Style(.muted)) }
        }
        let top = max(2, (height - lines.count) / 2)
        for (index, line) in lines.enumerated() {
            let x = max(0, (width - DisplayWidth.of(line.0)) / 2)
            canvas.put(line.0, x: x, y: top + index, style: line.1, limit: width)
        }
    }

    private func drawFooter(_ canvas: inout Canvas, _ layout: ScreenLayout) {
        let y = height - 1
        canvas.fill(Rect(x: 0, y: y, width: width, height: 1), style: Style(.bar))
        let scale = rubric.criteria.indices.contains(criterion) ? rubric.criteria[criterion].scale : rubric.scale
        var entries: [(keys: String, text: String, priority: Int)] = []
        for binding in KeyMap.bindings(for: layout.tooSmall ? .finished : mode) {
            guard let short = binding.short else { continue }
            var keys = binding.footerKeys ?? binding.keys.first?.label ?? ""
            if binding.action == .score {
                keys = rubric.mode == .absolute ? "\(max(0, scale.min))–\(min(9, scale.max))" : "0–\(min(9, scale.max))"
            }
            entries.append((keys, short.text(in: language), Self.footerPriority(binding.action)))
        }
        // Keep the most needed entries when the line is short, in the table's order.
        var chosen = Set<Int>()
        var used = 1
        for index in entries.indices.sorted(by: { entries[$0].priority < entries[$1].priority }) {
            let entryWidth = DisplayWidth.of(entries[index].keys) + 1 + DisplayWidth.of(entries[index].text) + 2
            if used + entryWidth <= width {
                chosen.insert(index)
                used += entryWidth
            }
        }
        var x = 1
        for index in entries.indices where chosen.contains(index) {
            x = canvas.put(entries[index].keys, x: x, y: y, style: Style(.bar, bold: true))
            x = canvas.put(" " + entries[index].text + "  ", x: x, y: y, style: Style(.bar))
        }
    }

    private static func footerPriority(_ action: Action) -> Int {
        let order: [Action] = [.help, .quit, .submit, .score, .showA, .nextCriterion, .prefer(.a), .editNote, .undo, .skip,
                               .flag, .describeCriterion, .scrollDown, .finishText, .cancelText, .deleteWord, .keepDraftAndQuit, .discardAndQuit,
                               .stay, .closeHelp]
        return order.firstIndex(of: action) ?? order.count
    }

    // MARK: Overlays

    private func box(_ canvas: inout Canvas, width boxWidth: Int, height boxHeight: Int, title: String) -> Rect {
        let boxWidth = min(boxWidth, width - 2)
        let boxHeight = min(boxHeight, height - 2)
        let rect = Rect(x: (width - boxWidth) / 2, y: max(1, (height - boxHeight) / 2), width: boxWidth, height: boxHeight)
        canvas.fill(rect, style: Style())
        let border = Style(.focus, bold: true)
        canvas.put("┌" + String(repeating: "─", count: max(0, boxWidth - 2)) + "┐", x: rect.x, y: rect.y, style: border)
        for y in (rect.y + 1)..<max(rect.y + 1, rect.maxY - 1) {
            canvas.put("│", x: rect.x, y: y, style: border)
            canvas.put("│", x: rect.maxX - 1, y: y, style: border)
        }
        canvas.put("└" + String(repeating: "─", count: max(0, boxWidth - 2)) + "┘", x: rect.x, y: rect.maxY - 1, style: border)
        canvas.put(" " + title + " ", x: rect.x + 2, y: rect.y, style: Style(.title, bold: true), limit: rect.maxX - 2)
        return Rect(x: rect.x + 2, y: rect.y + 1, width: boxWidth - 4, height: boxHeight - 2)
    }

    /// The help text: an introduction, then every key of the key table with what it does.
    public func helpLines(width textWidth: Int) -> [(String, Style)] {
        var lines: [(String, Style)] = []
        let instructions = Sanitizer.clean(rubric.instructions.text(in: language)).trimmingCharacters(in: .whitespacesAndNewlines)
        if !instructions.isEmpty {
            lines += TextLayout.wrap(instructions, width: textWidth).map { ($0, Style()) }
            lines.append(("", Style()))
        }
        lines += TextLayout.wrap(strings.helpIntro, width: textWidth).map { ($0, Style(bold: true)) }
        let keyWidth = min(24, textWidth / 3)
        for group in KeyMap.groups {
            lines.append(("", Style()))
            lines.append((group.title.text(in: language), Style(.title, bold: true)))
            for binding in group.bindings {
                var label = binding.label
                if binding.action == .score {
                    let scale = rubric.scale
                    label = rubric.mode == .absolute ? "\(max(0, scale.min))–\(min(9, scale.max))" : "0–\(min(9, scale.max))"
                }
                let wrapped = TextLayout.wrap(binding.help.text(in: language), width: max(1, textWidth - keyWidth - 1))
                for (index, line) in wrapped.enumerated() {
                    let keys = index == 0 ? TextLayout.pad(label, width: keyWidth) : String(repeating: " ", count: keyWidth)
                    lines.append((keys + " " + line, Style()))
                }
            }
        }
        return lines
    }

    private func drawHelp(_ canvas: inout Canvas) {
        let inner = box(&canvas, width: min(96, width - 2), height: height - 2, title: strings.helpTitle)
        let lines = helpLines(width: inner.width)
        let first = min(helpScroll, max(0, lines.count - inner.height))
        for row in 0..<inner.height where first + row < lines.count {
            canvas.put(lines[first + row].0, x: inner.x, y: inner.y + row, style: lines[first + row].1, limit: inner.maxX)
        }
        if lines.count > inner.height {
            let more = first + inner.height < lines.count ? " ↓ " : " ↑ "
            canvas.put(more, x: inner.maxX - 2, y: inner.maxY, style: Style(.focus, bold: true))
        }
    }

    private func drawFlag(_ canvas: inout Canvas) {
        let boxWidth = min(76, width - 2)
        let textWidth = boxWidth - 4
        var lines: [(String, Style)] = TextLayout.wrap(strings.flagPresetsTitle, width: textWidth).map { ($0, Style()) }
        for (index, preset) in strings.flagPresets.enumerated() {
            lines.append((TextLayout.truncate("\(index + 1)  \(preset)", width: textWidth), Style(.given)))
        }
        lines.append(("", Style()))
        let inner = box(&canvas, width: boxWidth, height: lines.count + 4, title: strings.flagTitle)
        for (index, line) in lines.enumerated() {
            canvas.put(line.0, x: inner.x, y: inner.y + index, style: line.1, limit: inner.maxX)
        }
        let fieldY = inner.y + lines.count
        let labelEnd = canvas.put(strings.flagPrompt + ": ", x: inner.x, y: fieldY, style: Style(.title, bold: true))
        drawField(&canvas, text: flagReason, showsCursor: true, x: labelEnd, y: fieldY, width: max(1, inner.maxX - labelEnd), rows: 1)
    }

    private func drawCriterion(_ canvas: inout Canvas) {
        guard rubric.criteria.indices.contains(criterion) else { return }
        let focused = rubric.criteria[criterion]
        let boxWidth = min(90, width - 2)
        let textWidth = boxWidth - 4
        var lines: [(String, Style)] = []
        for text in [focused.definition.text(in: language), focused.question.text(in: language)] where !text.isEmpty {
            lines += TextLayout.wrap(Sanitizer.clean(text), width: textWidth).map { ($0, Style(bold: lines.isEmpty ? false : true)) }
            lines.append(("", Style()))
        }
        for anchor in focused.anchors {
            let label = TextLayout.pad("\(anchor.score)", width: 4)
            for (index, line) in TextLayout.wrap(Sanitizer.clean(anchor.text.text(in: language)), width: textWidth - 4).enumerated() {
                lines.append(((index == 0 ? label : "    ") + line, Style()))
            }
        }
        let inner = box(&canvas, width: boxWidth, height: min(height - 2, lines.count + 2),
                        title: focused.name.text(in: language) + " · " + strings.scale(focused.scale))
        for (index, line) in lines.prefix(inner.height).enumerated() {
            canvas.put(line.0, x: inner.x, y: inner.y + index, style: line.1, limit: inner.maxX)
        }
    }

    private func drawConfirmQuit(_ canvas: inout Canvas) {
        let boxWidth = min(64, width - 2)
        var lines: [(String, Style)] = TextLayout.wrap(strings.confirmQuit, width: boxWidth - 4).map { ($0, Style(bold: true)) }
        lines.append(("", Style()))
        for binding in KeyMap.confirmQuit {
            let keys = binding.keys.first?.label ?? ""
            lines.append((TextLayout.pad(keys, width: 5) + " " + binding.help.text(in: language), Style()))
        }
        let inner = box(&canvas, width: boxWidth, height: lines.count + 2, title: strings.confirmTitle)
        for (index, line) in lines.enumerated() {
            canvas.put(line.0, x: inner.x, y: inner.y + index, style: line.1, limit: inner.maxX)
        }
    }
}
