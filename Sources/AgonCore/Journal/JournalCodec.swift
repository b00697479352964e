import Foundation

/// The journal's line format: compact JSON objects with a `type` and a sequence number `seq`
/// (0 for the header), one a line, keys sorted so that files diff cleanly. Every line is encoded and
/// decoded through one flat `Line` record (event lines are read faster by `JournalLineReader`).
public enum JournalCodec {
    public enum DecodedLine: Equatable, Sendable {
        case header(JournalHeader)
        case event(seq: Int, JournalEvent)
        /// A well-formed line of a type this version does not know (a newer Agon wrote it).
        case unknown(seq: Int?, type: String)
    }

    public struct LineError: Error, Equatable, Sendable {
        public var message: String
    }

    /// Every field any line type has; each type uses its own subset.
    private struct Line: Codable {
        var type: String
        var seq: Int?
        // header
        var schema: Int?
        var study: String?
        var rater: String?
        var rubric: String?
        var studyHash: String?
        var rubricHash: String?
        var seed: UInt64?
        var repeatShare: Double?
        var created: Date?
        var fingerprint: StudyFingerprint?
        // events
        var item: Int?
        var task: String?
        var left: String?
        var right: String?
        var repeatOf: Int?
        /// Which samples were shown; absent for sample 1, so single-sample journals read as before.
        var leftSample: Int?
        var rightSample: Int?
        /// Present only on a control item's judgement.
        var control: ControlItem?
        var scores: [String: CriterionScore]?
        var preference: Preference?
        var note: String?
        var seconds: Double?
        var reason: String?
        var at: Date?
        // edits-accepted (studyHash as in the header)
        var answers: [AcceptedEdits.Edit]?
        var tasks: [String: String]?
        // calibration
        var pair: Int?
        // blinding-guess (item, left, right, at as above)
        var target: String?
        var guess: String?
    }

    private static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()

    private static let decoder: JSONDecoder = {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return decoder
    }()

    public static func encode(header: JournalHeader) -> Data {
        var line = Line(type: "header", seq: 0)
        line.schema = header.schema
        line.study = header.study
        line.rater = header.rater
        line.rubric = header.rubric
        line.studyHash = header.studyHash
        line.rubricHash = header.rubricHash
        line.seed = header.seed
        line.repeatShare = header.repeatShare
        line.created = header.created
        line.fingerprint = header.fingerprint
        return serialize(line)
    }

    public static func encode(event: JournalEvent, seq: Int) -> Data {
        var line = Line(type: event.typeName, seq: seq)
        switch event {
        case .judgement(let judgement):
            line.item = judgement.item
            line.task = judgement.task
            line.left = judgement.left
            line.right = judgement.right
            line.repeatOf = judgement.repeatOf
            line.leftSample = judgement.leftSample == 1 ? nil : judgement.leftSample
            line.rightSample = judgement.rightSample == 1 ? nil : judgement.rightSample
            line.control = judgement.control
            line.scores = judgement.scores
            line.preference = judgement.preference
            line.note = judgement.note
            line.seconds = judgement.seconds
            line.at = judgement.at
        case .undo(let item, let at), .skip(let item, let at), .unflag(let item, let at):
            line.item = item
            line.at = at
        case .flag(let item, let reason, let at):
            line.item = item
            line.reason = reason
            line.at = at
        case .draft(let draft):
            line.item = draft.item
            line.scores = draft.scores
            line.preference = draft.preference
            line.note = draft.note
            line.seconds = draft.seconds
            line.at = draft.at
        case .opened(let at):
            line.at = at
        case .editsAccepted(let edits):
            line.answers = edits.answers
            line.tasks = edits.tasks
            line.studyHash = edits.studyHash
            line.at = edits.at
        case .calibration(let judgement):
            line.pair = judgement.pair
            line.scores = judgement.scores
            line.preference = judgement.preference
            line.note = judgement.note
            line.seconds = judgement.seconds
            line.at = judgement.at
        case .blindingGuess(let guess):
            line.item = guess.item
            line.left = guess.left
            line.right = guess.right
            line.target = guess.target
            line.guess = guess.guess?.rawValue ?? BlindingGuess.unknown
            line.at = guess.at
        }
        return serialize(line)
    }

    /// Decodes many lines: each event line by the fast reader, and whatever it declines (the header,
    /// damaged or unusual lines) by JSONDecoder, which also words every error.
    public static func decode(lines: [Data]) -> [Result<DecodedLine, LineError>] {
        var names = JudgementLineScanner.Names()
        return lines.map { line in
            if let (seq, event) = JournalLineReader.event(line, names: &names) { return .success(.event(seq: seq, event)) }
            return decode(line)
        }
    }

