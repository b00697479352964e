import AgonCore
import Foundation
import Testing

/// The demo study in a real terminal at the sizes raters use, in both languages: both score
/// columns take scores, the rater's name stays in the header, the rubric folds (r, or к on the
/// Russian layout) to give the answer more lines, the quit dialog names the rater's layout's keys,
/// and the closing line prints the command that resumes.
@Suite(.serialized) struct ScreenSizesEndToEndTests {
    static let sizes = [(60, 18), (80, 24), (120, 40), (200, 60)]

    /// "строки 1–16 / 98" → 16.
    static func lastLineShown(_ screen: [String], label: String) -> Int? {
        for line in screen {
            guard let range = line.range(of: label + " 1–") else { continue }
            return Int(line[range.upperBound...].prefix { $0.isNumber })
        }
        return nil
    }

    @Test(arguments: sizes)
    func theDemoAtThisSize(size: (Int, Int)) throws {
        try #require(Tmux.isInstalled, "tmux is not installed: the end-to-end test of the rating screen cannot run")
        for language in Language.allCases {
            let ru = language == .ru
            let home = try RatingScreenEndToEndTests.workspace()
            defer { try? FileManager.default.removeItem(at: home) }
            let tmux = Tmux()
            var environment = RatingScreenEndToEndTests.environment
            environment["AGON_HOME"] = home.path
            tmux.start(width: size.0, height: size.1, environment: environment,
                       command: [RatingScreenEndToEndTests.binary.path, "rate", "--rater", "sofia", "--lang", language.rawValue])
            try #require(tmux.wait(for: ru ? "Как оценивать" : "How to rate") != nil, "\(tmux.capture().joined(separator: "\n"))")
            tmux.send("Escape")
            let keyLine = ru ? "? справка" : "? help"
            try #require(tmux.wait(for: keyLine) != nil)
            // A's first criterion 5; → goes to B's first unscored criterion (the first): 6.
            tmux.send("5", "Right", "6")
            let scored = try #require(tmux.wait(for: ru ? "Напряжение (A, B)" : "Tension (A, B)"), "\(tmux.capture().joined(separator: "\n"))")
            let firstRow = scored.first { $0.hasPrefix(ru ? "  Ориг" : "  Orig") }
            let cells = firstRow.map { $0.prefix { $0 != "│" }.split(separator: " ").suffix(2).map(String.init) }
            #expect(cells == ["5", "6"], "\(size) \(language):\n\(scored.joined(separator: "\n"))")
            #expect(scored.first?.contains("sofia") == true, "\(scored.first ?? "")")
            for line in scored { #expect(DisplayWidth.of(line) <= size.0) }

            let label = ru ? "строки" : "lines"
            let before = Self.lastLineShown(tmux.screen(), label: label)
            tmux.type(ru ? "к" : "r")
            let folded = try #require(tmux.wait(for: ru ? "r — развернуть рубрику" : "r: unfold the rubric"))
            let after = Self.lastLineShown(folded, label: label)
            if let before, let after { #expect(after >= before + 4, "\(size) \(language): \(before) → \(after)") }
            else { Issue.record("no line position in \(folded.joined(separator: "\n"))") }

            tmux.send("q")
            try #require(tmux.wait(for: ru ? "сохранить несохранённое" : "keep the unsaved input") != nil)
            if ru { #expect(tmux.screen().contains { $0.contains("л/k") && $0.contains("сохранить") }) }
            tmux.type(ru ? "л" : "k")
            let exit = try #require(tmux.wait(for: "[exit:"))
            #expect(exit.contains { $0.contains("[exit:0]") })
            let resume = "\(RatingScreenEndToEndTests.binary.path) rate demo --rater sofia --lang \(language.rawValue)"
            #expect(exit.joined().replacingOccurrences(of: " ", with: "").contains(((ru ? "Продолжить: " : "To continue: ") + resume).replacingOccurrences(of: " ", with: "")),
                    "\(exit.joined(separator: "\n"))")
        }
    }
}
