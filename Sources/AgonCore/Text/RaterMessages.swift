/// Everything `agon rate` says to a rater outside the screen — before it opens (refusals) and after
/// it closes — in both languages, in one table. A refusal is a kind with its parameters, worded
/// only here: the researcher's detail (what changed, which line is damaged) belongs to
/// `agon validate` and `agon sessions`, and a message names who can help.
public enum RaterMessage: Equatable, Sendable {
    /// `--rater` was not given.
    case raterMissing(study: String)
    case raterName(RaterName.Problem)
    /// Another `agon rate` for this rater holds the journal.
    case locked(journal: String)
    /// The study or rubric is not the one the session began with.
    case studyChanged(study: String)
    /// The journal is damaged or written by a newer Agon.
    case cannotContinue(study: String, journal: String)
    /// The journal file names another study or rater.
    case foreignJournal(journal: String)
    /// The session file could not be created, read or written; `detail` is the system's words.
    case storage(detail: String)
    case noSuchStudy(study: String)
    /// The study has no answers yet.
    case studyAwaitsAnswers(study: String)
    /// The study's files have problems (`agon validate` lists them).
    case studyHasProblems(study: String, count: Int)
    /// `--new-session` moved the earlier journal away.
    case previousSessionKept(path: String)
    case terminalUnavailable(TerminalProblem)
    /// The study has a roster and this name is not on it.
    case notOnRoster(name: String, study: String)
    /// The study's list of raters (`raters.toml`, at `file`) cannot be read.
    case rosterHasProblems(study: String, file: String)
    /// The screen could not save the last action; `line` is what was not saved.
    case couldNotSave(journal: String, detail: String)
    /// The screen closed normally.
    case sessionSaved(rated: Int, total: Int, journal: String, command: String)

    /// Why the screen cannot open in this terminal.
    public enum TerminalProblem: Equatable, Sendable {
        /// Input or output is not a terminal (redirected, or no terminal at all).
        case notInteractive
        /// `TERM` names a terminal this machine does not know (nil: `TERM` is not set).
        case unknownTerminal(String?)
    }

    public func text(in language: Language) -> String { localized.text(in: language) }

