import Foundation

/// A fast, strict reader for the event lines Agon itself writes. Foundation's JSONDecoder spends
/// most of a resume in its Codable machinery (about 25 µs a line: 2.5 s for a 100,000-event
/// journal); this reads the same lines about three times faster. It accepts only what it is
/// sure of — plain integers, the `…T…Z` dates Agon writes, known preference names — and returns nil
/// for anything else, which `JournalCodec` then hands to JSONDecoder: the decoder stays the judge of
/// every unusual line and of every error message.
enum JournalLineReader {
    static func event(_ bytes: Data) -> (seq: Int, event: JournalEvent)? {
        var names = JudgementLineScanner.Names()
        return event(bytes, names: &names)
    }

    /// - Parameter names: criterion names seen on earlier lines of the same journal.
    static func event(_ bytes: Data, names: inout JudgementLineScanner.Names) -> (seq: Int, event: JournalEvent)? {
        bytes.withUnsafeBytes { raw -> (Int, JournalEvent)? in
            if let (seq, judgement) = JudgementLineScanner.judgement(raw.bindMemory(to: UInt8.self), names: &names) {
                return (seq, .judgement(judgement))
            }
            var parser = JSONValue.Parser(bytes: raw.bindMemory(to: UInt8.self))
            guard let value = parser.document(), case .object(let fields) = value,
                  case .string(let type)? = fields["type"], case .number(let seqText)? = fields["seq"],
                  let seq = Int(seqText), let at = date(fields["at"]) else { return nil }
            func integer(_ key: String) -> Int?? {
                switch fields[key] {
                case nil, .null?: return .some(nil)
                case .number(let text)?: return Int(text).map { .some($0) } ?? nil
                default: return nil
                }
            }
            func text(_ key: String) -> String?? {
                switch fields[key] {
                case nil, .null?: return .some(nil)
                case .string(let value)?: return .some(value)
                default: return nil
                }
            }
            switch type {
            case "judgement", "draft":
                guard let item = integer("item") ?? nil, let scores = scores(fields["scores"], required: type == "judgement"),
                      let preferenceText = text("preference"), let note = text("note"),
                      let secondsValue = number(fields["seconds"]) else { return nil }
                let preference = preferenceText.map { Preference(rawValue: $0) }
                if preference == .some(nil) { return nil }
                if type == "draft" {
                    return (seq, .draft(Draft(item: item, scores: scores, preference: preference ?? nil, note: note ?? "",
                                              seconds: secondsValue ?? 0, at: at)))
                }
                // A control item's judgement is rare: the decoder reads it.
                if let control = fields["control"], control != .null { return nil }
                guard let task = text("task") ?? nil, let left = text("left") ?? nil, let right = text("right") ?? nil,
                      let repeatOf = integer("repeatOf"), let leftSample = integer("leftSample"),
                      let rightSample = integer("rightSample"), (leftSample ?? 1) >= 1, (rightSample ?? 1) >= 1 else { return nil }
                return (seq, .judgement(Judgement(item: item, task: task, left: left, right: right,
                                                  leftSample: leftSample ?? 1, rightSample: rightSample ?? 1, repeatOf: repeatOf,
                                                  scores: scores, preference: preference ?? nil, note: note ?? "",
                                                  seconds: secondsValue ?? 0, at: at)))
            case "undo", "skip", "unflag":
                guard let item = integer("item") ?? nil else { return nil }
                switch type {
                case "undo": return (seq, .undo(item: item, at: at))
                case "skip": return (seq, .skip(item: item, at: at))
                default: return (seq, .unflag(item: item, at: at))
                }
            case "flag":
                guard let item = integer("item") ?? nil, let reason = text("reason") else { return nil }
                return (seq, .flag(item: item, reason: reason ?? "", at: at))
            case "opened":
                return (seq, .opened(at: at))
            case "blinding-guess":
                guard let item = integer("item") ?? nil, let left = text("left") ?? nil, let right = text("right") ?? nil,
                      let target = text("target") ?? nil, let answer = text("guess") ?? nil,
                      answer == BlindingGuess.unknown || Side(rawValue: answer) != nil else { return nil }
                return (seq, .blindingGuess(BlindingGuess(item: item, left: left, right: right, target: target,
                                                          guess: Side(rawValue: answer), at: at)))
            case "edits-accepted":
                guard case .array(let entries)? = fields["answers"], let studyHash = text("studyHash") ?? nil else { return nil }
                var answers: [AcceptedEdits.Edit] = []
                for entry in entries {
                    guard case .object(let edit) = entry, case .string(let task)? = edit["task"], case .string(let system)? = edit["system"],
                          case .number(let sampleText)? = edit["sample"], let sample = Int(sampleText), sample >= 1,
                          case .string(let old)? = edit["old"], case .string(let new)? = edit["new"] else { return nil }
                    answers.append(AcceptedEdits.Edit(task: task, system: system, sample: sample, old: old, new: new))
                }
                var tasks: [String: String] = [:]
                switch fields["tasks"] {
                case nil, .null?: break
                case .object(let entries)?:
                    for (task, value) in entries {
                        guard case .string(let fingerprint) = value else { return nil }
                        tasks[task] = fingerprint
                    }
                default: return nil
                }
                return (seq, .editsAccepted(AcceptedEdits(answers: answers, tasks: tasks, studyHash: studyHash, at: at)))
            default:
                return nil
            }
        }
    }

