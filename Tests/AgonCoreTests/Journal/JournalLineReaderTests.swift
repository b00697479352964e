import Foundation
import Testing
@testable import AgonCore

/// The fast reader of event lines must agree with JSONDecoder on every line it accepts, and
/// decline (leaving the decision to JSONDecoder) whatever it is not sure of.
struct JournalLineReaderTests {
    static func randomEvent(_ random: inout SeededRandom) -> JournalEvent {
        let notes = ["", "plain", "«скачок» — quoted \"twice\" \\ back/slash", "tab\there\nnewline", "😀 中文 e\u{301}", "\u{1B}[2J\u{0}"]
        let at = Date(timeIntervalSince1970: Double(1_700_000_000 + random.below(100_000_000)))
        let item = 1 + random.below(500)
        var scores: [String: CriterionScore] = [:]
        for criterion in ["originality", "tension", "cognitive-leap"] where random.below(4) > 0 {
            scores[criterion] = random.below(2) == 0
                ? CriterionScore(a: random.below(3) == 0 ? nil : 1 + random.below(7), b: 1 + random.below(7))
                : CriterionScore(comparison: random.below(7) - 3)
        }
        let preference = random.below(5) == 0 ? nil : Preference.allCases[random.below(4)]
        switch random.below(6) {
        case 0:
            return .judgement(Judgement(item: item, task: "t\(item)", left: "a", right: "b", repeatOf: random.below(3) == 0 ? item - 1 : nil,
                                        scores: scores, preference: preference, note: notes[random.below(notes.count)],
                                        seconds: Double(random.below(100_000)) / 7, at: at))
        case 1:
            return .draft(Draft(item: item, scores: scores, preference: preference, note: notes[random.below(notes.count)],
                                seconds: Double(random.below(1000)), at: at))
        case 2: return .undo(item: item, at: at)
        case 3: return .skip(item: item, at: at)
        case 4: return .flag(item: item, reason: notes[random.below(notes.count)], at: at)
        default: return .opened(at: at)
        }
    }

    @Test func acceptsEverythingAgonWritesAndAgreesWithJSONDecoder() {
        var random = SeededRandom(seed: 77)
        for seq in 1...3000 {
            let event = Self.randomEvent(&random)
            let line = JournalCodec.encode(event: event, seq: seq)
            let fast = JournalLineReader.event(line)
            #expect(fast?.seq == seq)
            #expect(fast?.event == event, "\(String(decoding: line, as: UTF8.self))")
            #expect(JournalCodec.decode(line) == .success(.event(seq: seq, event)))
        }
    }

