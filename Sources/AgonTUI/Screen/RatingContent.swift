import AgonCore

/// What the screen may show of a study, made safe for the terminal when shown: the title, the rubric,
/// the rater's schedule, and the prompts and answer texts. System labels and profiles are not
/// copied in; system ids appear only as lookup keys and in the judgements the screen writes.
public struct RatingContent: Sendable {
    public var title: String
    public var rater: String
    public var rubric: Rubric
    public var schedule: Schedule
    /// Whether answers' Markdown is set as typography or shown as written (`[design] answers`).
    public var answers: AnswerPresentation
    /// Training pairs shown before the live items (`[calibration]`), with their answer key.
    public var calibration: CalibrationSet?
    private var prompts: [String: String]
    private var answerTexts: [String: String]
    /// The degraded side of each control item, by item number (see `ControlDegradation`).
    private var controlTexts: [Int: String] = [:]
    /// Pairs per block: a break is offered after each block (`[design] block_size`); nil: no breaks.
    public var blockSize: Int?
    /// The blinding check's pairs, in the order asked; empty when the study asks none.
    public var blinding: [BlindingQuestion] = []
    /// The system the blinding check asks about by name; nil when it asks about the larger model.
    public var blindingReference: String?

    public init(bundle: StudyBundle, rater: String, schedule: Schedule) {
        title = Sanitizer.clean(bundle.study.title).replacingOccurrences(of: "\n", with: " ")
        self.rater = rater
        rubric = bundle.rubric
        self.schedule = schedule
        self.answers = bundle.study.design.answers
        var prompts: [String: String] = [:]
        for task in bundle.study.tasks { prompts[task.id] = task.prompt }
        self.prompts = prompts
        var answers: [String: String] = [:]
        for item in schedule.items {
            for side in Side.allCases {
                let system = side == .a ? item.left : item.right, sample = item.sample(of: side)
                let key = Self.key(item.task, system, sample: sample)
                if answers[key] == nil {
                    answers[key] = bundle.answers.answer(task: item.task, system: system, sample: sample)?.text ?? ""
                }
            }
        }
        answerTexts = answers
        degradeControls(researcherTexts: bundle.study.design.controls?.texts ?? [:])
        if let calibration = bundle.study.calibration {
            addCalibration(calibration) { task, answer in
                switch answer {
                case .text(let text): return text
                case .collected(let system, let sample): return bundle.answers.answer(task: task ?? "", system: system, sample: sample)?.text ?? ""
                }
            } prompt: { task in bundle.study.task(id: task)?.prompt ?? "" }
        }
        blockSize = bundle.study.design.blockSize
        if let check = bundle.study.blindingCheck {
            blinding = check.questions(study: bundle.study, schedule: schedule, rater: rater)
            if case .reference(let id) = check.question { blindingReference = id }
        }
    }

    public init(title: String, rater: String, rubric: Rubric, schedule: Schedule,
                prompts: [String: String], answers: [String: String], presentation: AnswerPresentation = .rendered) {
        self.title = Sanitizer.clean(title).replacingOccurrences(of: "\n", with: " ")
        self.rater = rater
        self.rubric = rubric
        self.schedule = schedule
        self.prompts = prompts
        self.answers = presentation
        self.answerTexts = answers
        degradeControls(researcherTexts: [:])
    }

    /// The degraded side of every control item, made once: the copy of the other side's answer.
    private mutating func degradeControls(researcherTexts: [String: String]) {
        for item in schedule.items {
            guard let control = item.control else { continue }
            let intact = answerTexts[Self.key(item.task, item.left, sample: item.sample(of: control.intact))] ?? ""
            controlTexts[item.number] = ControlDegradation.degrade(intact, control: control, researcherText: researcherTexts[item.task])
        }
    }

    /// Adds calibration pairs whose answers are written out (tests, and studies without collected ones).
    public mutating func addCalibration(_ calibration: CalibrationSet, taskPrompts: [String: String] = [:]) {
        addCalibration(calibration) { _, answer in
            if case .text(let text) = answer { return text }
            return ""
        } prompt: { taskPrompts[$0] ?? "" }
    }

    private mutating func addCalibration(_ calibration: CalibrationSet, text: (String?, CalibrationAnswer) -> String,
                                         prompt: (String) -> String) {
        self.calibration = calibration
        for (index, pair) in calibration.pairs.enumerated() {
            let item = calibrationItem(pair: index + 1)!
            prompts[item.task] = pair.prompt ?? pair.task.map(prompt) ?? ""
            for side in Side.allCases {
                answerTexts[Self.key(item.task, side == .a ? item.left : item.right)] = text(pair.task, pair.answer(side))
            }
        }
    }

    public var calibrationCount: Int { calibration?.pairs.count ?? 0 }

    /// Calibration pair `pair` (1-based) as the screen shows it: item number −pair, and task and
    /// system keys no study id can take (identifiers never hold U+001F).
    public func calibrationItem(pair: Int) -> ScheduleItem? {
        guard pair >= 1, pair <= calibrationCount else { return nil }
        return ScheduleItem(number: CalibrationJudgement.itemNumber(pair: pair), task: "\u{1F}calibration\u{1F}\(pair)",
                            left: "\u{1F}A", right: "\u{1F}B")
    }

    public func calibrationPair(of item: ScheduleItem) -> (number: Int, pair: CalibrationPair)? {
        guard let number = CalibrationJudgement.pair(itemNumber: item.number), let calibration, number <= calibration.pairs.count else { return nil }
        return (number, calibration.pairs[number - 1])
    }

    /// The lookup key of an answer; sample 1 has the plain (task, system) key.
    public static func key(_ task: String, _ system: String, sample: Int = 1) -> String {
        sample == 1 ? task + "\u{1F}" + system : task + "\u{1F}" + system + "\u{1F}" + String(sample)
    }

    /// Texts are cleaned when asked for; the screen asks once per item and width (see `WrapCache`),
    /// so start-up does not pay for answers the rater has not reached.
    public func prompt(task: String) -> String { Sanitizer.clean(prompts[task] ?? "") }

    public func answer(_ item: ScheduleItem, _ side: Side) -> String {
        if let control = item.control, side == control.degraded { return Sanitizer.clean(controlTexts[item.number] ?? "") }
        return Sanitizer.clean(answerTexts[Self.key(item.task, side == .a ? item.left : item.right, sample: item.sample(of: side))] ?? "")
    }
}
