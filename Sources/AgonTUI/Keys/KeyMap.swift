import AgonCore

/// What a key asks the screen to do.
public enum Action: Hashable, Sendable {
    // Reading
    case scrollDown, scrollUp, pageDown, pageUp, halfPageDown, halfPageUp, top, bottom
    case taskDown, taskUp
    case scrollBothDown, scrollBothUp
    case showA, showB
    // Scoring
    case nextCriterion, previousCriterion, score, raise, lower, clearScore, describeCriterion
    case prefer(Preference)
    case editNote, toggleRubric
    // Quoting a passage: mark lines of the focused answer, then yank them into the note
    case markPassage, yankPassage, cancelMark
    // The item
    case submit, undo, skip, flag, help, quit
    // Text fields (note, flag reason)
    case finishText, cancelText, cursorLeft, cursorRight, cursorHome, cursorEnd
    case cursorUp, cursorDown, wordLeft, wordRight, lineBreak
    case deleteBackward, deleteForward, deleteWord, deleteToStart
    // Leaving with unsaved input
    case keepDraftAndQuit, discardAndQuit, stay
    case closeHelp
    // The break between blocks and the blinding check
    case continueAfterBreak
    /// The answer the rater thinks came from the system asked about; nil: "don't know".
    case guess(Side?)
}

/// The screen's modes; each has its own keys.
public enum Mode: Equatable, Sendable {
    case rating
    case note
    case flagReason
    case confirmQuit
    case help
    /// The focused criterion in full, over the screen.
    case criterion
    /// Lines of the focused answer being marked for quoting into the note.
    case marking
    /// A break between blocks of pairs (`[design] block_size`).
    case pause
    /// The blinding check after the last pair (`[blinding_check]`).
    case blinding
    case finished
    /// After a calibration pair: the rater's input beside the researcher's reference and rationale.
    case calibrationFeedback
}

/// One row of the key table: the keys, what they do, and how the help and the key line describe
/// them. `update` matches keys against this table and the help overlay is printed from it, so the
/// two cannot drift apart.
public struct Binding: Sendable {
    public var keys: [Key]
    public var action: Action
    /// How the keys are written in help, when listing them one by one would be clumsy ("1–7").
    public var keysLabel: String?
    public var help: LocalizedText
    /// A short form for the key line at the bottom; nil keeps the binding out of it.
    public var short: LocalizedText?
    /// The keys as the key line writes them, when a group of bindings shares one entry ("a/b/t/w").
    public var footerKeys: String?

    public init(_ keys: [Key], _ action: Action, keysLabel: String? = nil, help: LocalizedText,
                short: LocalizedText? = nil, footerKeys: String? = nil) {
        self.keys = keys
        self.action = action
        self.keysLabel = keysLabel
        self.help = help
        self.short = short
        self.footerKeys = footerKeys
    }

    public var label: String { keysLabel ?? keys.map(\.label).joined(separator: " ") }
}

public struct KeyGroup: Sendable {
    public var title: LocalizedText
    public var bindings: [Binding]
}

public enum KeyMap {
    private static func t(_ en: String, _ ru: String) -> LocalizedText { LocalizedText(en: en, ru: ru) }
    private static func c(_ character: Character) -> Key { .character(character) }

    static let digits: [Key] = (0...9).map { .character(Character(String($0))) }

    public static let reading: [Binding] = [
        Binding([.down, c("j")], .scrollDown, help: t("scroll the answer down a line", "прокрутить ответ на строку вниз"),
                short: t("scroll", "прокрутка"), footerKeys: "↑ ↓ PgUp PgDn"),
        Binding([.up, c("k")], .scrollUp, help: t("scroll the answer up a line", "прокрутить ответ на строку вверх")),
        Binding([.pageDown, c(" "), .control("f")], .pageDown, help: t("next page of the answer", "следующая страница ответа")),
        Binding([.pageUp, .control("b")], .pageUp, help: t("previous page of the answer", "предыдущая страница ответа")),
        Binding([.control("d")], .halfPageDown, help: t("half a page down", "на полстраницы вниз")),
        Binding([.control("u")], .halfPageUp, help: t("half a page up", "на полстраницы вверх")),
        Binding([.home, c("g")], .top, help: t("to the beginning of the answer", "в начало ответа")),
        Binding([.end, c("G")], .bottom, help: t("to the end of the answer", "в конец ответа")),
        Binding([c("J")], .scrollBothDown, help: t("scroll both answers down a line together", "прокрутить оба ответа вместе на строку вниз")),
        Binding([c("K")], .scrollBothUp, help: t("scroll both answers up a line together", "прокрутить оба ответа вместе на строку вверх")),
        Binding([c("}")], .taskDown, help: t("scroll the task down (when it is long)", "прокрутить задание вниз (если оно длинное)")),
        Binding([c("{")], .taskUp, help: t("scroll the task up", "прокрутить задание вверх")),
        Binding([.left, c("h")], .showA, help: t("work on answer A: it scrolls and receives scores", "работать с ответом A: он прокручивается и получает оценки"),
                short: t("answer A/B", "ответ A/B"), footerKeys: "← →"),
        Binding([.right, c("l")], .showB, help: t("work on answer B", "работать с ответом B")),
    ]

