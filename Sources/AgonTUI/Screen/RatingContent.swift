import AgonCore

/// What the screen may show of a study, already made safe for the terminal: the title, the rubric,
/// the rater's schedule, and the prompts and answer texts. System labels and profiles are not
/// copied in; system ids appear only as lookup keys and in the judgements the screen writes.
public struct RatingContent: Sendable {
    public var title: String
    public var rater: String
    public var rubric: Rubric
    public var schedule: Schedule
    private var prompts: [String: String]
    private var answers: [String: String]

    public init(bundle: StudyBundle, rater: String, schedule: Schedule) {
        title = Sanitizer.clean(bundle.study.title).replacingOccurrences(of: "\n", with: " ")
        self.rater = rater
        rubric = bundle.rubric
        self.schedule = schedule
        var prompts: [String: String] = [:]
        for task in bundle.study.tasks { prompts[task.id] = Sanitizer.clean(task.prompt) }
        self.prompts = prompts
        // Only the answers the schedule will show are cleaned, once.
        var answers: [String: String] = [:]
        for item in schedule.items {
            for system in [item.left, item.right] where answers[Self.key(item.task, system)] == nil {
                answers[Self.key(item.task, system)] = Sanitizer.clean(bundle.answers.answer(task: item.task, system: system)?.text ?? "")
            }
        }
        self.answers = answers
    }

    public init(title: String, rater: String, rubric: Rubric, schedule: Schedule,
                prompts: [String: String], answers: [String: String]) {
        self.title = Sanitizer.clean(title)
        self.rater = rater
        self.rubric = rubric
        self.schedule = schedule
        self.prompts = prompts.mapValues(Sanitizer.clean)
        self.answers = answers.mapValues(Sanitizer.clean)
    }

    public static func key(_ task: String, _ system: String) -> String { task + "\u{1F}" + system }

    public func prompt(task: String) -> String { prompts[task] ?? "" }

    public func answer(_ item: ScheduleItem, _ side: Side) -> String {
        answers[Self.key(item.task, side == .a ? item.left : item.right)] ?? ""
    }
}
