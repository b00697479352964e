import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Line-by-line reading of JSONL files, counting lines the way an editor does (1-based, blank lines
/// count but are skipped).
public enum JSONLines {
    /// One line of a file, where it starts, and whether a newline ended it: a last line without one
    /// may have been cut off by a crash.
    public struct Line {
        public var number: Int
        /// The line's bytes, without its newline.
        public var bytes: Data
        /// Where the line starts in the file.
        public var offset: Int
        public var terminated: Bool
    }

    /// Every line, blank or not, in order.
    public static func forEachRawLine(in data: Data, _ body: (Line) -> Void) {
        data.withUnsafeBytes { (buffer: UnsafeRawBufferPointer) in
            guard let base = buffer.baseAddress else { return }
            var number = 0
            var start = 0
            while start < buffer.count {
                number += 1
                let newline = memchr(base + start, 0x0A, buffer.count - start)
                let end = newline.map { base.distance(to: UnsafeRawPointer($0)) } ?? buffer.count
                body(Line(number: number, bytes: Data(bytes: base + start, count: end - start), offset: start, terminated: newline != nil))
                start = end + 1
            }
        }
    }

    /// The lines that hold something, with a carriage return before the newline removed.
    public static func forEachLine(in data: Data, _ body: (_ lineNumber: Int, _ bytes: Data) -> Void) {
        forEachRawLine(in: data) { line in
            var bytes = line.bytes
            if bytes.last == 0x0D { bytes.removeLast() }
            if !bytes.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { body(line.number, bytes) }
        }
    }

    /// The line as a JSON object, or nil when it is not one.
    public static func object(_ bytes: Data) -> [String: Any]? {
        (try? JSONSerialization.jsonObject(with: bytes, options: [])) as? [String: Any]
    }

    public static func describeInvalid(_ bytes: Data) -> String {
        if String(data: bytes, encoding: .utf8) == nil { return "not valid UTF-8" }
        if (try? JSONSerialization.jsonObject(with: bytes, options: [.fragmentsAllowed])) != nil {
            return "expected a JSON object ({…}) on this line"
        }
        return "not valid JSON"
    }
}
