import AgonCore
import ArgumentParser
import Foundation

/// Generates a large study and a long journal in a temporary folder and times what a researcher
/// and a rater wait for: `validate`, building a schedule, and resuming a session.
struct BenchScaleCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench-scale",
        abstract: "Benchmark validate and resume on a large study and journal (use a release build).",
        shouldDisplay: false)

    @Option var tasks = 10_000
    @Option var systems = 4
    @Option var events = 100_000
    @Option(help: "Words per answer.") var words = 150
    @Option var repetitions = 3

    func run() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("agon-bench-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
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
                let judgement = ScriptedRaterCommand.randomJudgement(for: item, rubric: bundle.rubric, random: &random)
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

        print("""
        study: \(tasks) tasks × \(systems) systems, \(answers.count) answers, \(studyBytes / 1_000_000) MB; \
        schedule \(Schedule.make(study: bundle.study, rater: "bench").count) items per rater
        journal: \(events) events, \(journalBytes / 1_000_000) MB, \(state.ratedCount) judgements in effect
        validate (load + check study, answers, rubric): \(validate)
        schedule for one rater:                         \(schedule)
        resume (lock, read, replay, checks; no load):   \(resume)
        read journal only (as sessions/report do):      \(readOnly)
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
}
