import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Line-by-line reading of JSONL files, counting lines the way an editor does (1-based, blank lines
/// count but are skipped).
public enum JSONLines {
    public static func forEachLine(in data: Data, _ body: (_ lineNumber: Int, _ bytes: Data) -> Void) {
        data.withUnsafeBytes { (buffer: UnsafeRawBufferPointer) in
            guard let base = buffer.baseAddress else { return }
            var lineNumber = 0
            var start = 0
            while start < buffer.count {
                lineNumber += 1
                let newline = memchr(base + start, 0x0A, buffer.count - start)
                let end = newline.map { base.distance(to: UnsafeRawPointer($0)) } ?? buffer.count
                var last = end
                if last > start, buffer[last - 1] == 0x0D { last -= 1 }
                var blank = true
                for offset in start..<last where buffer[offset] != 0x20 && buffer[offset] != 0x09 {
                    blank = false
                    break
                }
                if !blank { body(lineNumber, Data(bytes: base + start, count: last - start)) }
                start = end + 1
            }
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
