/// The interface languages of the rating screen.
public enum Language: String, CaseIterable, Sendable, Codable {
    case en
    case ru

    /// Picks the language from a POSIX locale string such as `ru_RU.UTF-8`; anything else is English.
    public static func fromLocale(_ locale: String?) -> Language {
        guard let locale, !locale.isEmpty else { return .en }
        return locale.lowercased().hasPrefix("ru") ? .ru : .en
    }

    /// `LC_ALL` overrides `LC_MESSAGES`, which overrides `LANG`, as in POSIX.
    public static func fromEnvironment(_ environment: [String: String]) -> Language {
        for key in ["LC_ALL", "LC_MESSAGES", "LANG"] {
            if let value = environment[key], !value.isEmpty { return fromLocale(value) }
        }
        return .en
    }
}
