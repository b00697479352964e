import AgonCore
import Foundation

extension RatingScreen {
    /// The one place the screen changes. Returns the journal events to append (in order, before
    /// the next frame is drawn) and whether to quit. Every event returned has already been applied
    /// to `session`, so the screen and the journal never disagree.
    public mutating func update(_ event: ScreenEvent, at date: Date) -> [Effect] {
        update(event, at: date, clock: date.timeIntervalSinceReferenceDate)
    }

    /// `clock`: the monotonic clock's reading (seconds, any origin), which times the item.
    public mutating func update(_ event: ScreenEvent, at date: Date, clock reading: Double) -> [Effect] {
        now = date
        clock = reading
        switch event {
        case .tick:
            return []
        case .resize(let width, let height):
            self.width = width
            self.height = height
            clampScrolls()
            return []
        case .paste(let text, let truncated):
            message = nil
            if mode == .note || mode == .flagReason {
                insertIntoField(text, truncated: truncated)
            } else {
                message = StatusMessage(strings.pasteOutsideField, .warning)
            }
            return []
        case .burst(let keys, let truncated):
            message = nil
            if mode == .note || mode == .flagReason {
                typeBurst(keys, truncated: truncated)
            } else {
                message = StatusMessage(strings.pasteOutsideField, .warning)
            }
            return []
        case .terminate:
            var effects = keepDraftIfDirty()
            effects.append(.quit)
            return effects
        case .key(let key):
            if mode != .confirmQuit, mode != .help { message = nil }
            return handle(key)
        }
    }

    /// The same, as a function from state to state, for tests that prefer values.
    public func updated(_ event: ScreenEvent, at date: Date) -> (RatingScreen, [Effect]) {
        var copy = self
        let effects = copy.update(event, at: date)
        return (copy, effects)
    }

    private mutating func handle(_ key: Key) -> [Effect] {
        let layout = ScreenLayout.make(self)
        if layout.tooSmall, mode != .note, mode != .flagReason {
            // Only leaving makes sense while nothing can be seen.
            if KeyMap.action(for: key, in: .rating) == .quit || KeyMap.action(for: key, in: mode) == .quit {
                if mode == .confirmQuit { return keepDraftIfDirty() + [.quit] }
                return requestQuit()
            }
            if mode != .confirmQuit { return [] }
        }
        guard let action = KeyMap.action(for: key, in: mode) else {
            if case .character(let character) = key {
                if mode == .note { input.noteText.type(character) }
                if mode == .flagReason { typeFlag(character) }
            }
            return []
        }
        if action != .submit { fastSubmitAsked = false }
        switch mode {
        case .rating: return rate(action, key, layout)
        case .note, .flagReason: return edit(action)
        case .marking: return mark(action, layout)
        case .confirmQuit:
            switch action {
            case .keepDraftAndQuit: return keepDraftIfDirty() + [.quit]
            case .discardAndQuit: return [.quit]
            case .stay:
                mode = .rating
                return []
            default: return []
            }
        case .help:
            let page = max(1, height - 4)
            switch action {
            case .scrollDown: helpScroll += 1
            case .scrollUp: helpScroll = max(0, helpScroll - 1)
            case .pageDown: helpScroll += page
            case .pageUp: helpScroll = max(0, helpScroll - page)
            case .closeHelp: mode = modeBeforeHelp
            case .quit:
                mode = modeBeforeHelp
                return requestQuit()
            default: break
            }
            return []
        case .criterion:
            switch action {
            case .closeHelp: mode = .rating
            case .quit:
                mode = .rating
                return requestQuit()
            default: break
            }
            return []
        case .calibrationFeedback:
            switch action {
            case .closeHelp:
                feedbackPair = nil
                openNext()
                if let current, CalibrationJudgement.pair(itemNumber: current.number) == nil {
                    message = StatusMessage(strings.calibrationDone(total), .success)
                } else if let current, let calibration = content.calibrationPair(of: current) {
                    message = StatusMessage(strings.calibrationPair(calibration.number, of: content.calibrationCount))
                }
            case .quit: return [.quit]
            default: break
            }
            return []
        case .pause:
            switch action {
            case .continueAfterBreak:
                // The break is not time spent on the next pair.
                shownAt = clock
                mode = .rating
            case .quit: return [.quit]
            default: break
            }
            return []
        case .blinding:
            if case .guess(let side) = action { return answerBlinding(side) }
            return rate(action, key, layout)
        case .finished:
            switch action {
            case .undo: return undo()
            case .quit: return [.quit]
            default: return []
            }
        }
    }