    public static let scoring: [Binding] = [
        Binding([.tab, c("]")], .nextCriterion, help: t("next criterion", "следующий критерий"), short: t("criterion", "критерий"), footerKeys: "Tab"),
        Binding([.backTab, c("[")], .previousCriterion, help: t("previous criterion", "предыдущий критерий")),
        Binding(digits, .score, keysLabel: "0–9", help: t("score the focused answer on the focused criterion (then the next criterion)",
                                                         "оценить выбранный ответ по выбранному критерию (затем следующий критерий)"),
                short: t("score", "оценка")),
        Binding([c("+"), c("=")], .raise, help: t("raise the score by one (on an empty score: one above the middle)",
                                                             "повысить оценку на единицу (пустая оценка: на одну выше середины)")),
        Binding([c("-")], .lower, help: t("lower the score by one (on an empty score: one below the middle)",
                                                  "понизить оценку на единицу (пустая оценка: на одну ниже середины)")),
        Binding([c("x"), .delete], .clearScore, help: t("clear the score", "стереть оценку")),
        Binding([c("i")], .describeCriterion, help: t("the focused criterion in full: definition, question, every anchor",
                                                        "выбранный критерий полностью: определение, вопрос, все описания оценок"),
                short: t("criterion in full", "критерий полностью")),
        Binding([c("a")], .prefer(.a), help: t("overall: A is better", "в целом: лучше A"), short: t("overall", "итог"), footerKeys: "a/b/t/w"),
        Binding([c("b")], .prefer(.b), help: t("overall: B is better", "в целом: лучше B")),
        Binding([c("t")], .prefer(.tie), help: t("overall: a tie (equally good)", "в целом: равны (одинаково хороши)")),
        Binding([c("w")], .prefer(.bothWeak), help: t("overall: both weak", "в целом: оба слабые")),
        Binding([c("r")], .toggleRubric, help: t("fold the rubric to one line (more room for the answers), or unfold it",
                                                 "свернуть рубрику в одну строку (больше места ответам) или развернуть"),
                short: t("rubric", "рубрика")),
        Binding([c("n")], .editNote, help: t("write or edit the note", "написать или изменить заметку"), short: t("note", "заметка")),
        Binding([c("v")], .markPassage, help: t("mark lines of the focused answer to quote them in the note",
                                                "отметить строки выбранного ответа, чтобы процитировать их в заметке"),
                short: t("quote", "цитата")),
    ]

    public static let item: [Binding] = [
        Binding([.enter], .submit, help: t("submit the judgement and go to the next pair", "отправить оценку и перейти к следующей паре"),
                short: t("submit", "отправить")),
        Binding([c("u")], .undo, help: t("undo the last judgement (it reopens) or the last flag (it is withdrawn)", "отменить последнюю оценку (она откроется снова) или последний флаг (он снимается)"),
                short: t("undo", "отменить")),
        Binding([c("s")], .skip, help: t("skip this pair (it comes back at the end)", "пропустить пару (она вернётся в конце)"),
                short: t("skip", "пропустить")),
        Binding([c("f")], .flag, help: t("flag a problem with this pair, with a reason", "отметить проблему с этой парой и указать причину"),
                short: t("flag", "флаг")),
        Binding([c("?"), .function(1)], .help, help: t("this help", "эта справка"), short: t("help", "справка")),
        Binding([c("q"), .control("c")], .quit, help: t("pause and quit (you can resume later)", "пауза и выход (можно продолжить позже)"),
                short: t("quit", "выход")),
    ]