    public static func decode(_ bytes: Data) -> Result<DecodedLine, LineError> {
        let line: Line
        do {
            line = try decoder.decode(Line.self, from: bytes)
        } catch let DecodingError.keyNotFound(key, _) where key.stringValue == "type" {
            return .failure(LineError(message: "no `type` field"))
        } catch let DecodingError.typeMismatch(_, context), let DecodingError.valueNotFound(_, context) {
            if context.codingPath.isEmpty { return .failure(LineError(message: JSONLines.describeInvalid(bytes))) }
            let path = context.codingPath.map(\.stringValue).joined(separator: ".")
            return .failure(LineError(message: "`\(path)` has the wrong type"))
        } catch let DecodingError.dataCorrupted(context) {
            if context.codingPath.isEmpty { return .failure(LineError(message: JSONLines.describeInvalid(bytes))) }
            let path = context.codingPath.map(\.stringValue).joined(separator: ".")
            return .failure(LineError(message: "`\(path)` is not valid"))
        } catch {
            return .failure(LineError(message: JSONLines.describeInvalid(bytes)))
        }
        return interpret(line)
    }

    private static func interpret(_ line: Line) -> Result<DecodedLine, LineError> {
        func require<T>(_ value: T?, _ name: String) throws(LineError) -> T {
            guard let value else { throw LineError(message: "\(line.type) line without `\(name)`") }
            return value
        }
        do throws(LineError) {
            switch line.type {
            case "header":
                return .success(.header(JournalHeader(
                    schema: try require(line.schema, "schema"), study: try require(line.study, "study"),
                    rater: try require(line.rater, "rater"), rubric: try require(line.rubric, "rubric"),
                    studyHash: line.studyHash ?? "", rubricHash: line.rubricHash ?? "", seed: line.seed ?? 0,
                    repeatShare: line.repeatShare ?? 0, created: line.created ?? Date(timeIntervalSince1970: 0),
                    fingerprint: line.fingerprint ?? StudyFingerprint(systems: [], tasks: [:], criteria: []))))
            case "judgement":
                for (sample, name) in [(line.leftSample, "leftSample"), (line.rightSample, "rightSample")] {
                    if let sample, sample < 1 { throw LineError(message: "judgement line with `\(name)` \(sample); samples count from 1") }
                }
                let judgement = Judgement(
                    item: try require(line.item, "item"), task: try require(line.task, "task"),
                    left: try require(line.left, "left"), right: try require(line.right, "right"),
                    leftSample: line.leftSample ?? 1, rightSample: line.rightSample ?? 1, repeatOf: line.repeatOf,
                    control: line.control, scores: try require(line.scores, "scores"), preference: line.preference, note: line.note ?? "",
                    seconds: line.seconds ?? 0, at: try require(line.at, "at"))
                return .success(.event(seq: try require(line.seq, "seq"), .judgement(judgement)))
            case "draft":
                let draft = Draft(item: try require(line.item, "item"), scores: line.scores ?? [:], preference: line.preference,
                                  note: line.note ?? "", seconds: line.seconds ?? 0, at: try require(line.at, "at"))
                return .success(.event(seq: try require(line.seq, "seq"), .draft(draft)))
            case "undo":
                return .success(.event(seq: try require(line.seq, "seq"), .undo(item: try require(line.item, "item"), at: try require(line.at, "at"))))
            case "skip":
                return .success(.event(seq: try require(line.seq, "seq"), .skip(item: try require(line.item, "item"), at: try require(line.at, "at"))))
            case "flag":
                return .success(.event(seq: try require(line.seq, "seq"),
                                       .flag(item: try require(line.item, "item"), reason: line.reason ?? "", at: try require(line.at, "at"))))
            case "unflag":
                return .success(.event(seq: try require(line.seq, "seq"), .unflag(item: try require(line.item, "item"), at: try require(line.at, "at"))))
            case "opened":
                return .success(.event(seq: try require(line.seq, "seq"), .opened(at: try require(line.at, "at"))))
            case "edits-accepted":
                let edits = AcceptedEdits(answers: try require(line.answers, "answers"), tasks: line.tasks ?? [:],
                                          studyHash: try require(line.studyHash, "studyHash"), at: try require(line.at, "at"))
                return .success(.event(seq: try require(line.seq, "seq"), .editsAccepted(edits)))
            case "calibration":
                let judgement = CalibrationJudgement(pair: try require(line.pair, "pair"), scores: line.scores ?? [:],
                                                     preference: line.preference, note: line.note ?? "",
                                                     seconds: line.seconds ?? 0, at: try require(line.at, "at"))
                return .success(.event(seq: try require(line.seq, "seq"), .calibration(judgement)))
            case "blinding-guess":
                let answer = try require(line.guess, "guess")
                guard answer == BlindingGuess.unknown || Side(rawValue: answer) != nil else {
                    throw LineError(message: "blinding-guess line with `guess` \"\(answer)\"; it must be \"A\", \"B\" or \"\(BlindingGuess.unknown)\"")
                }
                let guess = BlindingGuess(item: try require(line.item, "item"), left: try require(line.left, "left"),
                                          right: try require(line.right, "right"), target: try require(line.target, "target"),
                                          guess: Side(rawValue: answer), at: try require(line.at, "at"))
                return .success(.event(seq: try require(line.seq, "seq"), .blindingGuess(guess)))
            default:
                return .success(.unknown(seq: line.seq, type: line.type))
            }
        } catch {
            return .failure(error)
        }
    }

    private static func serialize(_ line: Line) -> Data {
        // Encoding plain values, strings and finite numbers cannot fail; an infinite `seconds` would.
        (try? encoder.encode(line)) ?? Data("{\"type\":\"\(line.type)\",\"seq\":\(line.seq ?? 0)}".utf8)
    }
}
