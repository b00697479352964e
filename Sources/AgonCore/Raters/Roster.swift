import Foundation

/// Who may rate a study: `Studies/<id>/raters.toml`, one `[[raters]]` table a person. Per study
/// rather than per workspace, because a lab runs different panels (philosophers for one study,
/// writers for another) and the roster travels with the study it belongs to. Without the file anyone
/// with a valid name may rate, as before.
///
/// ```toml
/// [[raters]]
/// name = "ann"               # what they type after --rater (any case) and their journal's name
/// display_name = "Ann Smith"
/// language = "en"            # en or ru: the screen's language and the language of refusals
/// background = "philosopher" # philosopher, writer, other, or any words
/// years = 12                 # years of practice
/// ```
public struct Roster: Equatable, Sendable {
    public struct Rater: Equatable, Sendable {
        public var name: String
        public var displayName: String?
        public var language: Language?
        public var background: String?
        public var years: Int?
        public var line: Int?
    }

    public var raters: [Rater]

    public init(raters: [Rater]) { self.raters = raters }

    public static let fileName = "raters.toml"

    /// The listed rater `name` refers to (case and Unicode form aside).
    public func rater(named name: String) -> Rater? {
        let key = RaterIdentity.key(name)
        return raters.first { RaterIdentity.key($0.name) == key }
    }

    public static func file(study: String, in workspace: Workspace) -> URL {
        workspace.studyFolder(study).appendingPathComponent(fileName)
    }

    /// The study's roster; nil when it has none.
    public static func load(study: String, in workspace: Workspace) throws(DiagnosticsError) -> Roster? {
        let file = file(study: study, in: workspace)
        guard FileManager.default.fileExists(atPath: file.path) else { return nil }
        guard let data = FileManager.default.contents(atPath: file.path) else {
            throw DiagnosticsError([Diagnostic(file: workspace.display(file), line: nil, message: "cannot be read (permissions?)")])
        }
        return try parse(String(decoding: data, as: UTF8.self), file: workspace.display(file))
    }

    public static func parse(_ text: String, file: String) throws(DiagnosticsError) -> Roster {
        let document = try TOMLDocument(file: file, text: text)
        document.rejectUnknownKeys(document.root, allowed: ["raters"], at: "")
        var raters: [Rater] = []
        var seen: [String: Rater] = [:]
        for (table, path) in document.tables(document.root, "raters", at: "") {
            document.rejectUnknownKeys(table, allowed: ["name", "display_name", "language", "background", "years"], at: path)
            let line = document.sourceMap.line(of: path)
            guard let name = document.string(table, "name", at: path) else { continue }
            if let problem = RaterName.problem(with: name) {
                document.problem(at: "\(path).name", problem)
                continue
            }
            var rater = Rater(name: name, line: line)
            rater.displayName = document.string(table, "display_name", at: path, required: false)
            if let language = document.string(table, "language", at: path, required: false) {
                rater.language = Language(rawValue: language.lowercased())
                if rater.language == nil { document.problem(at: "\(path).language", "`language` must be en or ru (found \(language))") }
            }
            rater.background = document.string(table, "background", at: path, required: false)
            if let years = document.int(table, "years", at: path, required: false) {
                if years < 0 || years > 100 { document.problem(at: "\(path).years", "`years` must be between 0 and 100 (found \(years))") }
                rater.years = years
            }
            let key = RaterIdentity.key(name)
            if let earlier = seen[key] {
                document.problem(at: "\(path).name", "rater `\(name)` is the same name as `\(earlier.name)` (line \(earlier.line ?? 0)): names are compared without case, so they would share one journal")
                continue
            }
            seen[key] = rater
            raters.append(rater)
        }
        if !document.diagnostics.isEmpty { throw DiagnosticsError(document.diagnostics.sorted()) }
        return Roster(raters: raters)
    }
}