    /// Mutated lines: whenever the fast reader accepts one, JSONDecoder reads the same event.
    @Test func neverDisagreesOnDamagedLines() {
        var random = SeededRandom(seed: 78)
        var corpus: [Data] = []
        for seq in 1...50 { corpus.append(JournalCodec.encode(event: Self.randomEvent(&random), seq: seq)) }
        var mutator = Mutator(seed: 79, corpus: corpus)
        var accepted = 0
        for _ in 0..<5000 {
            let line = mutator.next()
            guard let fast = JournalLineReader.event(line) else { continue }
            accepted += 1
            #expect(JournalCodec.decode(line) == .success(.event(seq: fast.seq, fast.event)),
                    "fast reader accepted what JSONDecoder reads differently: \(String(decoding: line, as: UTF8.self))")
        }
        #expect(accepted > 100)
    }

    /// The judgement lines Agon writes with plain text are read by the byte scanner itself (not
    /// only by the general path behind it), to the same judgement JSONDecoder reads.
    @Test func theScannerReadsPlainJudgementLinesAsJSONDecoderDoes() throws {
        var random = SeededRandom(seed: 81)
        var scanned = 0
        for seq in 1...3000 {
            guard case .judgement(var judgement) = Self.randomEvent(&random) else { continue }
            judgement.note = ["", "plain words", "«скачок» ёмкий 😀"][random.below(3)]
            judgement.leftSample = 1 + random.below(3)
            // Seconds as the screen records them (tenths); a 17-digit one goes to the general path.
            judgement.seconds = Double(random.below(100_000)) / 10
            let line = JournalCodec.encode(event: .judgement(judgement), seq: seq)
            let fast = line.withUnsafeBytes { JudgementLineScanner.judgement($0.bindMemory(to: UInt8.self)) }
            let read = try #require(fast, "\(String(decoding: line, as: UTF8.self))")
            #expect(read.seq == seq)
            #expect(read.judgement == judgement)
            #expect(JournalCodec.decode(line) == .success(.event(seq: seq, .judgement(read.judgement))))
            scanned += 1
        }
        #expect(scanned > 300)
    }

    @Test func theScannerLeavesUnusualJudgementLinesToTheGeneralPath() {
        let plain = #"{"at":"2026-11-29T10:14:03Z","item":2,"left":"a","note":"","preference":"A","right":"b","scores":{"x":{"A":1,"B":2}},"seconds":3.5,"seq":1,"task":"t","type":"judgement"}"#
        let scan = { (line: String) in Data(line.utf8).withUnsafeBytes { JudgementLineScanner.judgement($0.bindMemory(to: UInt8.self)) } }
        #expect(scan(plain)?.judgement.seconds == 3.5)
        for line in [
            plain.replacingOccurrences(of: #""note":"""#, with: #""note":"a"b""#),          // an escape
            plain.replacingOccurrences(of: #","seq":1"#, with: #", "seq":1"#),               // whitespace
            plain.replacingOccurrences(of: #""seconds":3.5"#, with: #""seconds":3.5e0"#),   // an exponent
            plain.replacingOccurrences(of: #""seconds":3.5"#, with: #""seconds":1234567890.1234567"#),  // too many digits
            plain.replacingOccurrences(of: #""item":2"#, with: #""item":-2"#),               // a sign
            plain.replacingOccurrences(of: #""item":2"#, with: #""item":02"#),               // a leading zero
            plain.replacingOccurrences(of: #""type":"judgement""#, with: #""type":"draft""#),
            plain.replacingOccurrences(of: #""seq":1,"#, with: #""seq":1,"extra":1,"#),      // an unknown key
            plain.replacingOccurrences(of: #""seq":1,"#, with: #""seq":1,"seq":2,"#),        // a repeated key
            plain.replacingOccurrences(of: #""item":2,"#, with: #""control":{"kind":"cut"},"item":2,"#),
            plain.replacingOccurrences(of: #"{"A":1,"B":2}"#, with: #"{"A":1,"A":2}"#),
            plain + " ",
        ] {
            #expect(scan(line) == nil, "\(line)")
        }
    }

    @Test func declinesWhatItIsNotSureOf() {
        for line in [
            #"{"type":"undo","seq":1,"item":2,"at":"2026-11-29T10:14:03.5Z"}"#,     // fractional seconds
            #"{"type":"undo","seq":1,"item":2,"at":"2026-11-29T10:14:03+01:00"}"#,  // an offset
            #"{"type":"undo","seq":1,"item":2,"at":"0026-11-29T10:14:03Z"}"#,       // before the Gregorian calendar
            #"{"type":"undo","seq":1,"item":2,"at":"2026-02-30T10:14:03Z"}"#,       // no such day
            #"{"type":"undo","seq":1e999,"item":2,"at":"2026-11-29T10:14:03Z"}"#,  // beyond a Double
            #"{"type":"undo","seq":1,"item":2.0,"at":"2026-11-29T10:14:03Z"}"#,     // not an integer
            #"{"type":"undo","seq":1,"seq":2,"item":2,"at":"2026-11-29T10:14:03Z"}"#,  // duplicate key
            #"{"type":"judgement","seq":1,"item":2,"at":"2026-11-29T10:14:03Z"}"#,  // fields missing
            #"{"type":"header","seq":0}"#,
            #"{"type":"judgement","seq":1,"item":1,"task":"t","left":"a","right":"b","scores":{},"preference":"C","at":"2026-11-29T10:14:03Z"}"#,
            #"{"type":"undo","seq":1,"item":2,"at":"2026-11-29T10:14:03Z"} x"#,
        ] {
            #expect(JournalLineReader.event(Data(line.utf8)) == nil, "\(line)")
        }
    }
}

/// The answers reader's fast path must read exactly what Foundation's JSON reader reads.
struct AnswersFastPathTests {
    @Test func agreesWithFoundationOnMutatedAnswers() {
        let corpus = ParserFuzzTests.corpus("answers").flatMap { $0.split(separator: 0x0A).map { Data($0) } }
        var mutator = Mutator(seed: 80, corpus: corpus)
        var accepted = 0
        for _ in 0..<5000 {
            let line = mutator.next()
            guard let fast = AnswersFileReader.fastFields(line) else { continue }
            accepted += 1
            let object = JSONLines.object(line)
            #expect(object?["task"] as? String == fast.0 && object?["system"] as? String == fast.1 && object?["text"] as? String == fast.3
                    && ((object?["sample"] as? NSNumber)?.intValue ?? 1) == fast.2,
                    "\(String(decoding: line, as: UTF8.self))")
        }
        #expect(accepted > 100)
    }
}
