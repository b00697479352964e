import Foundation
import TOMLKit

/// A parsed TOML file that remembers where things are, and collects every problem found while
/// reading it, so that one run reports all of them as `file:line: message`.
public final class TOMLDocument {
    public let file: String
    public let root: TOMLTable
    public let sourceMap: TOMLSourceMap
    public private(set) var diagnostics: [Diagnostic] = []

    /// Parses `text`; a syntax error becomes a single diagnostic in the thrown error.
    public init(file: String, text: String) throws(DiagnosticsError) {
        self.file = file
        let preflight = TOMLPreflight.problems(in: text, file: file)
        if !preflight.isEmpty { throw DiagnosticsError(preflight) }
        do {
            root = try TOMLTable(string: text)
        } catch let error as TOMLParseError {
            throw DiagnosticsError([Diagnostic(
                file: file, line: error.source.begin.line,
                message: "not valid TOML: \(Self.describe(error))")])
        } catch {
            throw DiagnosticsError([Diagnostic(file: file, line: nil, message: "not valid TOML: \(error)")])
        }
        sourceMap = TOMLSourceMap(text: text)
    }

    public func problem(at path: String, _ message: String) {
        diagnostics.append(Diagnostic(file: file, line: sourceMap.line(of: path), message: message))
    }

    // MARK: Typed reads. Each returns nil (and records a problem) when the value is unusable.

    public func string(_ table: TOMLTable, _ key: String, at path: String, required: Bool = true) -> String? {
        guard let value = table[key] else {
            if required { problem(at: path, "missing `\(key)`") }
            return nil
        }
        guard let string = value.string else {
            problem(at: "\(path).\(key)", "`\(key)` must be text in quotes")
            return nil
        }
        return string
    }

    public func int(_ table: TOMLTable, _ key: String, at path: String, required: Bool = true) -> Int? {
        guard let value = table[key] else {
            if required { problem(at: path, "missing `\(key)`") }
            return nil
        }
        guard let int = value.int else {
            problem(at: "\(path).\(key)", "`\(key)` must be a whole number")
            return nil
        }
        return int
    }

    public func double(_ table: TOMLTable, _ key: String, at path: String, required: Bool = true) -> Double? {
        guard let value = table[key] else {
            if required { problem(at: path, "missing `\(key)`") }
            return nil
        }
        if let int = value.int { return Double(int) }
        guard let double = value.double else {
            problem(at: "\(path).\(key)", "`\(key)` must be a number")
            return nil
        }
        return double
    }

    public func bool(_ table: TOMLTable, _ key: String, at path: String, required: Bool = true) -> Bool? {
        guard let value = table[key] else {
            if required { problem(at: path, "missing `\(key)`") }
            return nil
        }
        guard let bool = value.bool else {
            problem(at: "\(path).\(key)", "`\(key)` must be true or false")
            return nil
        }
        return bool
    }

    public func table(_ table: TOMLTable, _ key: String, at path: String, required: Bool = true) -> TOMLTable? {
        guard let value = table[key] else {
            if required { problem(at: path, "missing table `\(key)`") }
            return nil
        }
        guard let inner = value.table else {
            problem(at: "\(path).\(key)", "`\(key)` must be a table")
            return nil
        }
        return inner
    }

    /// An array of tables (`[[key]]`), with the path of each element for locating its problems.
    public func tables(_ table: TOMLTable, _ key: String, at path: String, required: Bool = true) -> [(TOMLTable, String)] {
        guard let value = table[key] else {
            if required {
                let header = (path.isEmpty ? key : path + "." + key).replacingOccurrences(of: #"\[\d+\]"#, with: "", options: .regularExpression)
                problem(at: path, "missing `[[\(header)]]` entries")
            }
            return []
        }
        guard let array = value.array else {
            problem(at: "\(path.isEmpty ? "" : path + ".")\(key)", "`\(key)` must be a list of tables ([[\(key)]])")
            return []
        }
        let base = path.isEmpty ? key : "\(path).\(key)"
        var result: [(TOMLTable, String)] = []
        for (index, element) in array.enumerated() {
            guard let inner = element.table else {
                problem(at: base, "every entry of `\(key)` must be a table")
                continue
            }
            result.append((inner, "\(base)[\(index)]"))
        }
        return result
    }

    /// A bilingual text: either a plain string (English only) or a table with `en` and optional `ru`.
    public func localized(_ table: TOMLTable, _ key: String, at path: String, required: Bool = true) -> LocalizedText? {
        guard let value = table[key] else {
            if required { problem(at: path, "missing `\(key)` (a table with `en` and `ru` texts)") }
            return nil
        }
        let keyPath = "\(path).\(key)"
        if let plain = value.string { return nonEmpty(LocalizedText(en: plain), at: keyPath, key: key) }
        guard let inner = value.table else {
            problem(at: keyPath, "`\(key)` must be text or a table with `en` and `ru`")
            return nil
        }
        guard let english = string(inner, "en", at: keyPath) else { return nil }
        let russian = string(inner, "ru", at: keyPath, required: false)
        return nonEmpty(LocalizedText(en: english, ru: russian), at: keyPath, key: key)
    }

    /// Keys present in `table` that the format does not define: almost always a typo worth reporting.
    public func rejectUnknownKeys(_ table: TOMLTable, allowed: Set<String>, at path: String) {
        for key in table.keys.sorted() where !allowed.contains(key) {
            let location = path.isEmpty ? key : "\(path).\(key)"
            problem(at: location, "unknown key `\(key)` (expected one of: \(allowed.sorted().joined(separator: ", ")))")
        }
    }

    private func nonEmpty(_ text: LocalizedText, at path: String, key: String) -> LocalizedText? {
        if text.en.isBlank {
            problem(at: path, "`\(key)` is empty")
            return nil
        }
        return text
    }

    /// The TOML library's words (toml++) said as a person editing the file needs them: what is
    /// wrong and how to write it instead. Messages not recognised keep the library's words, without
    /// its "Error while parsing" prefix.
    static func describe(_ error: TOMLParseError) -> String {
        describe(libraryMessage: error.description)
    }

    static func describe(libraryMessage message: String) -> String {
        if message.contains("unescaped control characters") {
            return "a text in quotes is not closed on this line (the closing \" is missing; text over several lines goes in triple quotes \"\"\"…\"\"\"), or it holds a control character"
        }
        if message.contains("parsing string"), message.contains("end-of-file") {
            return "a text in quotes is never closed (the file ends before its closing quote)"
        }
        if message.contains("could not determine value type") {
            return "the value after `=` is not one TOML knows: text goes in quotes (\"…\"), or write a number, true/false, a date, a list [ … ] or a table { … }"
        }
        if let range = message.range(of: "cannot redefine existing ") {
            let rest = message[range.upperBound...]
            let name = rest.split(separator: "'").dropFirst().first.map(String.init) ?? String(rest)
            return "`\(name)` is given twice; a key may appear once in a table"
        }
        if message.contains("parsing table header") {
            return "a table header is not closed: write [name] or [[name]] on a line of its own"
        }
        if message.hasPrefix("Error while parsing "), let colon = message.firstIndex(of: ":") {
            let what = message[message.index(message.startIndex, offsetBy: "Error while parsing ".count)..<colon]
            return "in a \(what): \(message[message.index(after: colon)...].trimmingCharacters(in: .whitespaces))"
        }
        return message
    }
}
