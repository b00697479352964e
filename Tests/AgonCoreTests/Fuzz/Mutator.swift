import Foundation
@testable import AgonCore

/// Seeded, structure-unaware mutations of corpus files, with tokens that matter to TOML and JSON:
/// a small property-based fuzzer that needs no compiler support and runs in every `swift test`.
struct Mutator {
    var random: SeededRandom
    let corpus: [Data]

    static let tokens: [String] = [
        "[[", "]]", "[", "]", "{", "}", "=", "\"", "\"\"\"", "'''", "\\", "\\u0000", "\\uD800", "\n", "\r\n", "\t",
        ",", ":", "#", ".", "..", "-", "+", "0x7f", "1e309", "-9223372036854775809", "99999999999999999999",
        "inf", "nan", "true", "null", "1979-05-27T07:32:00Z", "\u{0}", "\u{1B}[2J", "\u{202E}", "é", "中", "😀",
        "\"type\":\"judgement\"", "\"seq\":", "\"item\":", "\"at\":\"2026-01-01T00:00:00Z\"", "id = ", "[[criteria]]",
        "[[tasks]]", "[[systems]]", "[[criteria.anchors]]", "score = ", "en = ", "mode = \"comparative\"",
    ]

    init(seed: UInt64, corpus: [Data]) {
        random = SeededRandom(seed: seed)
        self.corpus = corpus
    }

    mutating func next() -> Data {
        var bytes = [UInt8](corpus[random.below(corpus.count)])
        for _ in 0...random.below(4) { mutate(&bytes) }
        return Data(bytes)
    }

    private mutating func mutate(_ bytes: inout [UInt8]) {
        let position = bytes.isEmpty ? 0 : random.below(bytes.count + 1)
        switch random.below(8) {
        case 0 where !bytes.isEmpty:  // flip a bit
            let index = min(position, bytes.count - 1)
            bytes[index] ^= UInt8(1 << random.below(8))
        case 1:  // insert a random byte
            bytes.insert(UInt8(random.below(256)), at: position)
        case 2:  // insert a meaningful token
            bytes.insert(contentsOf: Array(Self.tokens[random.below(Self.tokens.count)].utf8), at: position)
        case 3 where !bytes.isEmpty:  // delete a range
            let length = 1 + random.below(min(64, bytes.count - min(position, bytes.count - 1)))
            let start = min(position, bytes.count - 1)
            bytes.removeSubrange(start..<min(bytes.count, start + length))
        case 4 where !bytes.isEmpty:  // duplicate a range
            let start = min(position, bytes.count - 1)
            let slice = bytes[start..<min(bytes.count, start + 1 + random.below(128))]
            bytes.insert(contentsOf: slice, at: random.below(bytes.count + 1))
        case 5:  // truncate
            bytes.removeSubrange(position..<bytes.count)
        case 6:  // splice another corpus file
            let other = [UInt8](corpus[random.below(corpus.count)])
            if !other.isEmpty {
                let start = random.below(other.count)
                bytes.insert(contentsOf: other[start..<min(other.count, start + 1 + random.below(512))], at: position)
            }
        default:  // repeat a token many times (deep nesting, long lines)
            let token = Array(Self.tokens[random.below(Self.tokens.count)].utf8)
            bytes.insert(contentsOf: Array(repeating: token, count: 1 + random.below(2000)).joined(), at: position)
        }
    }
}
