import AgonCore
import ArgumentParser
import Foundation

/// Generates a large study and a long journal in a temporary folder and times what a researcher
/// and a rater wait for: `validate`, building a schedule, and resuming a session.
struct ScaleBenchmark: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scale",
        abstract: "Time validate and resume on a large study and journal (use a release build).")

    @Option var tasks = 10_000
    @Option var systems = 4
    @Option var events = 100_000
    @Option(help: "Words per answer.") var words = 150
    @Option var repetitions = 3
    @Option(help: "Write the generated workspace here and keep it (for `agon-bench screen --study scale|hostile`).")
    var keep: String?

    func run() throws {
        let root = keep.map { URL(fileURLWithPath: $0) }
            ?? FileManager.default.temporaryDirectory.appendingPathComponent("agon-bench-\(UUID().uuidString)")
        defer { if keep == nil { try? FileManager.default.removeItem(at: root) } }
        if keep != nil { try? FileManager.default.removeItem(at: root) }
        let workspace = Workspace(root: root)
        try FileManager.default.createDirectory(at: workspace.rubricsFolder, withIntermediateDirectories: true)
        let rubricSource = Workspace.fromEnvironment().rubricFile("creative-thinking")
        try FileManager.default.copyItem(at: rubricSource, to: workspace.rubricFile("creative-thinking"))
        let systemIDs = (1...systems).map { "system-\($0)" }
        let study = Study(id: "scale", title: "Scale", description: "", rubricID: "creative-thinking",
                          systems: systemIDs.map { StudySystem(id: $0, label: $0) },
                          tasks: (1...tasks).map { StudyTask(id: "t\($0)", category: "fiction", prompt: "Write about \($0).") },
                          design: StudyDesign(seed: 9, repeatShare: 0.1))
        var random = SeededRandom(seed: 1)
        let vocabulary = ["the", "sisyphus", "machine", "stone", "hill", "again", "meaning", "absurd", "и", "камень"]
        var answers: [Answer] = []
        for task in study.tasks {
            for system in systemIDs {
                let text = (0..<words).map { _ in vocabulary[random.below(vocabulary.count)] }.joined(separator: " ")
                answers.append(Answer(task: task.id, system: system, text: text, line: 0))
            }
        }
        try FileManager.default.createDirectory(at: workspace.studyFolder("scale"), withIntermediateDirectories: true)
        try Data(StudyWriter.toml(study, comment: "benchmark").utf8).write(to: workspace.studyFile("scale"))
        try StudyWriter.jsonl(answers).write(to: workspace.answersFile("scale"))
        let studyBytes = (try FileManager.default.attributesOfItem(atPath: workspace.studyFile("scale").path)[.size] as? Int ?? 0)
            + (try FileManager.default.attributesOfItem(atPath: workspace.answersFile("scale").path)[.size] as? Int ?? 0)

        let validate = try measure { _ = try StudyBundle.load(studyID: "scale", in: workspace) }
        let bundle = try StudyBundle.load(studyID: "scale", in: workspace)
        let schedule = try measure { _ = Schedule.make(study: bundle.study, rater: "bench") }

        // A journal of `events` events: mostly judgements, with undo, skip and flag mixed in.
        do {
            let session = try SessionStore.open(bundle: bundle, rater: "bench", workspace: workspace)
            let items = session.schedule.items
            var written = 0
            var index = 0
            while written < events {
                let item = items[index % items.count]
                index += 1
                let judgement = SimulatedRaters.uniformRandom.judge(item, bundle: bundle, random: &random) { _ in Date() }
                try session.writer.append(.judgement(judgement))
                written += 1
                if written % 10 == 0, written < events {
                    try session.writer.append(.undo(item: item.number, at: Date()))
                    written += 1
                }
                if written % 25 == 0, written < events {
                    try session.writer.append(.flag(item: item.number, reason: "bench", at: Date()))
                    written += 1
                }
            }
        }
        let journalBytes = (try FileManager.default.attributesOfItem(atPath: workspace.journalFile(study: "scale", rater: "bench").path)[.size] as? Int) ?? 0
        var state = SessionState()
        let resume = try measure {
            let session = try SessionStore.open(bundle: bundle, rater: "bench", workspace: workspace)
            state = session.state
        }
        let readOnly = try measure { _ = SessionStore.journals(studyID: "scale", in: workspace) }

        try writeHostileStudy(workspace)
        let hostile = try measure { _ = try StudyBundle.load(studyID: "hostile", in: workspace) }

        print("""
        study: \(tasks) tasks × \(systems) systems, \(answers.count) answers, \(studyBytes / 1_000_000) MB; \
        schedule \(Schedule.make(study: bundle.study, rater: "bench").count) items per rater
        journal: \(events) events, \(journalBytes / 1_000_000) MB, \(state.ratedCount) judgements in effect
        validate (load + check study, answers, rubric): \(validate)
        schedule for one rater:                         \(schedule)
        resume (lock, read, replay, checks; no load):   \(resume)
        read journal only (as sessions/report do):      \(readOnly)
        validate the hostile study (a 10 MB answer without a line break, a 100,000-character word): \(hostile)
        (median of \(repetitions) runs)
        """)
    }

    private func measure(_ body: () throws -> Void) throws -> String {
        var times: [Double] = []
        for _ in 0..<repetitions {
            let start = DispatchTime.now().uptimeNanoseconds
            try body()
            times.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
        }
        times.sort()
        return String(format: "%.0f ms", times[times.count / 2])
    }

    /// Answers that try to take over the terminal, or to stall the screen: every escape and control
    /// character worth trying, bytes that are not UTF-8, a 100,000-character word, and 10 MB of text
    /// without a line break.
    private func writeHostileStudy(_ workspace: Workspace) throws {
        let study = Study(id: "hostile", title: "Hostile answers", description: "", rubricID: "creative-thinking",
                          systems: [StudySystem(id: "x", label: "x"), StudySystem(id: "y", label: "y")],
                          tasks: (1...3).map { StudyTask(id: "h\($0)", category: "test", prompt: "Survive answer \($0).") },
                          design: StudyDesign(seed: 1, repeatShare: 0))
        let escapes = HostileText.everything
        let word = String(repeating: "w", count: 100_000)
        var huge = ""
        huge.reserveCapacity(10_000_000)
        while huge.utf8.count < 10_000_000 { huge += "sisyphus pushes \u{1B}[2J the stone \u{202E}up\u{202C} again; " }
        let texts = [("h1", "x", escapes), ("h1", "y", "plain answer"), ("h2", "x", word), ("h2", "y", escapes),
                     ("h3", "x", huge), ("h3", "y", word + " " + escapes)]
        try FileManager.default.createDirectory(at: workspace.studyFolder("hostile"), withIntermediateDirectories: true)
        try Data(StudyWriter.toml(study, comment: "benchmark: hostile answers").utf8).write(to: workspace.studyFile("hostile"))
        var jsonl = StudyWriter.jsonl(texts.map { Answer(task: $0.0, system: $0.1, text: $0.2, line: 0) })
        // And one answer with bytes that are not UTF-8 at all, as a broken exporter might write.
        jsonl += Data("{\"task\":\"h3\",\"system\":\"y\",\"text\":\"broken ".utf8) + Data([0xFF, 0xFE, 0xC3]) + Data(" bytes\"}\n".utf8)
        let lines = jsonl.split(separator: 0x0A).filter { !($0.starts(with: Data("{\"system\":\"y\",\"task\":\"h3\"".utf8))) }
        try Data(lines.joined(separator: [0x0A])).appending(0x0A).write(to: workspace.answersFile("hostile"))
    }
}

extension Data {
    fileprivate func appending(_ byte: UInt8) -> Data {
        var copy = self
        copy.append(byte)
        return copy
    }
}
