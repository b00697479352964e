/// Rater names become file names (`Sessions/<study>/<rater>.jsonl`), so only names that are safe as
/// one on every system are accepted: letters of any script, digits, `-`, `_`, `.`; no leading dot or
/// dash, no `..`, at most 64 characters, none of the names Windows reserves.
public enum RaterName {
    public static let maximumLength = 64
    private static let reserved: Set<String> = {
        var names: Set<String> = ["con", "prn", "aux", "nul", "clock$"]
        for digit in 0...9 {
            names.insert("com\(digit)")
            names.insert("lpt\(digit)")
        }
        return names
    }()

    /// What is wrong with a name; `RaterMessage.raterName` words it in the rater's language.
    public enum Problem: Equatable, Sendable {
        case empty
        case tooLong(count: Int)
        case badStart
        case doubleDot
        /// A character not allowed, as shown to the rater (`/`, or `U+200B` for an invisible one).
        case character(String)
        case reserved(String)
    }

    /// Nil when `name` is acceptable; otherwise what is wrong with it.
    public static func issue(with name: String) -> Problem? {
        if name.isEmpty { return .empty }
        if name.count > maximumLength { return .tooLong(count: name.count) }
        if name.hasPrefix(".") || name.hasPrefix("-") { return .badStart }
        if name.contains("..") { return .doubleDot }
        for scalar in name.unicodeScalars {
            let allowed = scalar.properties.isAlphabetic || scalar.properties.numericType == .decimal
                || scalar == "-" || scalar == "_" || scalar == "."
            if !allowed {
                let shown = scalar.properties.generalCategory == .control || scalar.properties.generalCategory == .format
                    ? "U+\(String(scalar.value, radix: 16, uppercase: true))" : "`\(scalar)`"
                return .character(shown)
            }
        }
        let stem = name.split(separator: ".").first.map(String.init)?.lowercased() ?? ""
        if reserved.contains(stem) { return .reserved(name) }
        return nil
    }

    /// Nil when `name` is acceptable; otherwise what is wrong with it, in English.
    public static func problem(with name: String) -> String? {
        issue(with: name).map { RaterMessage.words($0).en }
    }
}
