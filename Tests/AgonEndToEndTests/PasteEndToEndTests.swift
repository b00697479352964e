import AgonCore
import Foundation
import Testing

/// A long paste into the note, in a real terminal (tmux), marked as a paste and as the plain run
/// of keys a terminal without bracketed paste sends: the screen answers within seconds, the
/// note holds the text with its line breaks, and nothing in the paste scores, skips or submits.
@Suite(.serialized) struct PasteEndToEndTests {
    /// 20,000 characters of quotation whose lines begin with command keys (score, skip, submit,
    /// undo, quit) and end with a line break, ending in a word the screen can be watched for.
    static let pasted: String = {
        let lines = ["5 s The stone returns, and Sisyphus counts the steps.", "7 a камень возвращается снова, u q",
                     "s 3 b t w n f ? 1 2 4 6 Enter"]
        var text = ""
        var length = 0
        var index = 0
        let ending = "\nКОНЕЦЦИТАТЫ"
        while length < 20_000 - ending.count {
            let line = lines[index % lines.count] + "\n"
            text += line
            length += line.count
            index += 1
        }
        return String(text.prefix(20_000 - ending.count)) + ending
    }()

    /// What the screen must do within this time of the paste being handed to tmux (the paste
    /// itself, through the terminal, included). Before pastes went in in one piece, a
    /// 20,000-character paste froze the screen for 11 s or more.
    static let responseLimit = 10.0

    @Test(arguments: [true, false])
    func aLongPasteIntoTheNoteIsTextAndTheScreenStaysResponsive(bracketed: Bool) throws {
        try #require(Tmux.isInstalled, "tmux is not installed: the end-to-end test of pasting cannot run")
        #expect(Self.pasted.count == 20_000)
        let home = try RatingScreenEndToEndTests.workspace()
        defer { try? FileManager.default.removeItem(at: home) }
        let tmux = Tmux()
        var environment = RatingScreenEndToEndTests.environment
        environment["AGON_HOME"] = home.path
        tmux.start(width: 120, height: 40, environment: environment, command: [AgonProcess.binary.path, "rate", "--rater", "pam"])
        try #require(tmux.wait(for: "How to rate") != nil)
        tmux.send("Escape")
        try #require(tmux.wait(for: "Read the task and both answers") != nil)
        let header = try #require(tmux.capture().first { $0.contains("item 1 of") }, "the header shows the item")
        // The position only: the header's clock may tick over during the paste.
        let position = try #require(header.range(of: "item 1 of"))
        let item = header[position.lowerBound...].split(separator: " ").prefix(4).joined(separator: " ")  // "item 1 of 21"
        tmux.send("n")
        try #require(tmux.wait(for: "Note (Enter when done)") != nil)

        let started = Date()
        tmux.pasteFromFile(Self.pasted, bracketed: bracketed)
        let shown = tmux.wait(for: "КОНЕЦЦИТАТЫ", timeout: Self.responseLimit)
        let seconds = Date().timeIntervalSince(started)
        try #require(shown != nil, "the end of the paste was not on the screen \(Self.responseLimit) s after pasting: \(tmux.capture())")
        // Still typing the note, on the same pair, nothing scored.
        #expect(shown?.contains { $0.contains("Note (Enter when done)") } == true, "\(shown ?? [])")
        #expect(shown?.contains { $0.contains(item) } == true, "the pair changed (\(item)): \(shown ?? [])")
        print("paste of 20,000 characters (\(bracketed ? "bracketed" : "a burst of keys")) on the screen after \(String(format: "%.2f", seconds)) s")

        // The screen answers keys at once, and they are keys again.
        tmux.send("Escape")
        #expect(tmux.wait(for: "Note:  5 s The stone returns", timeout: Self.responseLimit) != nil, "\(tmux.capture())")
        tmux.send("q")
        #expect(tmux.wait(for: "keep draft and quit") != nil, "\(tmux.capture())")
        tmux.send("k")
        let exit = tmux.wait(for: "[exit:")
        #expect(exit?.contains { $0.contains("[exit:0]") } == true, "\(exit ?? [])")

        let contents = try JournalReader.read(file: Workspace(root: home).journalFile(study: "demo", rater: "pam"))
        let journal = contents.events.map(\.event).filter { $0.typeName != "opened" }
        #expect(journal.map(\.typeName) == ["draft"], "no skip, judgement or undo came from the paste")
        guard case .draft(let draft) = journal.first else { return }
        #expect(draft.item == 1)
        #expect(draft.scores.isEmpty)
        #expect(draft.preference == nil)
        #expect(draft.note == Self.pasted, "the note is the pasted text, line breaks included")
    }
}
