/// The CLDR plural category of a whole number in a language, which picks the noun's form:
/// "1 rater" / "2 raters"; "1 пара", "3 пары", "5 пар", "21 пара".
///
/// Definition: Unicode CLDR plural rules (cldr.unicode.org, `plurals.xml`) for integers:
/// English `one: n = 1`, else `other`; Russian `one: n % 10 = 1 and n % 100 != 11`,
/// `few: n % 10 = 2..4 and n % 100 != 12..14`, else `many`. Negative numbers take the category of
/// their absolute value.
public enum PluralCategory: Equatable, Sendable {
    case one, few, many, other

    public init(_ number: Int, in language: Language) {
        let n = number.magnitude
        switch language {
        case .en:
            self = n == 1 ? .one : .other
        case .ru:
            let last = n % 10
            let lastTwo = n % 100
            if last == 1, lastTwo != 11 { self = .one }
            else if (2...4).contains(last), !(12...14).contains(lastTwo) { self = .few }
            else { self = .many }
        }
    }

    public static func of(_ number: Int, in language: Language) -> PluralCategory {
        PluralCategory(number, in: language)
    }
}

extension Language {
    /// `number` followed by the noun form its plural category takes: `one`, then `few` and `many`
    /// (Russian), or `other` (English, which passes it as `few` and `many`).
    public func count(_ number: Int, one: String, few: String, many: String) -> String {
        switch PluralCategory(number, in: self) {
        case .one: return "\(number) \(one)"
        case .few: return "\(number) \(few)"
        case .many, .other: return "\(number) \(many)"
        }
    }
}
