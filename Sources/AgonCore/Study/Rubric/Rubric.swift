/// The criteria a rater scores, with the texts that define them, read from `Rubrics/<id>.toml`.
public struct Rubric: Equatable, Sendable {
    public enum Mode: String, Sendable, Codable {
        /// Each answer gets its own score on each criterion.
        case absolute
        /// One score per criterion says which answer is better and by how much (e.g. −3…+3,
        /// negative favouring answer A, positive favouring answer B).
        case comparative
    }

    public var id: String
    public var version: Int
    public var title: LocalizedText
    public var mode: Mode
    public var scale: ScoreScale
    public var instructions: LocalizedText
    public var criteria: [Criterion]
    public var preference: PreferenceQuestion
    public var note: NotePrompt

    public init(id: String, version: Int, title: LocalizedText, mode: Mode, scale: ScoreScale,
                instructions: LocalizedText, criteria: [Criterion], preference: PreferenceQuestion, note: NotePrompt) {
        self.id = id
        self.version = version
        self.title = title
        self.mode = mode
        self.scale = scale
        self.instructions = instructions
        self.criteria = criteria
        self.preference = preference
        self.note = note
    }

    public func criterion(id: String) -> Criterion? {
        criteria.first { $0.id == id }
    }
}

/// The scores a criterion can take; the default rubric uses 1…7.
public struct ScoreScale: Equatable, Sendable, Codable {
    public var min: Int
    public var max: Int

    public init(min: Int, max: Int) {
        self.min = min
        self.max = max
    }

    public var values: ClosedRange<Int> { min...max }
    public var count: Int { max - min + 1 }
    public var midpoint: Int { min + (max - min) / 2 }

    public func contains(_ score: Int) -> Bool { values.contains(score) }
}

public struct Criterion: Equatable, Sendable {
    public var id: String
    public var name: LocalizedText
    public var definition: LocalizedText
    public var question: LocalizedText
    /// Descriptions of what a score means, at least at the low end, the middle and the high end.
    public var anchors: [Anchor]
    /// A criterion-specific scale; most rubrics use the rubric's scale for every criterion.
    public var scale: ScoreScale

    public init(id: String, name: LocalizedText, definition: LocalizedText, question: LocalizedText,
                anchors: [Anchor], scale: ScoreScale) {
        self.id = id
        self.name = name
        self.definition = definition
        self.question = question
        self.anchors = anchors
        self.scale = scale
    }
}

public struct Anchor: Equatable, Sendable {
    public var score: Int
    public var text: LocalizedText

    public init(score: Int, text: LocalizedText) {
        self.score = score
        self.text = text
    }
}

/// The overall question: which answer is better, with "both weak" kept apart from a tie.
public struct PreferenceQuestion: Equatable, Sendable {
    public var required: Bool
    public var question: LocalizedText
    public var labels: [Preference: LocalizedText]

    public init(required: Bool, question: LocalizedText, labels: [Preference: LocalizedText]) {
        self.required = required
        self.question = question
        self.labels = labels
    }

    public func label(_ preference: Preference, in language: Language) -> String {
        labels[preference]?.text(in: language) ?? preference.rawValue
    }
}

public struct NotePrompt: Equatable, Sendable {
    public var required: Bool
    public var prompt: LocalizedText

    public init(required: Bool, prompt: LocalizedText) {
        self.required = required
        self.prompt = prompt
    }
}
