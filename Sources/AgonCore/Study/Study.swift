/// Everything needed to rate: systems, tasks, the rubric's id and the blind design, as read from
/// `Studies/<id>/study.toml`. Answers live beside it in `answers.jsonl` (see `AnswerSet`).
public struct Study: Equatable, Sendable {
    public var id: String
    public var title: String
    public var description: String
    public var rubricID: String
    public var systems: [StudySystem]
    public var tasks: [StudyTask]
    public var design: StudyDesign
    /// Per system id, how its answers are collected (`[systems.server]` and friends); systems
    /// without such tables are absent.
    public var generation: [String: GenerationSettings]
    /// Training pairs rated before the live items (`[calibration]`), outside the statistics.
    public var calibration: CalibrationSet?
    /// Which raters the report sets aside (`[exclusion]`), declared before rating.
    public var exclusion: ExclusionRules?
    /// `[blinding_check]`: questions after the last pair; nil when the study asks none.
    public var blindingCheck: BlindingCheck?

    public init(id: String, title: String, description: String, rubricID: String,
                systems: [StudySystem], tasks: [StudyTask], design: StudyDesign,
                generation: [String: GenerationSettings] = [:], calibration: CalibrationSet? = nil,
                exclusion: ExclusionRules? = nil, blindingCheck: BlindingCheck? = nil) {
        self.id = id
        self.title = title
        self.description = description
        self.rubricID = rubricID
        self.systems = systems
        self.tasks = tasks
        self.design = design
        self.generation = generation
        self.calibration = calibration
        self.exclusion = exclusion
        self.blindingCheck = blindingCheck
    }

    public func system(id: String) -> StudySystem? { systems.first { $0.id == id } }
    public func task(id: String) -> StudyTask? { tasks.first { $0.id == id } }
}

/// One model configuration under test. Its label and profile are for the researcher's report only:
/// nothing of them may reach the rating screen.
public struct StudySystem: Equatable, Sendable, Codable {
    public var id: String
    public var label: String
    public var profile: SystemProfile

    public init(id: String, label: String, profile: SystemProfile = SystemProfile()) {
        self.id = id
        self.label = label
        self.profile = profile
    }
}

/// The parameters that make a configuration "large" or "small". Unknown values stay nil.
public struct SystemProfile: Equatable, Sendable, Codable {
    public var parametersBillions: Double?
    public var quantisationBits: Int?
    public var contextTokens: Int?
    public var expertsTotal: Int?
    public var expertsActive: Int?
    /// Tokens of reasoning allowed before answering; `nil` unknown, 0 none, -1 unlimited.
    public var thinkingBudgetTokens: Int?
    /// The base model or family the configuration derives from (e.g. `llama-2`): systems of one
    /// family differ only in their knobs, so within-family contrasts are the clean ones.
    public var family: String?
    public var extras: [String: String]

    public init(parametersBillions: Double? = nil, quantisationBits: Int? = nil, contextTokens: Int? = nil,
                expertsTotal: Int? = nil, expertsActive: Int? = nil, thinkingBudgetTokens: Int? = nil,
                family: String? = nil, extras: [String: String] = [:]) {
        self.parametersBillions = parametersBillions
        self.quantisationBits = quantisationBits
        self.contextTokens = contextTokens
        self.expertsTotal = expertsTotal
        self.expertsActive = expertsActive
        self.thinkingBudgetTokens = thinkingBudgetTokens
        self.family = family
        self.extras = extras
    }