    private mutating func rate(_ action: Action, _ key: Key, _ layout: ScreenLayout) -> [Effect] {
        let page = max(1, layout.pane(side).height)
        switch action {
        case .scrollDown: scrollBy(1, layout)
        case .scrollUp: scrollBy(-1, layout)
        case .pageDown: scrollBy(max(1, page - 1), layout)
        case .pageUp: scrollBy(-max(1, page - 1), layout)
        case .halfPageDown: scrollBy(max(1, page / 2), layout)
        case .halfPageUp: scrollBy(-max(1, page / 2), layout)
        case .top: setScroll(side, 0)
        case .bottom: scrollBy(Int.max / 2, layout)
        case .taskDown, .taskUp:
            guard let current else { break }
            let lines = wraps.lines("task:" + current.task, content.prompt(task: current.task), width: layout.taskTextWidth).count
            let limit = max(0, lines - layout.task.height)
            taskScroll = min(limit, max(0, taskScroll + (action == .taskDown ? 1 : -1)))
        case .scrollBothDown, .scrollBothUp:
            let delta = action == .scrollBothDown ? 1 : -1
            let focused = side
            for other in Side.allCases {
                side = other
                scrollBy(delta, layout)
            }
            side = focused
        case .toggleRubric:
            rubricFolded.toggle()
            clampScrolls()
        case .showA: show(.a)
        case .showB: show(.b)
        case .nextCriterion: criterion = (criterion + 1) % max(1, rubric.criteria.count)
        case .previousCriterion: criterion = (criterion + max(1, rubric.criteria.count) - 1) % max(1, rubric.criteria.count)
        case .score:
            if case .character(let character) = key.latinEquivalent, let digit = character.wholeNumberValue {
                setScore(digit)
            }
        case .raise: adjustScore(+1)
        case .lower: adjustScore(-1)
        case .clearScore:
            guard let id = focusedCriterionID else { break }
            var score = input.scores[id] ?? CriterionScore()
            if rubric.mode == .comparative { score.comparison = nil } else if side == .a { score.a = nil } else { score.b = nil }
            input.scores[id] = score.a == nil && score.b == nil && score.comparison == nil ? nil : score
        case .prefer(let preference): input.preference = preference
        case .describeCriterion:
            if rubric.criteria.indices.contains(criterion) { mode = .criterion }
        case .editNote:
            mode = .note
            input.noteText.moveToEnd()
        case .submit: return submit()
        case .undo: return undo()
        case .skip: return skip()
        case .flag where isCalibrating:
            message = StatusMessage(strings.calibrationNoFlag, .warning)
        case .markPassage: startMark(inNote: false)
        case .flag:
            mode = .flagReason
            flagReason = EditableText(keepsLineBreaks: false)
        case .help:
            modeBeforeHelp = mode
            mode = .help
            helpScroll = 0
        case .quit: return requestQuit()
        default: break
        }
        return []
    }

    /// Switching answers puts the focus on the first criterion that answer has no score on yet,
    /// so the rhythm "score A top to bottom, → , score B" never overwrites a score; when every
    /// criterion has one, the focus stays where it was.
    private mutating func show(_ newSide: Side) {
        guard newSide != side else { return }
        side = newSide
        guard rubric.mode == .absolute else { return }
        if let first = rubric.criteria.firstIndex(where: { input.scores[$0.id]?.score(for: newSide) == nil }) {
            criterion = first
        }
    }

