import AgonCommandLine
import AgonCore
import AgonTerminal
import AgonTUI
import ArgumentParser
import Foundation

struct RateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rate",
        abstract: "Open the blind rating screen on a rater's schedule (the demo study when none is named).",
        discussion: "Press ? on the screen for every key. Quit with q at any time; the same command resumes where you stopped.")

    @Argument(help: "The study id (a folder under Studies/).")
    var study: String = "demo"

    @Option(help: "Your name as a rater: letters, digits, - _ . (it names your session file).")
    var rater: String?

    @Option(help: "Interface language: en or ru (default: from LANG / LC_ALL).")
    var lang: Language?

    @Flag(help: "Begin again: keep the existing session in Sessions/<study>/archive/ and start a new one (e.g. after the study changed).")
    var newSession = false

    func run() throws {
        let environment = ProcessInfo.processInfo.environment
        let language = lang ?? Language.fromEnvironment(environment)
        // Checked here rather than by the parser, so that a rater reads it in their language.
        guard let typedName = rater else { throw Failure(RaterMessage.raterMissing(study: study).text(in: language)) }
        let workspace = Workspace.fromEnvironment()
        let bundle = try StudyBundle.loadForRating(study, in: workspace, language: language)
        // Refusals come before anything is written: no phantom rater in `agon sessions`.
        let (rater, rosterLanguage) = try Roster.admitForCommand(typedName, study: bundle.study.id, in: workspace, language: language)
        let screenLanguage = lang ?? rosterLanguage ?? language
        // A first start checks the terminal before the journal exists; a resumed one after opening
        // it, so that the journal's own refusals (a changed study) are still told without a screen.
        let resuming = FileManager.default.fileExists(atPath: workspace.journalFile(study: bundle.study.id, rater: rater).path)
        if !resuming { try Self.checkTerminal(environment, language: screenLanguage) }
        let session = try SessionStore.openForCommand(bundle: bundle, rater: rater, workspace: workspace, newSession: newSession,
                                                      language: screenLanguage) {
            print(RaterMessage.previousSessionKept(path: $0).text(in: screenLanguage))
        }
        if resuming { try Self.checkTerminal(environment, language: screenLanguage) }
        let journal = workspace.display(session.writer.file)

        let now = Date()
        var screen = RatingScreen(content: RatingContent(bundle: bundle, rater: rater, schedule: session.schedule),
                                  session: session.state, language: screenLanguage,
                                  now: now, clock: Self.itemClock(), resumed: session.resumed, introduce: !session.resumed)
        // What the journal showed on opening, in the rater's words; the researcher's detail is in
        // `agon sessions`.
        var notices: [String] = []
        if let aside = session.tornLineSetAside { notices.append(screen.strings.tornLineSetAside(workspace.display(aside))) }
        if !session.warnings.isEmpty { notices.append(screen.strings.sessionNotes(session.warnings.count, study: bundle.study.id)) }
        if session.state.editsAcceptedSinceOpening { notices.append(screen.strings.editsAccepted) }
        if !notices.isEmpty { screen.message = StatusMessage(notices.joined(separator: " "), .warning) }

        let terminal: Terminal
        do {
            terminal = try Terminal(environment: environment)
        } catch {
            throw Failure(RaterMessage.terminalUnavailable(error.reason).text(in: screenLanguage))
        }
        do {
            try session.writer.append(.opened(at: now))
            try runLoop(&screen, terminal: terminal, writer: session.writer)
        } catch let failure as SaveFailure {
            terminal.end()
            throw Failure(lines: [RaterMessage.couldNotSave(journal: journal, detail: failure.message).text(in: screen.language), failure.line])
        } catch {
            terminal.end()
            throw Failure(RaterMessage.couldNotSave(journal: journal, detail: "\(error)").text(in: screen.language))
        }
        terminal.end()
        let rated = screen.session.ratedCount
        print(RaterMessage.sessionSaved(rated: rated, total: screen.total, journal: journal,
                                        command: resumeCommand(rater: rater)).text(in: screen.language))
    }

    private static func checkTerminal(_ environment: [String: String], language: Language) throws {
        do {
            try Terminal.check(environment: environment)
        } catch {
            throw Failure(RaterMessage.terminalUnavailable(error.reason).text(in: language))
        }
    }

    /// The command line that continues this session, as the rater can paste it into a shell: the
    /// program as it was invoked, the study, the rater, the language (never `--new-session`).
    func resumeCommand(rater: String) -> String {
        var words = [CommandLine.arguments.first ?? "agon", "rate", study, "--rater", rater]
        if let lang { words += ["--lang", lang.rawValue] }
        return words.map(Self.shellQuoted).joined(separator: " ")
    }

    static func shellQuoted(_ word: String) -> String {
        let plain = !word.isEmpty && word.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "-_./=:@+,".contains($0)) }
        return plain ? word : "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }

    /// Seconds on a clock that neither jumps when the wall clock is set nor runs while the machine
    /// sleeps (a laptop closed over a pair is not time spent judging it).
    static func itemClock() -> Double {
        let elapsed = SuspendingClock.now - Self.clockOrigin
        return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    }

    private static let clockOrigin = SuspendingClock.now

    private struct SaveFailure: Error {
        var message: String
        var line: String
    }

    /// Draw, wait, update, write: each journal event is appended (and fsynced) before the next
    /// frame, so whatever the rater sees as saved is on disk.
    private func runLoop(_ screen: inout RatingScreen, terminal: Terminal, writer: JournalWriter) throws {
        _ = screen.update(.resize(width: terminal.width, height: terminal.height), at: Date(), clock: Self.itemClock())
        // `agon-bench screen` times start-up to the first frame by running this command with this set.
        let benchmarkFirstFrame = ProcessInfo.processInfo.environment["AGON_BENCH_FIRST_FRAME"] != nil
        while true {
            terminal.draw(screen.render())
            if benchmarkFirstFrame {
                FileHandle.standardError.write(Data("first-frame \(MonotonicClock.nanoseconds())\n".utf8))
                return
            }
            let event: ScreenEvent
            switch terminal.read(timeout: 1000) {
            case .key(let key): event = .key(key)
            case .paste(let text, let truncated): event = .paste(text, truncated: truncated)
            case .burst(let keys, let truncated): event = .burst(keys, truncated: truncated)
            case .resize(let width, let height): event = .resize(width: width, height: height)
            case .timeout: event = .tick
            case .signal(let number): event = number == SIGINT ? .key(.control("c")) : .terminate
            }
            for effect in screen.update(event, at: Date(), clock: Self.itemClock()) {
                switch effect {
                case .append(let journalEvent):
                    do {
                        try writer.append(journalEvent)
                    } catch {
                        throw SaveFailure(message: error.message,
                                          line: String(decoding: JournalCodec.encode(event: journalEvent, seq: writer.nextSeq), as: UTF8.self))
                    }
                case .quit:
                    return
                }
            }
        }
    }
}

extension Language: ExpressibleByArgument {}
