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

    /// Nil when `name` is acceptable; otherwise what is wrong with it, in words for the rater.
    public static func problem(with name: String) -> String? {
        if name.isEmpty { return "a rater name is needed (e.g. --rater anna)" }
        if name.count > maximumLength { return "a rater name may have at most \(maximumLength) characters (this one has \(name.count))" }
        if name.hasPrefix(".") || name.hasPrefix("-") { return "a rater name may not start with `.` or `-`" }
        if name.contains("..") { return "a rater name may not contain `..`" }
        for scalar in name.unicodeScalars {
            let allowed = scalar.properties.isAlphabetic || scalar.properties.numericType == .decimal
                || scalar == "-" || scalar == "_" || scalar == "."
            if !allowed {
                let shown = scalar.properties.generalCategory == .control || scalar.properties.generalCategory == .format
                    ? "U+\(String(scalar.value, radix: 16, uppercase: true))" : "`\(scalar)`"
                return "a rater name may hold only letters, digits, `-`, `_` and `.` (found \(shown))"
            }
        }
        let stem = name.split(separator: ".").first.map(String.init)?.lowercased() ?? ""
        if reserved.contains(stem) { return "`\(name)` is a reserved file name on some systems; please choose another" }
        return nil
    }
}