    private var focusedCriterionID: String? {
        rubric.criteria.indices.contains(criterion) ? rubric.criteria[criterion].id : nil
    }

    private mutating func setScore(_ digit: Int) {
        guard let id = focusedCriterionID else { return }
        let scale = rubric.criteria[criterion].scale
        var score = input.scores[id] ?? CriterionScore()
        switch rubric.mode {
        case .absolute:
            guard scale.contains(digit) else {
                message = StatusMessage(strings.outOfScale, .warning)
                return
            }
            if side == .a { score.a = digit } else { score.b = digit }
        case .comparative:
            // A digit says how strongly the focused answer is better: negative numbers favour A.
            let value = side == .a ? -digit : digit
            guard scale.contains(value) else {
                message = StatusMessage(strings.outOfScale, .warning)
                return
            }
            score.comparison = value
        }
        input.scores[id] = score
        if criterion + 1 < rubric.criteria.count { criterion += 1 }
    }

    private mutating func adjustScore(_ step: Int) {
        guard let id = focusedCriterionID else { return }
        let scale = rubric.criteria[criterion].scale
        var score = input.scores[id] ?? CriterionScore()
        switch rubric.mode {
        // On an empty score the first press leans from the middle: `+` gives one above it, `−`
        // one below (5 and 3 on 1–7; B+1 and A+1 on a comparison), so the key pressed is the
        // direction meant, and the other key then reaches the middle itself.
        case .absolute:
            let old = score.score(for: side) ?? scale.midpoint
            let new = min(scale.max, max(scale.min, old + step))
            if side == .a { score.a = new } else { score.b = new }
        case .comparative:
            let old = score.comparison ?? 0
            score.comparison = min(scale.max, max(scale.min, old + step))
        }
        input.scores[id] = score
    }

    private mutating func scrollBy(_ delta: Int, _ layout: ScreenLayout) {
        guard let current else { return }
        // A hidden pane (one answer at a time) scrolls at the width it will be shown at.
        let width = layout.pane(side).width > 0 ? layout.textWidth(side) : layout.textWidth(side.other)
        let lines = answerLines(current, side, width: width).count
        let limit = max(0, lines - layout.pane(side).height)
        setScroll(side, min(limit, max(0, scroll(side) + delta)))
    }

    /// After a resize, scroll positions stay inside the (re-wrapped) text.
    private mutating func clampScrolls() {
        let layout = ScreenLayout.make(self)
        guard !layout.tooSmall, let current else { return }
        for side in Side.allCases where layout.pane(side).width > 0 {
            let lines = answerLines(current, side, width: layout.textWidth(side)).count
            setScroll(side, min(scroll(side), max(0, lines - layout.pane(side).height)))
        }
    }

    /// An answer wrapped to `width`, its Markdown set as typography unless the study shows answers raw.
    func answerLines(_ item: ScheduleItem, _ side: Side, width: Int) -> [String] {
        wraps.lines(answerKey(item, side), content.answer(item, side), width: width, markdown: content.answers == .rendered)
    }

    func answerKey(_ item: ScheduleItem, _ side: Side) -> String {
        "answer:\(item.number):\(side.rawValue)"
    }

    // MARK: Journal actions

    private mutating func record(_ event: JournalEvent, into effects: inout [Effect]) {
        session.apply(event)
        effects.append(.append(event))
    }

