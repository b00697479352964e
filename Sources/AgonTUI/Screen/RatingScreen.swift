import AgonCore
import Foundation

/// What the rater has entered for the current item so far.
public struct ItemInput: Equatable, Sendable {
    public var scores: [String: CriterionScore]
    public var preference: Preference?
    /// The note as it is being typed, with its cursor.
    public var noteText: EditableText

    public init(scores: [String: CriterionScore] = [:], preference: Preference? = nil, note: String = "") {
        self.scores = scores
        self.preference = preference
        noteText = EditableText(note)
    }

    /// The note as the journal stores it.
    public var note: String {
        get { noteText.text }
        set { noteText = EditableText(newValue) }
    }

    /// Where the cursor stands does not make input unsaved.
    public static func == (left: ItemInput, right: ItemInput) -> Bool {
        left.scores == right.scores && left.preference == right.preference && left.noteText.hasSameText(as: right.noteText)
    }

    public init(_ draft: Draft) {
        self.init(scores: draft.scores, preference: draft.preference, note: draft.note)
    }

    public init(_ judgement: Judgement) {
        self.init(scores: judgement.scores, preference: judgement.preference, note: judgement.note)
    }

    public var isEmpty: Bool {
        preference == nil && noteText.isEmpty && scores.values.allSatisfy { $0.a == nil && $0.b == nil && $0.comparison == nil }
    }
}

/// A run of an answer's wrapped lines the rater is marking, to quote into the note: from the
/// line where marking began to the line the rater moved to (either may be the lower).
public struct PassageMark: Equatable, Sendable {
    public var side: Side
    public var anchor: Int
    public var end: Int
    /// Where Esc or a quotation returns: the note when marking began there, else rating.
    public var startedInNote: Bool

    public var lines: ClosedRange<Int> { min(anchor, end)...max(anchor, end) }
}

/// A line of feedback under the rubric.
public struct StatusMessage: Equatable, Sendable {
    public enum Kind: Sendable { case info, success, warning }
    public var text: String
    public var kind: Kind

    public init(_ text: String, _ kind: Kind = .info) {
        self.text = text
        self.kind = kind
    }
}

/// Everything that happens to the screen: keys, the clock, the window, a request to terminate.
public enum ScreenEvent: Equatable, Sendable {
    case key(Key)
    /// The clock moved on (the time on the item is shown).
    case tick
    case resize(width: Int, height: Int)
    /// Text pasted in one piece (bracketed paste): it goes into the note or flag reason being
    /// typed, never read as keys. `truncated` says the terminal dropped the paste's tail past
    /// `EditableText.capacity`.
    case paste(String, truncated: Bool = false)
    /// Keys that arrived within a few milliseconds of each other — faster than anyone types —
    /// which is how a terminal without bracketed paste delivers a paste. In a text field they are
    /// text (Enter is a line break, not "done"); elsewhere they are ignored, never commands.
    /// `truncated` as for `paste`.
    case burst([Key], truncated: Bool = false)
    /// SIGTERM or SIGHUP: leave now, keeping any unsaved input as a draft.
    case terminate
}

/// What the run loop must do after an update, in order, before drawing the next frame.
public enum Effect: Equatable, Sendable {
    case append(JournalEvent)
    case quit
}

/// The rating screen's whole state. It changes only in `update`; `render` draws it.
public struct RatingScreen {
    public var content: RatingContent
    public var strings: Strings
    public var language: Language { strings.language }
    /// The session as the journal describes it, kept in step with every event the screen writes.
    public var session: SessionState
    public var mode: Mode = .rating
    /// Where closing the help returns to.
    public var modeBeforeHelp: Mode = .rating
    public var current: ScheduleItem?
    public var input = ItemInput()
    /// The input as the journal already holds it (a restored draft, or nothing).
    public var savedInput = ItemInput()
    /// Time spent on the item in earlier sittings (from a draft or an undone judgement).
    public var secondsBefore: Double = 0
    /// Wall time, for the journal's timestamps.
    public var now: Date
    /// Monotonic seconds (any origin) for durations: the wall clock jumps when it is set, and
    /// would count a laptop's sleep as time spent on the item.
    public var clock: Double
    /// `clock` when the current item was shown.
    public var shownAt: Double
    public var side: Side = .a
    public var criterion = 0
    public var scrollA = 0
    public var scrollB = 0
    public var taskScroll = 0
    /// The rubric panel shows as one summary line, giving its rows to the answers. It stays as the
    /// rater left it from pair to pair.
    public var rubricFolded = false
    /// The rater was told this judgement came far faster than reading both answers; the next
    /// Enter submits it. Any other key withdraws the question.
    public var fastSubmitAsked = false
    /// The pace of the fast-judgement check, the same as the report's (`BiasDiagnostics`).
    public static let readingWordsPerMinute = 500.0
    public var helpScroll = 0
    /// The flag reason being typed (one line).
    public var flagReason = EditableText(keepsLineBreaks: false)
    public var message: StatusMessage?
    public var width: Int
    public var height: Int
    public let wraps = WrapCache()
    /// The note editor's layout, kept between keys and frames.
    public let noteLayouts = NoteLayoutCache()
    /// Lines of an answer being marked for quoting into the note (mode `.marking`).
    public var passageMark: PassageMark?
    /// The calibration pair whose reference is shown (`.calibrationFeedback`).
    public var feedbackPair: Int?

