import AgonCore

/// Every text of the screen's own, by name. Its words in both languages are in `Strings.table`;
/// the rubric brings its own texts.
public enum Phrase: String, CaseIterable, Sendable {
    case task, answer, rater, itemOf, criterion, scale, comparisonHeader, overall, notChosen
    case note, noteHintEmpty, noteEditing, flagPrompt, flagPresetsTitle, flagPreset1, flagPreset2, flagPreset3
    case lines, switchHint, resuming, welcome, draftRestored, stillMissing, missingPreference, missingNote
    case saved, skipped, skippedLast, undone, nothingToUndo, flagged, flagCancelled, flagWithdrawn, outOfScale
    case confirmQuit, finishedTitle, finishedBodyOne, finishedBodyMany, helpTitle, helpIntro, tooSmall
    case readyToSubmit, flagTitle, pasteOutsideField, pasteCut, flaggedMark, inFullHint, confirmTitle
    case unfoldRubricHint, scoredCounts, scoredCount, fastSubmit
    case marking, quoted, sessionNotes, tornLineSetAside, editsAccepted
    case calibrationWelcome, calibrationPair, calibrationTitle, calibrationYours, calibrationReference, calibrationWhy
    case calibrationRequired, calibrationSkipped, calibrationNoFlag, calibrationDone
    case breakTitle, breakBody, breakAhead, breakContinue
    case blindingTitle, blindingIntro, blindingLarger, blindingReference, blindingChoices, blindingSaved
    /// Noun forms, `one|few|many` (English: `one|other|other`), chosen by CLDR plural rules.
    case pairs, criteria, characters, quotedLines, oddities
    /// Pairs as the subject of a sentence ("3 пары впереди").
    case pairsAhead
}

/// The screen's own words in the interface language.
public struct Strings: Sendable {
    public var language: Language

    public init(_ language: Language) {
        self.language = language
    }

