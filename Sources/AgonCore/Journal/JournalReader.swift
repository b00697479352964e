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
        var contents = JournalContents(header: nil, events: [], problems: [], tornTail: nil, appendBlockers: [], intactLength: 0)
        func problem(_ line: Int, _ message: String) {
            contents.problems.append(Diagnostic(file: file, line: line, message: message))
        }
        // First the lines, then all of them decoded in one pass, then the checks in order.
        var lines: [(number: Int, bytes: Data)] = []
        var lineNumber = 0
        var start = data.startIndex
        while start < data.endIndex {
            lineNumber += 1
            let newline = data[start...].firstIndex(of: 0x0A)
            let end = newline ?? data.endIndex
            let bytes = Data(data[start..<end])
            let lineStart = start
            start = newline.map { data.index(after: $0) } ?? data.endIndex
            if newline == nil {
                // Every line Agon writes ends with a newline, so a last line without one was torn.
                contents.tornTail = .init(offset: lineStart - data.startIndex, bytes: bytes, line: lineNumber)
                problem(lineNumber, "incomplete last line (\(bytes.count) bytes; the program stopped while writing it)")
                break
            }
            contents.intactLength = start - data.startIndex
            if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { continue }
            lines.append((lineNumber, bytes))
        }
        let decoded = JournalCodec.decode(lines: lines.map(\.bytes))
        var lastSeq = 0
        var seenSeqs: [Int: Data] = [:]
        for ((lineNumber, bytes), result) in zip(lines, decoded) {
            switch result {
            case .failure(let error):
                problem(lineNumber, "unreadable line, ignored: \(error.message)")
                contents.appendBlockers.append("line \(lineNumber) is damaged")
            case .success(.header(let header)):
                if lineNumber != 1 || contents.header != nil {
                    problem(lineNumber, "a second header, ignored")
                    contents.appendBlockers.append("line \(lineNumber) is a second header")
                } else {
                    contents.header = header
                    if header.schema > JournalHeader.currentSchema {
                        problem(lineNumber, "written by a newer Agon (journal schema \(header.schema), this version reads \(JournalHeader.currentSchema))")
                        contents.appendBlockers.append("the journal uses a newer schema (\(header.schema))")
                    }
                }
            case .success(.unknown(let seq, let type)):
                problem(lineNumber, "unknown event type `\(type)`, ignored")
                contents.appendBlockers.append("line \(lineNumber) holds an event type this version does not know (`\(type)`)")
                if let seq { lastSeq = max(lastSeq, seq) }
            case .success(.event(let seq, let event)):
                if contents.header == nil, lineNumber == 1 {
                    problem(lineNumber, "the journal has no header line")
                    contents.appendBlockers.append("the journal has no header")
                }
                if let earlier = seenSeqs[seq] {
                    if earlier == bytes {
                        problem(lineNumber, "duplicate of an earlier line (seq \(seq)), ignored")
                    } else {
                        problem(lineNumber, "two different events share seq \(seq); the later one is ignored")
                        contents.appendBlockers.append("events share sequence number \(seq)")
                    }
                    continue
                }
                if seq <= lastSeq {
                    problem(lineNumber, "event seq \(seq) comes after seq \(lastSeq): out of order")
                    contents.appendBlockers.append("events are out of order at line \(lineNumber)")
                }
                seenSeqs[seq] = bytes
                lastSeq = max(lastSeq, seq)
                contents.events.append((seq, event))
            }
        }
        if contents.header == nil, !data.isEmpty, contents.tornTail?.offset != 0 {
            if !contents.appendBlockers.contains("the journal has no header") {
                contents.appendBlockers.append("the journal has no header")
            }
        }
        return contents
    }
}
