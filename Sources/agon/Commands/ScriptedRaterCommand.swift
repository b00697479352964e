import AgonCore
import ArgumentParser
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A rater without a screen, for fault tests and benchmarks: opens the session exactly as the
/// rating screen does and submits judgements with seeded random scores as fast as it can, printing
/// `saved <item>` only after the journal write has returned (and so has been fsync'ed).
struct ScriptedRaterCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scripted-rater",
        abstract: "Submit random judgements through the journal API (for fault tests).",
        shouldDisplay: false)

    @Argument var study: String = "demo"
    @Option var rater: String
    @Option(help: "Stop after this many judgements (default: the whole schedule).") var count: Int?
    @Option var seed: UInt64 = 1
    @Option(help: "Also undo every n-th judgement and submit it again (0: never).") var undoEvery = 0
    @Option(help: "Limit the size of files this process may write (RLIMIT_FSIZE), to simulate a full disk.")
    var fileSizeLimit: Int?
    @Option(help: "Pause between judgements, in milliseconds.") var pauseMilliseconds = 0
    @Flag(help: "Archive an existing journal first and begin a new session.") var newSession = false

    func run() throws {
        if let fileSizeLimit {
            signal(SIGXFSZ, SIG_IGN)  // a write past the limit fails with EFBIG instead of killing us
            var limit = rlimit(rlim_cur: rlim_t(fileSizeLimit), rlim_max: rlim_t(fileSizeLimit))
            setrlimit(Int32(RLIMIT_FSIZE.rawValue), &limit)
        }
        let workspace = Workspace.fromEnvironment()
        let bundle = try StudyBundle.loadForCommand(study, in: workspace)
        let session = try SessionStore.openForCommand(bundle: bundle, rater: rater, workspace: workspace, newSession: newSession) {
            say("old session kept in \($0)")
        }
        if let aside = session.tornLineSetAside { say("torn line set aside: \(workspace.display(aside))") }
        say("resuming: \(session.state.ratedCount) of \(session.schedule.count) rated")
        var random = SeededRandom(seed: seed, mixing: [rater, "\(session.state.ratedCount)"])
        var state = session.state
        var submitted = 0
        do {
            try session.writer.append(.opened(at: Date()))
            while let item = state.openItems(in: session.schedule).first, submitted < (count ?? Int.max) {
                let judgement = Self.randomJudgement(for: item, rubric: bundle.rubric, random: &random)
                try session.writer.append(.judgement(judgement))
                state.apply(.judgement(judgement))
                submitted += 1
                say("saved \(item.number)")
                if undoEvery > 0, submitted % undoEvery == 0 {
                    try session.writer.append(.undo(item: item.number, at: Date()))
                    state.apply(.undo(item: item.number, at: Date()))
                    say("undone \(item.number)")
                }
                if pauseMilliseconds > 0 { usleep(useconds_t(pauseMilliseconds * 1000)) }
            }
        } catch {
            throw Failure("could not save the judgement: \(error.message). Judgements saved before this one are safe; free some space (or fix the folder's permissions) and run again to continue.")
        }
        say("done: \(state.ratedCount) of \(session.schedule.count) rated")
    }

    static func randomJudgement(for item: ScheduleItem, rubric: Rubric, random: inout SeededRandom) -> Judgement {
        var scores: [String: CriterionScore] = [:]
        for criterion in rubric.criteria {
            let scale = criterion.scale
            let draw = { (random: inout SeededRandom) in scale.min + random.below(scale.count) }
            scores[criterion.id] = rubric.mode == .absolute
                ? CriterionScore(a: draw(&random), b: draw(&random))
                : CriterionScore(comparison: draw(&random))
        }
        let preference = Preference.allCases[random.below(Preference.allCases.count)]
        return Judgement(of: item, scores: scores, preference: preference, note: "scripted", seconds: Double(5 + random.below(300)),
                         at: Date())
    }

    /// Unbuffered, so that a test reading the pipe sees each line the moment it is true.
    private func say(_ line: String) {
        FileHandle.standardOutput.write(Data((line + "\n").utf8))
    }
}