    /// Both languages of this message; English and Russian are both required (a test checks every kind).
    public var localized: LocalizedText {
        switch self {
        case .raterMissing(let study):
            return LocalizedText(
                en: "Please give your name as a rater: agon rate \(study) --rater YOUR-NAME (letters, digits, - _ .; it names your session file).",
                ru: "Укажите своё имя оценщика: agon rate \(study) --rater ВАШЕ-ИМЯ (буквы, цифры, - _ .; по нему называется файл вашей сессии).")
        case .raterName(let problem):
            let words = Self.words(problem)
            return LocalizedText(en: Self.sentence(words.en), ru: words.ru.map(Self.sentence))
        case .locked(let journal):
            return LocalizedText(
                en: "Your session (\(journal)) is already open in another `agon rate`: one window per rater. Close the other one first (q), or rate under another name.",
                ru: "Ваша сессия (\(journal)) уже открыта в другом окне `agon rate`: у оценщика одно окно. Сначала закройте то окно (q) или оценивайте под другим именем.")
        case .studyChanged(let study):
            return LocalizedText(
                en: "The study `\(study)` was changed by its researcher after your session began, so your session cannot continue on it yet. "
                    + "Your judgements so far are saved. Please tell the researcher who gave you this study; "
                    + "they will see what changed and what to do with `agon validate \(study)`.",
                ru: "Исследование `\(study)` изменено исследователем после начала вашей сессии, поэтому продолжить её пока нельзя. "
                    + "Ваши оценки сохранены. Сообщите об этом исследователю, который дал вам это исследование; "
                    + "он увидит, что изменилось и что делать, в `agon validate \(study)`.")
        case .cannotContinue(let study, let journal):
            return LocalizedText(
                en: "Your session file \(journal) cannot be continued safely (it is damaged or was written by a newer Agon). "
                    + "Your judgements so far are kept in it. Please tell the researcher; `agon sessions \(study)` shows them why.",
                ru: "Файл вашей сессии \(journal) нельзя безопасно продолжить (он повреждён или записан более новой версией Agon). "
                    + "Ваши оценки в нём сохранены. Сообщите исследователю; `agon sessions \(study)` покажет ему причину.")
        case .foreignJournal(let journal):
            return LocalizedText(
                en: "The file \(journal) belongs to another study or rater, so Agon will not write your judgements into it. Please tell the researcher.",
                ru: "Файл \(journal) принадлежит другому исследованию или оценщику, поэтому Agon не будет записывать в него ваши оценки. Сообщите исследователю.")
        case .storage(let detail):
            return LocalizedText(
                en: "Agon cannot use your session file, so rating cannot start (nothing was lost). Please tell the researcher. The system says: \(detail)",
                ru: "Agon не может работать с файлом вашей сессии, поэтому оценивание не начато (ничего не потеряно). Сообщите исследователю. Сообщение системы: \(detail)")
        case .noSuchStudy(let study):
            return LocalizedText(
                en: "There is no study `\(study)` here. Check the name you were given, or run the command in the folder the researcher named (or set AGON_HOME).",
                ru: "Исследования `\(study)` здесь нет. Проверьте название, которое вам дали, или запустите команду в папке, которую назвал исследователь (или задайте AGON_HOME).")
        case .studyAwaitsAnswers(let study):
            return LocalizedText(
                en: "The study `\(study)` has no answers to rate yet. Please ask the researcher when it will be ready.",
                ru: "В исследовании `\(study)` пока нет ответов для оценки. Спросите исследователя, когда оно будет готово.")
        case .studyHasProblems(let study, let count):
            return LocalizedText(
                en: "The study `\(study)` cannot be opened: its files have \(PluralNoun.problem.counted(count, in: .en)). "
                    + "Please tell the researcher; `agon validate \(study)` lists them.",
                ru: "Исследование `\(study)` нельзя открыть: в его файлах \(PluralNoun.problem.counted(count, in: .ru)). "
                    + "Сообщите исследователю; `agon validate \(study)` покажет их.")
        case .previousSessionKept(let path):
            return LocalizedText(en: "The previous session is kept in \(path).", ru: "Прежняя сессия сохранена в \(path).")
        case .terminalUnavailable(let problem):
            let detail: LocalizedText
            switch problem {
            case .notInteractive:
                detail = LocalizedText(en: "it needs an interactive terminal, and its input or output is redirected",
                                       ru: "ему нужен интерактивный терминал, а ввод или вывод перенаправлен")
            case .unknownTerminal(nil):
                detail = LocalizedText(en: "the terminal type is not set (TERM); try `TERM=xterm-256color agon rate …`",
                                       ru: "тип терминала не задан (TERM); попробуйте `TERM=xterm-256color agon rate …`")
            case .unknownTerminal(let name?):
                detail = LocalizedText(en: "the terminal type `\(name)` is unknown here; try `TERM=xterm-256color agon rate …`",
                                       ru: "тип терминала `\(name)` здесь неизвестен; попробуйте `TERM=xterm-256color agon rate …`")
            }
            return LocalizedText(
                en: "The rating screen cannot open here: \(detail.text(in: .en)). Run `agon rate` in a terminal window (at least 60 × 18).",
                ru: "Экран оценивания здесь не открывается: \(detail.text(in: .ru)). Запустите `agon rate` в окне терминала (не меньше 60 × 18).")
        case .notOnRoster(let name, let study):
            return LocalizedText(
                en: "\(name) is not on the list of raters for study \(study). Please ask the researcher who invited you to add you.",
                ru: "\(name) нет в списке оценщиков исследования \(study). Попросите исследователя, который вас пригласил, добавить вас.")
        case .rosterHasProblems(let study, let file):
            return LocalizedText(
                en: "The list of raters of study `\(study)` (\(file)) has mistakes, so rating cannot start. Please tell the researcher and show them the lines below.",
                ru: "В списке оценщиков исследования `\(study)` (\(file)) есть ошибки, поэтому оценивание не начато. Сообщите исследователю и покажите ему строки ниже.")
        case .couldNotSave(let journal, let detail):
            return LocalizedText(
                en: "Could not save to \(journal): \(detail). The last action was not saved; everything before it is. Please tell the researcher.",
                ru: "Не удалось сохранить в \(journal): \(detail). Последнее действие не сохранено, всё до него сохранено. Сообщите исследователю.")
        case .sessionSaved(let rated, let total, let journal, let command):
            return LocalizedText(
                en: "\(rated) of \(total) rated, saved in \(journal). To continue: \(command)",
                ru: "Оценено пар: \(rated) из \(total). Сохранено в \(journal). Продолжить: \(command)")
        }
    }

