import Foundation

/// Where each table and key of a TOML file sits, so that a problem found after parsing can still be
/// reported as `file:line`. TOMLKit keeps no source positions on parsed values; this scan of the raw
/// text recovers them for the subset of TOML that Agon's files use (tables, arrays of tables, keys).
///
/// Paths are written `systems[1].label`, `criteria[0].anchors[2].score`, `design.seed`.
public struct TOMLSourceMap: Sendable {
    private var lines: [String: Int] = [:]

    public init(text: String) {
        var arrayCounts: [String: Int] = [:]
        var currentTable = ""
        var multilineDelimiter: String?
        // A list written over several lines (`contrasts = [` … `]`): its key, the next element's
        // index, and how deep the brackets are open, so that each element gets a line of its own.
        var openList: (path: String, next: Int, depth: Int)?
        var lineNumber = 0
        for rawLine in text.split(separator: "\n", omittingEmptySubsequences: false) {
            lineNumber += 1
            let line = String(rawLine.trimmedSpaces)
            if let delimiter = multilineDelimiter {
                if line.contains(delimiter) { multilineDelimiter = nil }
                continue
            }
            if line.isEmpty || line.hasPrefix("#") { continue }
            if var list = openList {
                if list.depth == 1, !line.hasPrefix("]") {
                    record("\(list.path)[\(list.next)]", lineNumber)
                    list.next += Self.elementsStarting(line)
                }
                list.depth += Self.bracketBalance(line)
                openList = list.depth > 0 ? list : nil
                continue
            }
            if line.hasPrefix("[[") {
                let name = Self.headerName(line, open: "[[", close: "]]")
                let resolved = Self.resolve(name, arrayCounts: arrayCounts)
                let index = arrayCounts[resolved, default: 0]
                arrayCounts[resolved] = index + 1
                currentTable = "\(resolved)[\(index)]"
                record(currentTable, lineNumber)
                record(resolved, lineNumber)
            } else if line.hasPrefix("[") {
                let name = Self.headerName(line, open: "[", close: "]")
                currentTable = Self.resolve(name, arrayCounts: arrayCounts)
                record(currentTable, lineNumber)
            } else if let equals = line.firstIndex(of: "=") {
                let key = String(line[..<equals].trimmedSpaces)
                    .replacingOccurrences(of: "\"", with: "")
                let path = currentTable.isEmpty ? key : "\(currentTable).\(key)"
                record(path, lineNumber)
                let value = line[line.index(after: equals)...].trimmedSpaces
                if value.hasPrefix("[") {
                    let depth = Self.bracketBalance(String(value))
                    if depth > 0 { openList = (path, 0, depth) }
                }
                for delimiter in ["\"\"\"", "'''"] where value.hasPrefix(delimiter) {
                    let rest = value.dropFirst(3)
                    if !rest.contains(delimiter) { multilineDelimiter = delimiter }
                }
            }
        }
    }

    /// The line of `path`, or of its nearest enclosing table or key when the path itself is absent
    /// (a missing key is reported where its table starts; a missing top-level key on line 1).
    public func line(of path: String) -> Int {
        var candidate = path
        while true {
            if let line = lines[candidate] { return line }
            guard let cut = candidate.lastIndex(where: { $0 == "." || $0 == "[" }) else { return 1 }
            candidate = String(candidate[..<cut])
        }
    }

    /// Opening minus closing brackets outside quoted text.
    private static func bracketBalance(_ line: String) -> Int {
        var balance = 0
        var quote: Character?
        var escaped = false
        for character in line {
            if let open = quote {
                if escaped { escaped = false } else if character == "\\" && open == "\"" { escaped = true } else if character == open { quote = nil }
                continue
            }
            switch character {
            case "\"", "'": quote = character
            case "[": balance += 1
            case "]": balance -= 1
            case "#": return balance
            default: break
            }
        }
        return balance
    }

    /// How many elements of a list begin on this line (at depth 1, counting commas).
    private static func elementsStarting(_ line: String) -> Int {
        var commas = 0
        var depth = 0
        var quote: Character?
        for character in line {
            if let open = quote {
                if character == open { quote = nil }
                continue
            }
            switch character {
            case "\"", "'": quote = character
            case "[": depth += 1
            case "]": depth -= 1
            case "," where depth == 0: commas += 1
            case "#": return max(1, commas)
            default: break
            }
        }
        let trailing = line.trimmedSpaces.hasSuffix(",")
        return max(1, trailing ? commas : commas + 1)
    }

    private mutating func record(_ path: String, _ line: Int) {
        if lines[path] == nil { lines[path] = line }
    }

    private static func headerName(_ line: String, open: String, close: String) -> String {
        var name = line.dropFirst(open.count)
        if let end = name.range(of: close) { name = name[..<end.lowerBound] }
        return String(name.trimmedSpaces).replacingOccurrences(of: "\"", with: "")
    }

    /// `criteria.anchors` inside the third `[[criteria]]` is `criteria[2].anchors`.
    private static func resolve(_ dotted: String, arrayCounts: [String: Int]) -> String {
        let parts = dotted.split(separator: ".").map { String($0.trimmedSpaces) }
        var resolved = ""
        for (position, key) in parts.enumerated() {
            resolved = resolved.isEmpty ? key : "\(resolved).\(key)"
            let isLast = position == parts.count - 1
            if !isLast, let count = arrayCounts[resolved], count > 0 {
                resolved += "[\(count - 1)]"
            }
        }
        return resolved
    }
}

extension StringProtocol {
    /// Without leading and trailing spaces, tabs and carriage returns: all TOML calls white space
    /// on a line, and much cheaper than Foundation's trimming on a 10,000-task study.
    var trimmedSpaces: SubSequence {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\r" }
        let start = firstIndex { !isSpace($0) } ?? endIndex
        let end = lastIndex { !isSpace($0) }.map(index(after:)) ?? start
        return self[start..<Swift.max(start, end)]
    }
}
