/// CLDR plural categories for whole numbers (https://cldr.unicode.org/index/cldr-spec/plural-rules,
/// the `plurals.xml` rules for `en` and `ru`). English has one and other; Russian has one
/// (1, 21, 101 …, not 11), few (2–4, 22–24 …, not 12–14) and many (0, 5–20, 25–30 …). Other is
/// Russian only for fractions, which Agon does not count.
public enum PluralCategory: Sendable, Equatable {
    case one
    case few
    case many
    case other

    public static func of(_ count: Int, in language: Language) -> PluralCategory {
        let n = count.magnitude
        switch language {
        case .en:
            return n == 1 ? .one : .other
        case .ru:
            let last = n % 10, lastTwo = n % 100
            if last == 1, lastTwo != 11 { return .one }
            if (2...4).contains(last), !(12...14).contains(lastTwo) { return .few }
            return .many
        }
    }
}

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