    /// Each phrase in English and Russian. Blanks are `{1}`, `{2}`…, filled in that order in
    /// both languages (a test checks that both languages have every phrase and the same blanks).
    public static let table: [Phrase: LocalizedText] = {
        func t(_ en: String, _ ru: String) -> LocalizedText { LocalizedText(en: en, ru: ru) }
        return [
            .task: t("Task", "Задание"),
            .answer: t("Answer {1}", "Ответ {1}"),
            .rater: t("rater", "оценщик"),
            .itemOf: t("item {1} of {2}", "пара {1} из {2}"),
            .criterion: t("Criterion", "Критерий"),
            .scale: t("scale {1}–{2}", "шкала {1}–{2}"),
            .comparisonHeader: t("A ◂ ▸ B", "A ◂ ▸ B"),
            .overall: t("Overall", "Итог"),
            .notChosen: t("not chosen (a/b/t/w)", "не выбран (a/b/t/w)"),
            .note: t("Note", "Заметка"),
            .noteHintEmpty: t("none (n to write)", "нет (n — написать)"),
            .noteEditing: t("Note (Enter when done)", "Заметка (Enter — готово)"),
            .flagPrompt: t("Flag reason", "Причина флага"),
            .flagPresetsTitle: t("What is wrong with this pair? A digit picks a ready reason, or type your own:",
                                 "Почему эта пара проблемна? Цифра выбирает готовую причину, или напишите свою:"),
            .flagPreset1: t("an answer reveals which model wrote it", "ответ выдаёт, какая модель его написала"),
            .flagPreset2: t("an answer is empty, cut off or garbled", "ответ пустой, оборван или бессвязен"),
            .flagPreset3: t("the task or an answer is unreadable", "задание или ответ нечитаемы"),
            // The pane's position counts lines, so it says lines ("стр." would read as pages).
            .lines: t("lines", "строки"),
            .switchHint: t("← → other answer", "← → другой ответ"),
            .resuming: t("Resuming: {1} of {2} rated.", "Продолжаем: оценено {1} из {2}."),
            .welcome: t("Read the task and both answers, score each answer on every criterion, choose overall, then Enter. ? for help.",
                        "Прочтите задание и оба ответа, оцените каждый ответ по критериям, выберите итог и нажмите Enter. ? — справка."),
            .draftRestored: t("Your saved draft for this pair is back.", "Восстановлен сохранённый черновик этой пары."),
            .stillMissing: t("Still missing: {1}", "Ещё не хватает: {1}"),
            .missingPreference: t("overall preference (a/b/t/w)", "итог (a/b/t/w)"),
            .missingNote: t("note (n)", "заметка (n)"),
            .saved: t("Saved. {1} of {2} rated.", "Сохранено. Оценено {1} из {2}."),
            .skipped: t("Skipped: this pair comes back at the end.", "Пара пропущена: она вернётся в конце."),
            .skippedLast: t("This is the last open pair, so it stays here.", "Это последняя открытая пара: она остаётся на экране."),
            .undone: t("Judgement undone: the pair is open again with its values. Enter submits it again.",
                       "Оценка отменена: пара открыта снова с прежними значениями. Enter — отправить заново."),
            .nothingToUndo: t("Nothing to undo.", "Отменять нечего."),
            .flagged: t("Flagged: {1}", "Отмечено флагом: {1}"),
            .flagCancelled: t("Flag cancelled.", "Флаг отменён."),
            .flagWithdrawn: t("Flag withdrawn: {1}", "Флаг снят: {1}"),
            .outOfScale: t("That score is not on the scale.", "Такой оценки нет на шкале."),
            .confirmQuit: t("This pair has input that is not saved yet.", "В этой паре есть несохранённые оценки или заметка."),
            .finishedTitle: t("All done — thank you!", "Готово — спасибо!"),
            .finishedBodyOne: t("You have rated the {1}. Your judgement is saved; which system wrote which answer stays hidden.",
                                "Вы оценили {1}. Оценка сохранена; какая система написала какой ответ, останется скрытым."),
            .finishedBodyMany: t("You have rated all {1}. Your judgements are saved; which system wrote which answer stays hidden.",
                                 "Вы оценили все {1}. Оценки сохранены; какая система написала какой ответ, останется скрытым."),
            .helpTitle: t("How to rate (Esc closes, ? opens it again)", "Как оценивать (Esc — закрыть, ? — открыть снова)"),
            .helpIntro: t("Score both answers on every criterion: ← → picks the answer (and the first criterion it has no score on), Tab the criterion, a digit sets the score. Then choose overall (a, b, t, w), optionally write a note (n), and press Enter. Everything is saved at once; q quits, the same command resumes.",
                          "Оцените оба ответа по каждому критерию: ← → выбирает ответ (и первый критерий без его оценки), Tab — критерий, цифра ставит оценку. Затем выберите итог (a, b, t, w), при желании напишите заметку (n) и нажмите Enter. Всё сохраняется сразу; выход — q, продолжение — та же команда."),
            .tooSmall: t("This window is too small ({1}×{2}); the rating screen needs at least {3}×{4}. Enlarge it, or press q to quit.",
                         "Окно слишком маленькое ({1}×{2}); нужно хотя бы {3}×{4}. Увеличьте его или нажмите q для выхода."),
            .readyToSubmit: t("Complete: press Enter to submit.", "Всё заполнено: Enter — отправить."),
            .flagTitle: t("Flag a problem with this pair", "Отметить проблему"),
            .pasteOutsideField: t("Paste ignored: to paste into the note, press n first.",
                                  "Вставка игнорирована: чтобы вставить текст в заметку, сначала нажмите n."),
            .pasteCut: t("A note holds at most {1} characters: the rest of the paste was left out.",
                         "Заметка вмещает не больше {1} символов: остаток вставки отброшен."),
            .flaggedMark: t("flagged", "отмечено"),
            .inFullHint: t("i: in full", "i — полностью"),
            .confirmTitle: t("Quit", "Выход"),
            .unfoldRubricHint: t("r: unfold the rubric", "r — развернуть рубрику"),
            .scoredCounts: t("scored: A {1}/{3}, B {2}/{3}", "оценено: A {1}/{3}, B {2}/{3}"),
            .scoredCount: t("scored: {1}/{2}", "оценено: {1}/{2}"),
            // The action first: on a narrow status line the rest may be cut.
            .fastSubmit: t("Press Enter again to submit: reading both answers takes about {2} s, this took {1} s.",
                           "Enter ещё раз — отправить: чтение обоих ответов занимает около {2} с, прошло {1} с."),
            // While marking, the status line says what is marked and how to finish.
            .marking: t("Marked {1} of answer {2}: ↑ ↓ extend, y quotes into the note, Esc cancels.",
                        "Отмечено в ответе {2}: {1}. ↑ ↓ — расширить, н/y — в заметку, Esc — отмена."),
            .quoted: t("Quoted into the note: {1}.", "В заметку процитировано: {1}."),
            // What the journal showed on opening, for the rater; the detail is the researcher's, in `agon sessions`.
            .sessionNotes: t("Your session file has {1} that did not stop rating; the researcher sees them in `agon sessions {2}`.",
                             "В файле вашей сессии есть {1}, не мешающие оценке; исследователь увидит их в `agon sessions {2}`."),
            .tornLineSetAside: t("Your session file ended in an incomplete line (after a crash?); it was set aside in {1}. Everything before it is kept.",
                                 "Файл вашей сессии заканчивался неполной строкой (после сбоя?); она отложена в {1}. Всё, что было до неё, сохранено."),
            .editsAccepted: t("The researcher corrected the text of some answers since your last sitting; your judgements are kept.",
                              "С прошлого раза исследователь исправил текст некоторых ответов; ваши оценки сохранены."),
            // Calibration (frame-of-reference training before the study's pairs).
            .calibrationWelcome: t("Practice first: {1}, each followed by the researcher's reference. They are not counted.",
                                   "Сначала тренировка: {1}, после каждой — эталон исследователя. Они не учитываются."),
            .calibrationPair: t("Practice pair {1} of {2} (not counted).", "Тренировочная пара {1} из {2} (не учитывается)."),
            .calibrationTitle: t("Reference for practice pair {1} of {2}", "Эталон для тренировочной пары {1} из {2}"),
            .calibrationYours: t("yours", "ваша"),
            .calibrationReference: t("reference", "эталон"),
            .calibrationWhy: t("Why:", "Почему:"),
            .calibrationRequired: t("The practice pairs come first: this one cannot be skipped.",
                                    "Сначала тренировочные пары: эту пропустить нельзя."),
            .calibrationSkipped: t("Practice pair skipped.", "Тренировочная пара пропущена."),
            .calibrationNoFlag: t("Practice pairs are the researcher's own: nothing to flag.",
                                  "Тренировочные пары подобраны исследователем: отмечать нечего."),
            .calibrationDone: t("Practice done. Next: the study's {1}.", "Тренировка окончена. Дальше — {1} исследования."),
            .breakTitle: t("Block {1} of {2} done", "Блок {1} из {2} пройден"),
            .breakBody: t("Pairs rated so far: {1} of {2}. Everything is saved. A good moment for a short break.",
                          "Оценено пар: {1} из {2}. Всё сохранено. Хороший момент для короткого перерыва."),
            .breakAhead: t("Still ahead: {1}.", "Впереди ещё: {1}."),
            .breakContinue: t("Enter or Space: go on to the next pair. q: stop for now (the same command later starts exactly at the next pair).",
                              "Enter или пробел — к следующей паре. q — остановиться (та же команда позже начнёт ровно со следующей пары)."),
            .blindingTitle: t("One last question about pairs you rated ({1} of {2})", "Последний вопрос о парах, которые вы оценили ({1} из {2})"),
            .blindingIntro: t("You have already rated this pair; your scores stay as they are. We would like to know whether the texts gave their authors away.",
                              "Эту пару вы уже оценили, ваши оценки не меняются. Нам важно знать, выдали ли тексты своих авторов."),
            .blindingLarger: t("Which answer do you think was written by the larger model?", "Как вы думаете, какой ответ написала более крупная модель?"),
            .blindingReference: t("Which answer do you think was written by system {1}?", "Как вы думаете, какой ответ написала система {1}?"),
            .blindingChoices: t("a: answer A    b: answer B    d: I don't know (a perfectly good answer)",
                                "a — ответ A    b — ответ B    d — не знаю (это вполне хороший ответ)"),
            .blindingSaved: t("Answer saved.", "Ответ сохранён."),
            .pairsAhead: t("pair|pairs|pairs", "пара|пары|пар"),
            .pairs: t("pair|pairs|pairs", "пару|пары|пар"),
            .criteria: t("criterion|criteria|criteria", "критерий|критерия|критериев"),
            .characters: t("character|characters|characters", "символ|символа|символов"),
            .quotedLines: t("line|lines|lines", "строка|строки|строк"),
            .oddities: t("oddity|oddities|oddities", "странность|странности|странностей"),
        ]
    }()