    /// `resumed` says the journal already had events, so the rater is told where they stand;
    /// `introduce` opens the help (the rubric's instructions and the keys) over the first item.
    /// `clock` is the monotonic clock's reading at `now` (tests may leave it out: then durations
    /// follow `now`).
    public init(content: RatingContent, session: SessionState, language: Language, now: Date, clock: Double? = nil,
                resumed: Bool = false, introduce: Bool = false, width: Int = 120, height: Int = 40) {
        self.content = content
        self.session = session
        strings = Strings(language)
        self.now = now
        self.clock = clock ?? now.timeIntervalSinceReferenceDate
        shownAt = self.clock
        self.width = width
        self.height = height
        openNext()
        if resumed {
            var text = strings.resuming(session.ratedCount, content.schedule.count)
            if let current, session.drafts[current.number] != nil { text += " " + strings.draftRestored }
            message = StatusMessage(text, .success)
        } else if let current, let calibration = content.calibrationPair(of: current), calibration.number == 1 {
            message = StatusMessage(strings.calibrationWelcome(content.calibrationCount))
        } else {
            message = StatusMessage(strings.welcome)
        }
        if introduce, mode == .rating {
            modeBeforeHelp = .rating
            mode = .help
        }
    }

    public var rubric: Rubric { content.rubric }
    public var total: Int { content.schedule.count }
    public var isDirty: Bool { current != nil && input != savedInput }

    /// Seconds spent on the current item, this sitting and earlier ones.
    public var secondsOnItem: Double { secondsBefore + max(0, clock - shownAt) }

    public func scroll(_ side: Side) -> Int { side == .a ? scrollA : scrollB }

    mutating func setScroll(_ side: Side, _ value: Int) {
        if side == .a { scrollA = value } else { scrollB = value }
    }

    /// Shows the first open item, or the closing screen when none is left.
    mutating func openNext() {
        if let next = nextCalibrationItem() ?? session.openItems(in: content.schedule).first {
            let draft = session.drafts[next.number]
            open(next, input: draft.map(ItemInput.init) ?? ItemInput(), saved: draft.map(ItemInput.init) ?? ItemInput(),
                 secondsBefore: draft?.seconds ?? 0)
        } else if let question = pendingBlindingQuestion {
            open(question.item, input: ItemInput(), saved: ItemInput(), secondsBefore: 0)
            mode = .blinding
        } else {
            current = nil
            input = ItemInput()
            savedInput = ItemInput()
            mode = .finished
        }
    }

    /// The first calibration pair neither judged nor skipped: they all come before the live items.
    func nextCalibrationItem() -> ScheduleItem? {
        guard content.calibrationCount > 0 else { return nil }
        let skipped = Set(session.skipped)
        return (1...content.calibrationCount).first { pair in
            session.calibrated[pair] == nil && !skipped.contains(CalibrationJudgement.itemNumber(pair: pair))
        }.flatMap(content.calibrationItem(pair:))
    }

    /// Whether the item on screen is a calibration pair rather than one of the study's.
    public var isCalibrating: Bool { current.map { CalibrationJudgement.pair(itemNumber: $0.number) != nil } ?? false }

    /// The first question of the blinding check not yet answered; nil when all are (or none is asked).
    public var pendingBlindingQuestion: BlindingQuestion? {
        content.blinding.first { session.blindingGuesses[$0.item.number] == nil }
    }

    mutating func open(_ item: ScheduleItem, input: ItemInput, saved: ItemInput, secondsBefore: Double) {
        current = item
        self.input = input
        savedInput = saved
        self.secondsBefore = secondsBefore
        shownAt = clock
        mode = .rating
        side = .a
        criterion = 0
        scrollA = 0
        scrollB = 0
        taskScroll = 0
        fastSubmitAsked = false
    }

    /// What still stops the current input from being submitted, as the rater should read it.
    public func missingParts() -> [String] {
        var parts: [String] = []
        for criterion in rubric.criteria {
            let name = criterion.name.text(in: language)
            let score = input.scores[criterion.id]
            switch rubric.mode {
            case .absolute:
                let sides = Side.allCases.filter { score?.score(for: $0) == nil }
                if sides.count == 2 {
                    parts.append(name + " (A, B)")
                } else if let side = sides.first {
                    parts.append(strings.missingScore(name, side))
                }
            case .comparative:
                if score?.comparison == nil { parts.append(name) }
            }
        }
        if rubric.preference.required, input.preference == nil { parts.append(strings.missingPreference) }
        if rubric.note.required, input.noteText.isBlank {
            parts.append(strings.missingNote)
        }
        return parts
    }
}
