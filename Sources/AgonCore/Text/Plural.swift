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
    public func counted(_ count: Int, in language: Language) -> String {
        "\(count) \(form(count, in: language))"
    }

    public static let task = PluralNoun(en: ("task", "tasks"), ru: ("задача", "задачи", "задач"))
    public static let character = PluralNoun(en: ("character", "characters"), ru: ("символ", "символа", "символов"))
    public static let problem = PluralNoun(en: ("problem", "problems"), ru: ("ошибка", "ошибки", "ошибок"))
    public static let pair = PluralNoun(en: ("pair", "pairs"), ru: ("пара", "пары", "пар"))
    public static let judgement = PluralNoun(en: ("judgement", "judgements"), ru: ("оценка", "оценки", "оценок"))
}
