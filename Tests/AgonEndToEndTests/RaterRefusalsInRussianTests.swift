import Foundation
import Testing
@testable import AgonCore

/// `agon rate … --lang ru`: every refusal before the screen opens is in Russian, with no English
/// sentence (commands, paths and quoted names aside).
struct RaterRefusalsInRussianTests {
    static let englishWords: Set<String> = [
        "the", "is", "a", "an", "to", "of", "and", "not", "your", "you", "please", "cannot", "session", "study",
        "rater", "name", "open", "changed", "already", "answers", "tell", "researcher", "file", "here", "no", "such",
        "error", "missing", "expected", "argument", "may", "only", "by",
    ]

    /// English words outside backticks, paths, options and `agon …` commands.
    static func englishWords(in text: String) -> [String] {
        var plain = ""
        var quoted = false
        for character in text {
            if character == "`" { quoted.toggle(); continue }
            if !quoted { plain.append(character) }
        }
        var found: [String] = []
        var inCommand = false
        for token in plain.split(whereSeparator: { $0 == " " || $0 == "\n" }) {
            if token == "agon" { inCommand = true; continue }
            if inCommand, token.hasSuffix(":") || token.hasSuffix(")") || token.hasSuffix(".") || token.hasSuffix(";") { inCommand = false; continue }
            if inCommand || token.contains("/") || token.hasPrefix("-") || token.contains("_") { continue }
            let word = String(token.unicodeScalars.filter { $0.properties.isAlphabetic }.map(Character.init)).lowercased()
            if englishWords.contains(word) { found.append(word) }
        }
        return found
    }

    func expectRussian(_ run: (status: Int32, output: String, error: String), _ what: String,
                       sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(run.status == 1, "\(what): exit \(run.status)", sourceLocation: sourceLocation)
        #expect(run.error.unicodeScalars.contains { (0x0400...0x04FF).contains($0.value) }, "\(what): \(run.error)", sourceLocation: sourceLocation)
        #expect(Self.englishWords(in: run.error).isEmpty, "\(what): English in \(run.error)", sourceLocation: sourceLocation)
        #expect(!run.error.contains("Error:") && !run.error.contains("Usage:"), "\(what): \(run.error)", sourceLocation: sourceLocation)
    }

    @Test func theCheckFindsEnglish() {
        #expect(!Self.englishWords(in: "Sessions/load/vera.jsonl is already open in another `agon rate`").isEmpty)
        #expect(Self.englishWords(in: "Укажите имя: agon rate load --rater ВАШЕ-ИМЯ (буквы).").isEmpty)
    }

    @Test func everyRefusalBeforeTheScreenIsRussian() throws {
        let workspace = FaultWorkspace(tasks: 4)
        let home = workspace.root
        expectRussian(AgonProcess.run(["rate", "load", "--lang", "ru"], home: home), "missing --rater")
        expectRussian(AgonProcess.run(["rate", "load", "--rater", "../etc", "--lang", "ru"], home: home), "rater name with ..")
        expectRussian(AgonProcess.run(["rate", "load", "--rater", "a/b", "--lang", "ru"], home: home), "rater name with /")
        expectRussian(AgonProcess.run(["rate", "nope", "--rater", "vera", "--lang", "ru"], home: home), "no such study")

        // Another `agon rate` for this rater (here: this test) holds the journal.
        try FileManager.default.createDirectory(at: home.appendingPathComponent("Sessions/load"), withIntermediateDirectories: true)
        do {
            let held = try JournalWriter(file: workspace.journal("vera"))
            let locked = AgonProcess.run(["rate", "load", "--rater", "vera", "--lang", "ru"], home: home)
            expectRussian(locked, "locked")
            #expect(locked.error.contains("уже открыта"), "\(locked.error)")
            _ = held
        }
        try? FileManager.default.removeItem(at: workspace.journal("vera"))

        // The study changed since the session began: no git, the researcher named.
        #expect(AgonProcess.run(["scripted-rater", "load", "--rater", "vera", "--count", "2"], home: home, program: .bench).status == 0)
        let answers = home.appendingPathComponent("Studies/load/answers.jsonl")
        let original = try String(contentsOf: answers, encoding: .utf8)
        try Data(original.replacingOccurrences(of: "Answer 2 by large", with: "Answer 2, corrected").utf8).write(to: answers)
        let changed = AgonProcess.run(["rate", "load", "--rater", "vera", "--lang", "ru"], home: home)
        expectRussian(changed, "study changed")
        #expect(changed.error.contains("исследовател") && !changed.error.contains("git"), "\(changed.error)")
        try Data(original.utf8).write(to: answers)

        // A journal that cannot be continued (a damaged line), and one of another rater.
        let journal = workspace.journal("vera")
        let intact = try Data(contentsOf: journal)
        try (intact + Data("{\"type\":\"judgement\",\"seq\":\"x\"}\n".utf8)).write(to: journal)
        expectRussian(AgonProcess.run(["rate", "load", "--rater", "vera", "--lang", "ru"], home: home), "damaged journal")
        try intact.write(to: workspace.journal("olga"))
        expectRussian(AgonProcess.run(["rate", "load", "--rater", "olga", "--lang", "ru"], home: home), "another rater's journal")
        try intact.write(to: journal)

        // A study with broken files, and one that awaits its answers.
        let study = home.appendingPathComponent("Studies/load/study.toml")
        let toml = try Data(contentsOf: study)
        try Data("id = \"load\"\ntitle = \"unclosed\n".utf8).write(to: study)
        expectRussian(AgonProcess.run(["rate", "load", "--rater", "vera", "--lang", "ru"], home: home), "broken study")
        try toml.write(to: study)
        try Data().write(to: answers)
        let waiting = AgonProcess.run(["rate", "load", "--rater", "vera", "--lang", "ru"], home: home)
        expectRussian(waiting, "no answers yet")
        #expect(waiting.error.contains("пока нет ответов"), "\(waiting.error)")
        // The same refusal in English names the researcher too.
        let english = AgonProcess.run(["rate", "load", "--rater", "vera", "--lang", "en"], home: home)
        #expect(english.error.contains("ask the researcher"), "\(english.error)")
    }
}