    /// `phrase` in the interface language with its blanks filled by `values`, in order.
    public func text(_ phrase: Phrase, _ values: CustomStringConvertible...) -> String {
        let template = (Self.table[phrase] ?? LocalizedText(en: phrase.rawValue)).text(in: language)
        // One pass, so a value that itself holds "{2}" (a typed reason, a path) stays as it is.
        var result = ""
        var rest = Substring(template)
        while let open = rest.firstIndex(of: "{") {
            result += rest[..<open]
            let after = rest[rest.index(after: open)...]
            if let close = after.firstIndex(of: "}"), let number = Int(after[..<close]), values.indices.contains(number - 1) {
                result += values[number - 1].description
                rest = after[after.index(after: close)...]
            } else {
                result += "{"
                rest = after
            }
        }
        return result + rest
    }

    /// `number` and the form of `noun` its CLDR plural category takes ("3 пары", "1 pair").
    public func count(_ number: Int, _ noun: Phrase) -> String {
        let forms = text(noun).split(separator: "|").map(String.init)
        guard forms.count == 3 else { return "\(number) \(text(noun))" }
        return language.count(number, one: forms[0], few: forms[1], many: forms[2])
    }

    public var task: String { text(.task) }
    public func answer(_ side: Side) -> String { text(.answer, side.rawValue) }
    public var rater: String { text(.rater) }
    public func itemOf(_ position: Int, _ total: Int) -> String { text(.itemOf, position, total) }
    public var criterion: String { text(.criterion) }
    public func scale(_ scale: ScoreScale) -> String { text(.scale, scale.min, scale.max) }
    public var comparisonHeader: String { text(.comparisonHeader) }
    public var overall: String { text(.overall) }
    public var notChosen: String { text(.notChosen) }
    public var note: String { text(.note) }
    public var noteHintEmpty: String { text(.noteHintEmpty) }
    public var noteEditing: String { text(.noteEditing) }
    public var flagPrompt: String { text(.flagPrompt) }
    public var flagPresetsTitle: String { text(.flagPresetsTitle) }
    public var flagPresets: [String] { [text(.flagPreset1), text(.flagPreset2), text(.flagPreset3)] }
    public var lines: String { text(.lines) }
    public var switchHint: String { text(.switchHint) }
    public func resuming(_ rated: Int, _ total: Int) -> String { text(.resuming, rated, total) }
    public var welcome: String { text(.welcome) }
    public var draftRestored: String { text(.draftRestored) }
    public func missing(_ parts: [String]) -> String { text(.stillMissing, parts.joined(separator: ", ")) }
    public func missingScore(_ criterion: String, _ side: Side?) -> String {
        guard let side else { return criterion }
        return "\(criterion) (\(side.rawValue))"
    }
    public var missingPreference: String { text(.missingPreference) }
    public var missingNote: String { text(.missingNote) }
    public func saved(_ rated: Int, _ total: Int) -> String { text(.saved, rated, total) }
    public var skipped: String { text(.skipped) }
    public var skippedLast: String { text(.skippedLast) }
    public var undone: String { text(.undone) }
    public var nothingToUndo: String { text(.nothingToUndo) }
    public func flagged(_ reason: String) -> String { text(.flagged, reason) }
    public var flagCancelled: String { text(.flagCancelled) }
    public func flagWithdrawn(_ reason: String) -> String { text(.flagWithdrawn, reason) }
    public var outOfScale: String { text(.outOfScale) }
    public var confirmQuit: String { text(.confirmQuit) }
    public var finishedTitle: String { text(.finishedTitle) }
    public func finishedBody(_ total: Int) -> String {
        text(PluralCategory(total, in: .en) == .one ? .finishedBodyOne : .finishedBodyMany, count(total, .pairs))
    }
    public var helpTitle: String { text(.helpTitle) }
    public var helpIntro: String { text(.helpIntro) }
    public func tooSmall(_ width: Int, _ height: Int, _ minWidth: Int, _ minHeight: Int) -> String {
        text(.tooSmall, width, height, minWidth, minHeight)
    }
    public var readyToSubmit: String { text(.readyToSubmit) }
    public var flagTitle: String { text(.flagTitle) }
    public var pasteOutsideField: String { text(.pasteOutsideField) }
    public func pasteCut(_ capacity: Int) -> String {
        // Thousands grouped as each language writes them: 200,000 and 200 000.
        var digits = Array(String(capacity))
        var number = ""
        while digits.count > 3 {
            number = (language == .ru ? "\u{00A0}" : ",") + String(digits.suffix(3)) + number
            digits.removeLast(3)
        }
        return text(.pasteCut, String(digits) + number)
    }
    public var flaggedMark: String { text(.flaggedMark) }
    public var inFullHint: String { text(.inFullHint) }
    public var confirmTitle: String { text(.confirmTitle) }
    public var unfoldRubricHint: String { text(.unfoldRubricHint) }
    /// A note's size: "1 character", "5 символов".
    public func characters(_ count: Int) -> String { self.count(count, .characters) }
    public func scoredCounts(a: Int, b: Int, of total: Int) -> String { text(.scoredCounts, a, b, total) }
    public func scoredCount(_ scored: Int, of total: Int) -> String { text(.scoredCount, scored, total) }
    public func fastSubmit(seconds: Int, reading: Int) -> String { text(.fastSubmit, seconds, reading) }
    public func marking(_ lines: Int, _ side: Side) -> String { text(.marking, count(lines, .quotedLines), side.rawValue) }
    public func quoted(_ lines: Int) -> String { text(.quoted, count(lines, .quotedLines)) }
    /// Oddities in the journal that did not prevent continuing (`SessionStore.OpenSession.warnings`).
    public func sessionNotes(_ oddities: Int, study: String) -> String { text(.sessionNotes, count(oddities, .oddities), study) }
    public func tornLineSetAside(_ path: String) -> String { text(.tornLineSetAside, path) }
    public var editsAccepted: String { text(.editsAccepted) }
    public func calibrationWelcome(_ pairs: Int) -> String { text(.calibrationWelcome, count(pairs, .pairs)) }
    public func calibrationPair(_ number: Int, of total: Int) -> String { text(.calibrationPair, number, total) }
    public func calibrationTitle(_ number: Int, of total: Int) -> String { text(.calibrationTitle, number, total) }
    public var calibrationYours: String { text(.calibrationYours) }
    public var calibrationReference: String { text(.calibrationReference) }
    public var calibrationWhy: String { text(.calibrationWhy) }
    public var calibrationRequired: String { text(.calibrationRequired) }
    public var calibrationSkipped: String { text(.calibrationSkipped) }
    public var calibrationNoFlag: String { text(.calibrationNoFlag) }
    /// "Next: the study's 12 pairs": the live pairs' count in the plural the number takes (Russian
    /// in the nominative here, where `.pairs` holds the accusative).
    public func calibrationDone(_ livePairs: Int) -> String {
        let noun = language == .ru ? language.count(livePairs, one: "пара", few: "пары", many: "пар") : count(livePairs, .pairs)
        return text(.calibrationDone, noun)
    }
}
