import Foundation

/// The judgement lines of a journal — nearly every line a report reads — read straight from their
/// bytes: keys matched as bytes and values converted in place, with no dictionary of values built
/// on the way (`JournalLineReader`'s general path spends most of its time there: about 12 µs a
/// line, over a second for 100,000 judgements).
///
/// It accepts only the plain form `JournalCodec` writes: no whitespace, no escapes in strings, no
/// `control`, no unknown or repeated key, plain integers. Anything else gives nil and the line goes
/// on to `JournalLineReader`'s general path (and from there, if need be, to JSONDecoder), so every
/// unusual line is still judged by the readers that word errors.
struct JudgementLineScanner {
    /// The criterion names a journal's lines repeat, kept from line to line so that each line
    /// shares one string rather than building its own (a name past 15 bytes is a heap allocation).
    struct Names {
        fileprivate var known: [(bytes: [UInt8], name: String)] = []

        fileprivate mutating func name(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
            for entry in known where entry.bytes.count == bytes.count {
                if entry.bytes.withUnsafeBufferPointer({ memcmp($0.baseAddress!, bytes.baseAddress!, bytes.count) == 0 }) {
                    return entry.name
                }
            }
            guard let name = String(validating: bytes, as: UTF8.self) else { return nil }
            if known.count < 64 { known.append((Array(bytes), name)) }
            return name
        }
    }

    private let bytes: UnsafeBufferPointer<UInt8>
    private var position = 0

    private init(_ bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
    }

    static func judgement(_ bytes: UnsafeBufferPointer<UInt8>) -> (seq: Int, judgement: Judgement)? {
        var names = Names()
        return judgement(bytes, names: &names)
    }

    static func judgement(_ bytes: UnsafeBufferPointer<UInt8>, names: inout Names) -> (seq: Int, judgement: Judgement)? {
        var scanner = JudgementLineScanner(bytes)
        return scanner.line(&names)
    }

    private enum Key: String, CaseIterable {
        case at, item, left, leftSample, note, preference, repeatOf, right, rightSample, scores, seconds, seq, task, type

        static let spelled: [(bytes: [UInt8], key: Key)] = allCases.map { (Array($0.rawValue.utf8), $0) }

        /// A short linear scan: no allocation, no hashing, for fourteen names.
        static func named(_ name: UnsafeBufferPointer<UInt8>) -> Key? {
            for (bytes, key) in spelled where bytes.count == name.count && bytes[0] == name[0] {
                if bytes.withUnsafeBufferPointer({ memcmp($0.baseAddress!, name.baseAddress!, name.count) == 0 }) { return key }
            }
            return nil
        }

        var bit: UInt32 { 1 << UInt32(Self.allCases.firstIndex(of: self)!) }
    }

    private mutating func line(_ names: inout Names) -> (seq: Int, judgement: Judgement)? {
        guard take(0x7B) else { return nil }
        var seen: UInt32 = 0
        var at: Date?, item: Int?, seq: Int?, seconds = 0.0, note = ""
        var task: String?, left: String?, right: String?, preference: Preference?
        var leftSample = 1, rightSample = 1, repeatOf: Int?
        var scores: [String: CriterionScore]?
        var isJudgement = false
        repeat {
            guard let key = key() else { return nil }
            guard seen & key.bit == 0 else { return nil }
            seen |= key.bit
            switch key {
            case .at:
                guard let text = plainBytes(), let date = JournalLineReader.date(utf8: text) else { return nil }
                at = date
            case .item: guard let value = integer() else { return nil }; item = value
            case .seq: guard let value = integer() else { return nil }; seq = value
            case .left: guard let value = plainString() else { return nil }; left = value
            case .right: guard let value = plainString() else { return nil }; right = value
            case .task: guard let value = plainString() else { return nil }; task = value
            case .note:
                if null() { break }
                guard let value = plainString() else { return nil }
                note = value
            case .preference:
                if null() { break }
                guard let text = plainString(), let value = Preference(rawValue: text) else { return nil }
                preference = value
            case .seconds:
                if null() { break }
                guard let value = number() else { return nil }
                seconds = value
            case .leftSample, .rightSample:
                if null() { break }
                guard let value = integer(), value >= 1 else { return nil }
                if key == .leftSample { leftSample = value } else { rightSample = value }
            case .repeatOf:
                if null() { break }
                guard let value = integer() else { return nil }
                repeatOf = value
            case .scores:
                guard let value = criterionScores(&names) else { return nil }
                scores = value
            case .type:
                guard let text = plainString(), text == "judgement" else { return nil }
                isJudgement = true
            }
        } while take(0x2C)
        guard take(0x7D), position == bytes.count, isJudgement, let seq, let item, let at, let task, let left, let right,
              let scores else { return nil }
        return (seq, Judgement(item: item, task: task, left: left, right: right, leftSample: leftSample,
                               rightSample: rightSample, repeatOf: repeatOf, scores: scores, preference: preference,
                               note: note, seconds: seconds, at: at))
    }

