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
        case .paste(let text):
            let flat = Sanitizer.clean(text).replacingOccurrences(of: "\n", with: " ")
            switch mode {
            case .note:
                var note = input.note
                for character in flat { Self.insert(character, into: &note, cursor: &noteCursor) }
                input.note = note
            case .flagReason:
                var reason = flagText
                for character in flat { Self.insert(character, into: &reason, cursor: &flagCursor) }
                flagText = reason
            default:
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
                if mode == .note {
                    var note = input.note
                    Self.insert(character, into: &note, cursor: &noteCursor)
                    input.note = note
                }
                if mode == .flagReason { typeFlag(character) }
            }
            return []
        }
        switch mode {
        case .rating: return rate(action, key, layout)
        case .note, .flagReason: return edit(action)
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
            noteCursor = input.note.count
        case .submit: return submit()
        case .undo: return undo()
        case .skip: return skip()
        case .flag:
            mode = .flagReason
            flagText = ""
            flagCursor = 0
        case .help:
            modeBeforeHelp = mode
            mode = .help
            helpScroll = 0
        case .quit: return requestQuit()
        default: break
        }
        return []
    }

    /// Switching to an answer that has no scores yet starts at the first criterion: the usual
    /// rhythm is to read A and score it top to bottom, then read B and do the same.
    private mutating func show(_ newSide: Side) {
        guard newSide != side else { return }
        side = newSide
        if rubric.mode == .absolute, !rubric.criteria.contains(where: { input.scores[$0.id]?.score(for: newSide) != nil }) {
            criterion = 0
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
        case .absolute:
            let old = score.score(for: side) ?? scale.midpoint - step
            let new = min(scale.max, max(scale.min, old + step))
            if side == .a { score.a = new } else { score.b = new }
        case .comparative:
            let old = score.comparison ?? -step
            score.comparison = min(scale.max, max(scale.min, old + step))
        }
        input.scores[id] = score
    }

    private mutating func scrollBy(_ delta: Int, _ layout: ScreenLayout) {
        guard let current else { return }
        let lines = wraps.lines(answerKey(current, side), content.answer(current, side), width: layout.textWidth(side)).count
        let limit = max(0, lines - layout.pane(side).height)
        setScroll(side, min(limit, max(0, scroll(side) + delta)))
    }

    /// After a resize, scroll positions stay inside the (re-wrapped) text.
    private mutating func clampScrolls() {
        let layout = ScreenLayout.make(self)
        guard !layout.tooSmall, let current else { return }
        for side in Side.allCases where layout.pane(side).width > 0 {
            let lines = wraps.lines(answerKey(current, side), content.answer(current, side), width: layout.textWidth(side)).count
            setScroll(side, min(scroll(side), max(0, lines - layout.pane(side).height)))
        }
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
        let judgement = Judgement(item: current.number, task: current.task, left: current.left, right: current.right,
                                  repeatOf: current.repeatOf, scores: input.scores, preference: input.preference,
                                  note: input.note.trimmingCharacters(in: .whitespacesAndNewlines),
                                  seconds: (secondsOnItem * 10).rounded() / 10, at: now)
        var effects: [Effect] = []
        record(.judgement(judgement), into: &effects)
        openNext()
        message = StatusMessage(strings.saved(session.ratedCount, total), .success)
        return effects
    }

    private mutating func undo() -> [Effect] {
        guard let last = session.lastJudgement else {
            message = StatusMessage(strings.nothingToUndo, .warning)
            return []
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
        guard session.openItems(in: content.schedule).count > 1 else {
            message = StatusMessage(strings.skippedLast, .warning)
            return []
        }
        var effects = keepDraftIfDirty()
        record(.skip(item: current.number, at: now), into: &effects)
        openNext()
        message = StatusMessage(strings.skipped)
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
        var text = isNote ? input.note : flagText
        var cursor = isNote ? noteCursor : flagCursor
        var characters = Array(text)
        cursor = min(max(0, cursor), characters.count)
        switch action {
        case .finishText:
            if isNote {
                mode = .rating
            } else {
                return finishFlag()
            }
        case .cancelText:
            if !isNote { message = StatusMessage(strings.flagCancelled) }
            mode = .rating
        case .cursorLeft: cursor = max(0, cursor - 1)
        case .cursorRight: cursor = min(characters.count, cursor + 1)
        case .cursorHome: cursor = 0
        case .cursorEnd: cursor = characters.count
        case .deleteBackward:
            if cursor > 0 {
                characters.remove(at: cursor - 1)
                cursor -= 1
            }
        case .deleteForward:
            if cursor < characters.count { characters.remove(at: cursor) }
        case .deleteWord:
            var start = cursor
            while start > 0, characters[start - 1] == " " { start -= 1 }
            while start > 0, characters[start - 1] != " " { start -= 1 }
            characters.removeSubrange(start..<cursor)
            cursor = start
        case .deleteToStart:
            characters.removeSubrange(0..<cursor)
            cursor = 0
        case .quit:
            mode = .rating
            return requestQuit()
        default: break
        }
        text = String(characters)
        if isNote {
            input.note = text
            noteCursor = cursor
        } else {
            flagText = text
            flagCursor = cursor
        }
        return []
    }

    private static func insert(_ character: Character, into text: inout String, cursor: inout Int) {
        // Typed control characters and line breaks have no place in a one-line field.
        let cleaned = Sanitizer.clean(String(character))
        guard cleaned == String(character), character != "\n", DisplayWidth.of(character) > 0 || character.unicodeScalars.count > 1 else { return }
        var characters = Array(text)
        cursor = min(max(0, cursor), characters.count)
        characters.insert(character, at: cursor)
        text = String(characters)
        cursor += 1
    }

    private mutating func typeFlag(_ character: Character) {
        if flagText.isEmpty, let digit = character.wholeNumberValue, (1...strings.flagPresets.count).contains(digit) {
            flagText = strings.flagPresets[digit - 1]
            flagCursor = flagText.count
            return
        }
        var text = flagText
        Self.insert(character, into: &text, cursor: &flagCursor)
        flagText = text
    }

    private mutating func finishFlag() -> [Effect] {
        let reason = flagText.trimmingCharacters(in: .whitespacesAndNewlines)
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
