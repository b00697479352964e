import Foundation

extension BattleFileReader {
    /// Whether a battles file names `field` in its header row (CSV) or first record (JSON Lines, JSON
    /// array), read from the first 64 KiB only: how `agon rank` decides to cluster by `question_id`
    /// without being told.
    public static func namesField(path: String, _ field: String) -> Bool {
        guard let handle = FileHandle(forReadingAtPath: path) else { return false }
        defer { try? handle.close() }
        let head = (try? handle.read(upToCount: 65_536)) ?? Data()
        let text = String(decoding: head, as: UTF8.self)
        let start = text.drop { $0.isWhitespace }
        if start.first == "{" || start.first == "[" {
            // The first record ends at the first line end (JSON Lines) or closing brace (an array).
            let record = start.prefix { $0 != "\n" && $0 != "}" }
            return record.contains("\"\(field)\"")
        }
        guard let header = start.split(separator: "\n", maxSplits: 1).first else { return false }
        return header.split(separator: ",").contains { $0.trimmingCharacters(in: CharacterSet(charactersIn: "\" \r")) == field }
    }
}
