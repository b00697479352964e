/// One system's text for one task, with the line of `answers.jsonl` it came from.
public struct Answer: Equatable, Sendable {
    public var task: String
    public var system: String
    public var text: String
    public var line: Int

    public init(task: String, system: String, text: String, line: Int) {
        self.task = task
        self.system = system
        self.text = text
        self.line = line
    }
}

/// A study's answers, looked up by task and system.
public struct AnswerSet: Sendable {
    public private(set) var answers: [Answer]
    private var index: [AnswerKey: Int] = [:]

    public init(_ answers: [Answer]) {
        self.answers = answers
        for (position, answer) in answers.enumerated() where index[AnswerKey(answer.task, answer.system)] == nil {
            index[AnswerKey(answer.task, answer.system)] = position
        }
    }

    public func answer(task: String, system: String) -> Answer? {
        index[AnswerKey(task, system)].map { answers[$0] }
    }
}

struct AnswerKey: Hashable, Sendable {
    var task: String
    var system: String
    init(_ task: String, _ system: String) {
        self.task = task
        self.system = system
    }
}