    public static let textField: [Binding] = [
        Binding([.enter], .finishText, help: t("done", "готово"), short: t("done", "готово")),
        Binding([.escape], .cancelText, help: t("leave the field (a note is kept, a flag is cancelled)", "выйти из поля (заметка сохраняется, флаг отменяется)"),
                short: t("leave", "выйти")),
        Binding([.left, .control("b")], .cursorLeft, help: t("cursor left", "курсор влево")),
        Binding([.right, .control("f")], .cursorRight, help: t("cursor right", "курсор вправо")),
        Binding([.control("o")], .lineBreak, help: t("a new line in the note", "новая строка в заметке"), short: t("new line", "новая строка")),
        Binding([.up, .control("p")], .cursorUp, help: t("cursor up a line", "курсор на строку вверх")),
        Binding([.down, .control("n")], .cursorDown, help: t("cursor down a line", "курсор на строку вниз")),
        Binding([.wordLeft], .wordLeft, help: t("cursor to the previous word", "курсор на слово назад")),
        Binding([.wordRight], .wordRight, help: t("cursor to the next word", "курсор на слово вперёд")),
        Binding([.control("y")], .markPassage, help: t("mark lines of the focused answer and quote them here",
                                                        "отметить строки выбранного ответа и процитировать их здесь"),
                short: t("quote", "цитата")),
        Binding([.home, .control("a")], .cursorHome, help: t("to the start", "в начало")),
        Binding([.end, .control("e")], .cursorEnd, help: t("to the end", "в конец")),
        Binding([.backspace, .control("h")], .deleteBackward, help: t("delete the character before the cursor", "удалить символ перед курсором")),
        Binding([.delete, .control("d")], .deleteForward, help: t("delete the character under the cursor", "удалить символ под курсором")),
        Binding([.control("w")], .deleteWord, help: t("delete the word before the cursor", "удалить слово перед курсором"),
                short: t("delete word", "удалить слово")),
        Binding([.control("u")], .deleteToStart, help: t("delete everything before the cursor", "удалить всё перед курсором")),
        Binding([.control("c")], .quit, help: t("quit (asks about unsaved input)", "выход (с вопросом о несохранённом)")),
    ]

    /// The mark starts at the top line the pane shows; moving extends it from there.
    public static let marking: [Binding] = [
        Binding([.down, c("j")], .scrollDown, help: t("extend the mark a line down", "расширить отметку на строку вниз"),
                short: t("mark lines", "отметить строки"), footerKeys: "↑ ↓"),
        Binding([.up, c("k")], .scrollUp, help: t("move the mark's end a line up", "сдвинуть конец отметки на строку вверх")),
        Binding([.pageDown, c(" ")], .pageDown, help: t("extend the mark a page down", "расширить отметку на страницу вниз")),
        Binding([.pageUp], .pageUp, help: t("move the mark's end a page up", "сдвинуть конец отметки на страницу вверх")),
        Binding([c("y"), .enter], .yankPassage, help: t("quote the marked lines into the note, each line beginning with >",
                                                        "процитировать отмеченные строки в заметку, каждую строку с >"),
                short: t("quote into the note", "в заметку")),
        Binding([.escape, c("v")], .cancelMark, help: t("cancel the mark", "отменить отметку"), short: t("cancel", "отмена")),
        Binding([.control("c")], .quit, help: t("quit (asks about unsaved input)", "выход (с вопросом о несохранённом)")),
    ]

    public static let confirmQuit: [Binding] = [
        Binding([c("k"), .control("c")], .keepDraftAndQuit, help: t("keep the unsaved input as a draft and quit", "сохранить несохранённое как черновик и выйти"),
                short: t("keep draft and quit", "сохранить черновик и выйти")),
        Binding([c("d")], .discardAndQuit, help: t("discard the unsaved input and quit", "отбросить несохранённое и выйти"),
                short: t("discard and quit", "отбросить и выйти")),
        Binding([.escape, c("c")], .stay, help: t("go back to rating", "вернуться к оценке"), short: t("go back", "вернуться")),
    ]

    public static let helpScreen: [Binding] = [
        Binding([.down, c("j")], .scrollDown, help: t("scroll", "прокрутка")),
        Binding([.up, c("k")], .scrollUp, help: t("scroll", "прокрутка")),
        Binding([.pageDown, c(" ")], .pageDown, help: t("page", "страница")),
        Binding([.pageUp], .pageUp, help: t("page", "страница")),
        Binding([.escape, c("?"), c("q"), .function(1), .enter], .closeHelp, help: t("close the help", "закрыть справку"),
                short: t("close", "закрыть")),
        Binding([.control("c")], .quit, help: t("quit", "выход")),
    ]

    public static let criterionScreen: [Binding] = [
        Binding([.escape, c("i"), c("q"), .enter], .closeHelp, help: t("close", "закрыть"), short: t("close", "закрыть")),
        Binding([.control("c")], .quit, help: t("quit", "выход")),
    ]

