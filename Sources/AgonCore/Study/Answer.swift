/// One system's text for one task, with the line of `answers.jsonl` it came from. A study may ask
/// each system for several samples of the same task (generation varies); `sample` numbers them from 1.
public struct Answer: Equatable, Sendable {
    public var task: String
    public var system: String
    public var sample: Int
    public var text: String
    public var line: Int

    public init(task: String, system: String, sample: Int = 1, text: String, line: Int) {
        self.task = task
        self.system = system
        self.sample = sample
        self.text = text
        self.line = line
    }
}

/// A study's answers, looked up by task, system and sample.
public struct AnswerSet: Sendable {
    public private(set) var answers: [Answer]
    private var index: [AnswerKey: Int] = [:]

    public init(_ answers: [Answer]) {
        self.answers = answers
        for (position, answer) in answers.enumerated() where index[AnswerKey(answer)] == nil {
            index[AnswerKey(answer)] = position
        }
    }

    public func answer(task: String, system: String, sample: Int = 1) -> Answer? {
        index[AnswerKey(task, system, sample)].map { answers[$0] }
    }

    public var isEmpty: Bool { answers.isEmpty }
}

struct AnswerKey: Hashable, Sendable {
    var task: String
    var system: String
    var sample: Int
    init(_ task: String, _ system: String, _ sample: Int = 1) {
        self.task = task
        self.system = system
        self.sample = sample
    }

    init(_ answer: Answer) {
        self.init(answer.task, answer.system, answer.sample)
    }
}
