import Foundation
import Testing
@testable import AgonCore
#if canImport(Glibc)
import Glibc
#endif

/// Full disks, failed writes, read-only and missing folders: a clear message, earlier judgements
/// intact, and never a half-written line left between good ones.
@Suite(.serialized) struct StorageFaultTests {
    @Test func failedWriteLeavesNoHalfLineAndEarlierJudgementsIntact() throws {
        let workspace = FaultWorkspace()
        let first = AgonProcess.run(["scripted-rater", "load", "--rater", "fay", "--count", "3"], home: workspace.root, program: .bench)
        #expect(first.status == 0)
        let before = try Data(contentsOf: workspace.journal("fay"))

        // RLIMIT_FSIZE makes the kernel cut a write short, then fail it: a disk filling up mid-line.
        let limit = before.count + 900
        let failing = AgonProcess.run(["scripted-rater", "load", "--rater", "fay", "--file-size-limit", "\(limit)"], home: workspace.root, program: .bench)
        #expect(failing.status == 1)
        #expect(failing.error.contains("could not save the judgement") && failing.error.contains("File too large"), "\(failing.error)")
        #expect(!failing.error.contains("Fatal error"))
        let after = try Data(contentsOf: workspace.journal("fay"))
        #expect(after.prefix(before.count) == before, "earlier judgements untouched")
        #expect(after.last == 0x0A, "the journal ends with a complete line")
        #expect(workspace.contents("fay").problems.isEmpty)

        let resumed = AgonProcess.run(["scripted-rater", "load", "--rater", "fay", "--count", "2"], home: workspace.root, program: .bench)
        #expect(resumed.status == 0)
        let contents = workspace.contents("fay")
        #expect(contents.problems.isEmpty, "\(contents.problems)")
        let saved = 3 + FaultWorkspace.savedItems(failing.output).count + 2
        #expect(workspace.judgementCounts("fay").count == saved)
    }

    @Test(.enabled(if: TinyFilesystem.available, "needs root and tmpfs (CI runs as root)"))
    func fullDisk() throws {
        let workspace = FaultWorkspace()
        let sessions = workspace.root.appendingPathComponent("Sessions")
        try TinyFilesystem.mount(at: sessions, kilobytes: 12)
        defer { TinyFilesystem.unmount(sessions) }
        let run = AgonProcess.run(["scripted-rater", "load", "--rater", "dora"], home: workspace.root, program: .bench)
        #expect(run.status == 1)
        #expect(run.error.contains("No space left on device"), "\(run.error)")
        let saved = FaultWorkspace.savedItems(run.output)
        #expect(saved.count > 3)
        let contents = workspace.contents("dora")
        #expect(contents.problems.isEmpty, "\(contents.problems)")
        #expect(Set(workspace.judgementCounts("dora").keys) == Set(saved))
    }

    @Test(.enabled(if: TinyFilesystem.available, "needs root and tmpfs (CI runs as root)"))
    func readOnlySessionsFolder() throws {
        let workspace = FaultWorkspace()
        let sessions = workspace.root.appendingPathComponent("Sessions")
        try TinyFilesystem.mount(at: sessions, kilobytes: 256)
        defer { TinyFilesystem.unmount(sessions) }
        #expect(AgonProcess.run(["scripted-rater", "load", "--rater", "rhea", "--count", "4"], home: workspace.root, program: .bench).status == 0)
        let before = try Data(contentsOf: workspace.journal("rhea"))
        try TinyFilesystem.remountReadOnly(sessions)

        let existing = AgonProcess.run(["scripted-rater", "load", "--rater", "rhea"], home: workspace.root, program: .bench)
        #expect(existing.status == 1)
        #expect(existing.error.contains("Read-only file system"), "\(existing.error)")
        let newRater = AgonProcess.run(["scripted-rater", "load", "--rater", "nova"], home: workspace.root, program: .bench)
        #expect(newRater.status == 1)
        #expect(newRater.error.contains("Read-only file system"), "\(newRater.error)")
        #expect(try Data(contentsOf: workspace.journal("rhea")) == before)
    }

    @Test func missingSessionsFolderIsCreated() {
        let workspace = FaultWorkspace()
        #expect(!FileManager.default.fileExists(atPath: workspace.root.appendingPathComponent("Sessions").path))
        let run = AgonProcess.run(["scripted-rater", "load", "--rater", "mia", "--count", "1"], home: workspace.root, program: .bench)
        #expect(run.status == 0)
        #expect(workspace.judgementCounts("mia").count == 1)
    }

    @Test func sessionsIsAFileNotAFolder() throws {
        let workspace = FaultWorkspace()
        try Data("oops".utf8).write(to: workspace.root.appendingPathComponent("Sessions"))
        let run = AgonProcess.run(["scripted-rater", "load", "--rater", "mia"], home: workspace.root, program: .bench)
        #expect(run.status == 1)
        #expect(run.error.contains("cannot create Sessions/load"), "\(run.error)")
        #expect(!run.error.contains("Fatal error"))
    }
}

/// A tmpfs of a few kilobytes, mounted for one test: a real full disk and a real read-only folder.
enum TinyFilesystem {
    static let available: Bool = {
        guard geteuid() == 0 else { return false }
        let probe = FileManager.default.temporaryDirectory.appendingPathComponent("agon-mount-probe-\(getpid())")
        defer { try? FileManager.default.removeItem(at: probe) }
        guard (try? mount(at: probe, kilobytes: 4)) != nil else { return false }
        unmount(probe)
        return true
    }()

    struct MountFailed: Error {}

    static func mount(at folder: URL, kilobytes: Int) throws {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        guard Glibc.mount("tmpfs", folder.path, "tmpfs", 0, "size=\(kilobytes)k") == 0 else { throw MountFailed() }
    }

    static func remountReadOnly(_ folder: URL) throws {
        guard Glibc.mount("tmpfs", folder.path, "tmpfs", UInt(MS_REMOUNT | MS_RDONLY), nil) == 0 else { throw MountFailed() }
    }

    static func unmount(_ folder: URL) {
        umount2(folder.path, Int32(MNT_DETACH))
    }
}
