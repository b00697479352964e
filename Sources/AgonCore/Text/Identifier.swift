/// Ids of systems, tasks, criteria, rubrics and studies: short, stable, safe in file names and URLs.
public enum Identifier {
    public static let maximumLength = 100

    public static func isValid(_ id: String) -> Bool {
        guard !id.isEmpty, id.utf8.count <= maximumLength, let first = id.unicodeScalars.first,
              first != "." && first != "-" else { return false }
        return id.unicodeScalars.allSatisfy { scalar in
            (scalar.isASCII && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar)))
                || scalar == "-" || scalar == "_" || scalar == "."
        } && !id.contains("..")
    }
}
