import Foundation

/// Line-by-line reading of JSONL files, counting lines the way an editor does (1-based, blank lines
/// count but are skipped).
public enum JSONLines {
    public static func forEachLine(in data: Data, _ body: (_ lineNumber: Int, _ bytes: Data) -> Void) {
        var lineNumber = 0
        var start = data.startIndex
        while start < data.endIndex {
            lineNumber += 1
            let end = data[start...].firstIndex(of: 0x0A) ?? data.endIndex
            var line = data[start..<end]
            if line.last == 0x0D { line = line.dropLast() }
            if !line.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { body(lineNumber, Data(line)) }
            start = end == data.endIndex ? end : data.index(after: end)
        }
    }

    /// The line as a JSON object, or nil when it is not one.
    public static func object(_ bytes: Data) -> [String: Any]? {
        (try? JSONSerialization.jsonObject(with: bytes, options: [])) as? [String: Any]
    }

    public static func describeInvalid(_ bytes: Data) -> String {
        if String(data: bytes, encoding: .utf8) == nil { return "not valid UTF-8" }
        if (try? JSONSerialization.jsonObject(with: bytes, options: [.fragmentsAllowed])) != nil {
            return "expected a JSON object ({…}) on this line"
        }
        return "not valid JSON"
    }
}