    /// `{"criterion":{"A":1,"B":null,"AvsB":2},…}`, keys of a score being A, B and AvsB only.
    private mutating func criterionScores(_ names: inout Names) -> [String: CriterionScore]? {
        guard take(0x7B) else { return nil }
        var result: [String: CriterionScore] = [:]
        if take(0x7D) { return result }
        result.reserveCapacity(max(names.known.count, 4))
        repeat {
            guard let bytes = plainBytes(), let criterion = names.name(bytes), take(0x3A), take(0x7B), result[criterion] == nil else { return nil }
            var score = CriterionScore()
            var seen = 0
            if !take(0x7D) {
                repeat {
                    guard let side = plainBytes(), take(0x3A) else { return nil }
                    let value: Int?
                    if null() { value = nil } else {
                        // Comparative scores run from −k to +k.
                        let negative = take(0x2D)
                        guard let number = integer() else { return nil }
                        value = negative ? -number : number
                    }
                    switch (side.count, side.first, side.last) {
                    case (1, 0x41, _) where seen & 1 == 0: score.a = value; seen |= 1
                    case (1, 0x42, _) where seen & 2 == 0: score.b = value; seen |= 2
                    case (4, 0x41, 0x42) where seen & 4 == 0 && side[1] == 0x76 && side[2] == 0x73:
                        score.comparison = value; seen |= 4
                    default: return nil
                    }
                } while take(0x2C)
                guard take(0x7D) else { return nil }
            }
            result[criterion] = score
        } while take(0x2C)
        return take(0x7D) ? result : nil
    }

    private mutating func key() -> Key? {
        guard let name = plainBytes(), !name.isEmpty, take(0x3A) else { return nil }
        return Key.named(name)
    }

    @inline(__always) private mutating func take(_ byte: UInt8) -> Bool {
        guard position < bytes.count, bytes[position] == byte else { return false }
        position += 1
        return true
    }

    private mutating func null() -> Bool {
        guard position + 4 <= bytes.count, bytes[position] == 0x6E, bytes[position + 1] == 0x75,
              bytes[position + 2] == 0x6C, bytes[position + 3] == 0x6C else { return false }
        position += 4
        return true
    }

    /// A string's bytes when it has no escape and no control character.
    private mutating func plainBytes() -> UnsafeBufferPointer<UInt8>? {
        guard take(0x22) else { return nil }
        let start = position
        while position < bytes.count {
            let byte = bytes[position]
            if byte == 0x22 {
                position += 1
                return UnsafeBufferPointer(rebasing: bytes[start..<(position - 1)])
            }
            if byte == 0x5C || byte < 0x20 { return nil }
            position += 1
        }
        return nil
    }

    private mutating func plainString() -> String? {
        guard let bytes = plainBytes() else { return nil }
        // ASCII (ids, dates, most notes) needs no validation; anything else is validated.
        var ascii = true
        for byte in bytes where byte >= 0x80 {
            ascii = false
            break
        }
        return ascii ? String(decoding: bytes, as: UTF8.self) : String(validating: bytes, as: UTF8.self)
    }

    /// A JSON integer without sign, fraction or exponent, as the journal writes item numbers.
    private mutating func integer() -> Int? {
        let start = position
        var value = 0
        while position < bytes.count, (0x30...0x39).contains(bytes[position]) {
            guard position - start < 18 else { return nil }
            value = value * 10 + Int(bytes[position] - 0x30)
            position += 1
        }
        guard position > start, !(bytes[start] == 0x30 && position - start > 1) else { return nil }
        if position < bytes.count, bytes[position] == 0x2E || bytes[position] == 0x65 || bytes[position] == 0x45 { return nil }
        return value
    }

    /// A non-negative decimal such as `182.8` or `76`: digits, an optional fraction, no exponent.
    /// Exact: digits and power of ten are both exact doubles, and one correctly rounded division
    /// gives the correctly rounded value (Clinger 1990, "How to read floating point numbers
    /// accurately", the fast path), the value Foundation's reader gives. Longer numbers decline.
    private mutating func number() -> Double? {
        let start = position
        var digits: Int64 = 0
        var fractionDigits = 0
        var inFraction = false
        while position < bytes.count {
            let byte = bytes[position]
            if (0x30...0x39).contains(byte) {
                guard position - start < 15 else { return nil }
                digits = digits * 10 + Int64(byte - 0x30)
                if inFraction { fractionDigits += 1 }
            } else if byte == 0x2E, !inFraction, position > start {
                inFraction = true
            } else {
                break
            }
            position += 1
        }
        let integerDigits = position - start - (inFraction ? 1 + fractionDigits : 0)
        guard integerDigits > 0, !(inFraction && fractionDigits == 0),
              !(bytes[start] == 0x30 && integerDigits > 1) else { return nil }
        if position < bytes.count, bytes[position] == 0x65 || bytes[position] == 0x45 { return nil }
        return Double(digits) / Self.powersOfTen[fractionDigits]
    }

    /// 10⁰…10¹⁵, each exact (products of exact integers below 2⁵³).
    private static let powersOfTen: [Double] = (0...15).map { exponent in (0..<exponent).reduce(1.0) { power, _ in power * 10 } }
}
