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
    public convenience init(file: URL) throws(OpenError) {
        try self.init(file: file, opening: { open($0, O_RDWR | O_CREAT | O_APPEND | O_CLOEXEC, 0o644) })
    }

    /// `opening` opens the path (tests hand in a descriptor opened earlier, to stage a race).
    init(file: URL, opening: (String) -> Int32) throws(OpenError) {
        self.file = file
        // The lock belongs to the file, not to its name: a writer that opened the journal just before
        // `archive` moved it away would otherwise lock the archived copy once archive let go, and
        // append there. So, once locked, check that the path still names the file, and else start over.
        var descriptor: Int32 = -1
        for _ in 0..<100 {
            descriptor = opening(file.path)
            guard descriptor >= 0 else { throw .system(Self.describeErrno("cannot open \(file.path)")) }
            if flock(descriptor, LOCK_EX | LOCK_NB) != 0 {
                let code = errno
                close(descriptor)
                if code == EWOULDBLOCK { throw .locked }
                throw .system("cannot lock \(file.path): \(String(cString: strerror(code)))")
            }
            if Self.isStillNamed(file.path, by: descriptor) { break }
            flock(descriptor, LOCK_UN)
            close(descriptor)
            descriptor = -1
        }
        guard descriptor >= 0 else { throw .system("cannot open \(file.path): it keeps being moved away") }
        self.descriptor = descriptor
        committedLength = lseek(descriptor, 0, SEEK_END)
        nextSeq = 1
    }

    /// Whether `path` still names the file open as `descriptor` (same device and inode).
    static func isStillNamed(_ path: String, by descriptor: Int32) -> Bool {
        var open = stat(), named = stat()
        guard fstat(descriptor, &open) == 0, stat(path, &named) == 0 else { return false }
        return open.st_dev == named.st_dev && open.st_ino == named.st_ino
    }

    deinit {
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }

    /// Cuts the file to `length` bytes: used once, on opening, to set a torn last line aside (after
    /// its bytes were saved elsewhere).
    public func truncate(to length: Int) throws(OpenError) {
        guard Self.retryingInterrupts({ ftruncate(descriptor, off_t(length)) }) == 0 else {
            throw .system(Self.describeErrno("cannot repair \(file.path)"))
        }
        try sync("cannot repair \(file.path)")
        committedLength = off_t(length)
    }

    /// Ends a complete last line that lacks its newline (a file another program wrote last), so that
    /// the next event begins a line of its own.
    public func endLastLine() throws(OpenError) {
        try appendBytes(Data([0x0A]))
    }

    public func setNextSeq(_ seq: Int) {
        nextSeq = seq
    }

    public func appendHeader(_ header: JournalHeader) throws(OpenError) {
        var line = JournalCodec.encode(header: header)
        line.append(0x0A)
        try appendBytes(line)
        // A new journal's name lives in its folder: without syncing the folder a crash can lose the file.
        do {
            try Disk.syncFolder(file.deletingLastPathComponent())
        } catch {
            throw .system(error.message)
        }
    }

    public func append(_ event: JournalEvent) throws(OpenError) {
        var line = JournalCodec.encode(event: event, seq: nextSeq)
        line.append(0x0A)
        try appendBytes(line)
        nextSeq += 1
    }

    /// Appends one line of the caller's own format (the collection journal, answers.jsonl) with the
    /// same single write, fsync and repair as events; an empty `json` only ends an unterminated line.
    public func append(line json: Data) throws(OpenError) {
        let startsTheFile = committedLength == 0
        var line = json
        line.append(0x0A)
        try appendBytes(line)
        guard startsTheFile else { return }
        // A new file's name lives in its folder: without syncing the folder a crash can lose the file.
        do {
            try Disk.syncFolder(file.deletingLastPathComponent())
        } catch {
            throw .system(error.message)
        }
    }

    /// Appends `line` with one `write` and returns once `fsync` has: the acknowledgement point.
    private func appendBytes(_ line: Data) throws(OpenError) {
        // A previous write may have failed half-way: remove its remains first.
        let currentLength = lseek(descriptor, 0, SEEK_END)
        if currentLength != committedLength {
            guard ftruncate(descriptor, committedLength) == 0 else {
                throw .system(Self.describeErrno("cannot repair \(file.path) after an earlier failed write"))
            }
        }
        let written = Disk.writeAll(descriptor, line)
        guard written == line.count else {
            let message = Self.describeErrno("could not write to \(file.path)")
            _ = ftruncate(descriptor, committedLength)
            throw .system(message)
        }
        do {
            try sync("could not save \(file.path) to disk")
        } catch {
            _ = ftruncate(descriptor, committedLength)
            throw error
        }
        committedLength += off_t(line.count)
    }

    private func sync(_ context: @autoclosure () -> String) throws(OpenError) {
        do {
            try Disk.sync(descriptor: descriptor, context())
        } catch {
            throw .system(error.message)
        }
    }

    private static func retryingInterrupts(_ call: () -> Int32) -> Int32 {
        while true {
            let result = call()
            if result != 0, errno == EINTR { continue }
            return result
        }
    }

    private static func describeErrno(_ context: String) -> String {
        "\(context): \(String(cString: strerror(errno)))"
    }
}
