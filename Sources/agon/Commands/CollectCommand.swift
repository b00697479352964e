import AgonCollect
import AgonCommandLine
import AgonCore
import ArgumentParser
import Foundation

struct CollectCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "collect",
        abstract: "Ask each system's server for the answers the study lacks, and store them.",
        discussion: """
        For every task × system × sample missing from answers.jsonl, asks the server named in the
        system's [systems.server] table. Everything is recorded in Studies/<id>/collection.jsonl
        (requests, thinking, timings, failures, the server's report of its model); answers go to
        answers.jsonl. Safe to stop and run again: it continues with what is missing.
        Ctrl-C once finishes the requests in flight; twice abandons them.
        """)

    @Argument(help: "The study id (a folder under Studies/).")
    var study: String

    @Option(name: .customLong("system"), help: "Collect for this system only.")
    var system: String?

    @Option(help: "Samples per (task, system); default: the study's `samples` (1).")
    var samples: Int?

    @Flag(help: "Print what would be asked and the first request body; ask nothing.")
    var dryRun = false

    @Flag(help: "Ask again for answers whose earlier run failed for good.")
    var retryFailed = false

    @Option(help: "Attempts per answer before it is reported as failed.")
    var maxAttempts = 5

    func validate() throws {
        if let samples, !(1...100).contains(samples) { throw ValidationError("--samples must be between 1 and 100") }
        if !(1...50).contains(maxAttempts) { throw ValidationError("--max-attempts must be between 1 and 50") }
    }

    func run() throws {
        let workspace = Workspace.fromEnvironment()
        let studyDefinition = try Self.loadStudy(study, in: workspace)
        if let system, studyDefinition.system(id: system) == nil {
            throw Failure("no system `\(system)` in \(study) (systems: \(studyDefinition.systems.map(\.id).joined(separator: ", ")))")
        }
        if let system, studyDefinition.generation[system]?.server == nil {
            throw Failure("system `\(system)` has no [systems.server] table in \(workspace.display(workspace.studyFile(study))); add one to collect its answers")
        }
        let samples = self.samples ?? studyDefinition.design.samples
        let journalURL = CollectionJournal.file(in: workspace, study: study)
        let answersURL = workspace.answersFile(study)
        if dryRun {
            try dryRunReport(studyDefinition, samples: samples, journalURL: journalURL, answersURL: answersURL)
            return
        }

        let journal: CollectionJournal
        let answers: AnswersFileWriter
        do {
            journal = try CollectionJournal(file: journalURL, study: study)
        } catch {
            throw Failure(error.message)
        }
        do {
            answers = try AnswersFileWriter(file: answersURL, display: workspace.display(answersURL))
        } catch {
            throw Failure(error.message)
        }
        for note in journal.notes + answers.notes { print("note: \(note)") }
        // A crash between the two writes leaves an answer in the journal only: write it now.
        var restored = 0
        for answer in journal.contents.answers.values.sorted(by: { $0.slot < $1.slot }) where !answers.present.contains(answer.slot) {
            do {
                if try answers.append(answer) { restored += 1 }
            } catch {
                throw Failure(error.message)
            }
        }
        if restored > 0 { print("restored \(PluralNoun.answer.counted(restored)) into \(workspace.display(answersURL)) that an interrupted run had recorded only in collection.jsonl") }

        let plan = CollectionPlan.make(study: studyDefinition, systems: system, samples: samples, present: answers.present,
                                       failed: Set(journal.contents.failures.keys), retryFailed: retryFailed)
        for id in plan.withoutServer { print("\(id): no [systems.server] table; its answers must come from elsewhere (agon import)") }
        if !plan.failedEarlier.isEmpty {
            print("\(plan.failedEarlier.count) answer\(plan.failedEarlier.count == 1 ? "" : "s") failed in an earlier run and \(plan.failedEarlier.count == 1 ? "is" : "are") not asked again (use --retry-failed)")
        }
        var summaries: [Collector.SystemSummary] = []
        var interrupted = false
        if plan.total == 0 {
            print("\(study): nothing to collect (\(PluralNoun.answer.counted(plan.alreadyPresent)) present)")
        } else {
            let display = ProgressDisplay(plan: plan, terminal: isatty(STDOUT_FILENO) == 1)
            let stop = StopSignal()
            let collector = Collector(study: studyDefinition, journal: journal, answers: answers,
                                      environment: ProcessInfo.processInfo.environment,
                                      policy: RetryPolicy(maxAttempts: maxAttempts), stop: stop,
                                      events: { display.handle($0) })
            let outcome = BlockingResult<[Collector.SystemSummary]>()
            let work = Task.detached { outcome.set(await collector.run(plan)) }
            signal(SIGINT, SIG_IGN)
            let interrupts = DispatchSource.makeSignalSource(signal: SIGINT, queue: .global())
            interrupts.setEventHandler {
                if stop.request() {
                    display.message("Ctrl-C: finishing the requests in flight (Ctrl-C again to abandon them)…")
                } else {
                    display.message("Ctrl-C: abandoning the requests in flight…")
                    work.cancel()
                }
            }
            interrupts.resume()
            summaries = outcome.wait()
            interrupts.cancel()
            signal(SIGINT, SIG_DFL)
            display.finish()
            interrupted = stop.requested
        }
        let missing = try printSummary(studyDefinition, summaries: summaries, samples: samples, workspace: workspace,
                                       answersURL: answersURL, journal: journal)
        if interrupted {
            print("stopped: \(summaries.reduce(0) { $0 + $1.saved }) answers saved this run; run `agon collect \(study)` again to continue")
            throw ExitCode(130)
        }
        if missing > 0 {
            throw Failure("\(PluralNoun.answer.counted(missing)) still missing; fix what is said above and run `agon collect \(study)` again"
                          + (journal.contents.failures.isEmpty ? "" : " (with --retry-failed to ask again for those that failed)"))
        }
    }

    static func loadStudy(_ id: String, in workspace: Workspace) throws -> Study {
        guard Identifier.isValid(id) else { throw Failure("`\(id)` is not a study id") }
        let url = workspace.studyFile(id)
        guard FileManager.default.fileExists(atPath: url.path) else {
            throw Failure("\(workspace.display(url)): no such study (known studies: \(workspace.studyIDs().joined(separator: ", ")))")
        }
        do {
            let text = try TextFile.read(url.path)
            return try StudyLoader.parse(text: text, file: workspace.display(url), expectedID: id)
        } catch {
            throw Failure(diagnostics: error.diagnostics)
        }
    }

    private func dryRunReport(_ study: Study, samples: Int, journalURL: URL, answersURL: URL) throws {
        let contents = CollectionJournal.read(file: journalURL)
        var present = FileManager.default.contents(atPath: answersURL.path).map(AnswersFileWriter.slots(in:)) ?? []
        var failed: Set<AnswerSlot> = []
        if let contents {
            present.formUnion(contents.answers.keys)
            failed = Set(contents.failures.keys)
        }
        let plan = CollectionPlan.make(study: study, systems: system, samples: samples, present: present,
                                       failed: failed, retryFailed: retryFailed)
        print("dry run: \(study.id), \(PluralNoun.sample.counted(samples)) per task and system; nothing is asked")
        for id in plan.withoutServer { print("\(id): no [systems.server] table; nothing to ask") }
        var shownBody = false
        for (id, slots) in plan.toAsk {
            guard let settings = study.generation[id], let server = settings.server else { continue }
            let key = server.apiKeyEnv.map { " · key from $\($0)\(ProcessInfo.processInfo.environment[$0] == nil ? " (not set!)" : "")" } ?? ""
            print("\(id): \(slots.count) to ask at \(server.url) (model \(server.model), kind \(server.kind.rawValue), concurrency \(server.concurrency)\(key))")
            print("  \(settings.summary)")
            for slot in slots.prefix(5) { print("  - \(slot)") }
            if slots.count > 5 { print("  … and \(slots.count - 5) more") }
            if !shownBody, let slot = slots.first, let task = study.task(id: slot.task) {
                let kindAdapter = adapter(for: server.kind == .auto ? ServerKind.openai : server.kind)
                let built = ChatRequest.body(prompt: task.prompt, sample: slot.sample, settings: settings, server: server,
                                             adapter: kindAdapter)
                print("first request: POST \(kindAdapter.chatRoute.url(forBase: server.url))"
                      + (server.kind == .auto ? " (kind auto: thinking controls are chosen once the server is detected; shown as for an OpenAI-compatible server)" : ""))
                let object = try? JSONSerialization.jsonObject(with: built.body)
                let pretty = object.flatMap { try? JSONSerialization.data(withJSONObject: $0, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]) }
                print(String(decoding: pretty ?? built.body, as: UTF8.self))
                if let note = built.note { print("note: \(note)") }
                shownBody = true
            }
        }
        if !plan.failedEarlier.isEmpty { print("\(plan.failedEarlier.count) failed earlier and are skipped (use --retry-failed)") }
        print("\(PluralNoun.request.counted(plan.total)) would be made; \(PluralNoun.answer.counted(plan.alreadyPresent)) already present")
    }

    /// Prints what was collected, warnings and blinding hygiene; returns how many answers are still missing.
    private func printSummary(_ study: Study, summaries: [Collector.SystemSummary], samples: Int, workspace: Workspace,
                              answersURL: URL, journal: CollectionJournal) throws -> Int {
        for summary in summaries {
            let rate = summary.seconds > 0 ? String(format: "%.1f tokens/s", Double(summary.completionTokens) / summary.seconds) : "–"
            print("\(summary.system): \(summary.saved) of \(summary.asked) asked saved · \(summary.completionTokens) tokens · \(rate)")
            if let report = summary.report { print("  server: \(report.summary)") }
            for warning in summary.warnings { print("  warning: \(warning)") }
            for note in summary.notes { print("  note: \(note)") }
            for (slot, message) in summary.failed.sorted(by: { $0.key < $1.key }).prefix(10) { print("  failed: \(slot): \(message)") }
            if summary.failed.count > 10 { print("  … and \(summary.failed.count - 10) more failures (see collection.jsonl)") }
            if let stopped = summary.stopped { print("  stopped: \(stopped)") }
        }
        let data = FileManager.default.contents(atPath: answersURL.path) ?? Data()
        // The same blinding checks `agon validate` makes, on what is collected so far.
        let collected = AnswersFileReader.parse(data: data, file: workspace.display(answersURL)).answers
        let hygiene = BlindingHygiene.check(collected, study: study)
        for warning in BlindingHygiene.diagnostics(hygiene, answersFile: workspace.display(answersURL), samples: samples) {
            print("warning: \(warning)")
        }
        if !hygiene.lengths.isEmpty { print(BlindingHygiene.lengthTable(hygiene, systems: study.systems.map(\.id))) }
        let present = AnswersFileWriter.slots(in: data)
        var missing = 0
        for system in study.systems where (self.system == nil || system.id == self.system) && study.generation[system.id]?.server != nil {
            for sample in 1...samples {
                for task in study.tasks where !present.contains(AnswerSlot(task: task.id, system: system.id, sample: sample)) { missing += 1 }
            }
        }
        let wanted = study.systems.filter { (self.system == nil || $0.id == self.system) && study.generation[$0.id]?.server != nil }.count
            * study.tasks.count * samples
        print("\(study.id): \(wanted - missing) of \(wanted) answers present\(missing == 0 ? " — all collected" : "")")
        return missing
    }
}
