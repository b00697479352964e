/// The report's own words, in the language asked for. Every text is written at its point of use in
/// both languages, `words("English", "Русский")`, so a text cannot exist in one language only.
struct Words: Sendable {
    let language: Language

    func callAsFunction(_ en: String, _ ru: String) -> String {
        language == .ru ? ru : en
    }
}