    public static let calibrationFeedback: [Binding] = [
        Binding([.enter, c(" "), .escape], .closeHelp, help: t("continue to the next pair", "перейти к следующей паре"),
                short: t("continue", "дальше")),
        Binding([c("q"), .control("c")], .quit, help: t("quit (the next pair waits for you)", "выход (следующая пара подождёт)"),
                short: t("quit", "выход")),
    ]

    public static let finished: [Binding] = [
        Binding([c("u")], .undo, help: t("undo the last judgement or flag", "отменить последнюю оценку или флаг"), short: t("undo", "отменить")),
        Binding([c("q"), .enter, .escape, .control("c")], .quit, help: t("quit", "выход"), short: t("quit", "выход")),
    ]

    public static let pause: [Binding] = [
        Binding([.enter, c(" ")], .continueAfterBreak, help: t("go on to the next pair", "перейти к следующей паре"),
                short: t("go on", "дальше")),
        Binding([c("q"), .control("c")], .quit, help: t("stop for now (you can resume later)", "остановиться (можно продолжить позже)"),
                short: t("stop for now", "остановиться")),
    ]

    public static let blinding: [Binding] = [
        Binding([c("a")], .guess(.a), help: t("answer A came from the system asked about", "ответ A написала названная система"),
                short: t("answer A", "ответ A")),
        Binding([c("b")], .guess(.b), help: t("answer B came from the system asked about", "ответ B написала названная система"),
                short: t("answer B", "ответ B")),
        Binding([c("d")], .guess(nil), help: t("I don't know", "не знаю"), short: t("don't know", "не знаю")),
    ]

    /// The digit keys that score on `scale`, as the help and the key line write them ("1–7"); a
    /// comparison is typed as its size, 0 up.
    static func scoreKeysLabel(_ rubric: Rubric, scale: ScoreScale) -> String {
        rubric.mode == .absolute ? "\(max(0, scale.min))–\(min(9, scale.max))" : "0–\(min(9, scale.max))"
    }

    /// The keys that work in `mode`, in the order the key line lists them.
    public static func bindings(for mode: Mode) -> [Binding] {
        switch mode {
        case .rating: return item.prefix(1) + scoring + reading + item.dropFirst()
        case .note: return textField
        // A flag reason is one line: no line breaks, rows or quotations.
        case .flagReason: return textField.filter { ![.lineBreak, .markPassage, .cursorUp, .cursorDown].contains($0.action) }
        case .confirmQuit: return confirmQuit
        case .help: return helpScreen
        case .criterion: return criterionScreen
        case .marking: return marking
        case .pause: return pause
        // Reading keys, help and quit as while rating; nothing that scores.
        case .blinding: return blinding + reading + item.filter { $0.action == .help || $0.action == .quit }
        case .finished: return finished
        case .calibrationFeedback: return calibrationFeedback
        }
    }

    /// The help overlay's sections.
    public static let groups: [KeyGroup] = [
        KeyGroup(title: t("Reading", "Чтение"), bindings: reading),
        KeyGroup(title: t("Scoring", "Оценка"), bindings: scoring),
        KeyGroup(title: t("This pair", "Эта пара"), bindings: item),
        KeyGroup(title: t("Typing a note or a flag reason", "Ввод заметки или причины флага"), bindings: textField),
        KeyGroup(title: t("Quoting a passage (v, or Ctrl-Y in the note)", "Цитата из ответа (м/v или Ctrl-Y в заметке)"), bindings: marking),
    ]

    private static let lookup: [Mode: [Key: Action]] = {
        var table: [Mode: [Key: Action]] = [:]
        for mode in [Mode.rating, .note, .flagReason, .confirmQuit, .help, .criterion, .marking, .pause, .blinding, .finished, .calibrationFeedback] {
            var keys: [Key: Action] = [:]
            for binding in bindings(for: mode) {
                for key in binding.keys where keys[key] == nil { keys[key] = binding.action }
            }
            table[mode] = keys
        }
        return table
    }()

    /// The action `key` triggers in `mode`, or nil. Outside text fields a Cyrillic letter counts as
    /// the Latin key in its place.
    public static func action(for key: Key, in mode: Mode) -> Action? {
        guard let keys = lookup[mode] else { return nil }
        if let action = keys[key] { return action }
        if mode != .note, mode != .flagReason { return keys[key.latinEquivalent] }
        return nil
    }
}

extension Mode: Hashable {}
