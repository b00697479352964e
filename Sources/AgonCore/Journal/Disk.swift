import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What it takes for a file or a name to survive a power cut, in one place. A file's bytes are on
/// disk once `fsync` of the file returned; its *name* (created, renamed, removed) only once `fsync`
/// of the folder holding it returned, and a new folder only once its parent was synced. Every
/// failure is reported, never ignored: a journal that is not durable must not acknowledge anything.
public enum Disk {
    public struct Failure: Error, Equatable, Sendable {
        public var message: String
    }

    /// `fsync`, retried when a signal interrupts it.
    public static func sync(descriptor: Int32, _ context: @autoclosure () -> String) throws(Failure) {
        while fsync(descriptor) != 0 {
            if errno == EINTR { continue }
            throw failure(context())
        }
    }

    /// Makes the names in `folder` durable.
    /// Writes all of `bytes` at the descriptor's position, going on after a short write or a
    /// signal; returns how many were written (fewer when a write failed; `errno` says why).
    public static func writeAll(_ descriptor: Int32, _ bytes: Data) -> Int {
        bytes.withUnsafeBytes { buffer -> Int in
            var offset = 0
            while offset < buffer.count {
                let result = write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                if result < 0 {
                    if errno == EINTR { continue }
                    return offset
                }
                offset += result
            }
            return offset
        }
    }

    public static func syncFolder(_ folder: URL) throws(Failure) {
        let descriptor = open(folder.path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { throw failure("cannot open \(folder.path) to save it to disk") }
        defer { close(descriptor) }
        try sync(descriptor: descriptor, "cannot save \(folder.path) to disk")
    }

    /// Creates `folder` and any missing parents, each made durable in its parent before the next one
    /// is created inside it. A folder that already exists is left alone.
    ///
    /// A folder created inside a setgid folder takes that folder's mode (group-writable and setgid
    /// too): several Unix accounts sharing one group — the rating account, the researcher — can then
    /// all add journals to `Sessions/<study>/`, whichever of them created it. Without the setgid bit
    /// on the parent the process's umask decides, as for any program.
    public static func makeFolders(_ folder: URL) throws(Failure) {
        let folder = folder.standardizedFileURL
        var missing: [URL] = []
        var current = folder
        while !exists(current), current.path != "/" {
            missing.insert(current, at: 0)
            current = current.deletingLastPathComponent()
        }
        for next in missing {
            if mkdir(next.path, 0o755) != 0, errno != EEXIST { throw failure("cannot create \(next.path)") }
            try inheritSharedMode(next)
            try syncFolder(next.deletingLastPathComponent())
        }
    }

    /// Writes `bytes` to a new file `<base>.<extension>` in `folder` — or `<base>-2.<extension>`,
    /// `-3`, … when that name is taken: exclusive creation, so two writers never overwrite each
    /// other — and makes file and name durable before returning where it went.
    public static func writeNewFile(in folder: URL, base: String, extension pathExtension: String, bytes: Data) throws(Failure) -> URL {
        let (file, descriptor) = try createNew(in: folder, base: base, extension: pathExtension)
        defer { close(descriptor) }
        guard writeAll(descriptor, bytes) == bytes.count else {
            let problem = failure("cannot write \(file.path)")
            unlink(file.path)
            throw problem
        }
        try sync(descriptor: descriptor, "cannot save \(file.path) to disk")
        try syncFolder(folder)
        return file
    }

    /// Reserves a new, empty file name in `folder` as `writeNewFile` does (a rename onto it then
    /// cannot replace anything else); the name is made durable before returning.
    public static func reserveNewName(in folder: URL, base: String, extension pathExtension: String) throws(Failure) -> URL {
        let (file, descriptor) = try createNew(in: folder, base: base, extension: pathExtension)
        close(descriptor)
        try syncFolder(folder)
        return file
    }

    /// Renames `file` to `target` and makes the move durable in both folders.
    public static func move(_ file: URL, to target: URL) throws(Failure) {
        guard rename(file.path, target.path) == 0 else { throw failure("cannot move \(file.path) to \(target.path)") }
        try syncFolder(target.deletingLastPathComponent())
        if file.deletingLastPathComponent().standardizedFileURL != target.deletingLastPathComponent().standardizedFileURL {
            try syncFolder(file.deletingLastPathComponent())
        }
    }

    /// Gives the finished `file` the name `target` only if no file has that name (a hard link
    /// cannot replace anything, unlike a rename), then drops the old name; both durable on return.
    /// Both names must be in one folder.
    public static func publish(_ file: URL, as target: URL) throws(Failure) {
        guard link(file.path, target.path) == 0 else {
            let problem = errno == EEXIST ? Failure(message: "\(target.path) already exists") : failure("cannot name \(file.path) \(target.path)")
            throw problem
        }
        try syncFolder(target.deletingLastPathComponent())
        guard unlink(file.path) == 0 else { throw failure("cannot remove \(file.path)") }
        try syncFolder(file.deletingLastPathComponent())
    }

    private static func createNew(in folder: URL, base: String, extension pathExtension: String) throws(Failure) -> (URL, Int32) {
        for attempt in 1...1000 {
            let name = attempt == 1 ? "\(base).\(pathExtension)" : "\(base)-\(attempt).\(pathExtension)"
            let file = folder.appendingPathComponent(name)
            let descriptor = open(file.path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
            if descriptor >= 0 { return (file, descriptor) }
            if errno != EEXIST { throw failure("cannot create \(file.path)") }
        }
        throw Failure(message: "cannot create a new file \(base).\(pathExtension) in \(folder.path): 1000 names taken")
    }

    /// Gives `folder` its parent's permission bits when the parent is setgid (the parent's group
    /// is already inherited by the kernel; the umask would otherwise strip the group's write bit).
    private static func inheritSharedMode(_ folder: URL) throws(Failure) {
        var parent = stat()
        guard stat(folder.deletingLastPathComponent().path, &parent) == 0, parent.st_mode & S_ISGID != 0 else { return }
        if chmod(folder.path, parent.st_mode & 0o7777) != 0 { throw failure("cannot share \(folder.path) with its folder's group") }
    }

    private static func exists(_ url: URL) -> Bool {
        var status = stat()
        return lstat(url.path, &status) == 0
    }

    /// The failure of the call that just returned, in words: errno is read before anything else runs.
    private static func failure(_ context: @autoclosure () -> String) -> Failure {
        let code = errno
        return Failure(message: "\(context()): \(String(cString: strerror(code)))")
    }
}
