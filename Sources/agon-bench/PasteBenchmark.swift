import AgonCommandLine
import AgonCore
import AgonTUI
import ArgumentParser
import Foundation

/// Times a long paste into the note on the demo study at 120×40: in one piece (bracketed paste), as
/// one burst of keys (a terminal without bracketed paste, as the terminal hands it over), and key
/// by key (as it was handed over before bursts were recognised). Prints figures; asserts nothing.
struct PasteBenchmark: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "paste",
        abstract: "Time a long paste into the note (in one piece, and key by key).")

    @Option(help: "Characters pasted.") var characters = 20_000
    @Option(help: "Characters delivered one key at a time (the slow path; 0 leaves it out).") var keys = 20_000

    func run() throws {
        let workspace = Workspace.fromEnvironment()
        let bundle = try StudyBundle.loadForCommand("demo", in: workspace)
        let schedule = Schedule.make(study: bundle.study, rater: "bench")
        let content = RatingContent(bundle: bundle, rater: "bench", schedule: schedule)
        let text = Self.prose(characters)

        var screen = Self.noteOpen(content)
        var started = MonotonicClock.nanoseconds()
        _ = screen.update(.paste(text), at: Date())
        let pasted = MonotonicClock.nanoseconds() - started
        started = MonotonicClock.nanoseconds()
        _ = screen.render()
        let frame = MonotonicClock.nanoseconds() - started
        print("paste of \(characters) characters in one piece: update \(format(pasted)), then one frame \(format(frame)) (note holds \(screen.input.note.count))")

        screen = Self.noteOpen(content)
        let burst: [Key] = text.map { $0 == "\n" ? .enter : .character($0) }
        started = MonotonicClock.nanoseconds()
        _ = screen.update(.burst(burst), at: Date())
        let burstTime = MonotonicClock.nanoseconds() - started
        started = MonotonicClock.nanoseconds()
        _ = screen.render()
        let burstFrame = MonotonicClock.nanoseconds() - started
        print("the same \(characters) characters as one burst of keys (no bracketed paste): update \(format(burstTime)), then one frame \(format(burstFrame)) (note holds \(screen.input.note.count))")

        // One key typed at the end of a note at the capacity, with its frame.
        screen = Self.noteOpen(content)
        _ = screen.update(.paste(Self.prose(EditableText.capacity)), at: Date())
        started = MonotonicClock.nanoseconds()
        _ = screen.update(.key(.backspace), at: Date())
        _ = screen.render()
        let oneKey = MonotonicClock.nanoseconds() - started
        print("one key and its frame in a note of \(EditableText.capacity) characters: \(format(oneKey))")

        if keys > 0 {
            var screen = Self.noteOpen(content)
            started = MonotonicClock.nanoseconds()
            for character in Self.prose(keys) { _ = screen.update(.key(.character(character)), at: Date()) }
            let typed = MonotonicClock.nanoseconds() - started
            print("\(keys) characters key by key (no frames drawn): \(format(typed)) (note holds \(screen.input.note.count))")
        }
    }

    private static func noteOpen(_ content: RatingContent) -> RatingScreen {
        var screen = RatingScreen(content: content, session: SessionState(), language: .en, now: Date(), width: 120, height: 40)
        _ = screen.update(.key(.character("n")), at: Date())
        return screen
    }

    /// Prose with line breaks, some Cyrillic and digits: what a rater quotes.
    static func prose(_ count: Int) -> String {
        let words = ["The", "stone", "returns,", "and", "Sisyphus", "counts", "7", "steps;", "камень", "возвращается", "снова.\n"]
        var text = ""
        var length = 0
        var index = 0
        while length < count {
            let word = words[index % words.count] + (words[index % words.count].hasSuffix("\n") ? "" : " ")
            text += word
            length += word.count
            index += 1
        }
        return String(text.prefix(count))
    }

    private func format(_ nanoseconds: UInt64) -> String {
        String(format: "%.1f ms", Double(nanoseconds) / 1_000_000)
    }
}
