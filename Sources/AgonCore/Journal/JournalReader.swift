import Foundation

/// A journal file read back: its header, its events in order, and everything odd about it.
public struct JournalContents: Sendable {
    public var header: JournalHeader?
    public var events: [(seq: Int, event: JournalEvent)]
    public var problems: [Diagnostic]
    /// An incomplete last line (a crash in the middle of a write): its byte offset and bytes.
    public var tornTail: TornTail?
    /// Reasons why appending to this journal would be unsafe; empty when it is safe.
    public var appendBlockers: [String]
    /// Bytes up to the end of the last complete line.
    public var intactLength: Int
    /// The last line is a whole line but lacks its newline (another program wrote it): it is read,
    /// and the newline is added before the next append.
    public var endsWithoutNewline = false

    public struct TornTail: Sendable, Equatable {
        public var offset: Int
        public var bytes: Data
        public var line: Int
    }
}

public enum JournalReader {
    public static func read(file: URL) throws(DiagnosticsError) -> JournalContents {
        guard let data = FileManager.default.contents(atPath: file.path) else {
            throw DiagnosticsError([Diagnostic(file: file.path, line: nil, message: "cannot read the journal")])
        }
        return parse(data: data, file: file.path)
    }

    public static func parse(data: Data, file: String) -> JournalContents {
        // Plain locals rather than one struct captured by `problem`: a captured variable is checked
        // for exclusive access on every use, which cost a tenth of a 100,000-event resume.
        var problems: [Diagnostic] = []
        var blockers: [String] = []
        func problem(_ line: Int, _ message: String) {
            problems.append(Diagnostic(file: file, line: line, message: message))
        }
        // First the lines, then all of them decoded, then the checks in order.
        var lines: [(number: Int, bytes: Data)] = []
        var tornTail: JournalContents.TornTail?
        var intactLength = 0
        var endsWithoutNewline = false
        JSONLines.forEachRawLine(in: data) { line in
            // Every line Agon writes ends with a newline, so a last line without one was torn — unless
            // it decodes whole (an editor or another tool left the newline off): that one is kept.
            // A cut line cannot decode: every line is a JSON object, which is complete only at its end.
            guard line.terminated else {
                if case .success = JournalCodec.decode(lines: [line.bytes])[0] {
                    endsWithoutNewline = true
                    intactLength = data.count
                    lines.append((line.number, line.bytes))
                } else {
                    tornTail = .init(offset: line.offset, bytes: line.bytes, line: line.number)
                }
                return
            }
            intactLength = line.offset + line.bytes.count + 1
            if !line.bytes.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { lines.append((line.number, line.bytes)) }
        }
        let decoded = JournalCodec.decode(lines: lines.map(\.bytes))
        var header: JournalHeader?
        var events: [(seq: Int, event: JournalEvent)] = []
        events.reserveCapacity(lines.count)
        var lastSeq = 0
        var seenSeqs: [Int: Int] = [:]  // seq → index in `lines`
        for (index, result) in decoded.enumerated() {
            let lineNumber = lines[index].number
            switch result {
            case .failure(let error):
                problem(lineNumber, "unreadable line, ignored: \(error.message)")
                blockers.append("line \(lineNumber) is damaged")
            case .success(.header(let found)):
                if lineNumber != 1 || header != nil {
                    problem(lineNumber, "a second header, ignored")
                    blockers.append("line \(lineNumber) is a second header")
                } else {
                    header = found
                    if found.schema > JournalHeader.currentSchema {
                        problem(lineNumber, "written by a newer Agon (journal schema \(found.schema), this version reads \(JournalHeader.currentSchema))")
                        blockers.append("the journal uses a newer schema (\(found.schema))")
                    }
                }
            case .success(.unknown(let seq, let type)):
                problem(lineNumber, "unknown event type `\(type)`, ignored")
                blockers.append("line \(lineNumber) holds an event type this version does not know (`\(type)`)")
                if let seq { lastSeq = max(lastSeq, seq) }
            case .success(.event(let seq, let event)):
                if header == nil, lineNumber == 1 {
                    problem(lineNumber, "the journal has no header line")
                    blockers.append("the journal has no header")
                }
                if let earlier = seenSeqs[seq] {
                    if lines[earlier].bytes == lines[index].bytes {
                        problem(lineNumber, "duplicate of an earlier line (seq \(seq)), ignored")
                    } else {
                        problem(lineNumber, "two different events share seq \(seq); the later one is ignored")
                        blockers.append("events share sequence number \(seq)")
                    }
                    continue
                }
                if seq <= lastSeq {
                    problem(lineNumber, "event seq \(seq) comes after seq \(lastSeq): out of order")
                    blockers.append("events are out of order at line \(lineNumber)")
                }
                seenSeqs[seq] = index
                lastSeq = max(lastSeq, seq)
                events.append((seq, event))
            }
        }
        if let tornTail {
            problem(tornTail.line, "incomplete last line (\(tornTail.bytes.count) bytes; the program stopped while writing it)")
        }
        if header == nil, !data.isEmpty, tornTail?.offset != 0, !blockers.contains("the journal has no header") {
            blockers.append("the journal has no header")
        }
        return JournalContents(header: header, events: events, problems: problems, tornTail: tornTail,
                               appendBlockers: blockers, intactLength: intactLength, endsWithoutNewline: endsWithoutNewline)
    }
}
