import Foundation

/// A study with its answers and rubric, loaded and cross-checked: what `validate` checks and what
/// the rating screen needs. Loading collects every problem in all three files before giving up.
public struct StudyBundle: Sendable {
    public var study: Study
    public var answers: AnswerSet
    public var rubric: Rubric
    /// The exact bytes read, kept for content hashing (a changed study is detected on resume).
    public var studyBytes: Data
    public var answersBytes: Data
    public var rubricBytes: Data
    /// What was repaired rather than rejected while loading (invalid UTF-8 in answers).
    public var notes: [Diagnostic] = []

    /// Whether the study needs its answers to load. Rating, reports and agreement do; `validate`
    /// and collecting accept a study that has none yet (it is *ready to collect*), though answers
    /// that are there must still be sound.
    public enum Answers: Sendable {
        case required
        case mayBeAbsent
    }

    /// True when the study has no answers at all (it was loaded with `.mayBeAbsent`).
    public var awaitsAnswers: Bool { answers.isEmpty }

    public static func load(studyID: String, in workspace: Workspace, answers requirement: Answers = .required)
        throws(DiagnosticsError) -> StudyBundle {
        try load(studyID: studyID, in: workspace, answers: requirement, staged: nil)
    }

    /// Checks a study about to be written (`agon import`) exactly as `validate` would check it once
    /// written: `study` and `answers` are the bytes of its two files, read as if they were there.
    public static func check(studyID: String, study: Data, answers: Data, in workspace: Workspace) throws(DiagnosticsError) -> StudyBundle {
        try load(studyID: studyID, in: workspace, answers: .required, staged: (study, answers))
    }

    static func load(studyID: String, in workspace: Workspace, answers requirement: Answers,
                     staged: (study: Data, answers: Data)?) throws(DiagnosticsError) -> StudyBundle {
        guard Identifier.isValid(studyID) else {
            throw DiagnosticsError([Diagnostic(file: "Studies/", line: nil,
                                               message: "`\(studyID)` is not a study id (letters, digits, `-`, `_`, `.`; no path separators)")])
        }
        let studyURL = workspace.studyFile(studyID)
        let studyName = workspace.display(studyURL)
        guard staged != nil || FileManager.default.fileExists(atPath: studyURL.path) else {
            throw DiagnosticsError([Diagnostic(file: studyName, line: nil, message: workspace.noSuchStudy(studyID))])
        }
        var diagnostics: [Diagnostic] = []
        let studyBytes = staged?.study ?? FileManager.default.contents(atPath: studyURL.path) ?? Data()
        var study: Study?
        var sourceMap = TOMLSourceMap(text: "")
        do throws(DiagnosticsError) {
            let text: String
            if staged != nil {
                guard let decoded = String(data: studyBytes, encoding: .utf8) else {
                    throw DiagnosticsError([Diagnostic(file: studyName, line: TextFile.firstInvalidUTF8Line(studyBytes), message: "not valid UTF-8 text")])
                }
                text = decoded
            } else {
                text = try TextFile.read(studyURL.path)
            }
            let document = try TOMLDocument(file: studyName, text: text)
            sourceMap = document.sourceMap
            study = StudyLoader.read(document, expectedID: studyID)
            diagnostics += document.diagnostics
        } catch {
            diagnostics += error.diagnostics
        }

        let answersURL = workspace.answersFile(studyID)
        let answersName = workspace.display(answersURL)
        var answers: [Answer] = []
        var notes: [Diagnostic] = []
        let answersBytes = staged?.answers ?? FileManager.default.contents(atPath: answersURL.path)
        if let answersBytes {
            let parsed = AnswersFileReader.parse(data: answersBytes, file: answersName)
            answers = parsed.answers
            notes = parsed.notes
            diagnostics += parsed.diagnostics
        } else if requirement == .required {
            diagnostics.append(Diagnostic(file: answersName, line: nil,
                                          message: "file not found, so " + howToGetAnswers(studyID)))
        }

        var rubric: Rubric?
        var rubricBytes = Data()
        if let study, !study.rubricID.isEmpty {
            let rubricURL = workspace.rubricFile(study.rubricID)
            if !Identifier.isValid(study.rubricID) || !FileManager.default.fileExists(atPath: rubricURL.path) {
                let known = workspace.rubricIDs()
                diagnostics.append(Diagnostic(file: studyName, line: sourceMap.line(of: "rubric"),
                                              message: "rubric `\(study.rubricID)` does not exist (looked for \(workspace.display(rubricURL)); "
                                                  + (known.isEmpty ? "\(workspace.display(workspace.rubricsFolder)) holds no rubric" : "rubrics: \(known.joined(separator: ", "))") + ")"))
            } else {
                rubricBytes = FileManager.default.contents(atPath: rubricURL.path) ?? Data()
                do {
                    rubric = try RubricLoader.load(file: rubricURL.path)
                } catch {
                    diagnostics += error.diagnostics.map { diagnostic in
                        var relative = diagnostic
                        relative.file = workspace.display(URL(fileURLWithPath: diagnostic.file))
                        return relative
                    }
                }
            }
        }

        let unreadable = diagnostics.contains { $0.file == answersName }
        if let study, answersBytes != nil, answers.isEmpty, !unreadable {
            // An empty answers file is a study waiting for its answers, not 2 × N separate gaps.
            if requirement == .required {
                diagnostics.append(Diagnostic(file: answersName, line: nil, message: "no answers yet, so " + howToGetAnswers(study.id)))
            }
        } else if let study, answersBytes != nil {
            diagnostics += StudyValidator.crossCheck(study: study, answers: answers, studyFile: studyName,
                                                     sourceMap: sourceMap, answersFile: answersName)
        }
        if let study, let rubric, let calibration = study.calibration {
            diagnostics += CalibrationReader.check(calibration, rubric: rubric, answers: AnswerSet(answers), file: studyName, sourceMap: sourceMap)
        }
        guard diagnostics.isEmpty, let study, let rubric else {
            throw DiagnosticsError(diagnostics)
        }
        return StudyBundle(study: study, answers: AnswerSet(answers), rubric: rubric,
                           studyBytes: studyBytes, answersBytes: answersBytes ?? Data(), rubricBytes: rubricBytes, notes: notes)
    }

    /// What a researcher does about a study without answers.
    static func howToGetAnswers(_ studyID: String) -> String {
        "there is nothing to rate yet: the study is ready to collect. Run `agon collect \(studyID)` to ask each "
            + "system's server (its [systems.server] table in study.toml), or build answers.jsonl with `agon import`."
    }
}

extension StudyBundle {
    /// One SHA-256 over study.toml and answers.jsonl: what the rater was shown. Computed on demand
    /// (validate does not need it); a caller checking many journals computes it once.
    public var studyHash: String {
        SHA256.hex(studyBytes + Data([0]) + answersBytes)
    }
}