    private static func sentence(_ fragment: String) -> String {
        fragment.prefix(1).uppercased() + fragment.dropFirst() + "."
    }

    /// A rater-name problem as a clause (`RaterName.problem(with:)` gives the English one).
    static func words(_ problem: RaterName.Problem) -> LocalizedText {
        switch problem {
        case .empty:
            return LocalizedText(en: "a rater name is needed (e.g. --rater anna)",
                                 ru: "нужно имя оценщика (например, --rater anna)")
        case .tooLong(let count):
            return LocalizedText(
                en: "a rater name may have at most \(RaterName.maximumLength) characters (this one has \(count))",
                ru: "имя оценщика может содержать не больше \(RaterName.maximumLength) символов (в этом \(PluralNoun.character.counted(count, in: .ru)))")
        case .badStart:
            return LocalizedText(en: "a rater name may not start with `.` or `-`",
                                 ru: "имя оценщика не может начинаться с `.` или `-`")
        case .doubleDot:
            return LocalizedText(en: "a rater name may not contain `..`", ru: "имя оценщика не может содержать `..`")
        case .character(let shown):
            return LocalizedText(en: "a rater name may hold only letters, digits, `-`, `_` and `.` (found \(shown))",
                                 ru: "имя оценщика может состоять только из букв, цифр, `-`, `_` и `.` (а в нём есть \(shown))")
        case .reserved(let name):
            return LocalizedText(en: "`\(name)` is a reserved file name on some systems; please choose another",
                                 ru: "`\(name)` — зарезервированное имя файла в некоторых системах; выберите другое")
        }
    }

    /// The kinds of message, for the test that every one is worded in every language.
    public enum Kind: CaseIterable, Sendable {
        case raterMissing, raterName, locked, studyChanged, cannotContinue, foreignJournal, storage, noSuchStudy
        case studyAwaitsAnswers, studyHasProblems, previousSessionKept, terminalUnavailable, notOnRoster, rosterHasProblems
        case couldNotSave, sessionSaved
    }

    public var kind: Kind {
        switch self {
        case .raterMissing: return .raterMissing
        case .raterName: return .raterName
        case .locked: return .locked
        case .studyChanged: return .studyChanged
        case .cannotContinue: return .cannotContinue
        case .foreignJournal: return .foreignJournal
        case .storage: return .storage
        case .noSuchStudy: return .noSuchStudy
        case .studyAwaitsAnswers: return .studyAwaitsAnswers
        case .studyHasProblems: return .studyHasProblems
        case .previousSessionKept: return .previousSessionKept
        case .terminalUnavailable: return .terminalUnavailable
        case .notOnRoster: return .notOnRoster
        case .rosterHasProblems: return .rosterHasProblems
        case .couldNotSave: return .couldNotSave
        case .sessionSaved: return .sessionSaved
        }
    }

    /// One message of every kind (and every rater-name problem), for tests.
    public static var examples: [RaterMessage] {
        let names: [RaterName.Problem] = [.empty, .tooLong(count: 70), .badStart, .doubleDot, .character("`/`"), .reserved("con")]
        return [.raterMissing(study: "demo")] + names.map { .raterName($0) } + [
            .locked(journal: "Sessions/demo/anna.jsonl"), .studyChanged(study: "demo"),
            .cannotContinue(study: "demo", journal: "Sessions/demo/anna.jsonl"), .foreignJournal(journal: "Sessions/demo/anna.jsonl"),
            .storage(detail: "Permission denied"), .noSuchStudy(study: "demo"), .studyAwaitsAnswers(study: "demo"),
            .studyHasProblems(study: "demo", count: 3), .previousSessionKept(path: "Sessions/demo/archive/anna.jsonl"),
            .terminalUnavailable(.notInteractive), .terminalUnavailable(.unknownTerminal(nil)), .terminalUnavailable(.unknownTerminal("vt52x")),
            .notOnRoster(name: "eve", study: "demo"), .rosterHasProblems(study: "demo", file: "Studies/demo/raters.toml"),
            .couldNotSave(journal: "Sessions/demo/anna.jsonl", detail: "No space left on device"),
            .sessionSaved(rated: 3, total: 5, journal: "Sessions/demo/anna.jsonl", command: "agon rate demo --rater anna"),
        ]
    }
}
