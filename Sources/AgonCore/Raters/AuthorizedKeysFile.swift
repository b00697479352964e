import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reading and replacing an `authorized_keys` file: the new text goes to a temporary file in the
/// same folder, is synced, takes the old file's owner and mode, and is renamed over the old one, so
/// sshd reads either the old file or the new one, never half of one.
public enum AuthorizedKeysFile {
    public static func read(_ file: URL) throws(AuthorizedKeys.Problem) -> AuthorizedKeys {
        guard FileManager.default.fileExists(atPath: file.path) else { return try AuthorizedKeys(text: "") }
        guard let data = FileManager.default.contents(atPath: file.path) else {
            throw AuthorizedKeys.Problem(message: "cannot be read (permissions?)")
        }
        return try AuthorizedKeys(text: String(decoding: data, as: UTF8.self))
    }

    /// Runs `change` (read, edit, write) while holding an exclusive lock, so two `agon raters add`
    /// at once cannot both read the old file and have the second rename drop the first one's key.
    /// The lock is on a companion file, because the keys file itself is replaced by every write.
    public static func whileLocked<T>(_ file: URL, _ change: () throws -> T) throws -> T {
        try makeFolder(of: file)
        let lockPath = file.deletingLastPathComponent().appendingPathComponent(".\(file.lastPathComponent).agon-lock").path
        let descriptor = open(lockPath, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            throw Disk.Failure(message: "cannot open the lock file \(lockPath): \(String(cString: strerror(errno)))")
        }
        defer { close(descriptor) }
        while flock(descriptor, LOCK_EX) != 0 {
            guard errno == EINTR else {
                throw Disk.Failure(message: "cannot lock \(lockPath): \(String(cString: strerror(errno)))")
            }
        }
        defer { flock(descriptor, LOCK_UN) }
        return try change()
    }

    public static func write(_ text: String, to file: URL) throws(Disk.Failure) {
        let folder = file.deletingLastPathComponent()
        try makeFolder(of: file)
        var old = stat()
        let existed = stat(file.path, &old) == 0
        let temporary = try Disk.writeNewFile(in: folder, base: ".\(file.lastPathComponent).agon-new", extension: "tmp", bytes: Data(text.utf8))
        // The old file's mode and owner (root adding a key for the `rating` account keeps it theirs).
        let mode = existed ? old.st_mode & 0o777 : 0o600
        if chmod(temporary.path, mode) != 0 || (existed && getuid() == 0 && chown(temporary.path, old.st_uid, old.st_gid) != 0) {
            let problem = Disk.Failure(message: "cannot set the owner and mode of \(temporary.path): \(String(cString: strerror(errno)))")
            unlink(temporary.path)
            throw problem
        }
        do {
            try Disk.move(temporary, to: file)
        } catch {
            unlink(temporary.path)
            throw error
        }
    }

    private static func makeFolder(of file: URL) throws(Disk.Failure) {
        let folder = file.deletingLastPathComponent()
        guard !FileManager.default.fileExists(atPath: folder.path) else { return }
        // ~/.ssh: sshd's StrictModes refuses keys in a folder others can write to.
        try Disk.makeFolders(folder)
        chmod(folder.path, 0o700)
    }
}
