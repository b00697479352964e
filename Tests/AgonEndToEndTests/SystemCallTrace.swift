import Foundation

/// The file system calls of a process, read from an `strace` log written with
/// `-f -qq -X raw -xx -s 1000000 -o <file>`: every string hex-escaped, every flag a number, one call a
/// line, prefixed by the thread id. A call another thread interrupted ("<unfinished ...>") is put
/// back together and placed where it returned, which is when its effect is certain.
struct SystemCall: Equatable {
    enum Argument: Equatable {
        case number(Int)
        case bytes(Data)
        case other(String)

        var number: Int? { if case .number(let value) = self { value } else { nil } }
        var bytes: Data? { if case .bytes(let value) = self { value } else { nil } }
        var path: String? { bytes.map { String(decoding: $0, as: UTF8.self) } }
    }

    var thread: Int
    var name: String
    var arguments: [Argument]
    /// nil when the call never returned (the process died in it).
    var result: Int?

    /// The calls the crash model understands, for strace's `-e trace=`.
    static let traced = "open,openat,creat,close,write,pwrite64,writev,lseek,fsync,fdatasync,sync_file_range,ftruncate,"
        + "mkdir,mkdirat,rename,renameat,renameat2,unlink,unlinkat,link,linkat"

    struct TraceError: Error, CustomStringConvertible {
        var description: String
    }

    static func parse(log: String) throws -> [SystemCall] {
        var calls: [SystemCall] = []
        var unfinished: [Int: String] = [:]
        for rawLine in log.split(separator: "\n", omittingEmptySubsequences: true) {
            var line = Substring(rawLine)
            guard let space = line.firstIndex(of: " "), let thread = Int(line[..<space]) else { continue }
            line = line[line.index(after: space)...].drop { $0 == " " }
            if line.hasPrefix("---") || line.hasPrefix("+++") { continue }
            if line.hasSuffix("<unfinished ...>") {
                unfinished[thread] = String(line.dropLast("<unfinished ...>".count))
                continue
            }
            var text = String(line)
            if line.hasPrefix("<... "), let resumed = line.range(of: " resumed>") {
                guard let start = unfinished.removeValue(forKey: thread) else {
                    throw TraceError(description: "a resumed call without its start: \(line.prefix(200))")
                }
                text = start + line[resumed.upperBound...]
            }
            calls.append(try parseCall(thread: thread, text))
        }
        return calls
    }

    private static func parseCall(thread: Int, _ text: String) throws -> SystemCall {
        let characters = Array(text.utf8)
        guard let open = characters.firstIndex(of: UInt8(ascii: "(")) else {
            throw TraceError(description: "not a system call: \(text.prefix(200))")
        }
        let name = String(decoding: characters[..<open], as: UTF8.self)
        var index = open + 1
        var arguments: [Argument] = []
        var depth = 0
        var current: [UInt8] = []
        var closed = false
        func finish() throws {
            let token = String(decoding: current, as: UTF8.self).trimmingCharacters(in: .whitespaces)
            current = []
            if token.isEmpty { return }
            arguments.append(try argument(token))
        }
        while index < characters.count {
            let byte = characters[index]
            if byte == UInt8(ascii: "\"") {
                // A quoted string: copy it whole, escapes included.
                current.append(byte)
                index += 1
                while index < characters.count, characters[index] != UInt8(ascii: "\"") {
                    if characters[index] == UInt8(ascii: "\\") {
                        current.append(characters[index])
                        index += 1
                    }
                    current.append(characters[index])
                    index += 1
                }
                current.append(UInt8(ascii: "\""))
                index += 1
                continue
            }
            if byte == UInt8(ascii: "[") || byte == UInt8(ascii: "{") { depth += 1 }
            if byte == UInt8(ascii: "]") || byte == UInt8(ascii: "}") { depth -= 1 }
            if depth == 0, byte == UInt8(ascii: ",") {
                try finish()
            } else if depth == 0, byte == UInt8(ascii: ")") {
                try finish()
                closed = true
                index += 1
                break
            } else {
                current.append(byte)
            }
            index += 1
        }
        guard closed else { throw TraceError(description: "unterminated call: \(text.prefix(200))") }
        let rest = String(decoding: characters[index...], as: UTF8.self).trimmingCharacters(in: .whitespaces)
        var result: Int?
        if rest.hasPrefix("=") {
            let word = rest.dropFirst().trimmingCharacters(in: .whitespaces).split(separator: " ").first.map(String.init) ?? "?"
            result = number(word)
        }
        return SystemCall(thread: thread, name: name, arguments: arguments, result: result)
    }

    private static func argument(_ token: String) throws -> Argument {
        if token.hasPrefix("\"") {
            if token.hasSuffix("...") { throw TraceError(description: "strace shortened a string; raise -s") }
            var bytes = Data()
            var scalars = Array(token.utf8.dropFirst().dropLast())
            var index = 0
            while index < scalars.count {
                if scalars[index] == UInt8(ascii: "\\"), index + 3 < scalars.count, scalars[index + 1] == UInt8(ascii: "x"),
                   let value = UInt8(String(decoding: scalars[(index + 2)...(index + 3)], as: UTF8.self), radix: 16) {
                    bytes.append(value)
                    index += 4
                } else {
                    bytes.append(scalars[index])
                    index += 1
                }
            }
            scalars = []
            return .bytes(bytes)
        }
        if let value = number(token) { return .number(value) }
        return .other(token)
    }

    private static func number(_ word: String) -> Int? {
        if word.hasPrefix("0x") { return Int(word.dropFirst(2), radix: 16) }
        if word.hasPrefix("-0x") { return Int(word.dropFirst(3), radix: 16).map { -$0 } }
        if word.count > 1, word.hasPrefix("0") { return Int(word.dropFirst(), radix: 8) }
        return Int(word)
    }
}
