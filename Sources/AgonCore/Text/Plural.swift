/// A noun in each language's plural forms: English one/other, Russian one/few/many.
public struct PluralNoun: Sendable, Equatable {
    public var en: (one: String, other: String)
    public var ru: (one: String, few: String, many: String)

    public init(en: (one: String, other: String), ru: (one: String, few: String, many: String)) {
        self.en = en
        self.ru = ru
    }

    public static func == (left: PluralNoun, right: PluralNoun) -> Bool {
        left.en == right.en && left.ru == right.ru
    }

    /// The form that goes with `count`.
    public func form(_ count: Int, in language: Language) -> String {
        switch (language, PluralCategory.of(count, in: language)) {
        case (.en, .one): return en.one
        case (.en, _): return en.other
        case (.ru, .one): return ru.one
        case (.ru, .few): return ru.few
        case (.ru, _): return ru.many
        }
    }

    /// `3 tasks`, `3 задачи`.
    public func counted(_ count: Int, in language: Language = .en) -> String {
        "\(count) \(form(count, in: language))"
    }

    public static let task = PluralNoun(en: ("task", "tasks"), ru: ("задача", "задачи", "задач"))
    public static let character = PluralNoun(en: ("character", "characters"), ru: ("символ", "символа", "символов"))
    public static let problem = PluralNoun(en: ("problem", "problems"), ru: ("ошибка", "ошибки", "ошибок"))
    public static let pair = PluralNoun(en: ("pair", "pairs"), ru: ("пара", "пары", "пар"))
    public static let judgement = PluralNoun(en: ("judgement", "judgements"), ru: ("оценка", "оценки", "оценок"))
    public static let rater = PluralNoun(en: ("rater", "raters"), ru: ("оценщик", "оценщика", "оценщиков"))
    public static let system = PluralNoun(en: ("system", "systems"), ru: ("система", "системы", "систем"))
    public static let answer = PluralNoun(en: ("answer", "answers"), ru: ("ответ", "ответа", "ответов"))
    public static let item = PluralNoun(en: ("item", "items"), ru: ("пара", "пары", "пар"))
    public static let criterion = PluralNoun(en: ("criterion", "criteria"), ru: ("критерий", "критерия", "критериев"))
    public static let sample = PluralNoun(en: ("sample", "samples"), ru: ("образец", "образца", "образцов"))
    public static let repeatShowing = PluralNoun(en: ("repeat", "repeats"), ru: ("повтор", "повтора", "повторов"))
    public static let repeatedShowing = PluralNoun(en: ("repeated showing", "repeated showings"), ru: ("повторный показ", "повторных показа", "повторных показов"))
    public static let flag = PluralNoun(en: ("flag", "flags"), ru: ("флаг", "флага", "флагов"))
    public static let flaggedItem = PluralNoun(en: ("flagged item", "flagged items"), ru: ("отмеченная пара", "отмеченные пары", "отмеченных пар"))
    public static let row = PluralNoun(en: ("row", "rows"), ru: ("строка", "строки", "строк"))
    public static let line = PluralNoun(en: ("line", "lines"), ru: ("строка", "строки", "строк"))
    public static let session = PluralNoun(en: ("session", "sessions"), ru: ("сессия", "сессии", "сессий"))
    public static let request = PluralNoun(en: ("request", "requests"), ru: ("запрос", "запроса", "запросов"))
    public static let warning = PluralNoun(en: ("warning", "warnings"), ru: ("предупреждение", "предупреждения", "предупреждений"))
    public static let blindingWarning = PluralNoun(en: ("blinding warning", "blinding warnings"), ru: ("предупреждение о слепоте", "предупреждения о слепоте", "предупреждений о слепоте"))
}