    private mutating func submit() -> [Effect] {
        guard let current else { return [] }
        let missing = missingParts()
        guard missing.isEmpty else {
            message = StatusMessage(strings.missing(missing), .warning)
            return []
        }
        if let calibration = content.calibrationPair(of: current) {
            // Practice: journaled apart, then the reference is shown before anything moves on.
            let judgement = CalibrationJudgement(pair: calibration.number, scores: input.scores, preference: input.preference,
                                                 note: input.note.trimmingCharacters(in: .whitespacesAndNewlines),
                                                 seconds: (secondsOnItem * 10).rounded() / 10, at: now)
            var effects: [Effect] = []
            record(.calibration(judgement), into: &effects)
            savedInput = input
            feedbackPair = calibration.number
            mode = .calibrationFeedback
            return effects
        }
        // Far faster than reading both answers (the pace the report counts as fast): ask once.
        let reading = readingSeconds(current)
        if !fastSubmitAsked, secondsOnItem < reading {
            fastSubmitAsked = true
            message = StatusMessage(strings.fastSubmit(seconds: Int(secondsOnItem.rounded()), reading: Int(reading.rounded(.up))), .warning)
            return []
        }
        let judgement = Judgement(of: current, scores: input.scores, preference: input.preference,
                                  note: input.note.trimmingCharacters(in: .whitespacesAndNewlines),
                                  seconds: (secondsOnItem * 10).rounded() / 10, at: now)
        var effects: [Effect] = []
        record(.judgement(judgement), into: &effects)
        openNext()
        message = StatusMessage(strings.saved(session.ratedCount, total), .success)
        if let size = content.blockSize, mode == .rating, session.ratedCount % size == 0 { mode = .pause }
        return effects
    }

    /// Records the rater's answer to the blinding question on screen and shows the next one.
    private mutating func answerBlinding(_ side: Side?) -> [Effect] {
        guard let current, let question = content.blinding.first(where: { $0.item.number == current.number }) else { return [] }
        var effects: [Effect] = []
        record(.blindingGuess(BlindingGuess(item: current.number, left: current.left, right: current.right,
                                            target: question.target, guess: side, at: now)), into: &effects)
        openNext()
        message = StatusMessage(strings.blindingSaved, .success)
        return effects
    }

    /// Seconds to read both answers at `RatingScreen.readingWordsPerMinute`.
    func readingSeconds(_ item: ScheduleItem) -> Double {
        let words = Side.allCases.reduce(0) { $0 + content.answer(item, $1).split(whereSeparator: { $0.isWhitespace }).count }
        return Double(words) / Self.readingWordsPerMinute * 60
    }

    private mutating func undo() -> [Effect] {
        let last: Judgement
        switch session.lastUndoable {
        case nil:
            message = StatusMessage(strings.nothingToUndo, .warning)
            return []
        case .flag(let item, let reason):
            var effects: [Effect] = []
            record(.unflag(item: item, at: now), into: &effects)
            message = StatusMessage(strings.flagWithdrawn(reason))
            return effects
        case .judgement(let judgement):
            last = judgement
        }
        var effects = keepDraftIfDirty()
        record(.undo(item: last.item, at: now), into: &effects)
        guard let item = content.schedule.item(number: last.item) else { return effects }
        // The reopened values are not in effect any more: leaving asks whether to keep them.
        open(item, input: ItemInput(last), saved: ItemInput(), secondsBefore: last.seconds)
        message = StatusMessage(strings.undone)
        return effects
    }

    private mutating func skip() -> [Effect] {
        guard let current else { return [] }
        let calibrating = isCalibrating
        if calibrating {
            guard content.calibration?.required == false else {
                message = StatusMessage(strings.calibrationRequired, .warning)
                return []
            }
        } else {
            guard session.openItems(in: content.schedule).count > 1 else {
                message = StatusMessage(strings.skippedLast, .warning)
                return []
            }
        }
        var effects = keepDraftIfDirty()
        record(.skip(item: current.number, at: now), into: &effects)
        openNext()
        message = StatusMessage(calibrating ? strings.calibrationSkipped : strings.skipped)
        return effects
    }

