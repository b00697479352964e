/// A JSON value as read by `JSONValue.Parser`: a strict, fast reader for the one-object lines of
/// Agon's own JSONL files (journals, answers). Callers fall back to Foundation's JSON readers for
/// anything it declines, so Foundation stays the judge of unusual input and of error messages.
indirect enum JSONValue: Equatable {
    case object([String: JSONValue])
    case array([JSONValue])
    case string(String)
    /// The number's text, converted by the reader of each field (exact integers stay exact).
    case number(String)
    case bool(Bool)
    case null
}

extension JSONValue {
    /// RFC 8259, strictly; nil on anything it does not accept (including duplicate keys and nesting
    /// deeper than 32), so that the fallback decides.
    struct Parser {
        let bytes: UnsafeBufferPointer<UInt8>
        var position = 0
        var depth = 0

        mutating func document() -> JSONValue? {
            guard let value = value() else { return nil }
            skipSpace()
            return position == bytes.count ? value : nil
        }

        private mutating func skipSpace() {
            while position < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[position]) { position += 1 }
        }

        private mutating func value() -> JSONValue? {
            skipSpace()
            guard position < bytes.count else { return nil }
            switch bytes[position] {
            case 0x7B: return object()
            case 0x5B: return array()
            case 0x22: return string().map(JSONValue.string)
            case 0x74: return literal("true", .bool(true))
            case 0x66: return literal("false", .bool(false))
            case 0x6E: return literal("null", .null)
            default: return number()
            }
        }

        private mutating func literal(_ word: String, _ value: JSONValue) -> JSONValue? {
            for byte in word.utf8 {
                guard position < bytes.count, bytes[position] == byte else { return nil }
                position += 1
            }
            return value
        }

        private mutating func object() -> JSONValue? {
            depth += 1
            defer { depth -= 1 }
            guard depth <= 32 else { return nil }
            position += 1
            var fields: [String: JSONValue] = [:]
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

        private mutating func array() -> JSONValue? {
            depth += 1
            defer { depth -= 1 }
            guard depth <= 32 else { return nil }
            position += 1
            var elements: [JSONValue] = []
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

        private mutating func number() -> JSONValue? {
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
            let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<position]), as: UTF8.self)
            // Foundation refuses numbers beyond a Double's range; so must this reader, to agree with it.
            guard let value = Double(text), value.isFinite else { return nil }
            return .number(text)
        }
    }
}
