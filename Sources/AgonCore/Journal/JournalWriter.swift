import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The one writer of a journal. Holds an exclusive advisory lock for as long as it lives, appends
/// each event as one line with a single `write`, and `fsync`s before returning: once `append`
/// returns, the event survives a crash or power loss.
///
/// After a failed write (disk full, say), the file is cut back to its last complete line before the
/// next write, so a half-written line never stays between two good ones.
public final class JournalWriter: @unchecked Sendable {
    public let file: URL
    private let descriptor: Int32
    private var committedLength: off_t
    public private(set) var nextSeq: Int

    public enum OpenError: Error, Equatable {
        case locked
        case system(String)

        public var message: String {
            switch self {
            case .locked: return "the journal is in use by another writer"
            case .system(let message): return message
            }
        }
    }

    /// Opens (creating if needed) and locks `file`. Fails with `.locked` if another writer holds it.
    public init(file: URL) throws(OpenError) {
        self.file = file
        let descriptor = open(file.path, O_RDWR | O_CREAT | O_APPEND | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw .system(Self.describeErrno("cannot open \(file.path)")) }
        if flock(descriptor, LOCK_EX | LOCK_NB) != 0 {
            let code = errno
            close(descriptor)
            if code == EWOULDBLOCK { throw .locked }
            throw .system("cannot lock \(file.path): \(String(cString: strerror(code)))")
        }
        self.descriptor = descriptor
        committedLength = lseek(descriptor, 0, SEEK_END)
        nextSeq = 1
    }

    deinit {
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }

    /// Cuts the file to `length` bytes: used once, on opening, to set a torn last line aside.
    public func truncate(to length: Int) throws(OpenError) {
        guard ftruncate(descriptor, off_t(length)) == 0, fsync(descriptor) == 0 else {
            throw .system(Self.describeErrno("cannot repair \(file.path)"))
        }
        committedLength = off_t(length)
    }

    public func setNextSeq(_ seq: Int) {
        nextSeq = seq
    }

    public func appendHeader(_ header: JournalHeader) throws(OpenError) {
        try appendLine(JournalCodec.encode(header: header))
        Self.syncFolder(of: file)
    }

    public func append(_ event: JournalEvent) throws(OpenError) {
        try appendLine(JournalCodec.encode(event: event, seq: nextSeq))
        nextSeq += 1
    }

    /// Appends one line of the caller's own format (the collection journal, answers.jsonl) with the
    /// same single write, fsync and repair as events; an empty `json` only ends an unterminated line.
    public func append(line json: Data) throws(OpenError) {
        try appendLine(json)
        if committedLength == off_t(json.count + 1) { Self.syncFolder(of: file) }
    }

    private func appendLine(_ json: Data) throws(OpenError) {
        // A previous write may have failed half-way: remove its remains first.
        let currentLength = lseek(descriptor, 0, SEEK_END)
        if currentLength != committedLength {
            guard ftruncate(descriptor, committedLength) == 0 else {
                throw .system(Self.describeErrno("cannot repair \(file.path) after an earlier failed write"))
            }
        }
        var line = json
        line.append(0x0A)
        let written = line.withUnsafeBytes { buffer -> Int in
            var offset = 0
            while offset < buffer.count {
                let result = write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                if result < 0 {
                    if errno == EINTR { continue }
                    return -1
                }
                offset += result
            }
            return offset
        }
        guard written == line.count else {
            let message = Self.describeErrno("could not write to \(file.path)")
            _ = ftruncate(descriptor, committedLength)
            throw .system(message)
        }
        guard fsync(descriptor) == 0 else {
            let message = Self.describeErrno("could not save \(file.path) to disk")
            _ = ftruncate(descriptor, committedLength)
            throw .system(message)
        }
        committedLength += off_t(line.count)
    }

    /// A new file's name lives in its folder: sync the folder too, or a crash can lose the file.
    private static func syncFolder(of file: URL) {
        let folder = open(file.deletingLastPathComponent().path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard folder >= 0 else { return }
        fsync(folder)
        close(folder)
    }

    private static func describeErrno(_ context: String) -> String {
        "\(context): \(String(cString: strerror(errno)))"
    }
}
