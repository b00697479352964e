@testable import AgonCore
import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// Several Unix accounts in one group write journals into `Sessions/<study>/`: whoever creates the
/// study's folder, the others must still be able to add theirs.
struct SharedSessionFolderTests {
    func mode(_ url: URL) -> mode_t {
        var status = stat()
        stat(url.path, &status)
        return status.st_mode & 0o7777
    }

    @Test func aFolderMadeInASetgidFolderIsGroupWritableAndSetgidToo() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("agon-shared-\(UUID().uuidString.prefix(8))")
        defer { try? FileManager.default.removeItem(at: root) }
        let sessions = root.appendingPathComponent("Sessions")
        try FileManager.default.createDirectory(at: sessions, withIntermediateDirectories: true)
        #expect(chmod(sessions.path, 0o2770) == 0)
        let old = umask(0o022)
        defer { umask(old) }
        try Disk.makeFolders(sessions.appendingPathComponent("demo/archive"))
        #expect(mode(sessions.appendingPathComponent("demo")) == 0o2770)
        #expect(mode(sessions.appendingPathComponent("demo/archive")) == 0o2770)
    }

    @Test func withoutSetgidTheUmaskDecides() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("agon-shared-\(UUID().uuidString.prefix(8))")
        defer { try? FileManager.default.removeItem(at: root) }
        let old = umask(0o022)
        defer { umask(old) }
        try Disk.makeFolders(root.appendingPathComponent("Sessions/demo"))
        #expect(mode(root.appendingPathComponent("Sessions/demo")) == 0o755)
    }
}
