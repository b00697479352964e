/// The `[calibration]` table of study.toml: pairs a rater judges before the live items, each
/// followed by the researcher's reference scores and a one-line rationale (frame-of-reference
/// training). Their judgements are journaled apart and never enter the study's statistics.
public struct CalibrationSet: Equatable, Sendable, Codable {
    /// Live items come only after every calibration pair was judged; otherwise a rater may skip them.
    public var required: Bool
    public var pairs: [CalibrationPair]

    public init(required: Bool, pairs: [CalibrationPair]) {
        self.required = required
        self.pairs = pairs
    }
}

/// One training pair with the researcher's answer key.
public struct CalibrationPair: Equatable, Sendable, Codable {
    /// A task of the study (its prompt is shown), or the pair's own prompt.
    public var task: String?
    public var prompt: String?
    public var a: CalibrationAnswer
    public var b: CalibrationAnswer
    /// The reference scores per criterion id, as a judgement holds them.
    public var scores: [String: CriterionScore]
    public var preference: Preference?
    public var rationale: LocalizedText

    public init(task: String? = nil, prompt: String? = nil, a: CalibrationAnswer, b: CalibrationAnswer,
                scores: [String: CriterionScore], preference: Preference?, rationale: LocalizedText) {
        self.task = task
        self.prompt = prompt
        self.a = a
        self.b = b
        self.scores = scores
        self.preference = preference
        self.rationale = rationale
    }

    public func answer(_ side: Side) -> CalibrationAnswer { side == .a ? a : b }
}

/// A calibration answer: written out in study.toml, or a collected answer of the study.
public enum CalibrationAnswer: Equatable, Sendable, Codable {
    case text(String)
    case collected(system: String, sample: Int)
}
