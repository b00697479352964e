import AgonCore

/// The screen's own words in the interface language. The rubric brings its own texts.
public struct Strings: Sendable {
    public var language: Language

    public init(_ language: Language) {
        self.language = language
    }

    private var ru: Bool { language == .ru }

    public var task: String { ru ? "Задание" : "Task" }
    public func answer(_ side: Side) -> String { (ru ? "Ответ " : "Answer ") + side.rawValue }
    public var rater: String { ru ? "оценщик" : "rater" }
    public func itemOf(_ position: Int, _ total: Int) -> String { ru ? "пара \(position) из \(total)" : "item \(position) of \(total)" }
    public var criterion: String { ru ? "Критерий" : "Criterion" }
    public func scale(_ scale: ScoreScale) -> String { ru ? "шкала \(scale.min)–\(scale.max)" : "scale \(scale.min)–\(scale.max)" }
    public var comparisonHeader: String { ru ? "A ◂ ▸ B" : "A ◂ ▸ B" }
    public var overall: String { ru ? "Итог" : "Overall" }
    public var notChosen: String { ru ? "не выбран (a/b/t/w)" : "not chosen (a/b/t/w)" }
    public var note: String { ru ? "Заметка" : "Note" }
    public var noteHintEmpty: String { ru ? "нет (n — написать)" : "none (n to write)" }
    public var noteEditing: String { ru ? "Заметка (Enter — готово)" : "Note (Enter when done)" }
    public var flagPrompt: String { ru ? "Причина флага" : "Flag reason" }
    public var flagPresetsTitle: String {
        ru ? "Почему эта пара проблемна? Цифра выбирает готовую причину, или напишите свою:"
            : "What is wrong with this pair? A digit picks a ready reason, or type your own:"
    }
    public var flagPresets: [String] {
        ru ? ["ответ выдаёт, какая модель его написала", "ответ пустой, оборван или бессвязен", "задание или ответ нечитаемы"]
            : ["an answer reveals which model wrote it", "an answer is empty, cut off or garbled", "the task or an answer is unreadable"]
    }
    public var lines: String { ru ? "стр." : "lines" }
    public var switchHint: String { ru ? "← → другой ответ" : "← → other answer" }

    public func resuming(_ rated: Int, _ total: Int) -> String {
        ru ? "Продолжаем: оценено \(rated) из \(total)." : "Resuming: \(rated) of \(total) rated."
    }
    public var welcome: String {
        ru ? "Прочтите задание и оба ответа, оцените каждый ответ по критериям, выберите итог и нажмите Enter. ? — справка."
            : "Read the task and both answers, score each answer on every criterion, choose overall, then Enter. ? for help."
    }
    public var draftRestored: String { ru ? "Восстановлен сохранённый черновик этой пары." : "Your saved draft for this pair is back." }
    public func missing(_ parts: [String]) -> String {
        (ru ? "Ещё не хватает: " : "Still missing: ") + parts.joined(separator: ", ")
    }
    public func missingScore(_ criterion: String, _ side: Side?) -> String {
        guard let side else { return criterion }
        return "\(criterion) (\(side.rawValue))"
    }
    public var missingPreference: String { ru ? "итог (a/b/t/w)" : "overall preference (a/b/t/w)" }
    public var missingNote: String { ru ? "заметка (n)" : "note (n)" }
    public func saved(_ rated: Int, _ total: Int) -> String {
        ru ? "Сохранено. Оценено \(rated) из \(total)." : "Saved. \(rated) of \(total) rated."
    }
    public var skipped: String { ru ? "Пара пропущена: она вернётся в конце." : "Skipped: this pair comes back at the end." }
    public var skippedLast: String { ru ? "Это последняя открытая пара: она остаётся на экране." : "This is the last open pair, so it stays here." }
    public var undone: String {
        ru ? "Оценка отменена: пара открыта снова с прежними значениями. Enter — отправить заново."
            : "Judgement undone: the pair is open again with its values. Enter submits it again."
    }
    public var nothingToUndo: String { ru ? "Отменять нечего." : "Nothing to undo." }
    public func flagged(_ reason: String) -> String { ru ? "Отмечено флагом: \(reason)" : "Flagged: \(reason)" }
    public var flagCancelled: String { ru ? "Флаг отменён." : "Flag cancelled." }
    public func flagWithdrawn(_ reason: String) -> String { ru ? "Флаг снят: \(reason)" : "Flag withdrawn: \(reason)" }
    public var outOfScale: String { ru ? "Такой оценки нет на шкале." : "That score is not on the scale." }
    public var confirmQuit: String {
        ru ? "В этой паре есть несохранённые оценки или заметка."
            : "This pair has input that is not saved yet."
    }
    public var finishedTitle: String { ru ? "Готово — спасибо!" : "All done — thank you!" }
    public func finishedBody(_ total: Int) -> String {
        ru ? "Вы оценили все \(total) пар. Оценки сохранены; какая система написала какой ответ, останется скрытым."
            : "You have rated all \(total) pairs. Your judgements are saved; which system wrote which answer stays hidden."
    }
    public var helpTitle: String { ru ? "Как оценивать (Esc — закрыть, ? — открыть снова)" : "How to rate (Esc closes, ? opens it again)" }
    public var helpIntro: String {
        ru ? "Оцените оба ответа по каждому критерию: ← → выбирает ответ, Tab — критерий, цифра ставит оценку. Затем выберите итог (a, b, t, w), при желании напишите заметку (n) и нажмите Enter. Всё сохраняется сразу; выход — q, продолжение — та же команда."
            : "Score both answers on every criterion: ← → picks the answer, Tab the criterion, a digit sets the score. Then choose overall (a, b, t, w), optionally write a note (n), and press Enter. Everything is saved at once; q quits, the same command resumes."
    }
    public func tooSmall(_ width: Int, _ height: Int, _ minWidth: Int, _ minHeight: Int) -> String {
        ru ? "Окно слишком маленькое (\(width)×\(height)); нужно хотя бы \(minWidth)×\(minHeight). Увеличьте его или нажмите q для выхода."
            : "This window is too small (\(width)×\(height)); the rating screen needs at least \(minWidth)×\(minHeight). Enlarge it, or press q to quit."
    }
}

extension Strings {
    public var readyToSubmit: String { language == .ru ? "Всё заполнено: Enter — отправить." : "Complete: press Enter to submit." }
    public var flagTitle: String { language == .ru ? "Отметить проблему" : "Flag a problem with this pair" }
    public var pasteOutsideField: String {
        language == .ru ? "Вставка игнорирована: чтобы вставить текст в заметку, сначала нажмите n." : "Paste ignored: to paste into the note, press n first."
    }
    public func pasteCut(_ capacity: Int) -> String {
        // Thousands grouped as each language writes them: 200,000 and 200 000.
        var digits = Array(String(capacity))
        var number = ""
        while digits.count > 3 {
            number = (ru ? "\u{00A0}" : ",") + String(digits.suffix(3)) + number
            digits.removeLast(3)
        }
        number = String(digits) + number
        return language == .ru ? "Заметка вмещает не больше \(number) символов: остаток вставки отброшен."
            : "A note holds at most \(number) characters: the rest of the paste was left out."
    }
    public var flaggedMark: String { language == .ru ? "отмечено" : "flagged" }
    public var inFullHint: String { language == .ru ? "i — полностью" : "i: in full" }
    public var confirmTitle: String { language == .ru ? "Выход" : "Quit" }
}
