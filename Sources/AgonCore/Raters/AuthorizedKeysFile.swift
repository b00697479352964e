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

    public static func write(_ text: String, to file: URL) throws(Disk.Failure) {
        let folder = file.deletingLastPathComponent()
        if !FileManager.default.fileExists(atPath: folder.path) {
            // ~/.ssh: sshd's StrictModes refuses keys in a folder others can write to.
            try Disk.makeFolders(folder)
            chmod(folder.path, 0o700)
        }
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
}
