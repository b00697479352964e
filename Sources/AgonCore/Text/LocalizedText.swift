/// A rater-facing text in the languages Agon speaks. English is required; Russian falls back to it.
public struct LocalizedText: Equatable, Sendable, Codable {
    public var en: String
    public var ru: String?

    public init(en: String, ru: String? = nil) {
        self.en = en
        self.ru = ru
    }

    public func text(in language: Language) -> String {
        switch language {
        case .en: return en
        case .ru: return ru.flatMap { $0.isEmpty ? nil : $0 } ?? en
        }
    }
}
