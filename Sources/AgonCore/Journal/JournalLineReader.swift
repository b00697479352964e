import Foundation

/// A fast, strict reader for the event lines Agon itself writes. Foundation's JSONDecoder spends
/// most of a resume in its Codable machinery (about 25 µs a line: 2.5 s for a 100,000-event
/// journal); this reads the same lines an order of magnitude faster. It accepts only what it is
/// sure of — plain integers, the `…T…Z` dates Agon writes, known preference names — and returns nil
/// for anything else, which `JournalCodec` then hands to JSONDecoder: the decoder stays the judge of
/// every unusual line and of every error message.
enum JournalLineReader {
    static func event(_ bytes: Data) -> (seq: Int, event: JournalEvent)? {
        bytes.withUnsafeBytes { raw -> (Int, JournalEvent)? in
            var parser = Parser(bytes: raw.bindMemory(to: UInt8.self))
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
                guard let task = text("task") ?? nil, let left = text("left") ?? nil, let right = text("right") ?? nil,
                      let repeatOf = integer("repeatOf") else { return nil }
                return (seq, .judgement(Judgement(item: item, task: task, left: left, right: right, repeatOf: repeatOf,
                                                  scores: scores, preference: preference ?? nil, note: note ?? "",
                                                  seconds: secondsValue ?? 0, at: at)))
            case "undo", "skip":
                guard let item = integer("item") ?? nil else { return nil }
                return (seq, type == "undo" ? .undo(item: item, at: at) : .skip(item: item, at: at))
            case "flag":
                guard let item = integer("item") ?? nil, let reason = text("reason") else { return nil }
                return (seq, .flag(item: item, reason: reason ?? "", at: at))
            case "opened":
                return (seq, .opened(at: at))
            default:
                return nil
            }
        }
    }

    /// `nil` when the field is unusable; `.some(nil)` when it is absent or null.
    private static func number(_ value: Value?) -> Double?? {
        switch value {
        case nil, .null?: return .some(nil)
        case .number(let text)?:
            guard let value = Double(text), value.isFinite else { return nil }
            return .some(value)
        default: return nil
        }
    }

    private static func scores(_ value: Value?, required: Bool) -> [String: CriterionScore]? {
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

    /// `2026-11-29T10:14:03Z`, exactly as JSONEncoder's `.iso8601` writes it; anything else → nil.
    private static func date(_ value: Value?) -> Date? {
        guard case .string(let text)? = value else { return nil }
        let digits = Array(text.utf8)
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
              (1...12).contains(month), (1...31).contains(day), hour < 24, minute < 60, second < 60 else { return nil }
        // Days from the civil date (Howard Hinnant's algorithm), proleptic Gregorian, UTC.
        let shiftedYear = month <= 2 ? year - 1 : year
        let era = (shiftedYear >= 0 ? shiftedYear : shiftedYear - 399) / 400
        let yearOfEra = shiftedYear - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        let days = era * 146_097 + dayOfEra - 719_468
        return Date(timeIntervalSince1970: Double(days * 86_400 + hour * 3_600 + minute * 60 + second))
    }

    indirect enum Value: Equatable {
        case object([String: Value])
        case array([Value])
        case string(String)
        /// The number's text, converted by the reader of each field (exact integers stay exact).
        case number(String)
        case bool(Bool)
        case null
    }

    /// RFC 8259, strictly; nil on anything it does not accept (including duplicate keys and nesting
    /// deeper than 32), so that the fallback decides.
    struct Parser {
        let bytes: UnsafeBufferPointer<UInt8>
        var position = 0
        var depth = 0

        mutating func document() -> Value? {
            guard let value = value() else { return nil }
            skipSpace()
            return position == bytes.count ? value : nil
        }

        private mutating func skipSpace() {
            while position < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[position]) { position += 1 }
        }

        private mutating func value() -> Value? {
            skipSpace()
            guard position < bytes.count else { return nil }
            switch bytes[position] {
            case 0x7B: return object()
            case 0x5B: return array()
            case 0x22: return string().map(Value.string)
            case 0x74: return literal("true", .bool(true))
            case 0x66: return literal("false", .bool(false))
            case 0x6E: return literal("null", .null)
            default: return number()
            }
        }

        private mutating func literal(_ word: String, _ value: Value) -> Value? {
            for byte in word.utf8 {
                guard position < bytes.count, bytes[position] == byte else { return nil }
                position += 1
            }
            return value
        }

        private mutating func object() -> Value? {
            depth += 1
            defer { depth -= 1 }
            guard depth <= 32 else { return nil }
            position += 1
            var fields: [String: Value] = [:]
            skipSpace()
            if position < bytes.count, bytes[position] == 0x7D {
                position += 1
                return .object(fields)
            }
            while true {
                skipSpace()
                guard position < bytes.count, bytes[position] == 0x22, let key = string() else { return nil }
                skipSpace()
                guard position < bytes.count, bytes[position] == 0x3A else { return nil }
                position += 1
                guard let value = value(), fields.updateValue(value, forKey: key) == nil else { return nil }
                skipSpace()
                guard position < bytes.count else { return nil }
                if bytes[position] == 0x2C { position += 1; continue }
                if bytes[position] == 0x7D { position += 1; return .object(fields) }
                return nil
            }
        }

        private mutating func array() -> Value? {
            depth += 1
            defer { depth -= 1 }
            guard depth <= 32 else { return nil }
            position += 1
            var elements: [Value] = []
            skipSpace()
            if position < bytes.count, bytes[position] == 0x5D {
                position += 1
                return .array(elements)
            }
            while true {
                guard let element = value() else { return nil }
                elements.append(element)
                skipSpace()
                guard position < bytes.count else { return nil }
                if bytes[position] == 0x2C { position += 1; continue }
                if bytes[position] == 0x5D { position += 1; return .array(elements) }
                return nil
            }
        }

        private mutating func string() -> String? {
            position += 1
            let start = position
            var plain = true
            while position < bytes.count {
                let byte = bytes[position]
                if byte == 0x22 { break }
                if byte < 0x20 { return nil }
                if byte == 0x5C { plain = false; position += 2; continue }
                position += 1
            }
            guard position < bytes.count else { return nil }
            let end = position
            position += 1
            let slice = UnsafeBufferPointer(rebasing: bytes[start..<end])
            if plain { return String(validating: slice, as: UTF8.self) }
            return unescape(slice)
        }

        private func unescape(_ slice: UnsafeBufferPointer<UInt8>) -> String? {
            var out: [UInt8] = []
            out.reserveCapacity(slice.count)
            var index = 0
            func hex4(_ at: Int) -> UInt32? {
                guard at + 4 <= slice.count else { return nil }
                var value: UInt32 = 0
                for offset in 0..<4 {
                    guard let digit = Character(Unicode.Scalar(slice[at + offset])).hexDigitValue else { return nil }
                    value = value * 16 + UInt32(digit)
                }
                return value
            }
            while index < slice.count {
                let byte = slice[index]
                guard byte == 0x5C else { out.append(byte); index += 1; continue }
                guard index + 1 < slice.count else { return nil }
                let escape = slice[index + 1]
                index += 2
                switch escape {
                case 0x22, 0x5C, 0x2F: out.append(escape)
                case 0x62: out.append(0x08)
                case 0x66: out.append(0x0C)
                case 0x6E: out.append(0x0A)
                case 0x72: out.append(0x0D)
                case 0x74: out.append(0x09)
                case 0x75:
                    guard var code = hex4(index) else { return nil }
                    index += 4
                    if (0xD800...0xDBFF).contains(code) {
                        guard index + 6 <= slice.count, slice[index] == 0x5C, slice[index + 1] == 0x75,
                              let low = hex4(index + 2), (0xDC00...0xDFFF).contains(low) else { return nil }
                        index += 6
                        code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                    }
                    guard let scalar = Unicode.Scalar(code) else { return nil }
                    out.append(contentsOf: Array(String(Character(scalar)).utf8))
                default: return nil
                }
            }
            return String(validating: out, as: UTF8.self)
        }

        private mutating func number() -> Value? {
            let start = position
            if position < bytes.count, bytes[position] == 0x2D { position += 1 }
            let integerStart = position
            while position < bytes.count, (0x30...0x39).contains(bytes[position]) { position += 1 }
            guard position > integerStart, !(bytes[integerStart] == 0x30 && position - integerStart > 1) else { return nil }
            if position < bytes.count, bytes[position] == 0x2E {
                position += 1
                let fraction = position
                while position < bytes.count, (0x30...0x39).contains(bytes[position]) { position += 1 }
                guard position > fraction else { return nil }
            }
            if position < bytes.count, bytes[position] == 0x65 || bytes[position] == 0x45 {
                position += 1
                if position < bytes.count, bytes[position] == 0x2B || bytes[position] == 0x2D { position += 1 }
                let exponent = position
                while position < bytes.count, (0x30...0x39).contains(bytes[position]) { position += 1 }
                guard position > exponent else { return nil }
            }
            return .number(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<position]), as: UTF8.self))
        }
    }
}