    /// A one-line summary for reports, e.g. `70B · 16-bit · 4k ctx · dense · no thinking`.
    public var summary: String {
        var parts: [String] = []
        if let family { parts.append(family) }
        if let billions = parametersBillions {
            parts.append(billions == billions.rounded() ? "\(Int(billions))B" : "\(billions)B")
        }
        if let bits = quantisationBits { parts.append("\(bits)-bit") }
        if let context = contextTokens {
            let thousands = context % 1024 == 0 ? context / 1024 : context % 1000 == 0 ? context / 1000 : nil
            parts.append(thousands.map { "\($0)k ctx" } ?? "\(context) ctx")
        }
        if let total = expertsTotal {
            parts.append(total <= 1 ? "dense" : "\(expertsActive.map(String.init) ?? "?")/\(total) experts")
        }
        if let thinking = thinkingBudgetTokens {
            parts.append(thinking == 0 ? "no thinking" : thinking < 0 ? "unlimited thinking" : "\(thinking) thinking tokens")
        }
        for key in extras.keys.sorted() { parts.append("\(key): \(extras[key]!)") }
        return parts.isEmpty ? "profile unknown" : parts.joined(separator: " · ")
    }
}

public struct StudyTask: Equatable, Sendable, Codable {
    public var id: String
    public var category: String
    public var prompt: String
    /// The task's own id in the data it was imported from (`source_task`), for tracing it back.
    public var sourceTask: String?

    public init(id: String, category: String, prompt: String, sourceTask: String? = nil) {
        self.id = id
        self.category = category
        self.prompt = prompt
        self.sourceTask = sourceTask
    }
}

/// How a rater's schedule is drawn.
public struct StudyDesign: Equatable, Sendable, Codable {
    public var seed: UInt64
    /// Share of items shown a second time, later, with sides swapped (intra-rater consistency).
    public var repeatShare: Double
    /// Answers per task and system (generation varies between samples); each item pairs one sample
    /// of each system.
    public var samples: Int

    /// Which pairs of systems are compared (`pairs`, `contrasts`, `degree`).
    public var pairs: PairDesign
    /// Base items (before repeats) each rater judges; nil with `ratersPerItem` unset: all of them.
    public var itemsPerRater: Int?
    /// The overlap target: raters per item, from which the budget follows given the panel's size.
    public var ratersPerItem: Int?
    /// How many raters the researcher expects (for the budget and the design's facts).
    public var expectedRaters: Int?
    /// The raters' names when known in advance (`raters`); its size stands for `expectedRaters`.
    public var roster: [String]
    /// Items every rater judges, so that any two raters share them (default: see `RaterAssignment`).
    public var sharedItems: Int?

    /// More samples than this is a typo, not a design: every one must be collected and rated.
    public static let maximumSamples = 100
    /// How the rating screen shows answers' Markdown (`answers = "rendered" | "raw"`).
    public var answers: AnswerPresentation
    /// Control items among the live ones (`[controls]`); nil: none, and the schedule as always.
    public var controls: ControlDesign?
    /// Pairs per block, after which the screen offers a break (`block_size`); nil: no breaks.
    public var blockSize: Int?

    public init(seed: UInt64, repeatShare: Double = 0.1, samples: Int = 1, pairs: PairDesign = .all,
                itemsPerRater: Int? = nil, ratersPerItem: Int? = nil, expectedRaters: Int? = nil,
                roster: [String] = [], sharedItems: Int? = nil, answers: AnswerPresentation = .rendered,
                controls: ControlDesign? = nil) {
        self.seed = seed
        self.repeatShare = repeatShare
        self.samples = samples
        self.pairs = pairs
        self.itemsPerRater = itemsPerRater
        self.ratersPerItem = ratersPerItem
        self.expectedRaters = expectedRaters
        self.roster = roster
        self.sharedItems = sharedItems
        self.answers = answers
        self.controls = controls
    }

    /// The panel the design is planned for: the roster's size, else the expected raters.
    public var panelSize: Int? { roster.isEmpty ? expectedRaters : roster.count }

    /// True for the design every study had before designs were chosen: every rater, every task,
    /// every pair. Such studies keep their schedules byte for byte.
    public var isComplete: Bool { pairs == .all && itemsPerRater == nil && ratersPerItem == nil }
}

/// How the rating screen shows an answer: Markdown set as plain typography (headings bold, no
/// emphasis marks, `•` bullets), or exactly as written, for studies that judge formatting itself.
public enum AnswerPresentation: String, CaseIterable, Equatable, Sendable, Codable {
    case rendered, raw
}
