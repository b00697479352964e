import Foundation

/// The raters of a study with their background, read from `Studies/<id>/raters.toml` when the
/// file exists — the minimal form the report needs until the roster has its own command:
///
/// ```toml
/// [[raters]]
/// name = "ana"                # as in Sessions/<study>/ana.jsonl
/// background = "philosopher"  # any word; "philosopher" and "writer" are compared when both occur
/// ```
///
/// Other keys (language, years…) are allowed and ignored here. A missing file is an empty roster;
/// a malformed one is `file:line: message`.
public struct RaterRoster: Sendable, Equatable, Codable {
    public struct Entry: Sendable, Equatable, Codable {
        public var name: String
        public var background: String?
    }

    public var raters: [Entry]

    public init(raters: [Entry] = []) {
        self.raters = raters
    }

    public static func file(study: String, in workspace: Workspace) -> URL {
        workspace.studyFolder(study).appendingPathComponent("raters.toml")
    }

    public static func load(study: String, in workspace: Workspace) throws(DiagnosticsError) -> RaterRoster? {
        let url = file(study: study, in: workspace)
        guard FileManager.default.fileExists(atPath: url.path) else { return nil }
        let name = workspace.display(url)
        guard let data = FileManager.default.contents(atPath: url.path), let text = String(data: data, encoding: .utf8) else {
            throw DiagnosticsError([Diagnostic(file: name, line: nil, message: "cannot be read as UTF-8 text")])
        }
        return try parse(text, file: name)
    }

    public static func parse(_ text: String, file: String) throws(DiagnosticsError) -> RaterRoster {
        let document = try TOMLDocument(file: file, text: text)
        var entries: [Entry] = []
        var seen = Set<String>()
        for (table, path) in document.tables(document.root, "raters", at: "") {
            guard let name = document.string(table, "name", at: path) else { continue }
            if !seen.insert(name).inserted { document.problem(at: path, "rater `\(name)` is listed twice") }
            let background = document.string(table, "background", at: path, required: false)
            entries.append(Entry(name: name, background: background?.trimmingCharacters(in: .whitespaces).lowercased()))
        }
        if !document.diagnostics.isEmpty { throw DiagnosticsError(document.diagnostics) }
        return RaterRoster(raters: entries)
    }

    public func background(of rater: String) -> String? {
        raters.first { $0.name == rater }?.background.flatMap { $0.isEmpty ? nil : $0 }
    }
}
