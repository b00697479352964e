import Foundation

/// Reading a person's file as UTF-8 text, with a message they can act on when that fails.
public enum TextFile {
    public static func read(_ path: String) throws(DiagnosticsError) -> String {
        guard let data = FileManager.default.contents(atPath: path) else {
            var isDirectory: ObjCBool = false
            let exists = FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory)
            let reason = !exists ? "file not found" : isDirectory.boolValue ? "is a folder, not a file" : "cannot be read (permissions?)"
            throw DiagnosticsError([Diagnostic(file: path, line: nil, message: reason)])
        }
        guard let text = String(data: data, encoding: .utf8) else {
            let line = firstInvalidUTF8Line(data)
            throw DiagnosticsError([Diagnostic(file: path, line: line, message: "not valid UTF-8 text")])
        }
        return text
    }

    static func firstInvalidUTF8Line(_ data: Data) -> Int {
        var line = 1
        var start = data.startIndex
        while start < data.endIndex {
            let end = data[start...].firstIndex(of: 0x0A) ?? data.endIndex
            if String(data: data[start..<end], encoding: .utf8) == nil { return line }
            line += 1
            start = end == data.endIndex ? end : data.index(after: end)
        }
        return line
    }
}

extension String {
    /// True when the text has nothing but white space. Stops at the first visible character, so it
    /// costs nothing on long answers (unlike trimming them).
    public var isBlank: Bool {
        unicodeScalars.allSatisfy { $0.properties.isWhitespace }
    }
}