    private mutating func keepDraftIfDirty() -> [Effect] {
        guard isDirty, let current else { return [] }
        var effects: [Effect] = []
        record(.draft(Draft(item: current.number, scores: input.scores, preference: input.preference, note: input.note,
                            seconds: (secondsOnItem * 10).rounded() / 10, at: now)), into: &effects)
        savedInput = input
        return effects
    }

    private mutating func requestQuit() -> [Effect] {
        if isDirty {
            mode = .confirmQuit
            return []
        }
        return [.quit]
    }

    // MARK: Text fields

    private mutating func edit(_ action: Action) -> [Effect] {
        let isNote = mode == .note
        switch action {
        case .finishText:
            if !isNote { return finishFlag() }
            mode = .rating
        case .cancelText:
            if !isNote { message = StatusMessage(strings.flagCancelled) }
            mode = .rating
        case .quit:
            mode = .rating
            return requestQuit()
        case .cursorUp, .cursorDown:
            guard isNote else { break }
            let layout = noteLayouts.layout(input.noteText, width: ScreenLayout.make(self).noteTextWidth)
            let position = layout.position(of: input.noteText.cursor, in: input.noteText.characters)
            let row = position.row + (action == .cursorUp ? -1 : 1)
            if row < 0 { input.noteText.moveToStart() }
            else if row >= layout.rows.count { input.noteText.moveToEnd() }
            else { input.noteText.move(to: layout.index(row: row, column: position.column, in: input.noteText.characters)) }
        case .markPassage:
            guard isNote else { break }
            startMark(inNote: true)
        default:
            if isNote { Self.apply(action, to: &input.noteText) } else { Self.apply(action, to: &flagReason) }
        }
        return []
    }

    /// The editing keys that stay inside the field.
    private static func apply(_ action: Action, to field: inout EditableText) {
        switch action {
        case .wordLeft: field.moveWordLeft()
        case .wordRight: field.moveWordRight()
        case .lineBreak: field.breakLine()
        case .cursorLeft: field.moveLeft()
        case .cursorRight: field.moveRight()
        case .cursorHome: field.moveToStart()
        case .cursorEnd: field.moveToEnd()
        case .deleteBackward: field.deleteBackward()
        case .deleteForward: field.deleteForward()
        case .deleteWord: field.deleteWordBackward()
        case .deleteToStart: field.deleteToStart()
        default: break
        }
    }

    // MARK: Quoting a passage

    /// Begins a mark on the top line the focused pane shows: scroll to a passage, press v (or
    /// Ctrl-Y in the note), extend with ↓, then y.
    private mutating func startMark(inNote: Bool) {
        guard let current else { return }
        let count = markableLines(current, side).count
        guard count > 0 else { return }
        let top = min(scroll(side), count - 1)
        passageMark = PassageMark(side: side, anchor: top, end: top, startedInNote: inNote)
        mode = .marking
    }

    private mutating func mark(_ action: Action, _ layout: ScreenLayout) -> [Effect] {
        guard let current, var mark = passageMark else {
            mode = .rating
            return []
        }
        let height = max(1, layout.pane(mark.side).height)
        let page = max(1, height - 1)
        switch action {
        case .scrollDown: mark.end += 1
        case .scrollUp: mark.end -= 1
        case .pageDown: mark.end += page
        case .pageUp: mark.end -= page
        case .yankPassage:
            quote(markableLines(current, mark.side), mark.lines)
            passageMark = nil
            mode = .note
            return []
        case .cancelMark:
            passageMark = nil
            mode = mark.startedInNote ? .note : .rating
            return []
        case .quit:
            passageMark = nil
            mode = mark.startedInNote ? .note : .rating
            return requestQuit()
        default: return []
        }
        let lines = markableLines(current, mark.side)
        mark.end = min(max(0, lines.count - 1), max(0, mark.end))
        passageMark = mark
        // The pane follows the moving end, so the rater always sees where the mark reaches.
        if mark.end < scroll(mark.side) { setScroll(mark.side, mark.end) }
        if mark.end >= scroll(mark.side) + height { setScroll(mark.side, mark.end - height + 1) }
        return []
    }