    /// `nil` when the field is unusable; `.some(nil)` when it is absent or null.
    private static func number(_ value: JSONValue?) -> Double?? {
        switch value {
        case nil, .null?: return .some(nil)
        case .number(let text)?:
            guard let value = Double(text), value.isFinite else { return nil }
            return .some(value)
        default: return nil
        }
    }

    private static func scores(_ value: JSONValue?, required: Bool) -> [String: CriterionScore]? {
        guard case .object(let criteria)? = value else { return (value == nil || value == .null) && !required ? [:] : nil }
        var result: [String: CriterionScore] = [:]
        for (criterion, entry) in criteria {
            guard case .object(let sides) = entry else { return nil }
            var score = CriterionScore()
            for (key, keyPath) in [("A", \CriterionScore.a), ("B", \CriterionScore.b), ("AvsB", \CriterionScore.comparison)] {
                switch sides[key] {
                case nil, .null?: break
                case .number(let text)?:
                    guard let number = Int(text) else { return nil }
                    score[keyPath: keyPath] = number
                default: return nil
                }
            }
            result[criterion] = score
        }
        return result
    }

    private static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// `2026-11-29T10:14:03Z`, exactly as JSONEncoder's `.iso8601` writes it; anything else → nil.
    private static func date(_ value: JSONValue?) -> Date? {
        guard case .string(let text)? = value else { return nil }
        return date(text)
    }

    static func date(_ text: String) -> Date? {
        date(utf8: Array(text.utf8))
    }

    static func date<Digits: RandomAccessCollection<UInt8>>(utf8 digits: Digits) -> Date? where Digits.Index == Int {
        guard digits.count == 20, digits[4] == 0x2D, digits[7] == 0x2D, digits[10] == 0x54, digits[13] == 0x3A,
              digits[16] == 0x3A, digits[19] == 0x5A else { return nil }
        func field(_ range: Range<Int>) -> Int? {
            var total = 0
            for index in range {
                let digit = Int(digits[index]) - 48
                guard (0...9).contains(digit) else { return nil }
                total = total * 10 + digit
            }
            return total
        }
        guard let year = field(0..<4), let month = field(5..<7), let day = field(8..<10), let hour = field(11..<13),
              let minute = field(14..<16), let second = field(17..<19),
              (1...12).contains(month), (1...31).contains(day), hour < 24, minute < 60, second < 60,
              // Foundation's calendar turns Julian before 1582; keep to years it agrees on.
              (1970...9999).contains(year), day <= daysIn(month: month, year: year) else { return nil }
        // Days from the civil date (Howard Hinnant's algorithm), proleptic Gregorian, UTC.
        let shiftedYear = month <= 2 ? year - 1 : year
        let era = (shiftedYear >= 0 ? shiftedYear : shiftedYear - 399) / 400
        let yearOfEra = shiftedYear - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        let days = era * 146_097 + dayOfEra - 719_468
        return Date(timeIntervalSince1970: Double(days * 86_400 + hour * 3_600 + minute * 60 + second))
    }
}
