import AgonCommandLine
import AgonCore
import ArgumentParser
import Foundation

struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Build a study from a JSONL file of answers from any source.",
        discussion: """
        The answers file has one JSON object a line. Name the fields that hold the task, the system \
        and the text with the options below; for files with several answers a line, give one \
        --wide SYSTEM_FIELD:TEXT_FIELD per answer. The systems file (TOML) lists the systems to keep:

          [[systems]]
          id = "large"                   # the id used in the study
          source = "llama-2-70b-chat-hf" # the name in the answers file
          label = "Llama-2-70B-chat"
          parameters_b = 70

        Tasks are numbered t01, t02, … in the order they first appear; only tasks answered by every \
        system are kept. Example (the shipped llama2-70b-vs-7b study): see Studies/build.sh.
        """)

    @Argument(help: "The id of the study to write (Studies/<id>/).")
    var study: String

    @Option(help: "The JSONL file of answers.")
    var answers: String

    @Option(help: "The TOML file naming the systems to keep, with labels and profiles.")
    var systems: String

    @Option(help: "Field whose value identifies a task (e.g. a prompt id or the instruction itself).")
    var taskField = "task"

    @Option(help: "Field holding the prompt text (default: the task field).")
    var promptField: String?

    @Option(help: "Field holding the task's category; repeat to fall back to further fields.")
    var categoryField: [String] = []

    @Option(help: "Category for tasks without one.")
    var category = "uncategorised"

    @Option(help: "Field naming the system that wrote the answer (one answer a line).")
    var systemField = "system"

    @Option(help: "Field holding the answer text (one answer a line).")
    var textField = "text"

    @Option(help: "SYSTEM_FIELD:TEXT_FIELD for files with several answers a line; repeat for each.")
    var wide: [String] = []

    @Option(help: "Field numbering each answer's sample (1, 2, …) when there are several per task and system.")
    var sampleField: String?

    @Option(help: "Samples per task and system (with --sample-field).")
    var samples = 1

    @Option(name: .customLong("where"), help: "FIELD=VALUE: keep only lines where the field has this value; repeatable.")
    var filters: [String] = []

    @Option(help: "Study title shown to raters.")
    var title: String?

    @Option(help: "A description for the researcher (not shown to raters).")
    var description = ""

    @Option(help: "Rubric id (a file in Rubrics/).")
    var rubric = "creative-thinking"

    @Option(help: "Seed of the blind schedules.")
    var seed: UInt64 = 1

    @Option(help: "Share of items shown again later with sides swapped.")
    var repeatShare = 0.1

    @Option(help: "Which pairs of systems are compared: all, sparse (with --degree) or contrasts (with --contrast).")
    var pairs: String?

    @Option(help: "FIRST:SECOND, a pair of system ids (the study's ids) to compare; repeat for each contrast.")
    var contrast: [String] = []

    @Option(help: "For --pairs sparse: how many pairs each system is in.")
    var degree: Int?

    @Option(help: "Items (before repeats) each rater judges; default: every task × every compared pair.")
    var itemsPerRater: Int?

    @Option(help: "Items every rater judges, for agreement (with a budget).")
    var sharedItems: Int?

    @Option(help: "Raters per item, the overlap target (with --expected-raters).")
    var ratersPerItem: Int?

    @Option(help: "How many raters the study expects.")
    var expectedRaters: Int?

    @Option(help: "A line for the header comment of study.toml (e.g. where the data came from); repeatable.")
    var provenance: [String] = []

    @Flag(help: "Replace an existing study of the same id; its sessions are archived first (Sessions/<study>/archive/).")
    var force = false

    func run() throws {
        let workspace = Workspace.fromEnvironment()
        guard Identifier.isValid(study) else { throw Failure("`\(study)` is not a valid study id (letters, digits, -, _, .)") }
        var importer = AnswerImport()
        importer.taskField = taskField
        importer.promptField = promptField
        importer.categoryFields = categoryField
        importer.defaultCategory = category
        importer.systemField = systemField
        importer.textField = textField
        guard (1...StudyDesign.maximumSamples).contains(samples) else { throw Failure("--samples must be between 1 and \(StudyDesign.maximumSamples)") }
        if samples > 1, sampleField == nil { throw Failure("--samples \(samples) needs --sample-field, the field that numbers each answer's sample") }
        importer.sampleField = sampleField
        importer.samples = samples
        for column in wide {
            let parts = column.split(separator: ":", maxSplits: 1).map(String.init)
            guard parts.count == 2 else { throw Failure("--wide takes SYSTEM_FIELD:TEXT_FIELD, not `\(column)`") }
            importer.wide.append(.init(systemField: parts[0], textField: parts[1]))
        }
        for filter in filters {
            let parts = filter.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2 else { throw Failure("--where takes FIELD=VALUE, not `\(filter)`") }
            importer.filters.append((parts[0], parts[1]))
        }

        let systemEntries: [(system: StudySystem, source: String)]
        do {
            systemEntries = try Self.readSystems(file: systems)
        } catch {
            throw Failure(diagnostics: error.diagnostics)
        }
        guard let data = FileManager.default.contents(atPath: answers) else { throw Failure("\(answers): file not found") }
        let result: AnswerImport.Result
        do {
            result = try importer.run(data: data, file: answers, systems: systemEntries.map { ($0.system.id, $0.source) })
        } catch {
            throw Failure(diagnostics: error.diagnostics)
        }
        guard !result.tasks.isEmpty else {
            throw Failure("\(answers): no task was answered by all of \(systemEntries.map(\.source).joined(separator: ", ")) (\(result.linesRead) lines read, \(result.linesKept) kept)")
        }

        let folder = workspace.studyFolder(study)
        let built = Study(id: study, title: title ?? study, description: description, rubricID: rubric,
                          systems: systemEntries.map(\.system), tasks: result.tasks,
                          design: try designChoice())
        var comment = ["Generated by `agon import`; edit the inputs and run the import again rather than editing this file."]
        comment += provenance
        let studyBytes = Data(StudyWriter.toml(built, comment: comment.joined(separator: "\n")).utf8)
        do {
            _ = try StudyLoader.parse(text: String(decoding: studyBytes, as: UTF8.self), file: workspace.display(workspace.studyFile(study)))
        } catch {
            throw Failure(diagnostics: error.diagnostics)
        }
        let answerBytes = StudyWriter.jsonl(result.answers) { ["source_task": result.sourceKeys[$0.task] ?? ""] }
        // The checks `agon validate` makes, on the files about to be written: a study that validate
        // would reject is not written.
        let checked: StudyBundle
        do {
            checked = try StudyBundle.check(studyID: study, study: studyBytes, answers: answerBytes, in: workspace)
        } catch {
            throw Self.refusal(error.diagnostics, answers: result.answers, sourceKeys: result.sourceKeys, source: answers, target: workspace.display(workspace.answersFile(study)))
        }
        let exists = FileManager.default.fileExists(atPath: workspace.studyFile(study).path)
        let sessions = StudyReplacement.raters(studyID: study, workspace: workspace)
        if exists || !sessions.isEmpty, !force {
            throw Failure(exists
                ? "\(workspace.display(folder)) already holds a study; add --force to replace it"
                    + (sessions.isEmpty ? "" : " (its \(PluralNoun.session.counted(sessions.count)) will be archived)")
                : "\(workspace.display(workspace.sessionFolder(study))) holds sessions of an earlier study `\(study)`; add --force to archive them and import")
        }
        // Sessions were rated against the old tasks and answers: they move to the archive before
        // the new study is written, unless the import gives the very same files.
        if exists, StudyReplacement.isUnchanged(studyID: study, workspace: workspace, study: studyBytes, answers: answerBytes) {
            print("\(workspace.display(folder)): unchanged (the same tasks and answers)"
                + (sessions.isEmpty ? "" : "; its \(sessions.count) session\(sessions.count == 1 ? " is" : "s are") kept"))
            return
        }
        if !sessions.isEmpty {
            do {
                let moved = try StudyReplacement.archiveSessions(studyID: study, workspace: workspace)
                print("The sessions of the study it replaces are kept in " + moved.map { workspace.display($0) }.joined(separator: ", "))
            } catch {
                throw Failure("\(error.description); the study was not replaced")
            }
        }
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try studyBytes.write(to: workspace.studyFile(study), options: .atomic)
            try answerBytes.write(to: workspace.answersFile(study), options: .atomic)
        } catch {
            throw Failure("cannot write \(workspace.display(folder)): \(error.localizedDescription)")
        }
        print("\(workspace.display(folder)): \(PluralNoun.task.counted(result.tasks.count, in: .en)) × \(systemEntries.count) systems\(samples > 1 ? " × \(samples) samples" : "") = \(result.answers.count) answers "
            + "(\(result.linesRead) lines read, \(result.linesKept) used)")
        if !result.incompleteTasks.isEmpty {
            let left = result.incompleteTasks
            let named = left.prefix(10).map { "`\(Self.shortened($0))`" }.joined(separator: ", ") + (left.count > 10 ? " and \(left.count - 10) more" : "")
            print("left out \(PluralNoun.task.counted(left.count, in: .en)) not answered by every system\(samples > 1 ? " in every sample" : ""): \(named)")
        }
        let hygiene = BlindingHygiene.check(checked.answers.answers, study: checked.study)
        for warning in BlindingHygiene.diagnostics(hygiene, answersFile: workspace.display(workspace.answersFile(study)), samples: samples) {
            print("warning: \(warning)")
        }
    }

    /// A source key as it can be read in one line (some sources key tasks by their whole prompt).
    static func shortened(_ key: String) -> String {
        let line = key.split(whereSeparator: \.isNewline).first.map(String.init) ?? key
        return line.count > 60 || line.count < key.count ? String(line.prefix(60)) + "…" : line
    }

    /// The problems validate would find, said at the lines of the source file where the answers came
    /// from (the study's own files were not written).
    static func refusal(_ diagnostics: [Diagnostic], answers: [Answer], sourceKeys: [String: String], source: String,
                        target: String) -> Failure {
        let placed = diagnostics.map { diagnostic -> Diagnostic in
            guard diagnostic.file == target, let line = diagnostic.line, answers.indices.contains(line - 1) else { return diagnostic }
            let answer = answers[line - 1]
            let key = sourceKeys[answer.task].map { " (source task `\(shortened($0))`)" } ?? ""
            return Diagnostic(file: source, line: answer.line, message: diagnostic.message + key)
        }
        var failure = Failure(diagnostics: placed)
        failure.lines.append("Nothing was written: `agon validate` would reject this study. Fix the source, or leave such lines out with --where.")
        return failure
    }

    /// The design the options ask for, checked by the study's own reader so that the study
    /// written is one that loads (the same messages as for a hand-written study.toml).
    private func designChoice() throws -> StudyDesign {
        var design = StudyDesign(seed: seed, repeatShare: repeatShare, samples: samples, itemsPerRater: itemsPerRater,
                                 ratersPerItem: ratersPerItem, expectedRaters: expectedRaters, sharedItems: sharedItems)
        let listed = try contrast.map { text -> SystemPair in
            let parts = text.split(separator: ":", maxSplits: 1).map(String.init)
            guard parts.count == 2 else { throw Failure("--contrast takes FIRST:SECOND, not `\(text)`") }
            return SystemPair(parts[0], parts[1])
        }
        switch pairs ?? (listed.isEmpty ? "all" : "contrasts") {
        case "all": design.pairs = .all
        case "sparse": design.pairs = .sparse(degree: degree ?? 3)
        case "contrasts": design.pairs = .contrasts(listed)
        case let other: throw Failure("--pairs must be all, sparse or contrasts, not `\(other)`")
        }
        return design
    }

    static func readSystems(file: String) throws(DiagnosticsError) -> [(system: StudySystem, source: String)] {
        let text = try TextFile.read(file)
        let document = try TOMLDocument(file: file, text: text)
        document.rejectUnknownKeys(document.root, allowed: ["systems"], at: "")
        var entries: [(system: StudySystem, source: String)] = []
        for entry in StudyLoader.readSystems(document, document.root, extraKeys: ["source"]) {
            let source = document.string(entry.table, "source", at: entry.path) ?? entry.system.id
            entries.append((entry.system, source))
        }
        if entries.count < 2, document.diagnostics.isEmpty {
            document.problem(at: "systems", "name at least two systems to compare")
        }
        if !document.diagnostics.isEmpty { throw DiagnosticsError(document.diagnostics) }
        return entries
    }
}