    /// The focused answer's lines as its pane shows them (a hidden pane: at the width it will be shown at).
    func markableLines(_ item: ScheduleItem, _ side: Side) -> [String] {
        let layout = ScreenLayout.make(self)
        let width = layout.pane(side).width > 0 ? layout.textWidth(side) : layout.textWidth(side.other)
        return answerLines(item, side, width: width)
    }

    /// Inserts `range` of `lines` at the note's cursor as a quotation, one "> " line each, on
    /// lines of their own; the cursor ends on a fresh line below it, ready for the comment.
    private mutating func quote(_ lines: [String], _ range: ClosedRange<Int>) {
        let marked = range.clamped(to: 0...max(0, lines.count - 1))
        guard !lines.isEmpty else { return }
        if let last = input.noteText.characters[..<input.noteText.cursor].last, last != "\n" { input.noteText.breakLine() }
        let quotation = marked.map { index -> String in
            let line = String(lines[index].drop { $0 == MarkdownText.boldMark })
            return line.isEmpty ? ">" : "> " + line
        }
        let left = input.noteText.insert(quotation.joined(separator: "\n") + "\n")
        message = left > 0 ? StatusMessage(strings.pasteCut(EditableText.capacity), .warning) : StatusMessage(strings.quoted(marked.count), .success)
    }

    /// A paste into the field being typed, in one insertion.
    private mutating func insertIntoField(_ text: String, truncated: Bool) {
        let left = mode == .note ? input.noteText.insert(text) : flagReason.insert(text)
        if truncated || left > 0 { message = StatusMessage(strings.pasteCut(EditableText.capacity), .warning) }
    }

    /// A burst is a paste from a terminal that does not mark pastes: its text goes in as one
    /// insertion, Enter and Tab included as text (a line break; spaces). Editing keys that
    /// arrive in it still edit, but nothing in a burst leaves the field: a pasted line break must
    /// not end the note and let the rest of the paste act as commands.
    private mutating func typeBurst(_ keys: [Key], truncated: Bool) {
        var text = ""
        var left = 0
        func flush(_ screen: inout RatingScreen) {
            guard !text.isEmpty else { return }
            left += screen.mode == .note ? screen.input.noteText.insert(text) : screen.flagReason.insert(text)
            text = ""
        }
        for key in keys {
            switch key {
            case .character(let character): text.append(character)
            case .enter: text.append("\n")
            case .tab: text.append("\t")
            default:
                guard let action = KeyMap.action(for: key, in: mode), ![.finishText, .cancelText, .quit].contains(action) else { continue }
                flush(&self)
                if mode == .note { Self.apply(action, to: &input.noteText) } else { Self.apply(action, to: &flagReason) }
            }
        }
        flush(&self)
        if truncated || left > 0 { message = StatusMessage(strings.pasteCut(EditableText.capacity), .warning) }
    }

    private mutating func typeFlag(_ character: Character) {
        if flagReason.isEmpty, let digit = character.wholeNumberValue, (1...strings.flagPresets.count).contains(digit) {
            flagReason = EditableText(strings.flagPresets[digit - 1], keepsLineBreaks: false)
            return
        }
        flagReason.type(character)
    }

    private mutating func finishFlag() -> [Effect] {
        let reason = flagReason.text.trimmingCharacters(in: .whitespacesAndNewlines)
        mode = .rating
        guard let current, !reason.isEmpty else {
            message = StatusMessage(strings.flagCancelled)
            return []
        }
        var effects: [Effect] = []
        record(.flag(item: current.number, reason: reason, at: now), into: &effects)
        message = StatusMessage(strings.flagged(reason), .success)
        return effects
    }
}
