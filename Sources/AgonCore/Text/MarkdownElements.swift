/// How much markdown an answer uses, counted as Chatbot Arena's style control counts it (Li et al.
/// 2024): headings (lines starting with `#`), list items (lines starting with `-`, `*`, `+` or
/// `1.`), and bold spans (`**…**` or `__…__`, counted as pairs of markers). Code fences and tables
/// are not counted. A plain-prose answer has 0.
public enum MarkdownElements {
    public static func count(_ text: String) -> Int {
        var count = 0
        for line in text.split(separator: "\n", omittingEmptySubsequences: true) {
            let trimmed = line.drop { $0 == " " || $0 == "\t" }
            guard let first = trimmed.first else { continue }
            if first == "#" {
                let hashes = trimmed.prefix { $0 == "#" }
                if hashes.count <= 6, trimmed.dropFirst(hashes.count).first == " " { count += 1 }
            } else if first == "-" || first == "*" || first == "+" {
                if trimmed.dropFirst().first == " " { count += 1 }
            } else if first.isNumber {
                let digits = trimmed.prefix { $0.isNumber }
                let rest = trimmed.dropFirst(digits.count)
                if rest.first == "." || rest.first == ")", rest.dropFirst().first == " " { count += 1 }
            }
        }
        for marker in ["**", "__"] {
            count += (text.components(separatedBy: marker).count - 1) / 2
        }
        return count
    }
}
