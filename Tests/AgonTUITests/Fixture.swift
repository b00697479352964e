import AgonCore
import Foundation
@testable import AgonTUI

/// A small study built in memory: two criteria on 1–7, three tasks, two systems whose ids and labels
/// are easy to spot if they ever leaked onto the screen.
enum Fixture {
    static let start = Date(timeIntervalSince1970: 1_800_000_000)

    static let rubricTOML = """
    id = "mini-rubric"
    title = { en = "Mini rubric", ru = "Малая рубрика" }
    mode = "MODE"
    scale = { min = SCALEMIN, max = SCALEMAX }
    instructions = { en = "Score each answer.", ru = "Оцените каждый ответ." }

    [[criteria]]
    id = "originality"
    name = { en = "Originality", ru = "Оригинальность" }
    definition = { en = "How far the answer leaves the expected path.", ru = "Насколько ответ уходит от ожидаемого." }
    question = { en = "Does this answer say something you did not expect?", ru = "Говорит ли ответ что-то неожиданное?" }
    [[criteria.anchors]]
    score = SCALEMIN
    en = "Entirely predictable."
    ru = "Полностью предсказуем."
    [[criteria.anchors]]
    score = SCALEMAX
    en = "A genuinely new angle."
    ru = "По-настоящему новый угол."

    [[criteria]]
    id = "tension"
    name = { en = "Tension", ru = "Напряжение" }
    definition = { en = "Whether the text holds a live conflict.", ru = "Держит ли текст живой конфликт." }
    question = { en = "Is there a real pull between ideas?", ru = "Есть ли настоящее напряжение между идеями?" }
    [[criteria.anchors]]
    score = SCALEMIN
    en = "Flat."
    ru = "Плоско."
    [[criteria.anchors]]
    score = SCALEMAX
    en = "The conflict drives every sentence."
    ru = "Конфликт движет каждой фразой."
    """

    static func rubric(comparative: Bool = false) -> Rubric {
        let text = rubricTOML.replacingOccurrences(of: "MODE", with: comparative ? "comparative" : "absolute")
            .replacingOccurrences(of: "SCALEMIN", with: comparative ? "-3" : "1")
            .replacingOccurrences(of: "SCALEMAX", with: comparative ? "3" : "7")
        do {
            return try RubricLoader.parse(text: text, file: "mini-rubric.toml")
        } catch {
            fatalError(error.diagnostics.map(\.description).joined(separator: "\n"))
        }
    }

    static let systems = ["sysLEAKbig", "sysLEAKsmall"]
    static let tasks = ["t1", "t2", "t3"]

    static let prompts = [
        "t1": "Rewrite the myth of Sisyphus as a hypothesis about artificial general intelligence.",
        "t2": "Write a short poem about a clock that runs backwards.",
        "t3": "Explain, with irony, why a machine should never be trusted to rate poems.",
    ]

    static func answers(long: Bool = false) -> [String: String] {
        let longText = (1...(long ? 2000 : 60)).map { "Sentence \($0) pushes the boulder a little further up the slope." }.joined(separator: " ")
        return [
            RatingContent.key("t1", "sysLEAKbig"): "Sisyphus is a gradient step.\n\n" + longText,
            RatingContent.key("t1", "sysLEAKsmall"): "The boulder is the dataset;\tthe hill is the loss.\r\nIt rolls back.",
            RatingContent.key("t2", "sysLEAKbig"): "Стрелки идут назад,\nи утро приходит после ночи.\n時計は逆に回る 🙂 👩‍👩‍👧",
            RatingContent.key("t2", "sysLEAKsmall"): "Tick, \u{1B}[31mred\u{1B}[0m \u{1B}]0;title\u{07} \u{202E}desrever\u{202C} https://example.org/" + String(repeating: "a", count: 150),
            RatingContent.key("t3", "sysLEAKbig"): "A machine rating poems is like a thermometer judging a fever dream.",
            RatingContent.key("t3", "sysLEAKsmall"): "Because it would give every poem a 4.",
        ]
    }

    static func schedule(rater: String = "ann") -> Schedule {
        Schedule.make(studyID: "mini", taskIDs: tasks, systemIDs: systems, rater: rater, seed: 7, repeatShare: 0)
    }

    static func content(comparative: Bool = false, long: Bool = false) -> RatingContent {
        RatingContent(title: "Mini study", rater: "ann", rubric: rubric(comparative: comparative), schedule: schedule(),
                      prompts: prompts, answers: answers(long: long))
    }

    static func screen(comparative: Bool = false, long: Bool = false, session: SessionState = SessionState(),
                       language: Language = .en, width: Int = 120, height: Int = 40, resumed: Bool = false) -> RatingScreen {
        RatingScreen(content: content(comparative: comparative, long: long), session: session, language: language,
                     now: start, resumed: resumed, width: width, height: height)
    }
}

/// Drives a screen with keys, one second apart, collecting the journal events it asks for.
struct Driver {
    var screen: RatingScreen
    var events: [JournalEvent] = []
    var quit = false
    var clock = Fixture.start

    init(_ screen: RatingScreen) {
        self.screen = screen
    }

    mutating func send(_ keys: Key...) { send(keys) }

    mutating func send(_ keys: [Key]) {
        for key in keys { deliver(.key(key)) }
    }

    mutating func type(_ text: String) {
        for character in text { deliver(.key(.character(character))) }
    }

    /// Letters and digits as single keys: "54l36" is 5, 4, l, 3, 6.
    mutating func press(_ text: String) { type(text) }

    /// The driver presses a key a second, far faster than anyone reads the fixture's answers, so
    /// it answers the fast-judgement question with the second Enter unless told not to
    /// (`FastSubmitTests` checks the question itself).
    var confirmsFastJudgements = true

    mutating func deliver(_ event: ScreenEvent) {
        clock = clock.addingTimeInterval(1)
        let asked = screen.fastSubmitAsked
        apply(screen.update(event, at: clock))
        if confirmsFastJudgements, event == .key(.enter), !asked, screen.fastSubmitAsked {
            apply(screen.update(event, at: clock))
        }
    }

    private mutating func apply(_ effects: [Effect]) {
        for effect in effects {
            switch effect {
            case .append(let event): events.append(event)
            case .quit: quit = true
            }
        }
    }

    var judgements: [Judgement] {
        events.compactMap { if case .judgement(let judgement) = $0 { return judgement } else { return nil } }
    }
}
