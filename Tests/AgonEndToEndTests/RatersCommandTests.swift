import Foundation
import Testing

/// `agon raters add` run by several people at once keeps every key: without the lock each process
/// would read the same old file and the last rename would win.
@Suite struct RatersCommandTests {
    @Test func concurrentAddsKeepEveryKey() throws {
        let home = try RatingScreenEndToEndTests.workspace()
        let keys = home.appendingPathComponent("rating-account/.ssh/authorized_keys")
        let names = (1...8).map { "rater\($0)" }
        var publicKeys: [URL] = []
        for name in names {
            let key = home.appendingPathComponent("key-\(name)")
            try SshServer.run("/usr/bin/ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-C", "\(name)@test", "-f", key.path])
            publicKeys.append(URL(fileURLWithPath: key.path + ".pub"))
        }
        let processes = zip(names, publicKeys).map { name, publicKey in
            AgonProcess.start(["raters", "add", name, "--key", publicKey.path, "--study", "mini",
                               "--authorized-keys", keys.path], home: home)
        }
        for process in processes {
            #expect(process.wait() == 0)
            process.cleanUp()
        }
        let listed = AgonProcess.run(["raters", "list", "--authorized-keys", keys.path], home: home)
        for name in names {
            #expect(listed.output.contains(name), "\(name) lost: \(listed.output)")
        }
        let text = try String(contentsOf: keys, encoding: .utf8)
        let keyLines = text.split(separator: "\n").filter { $0.contains("ssh-ed25519") }
        #expect(keyLines.count == names.count, "\(text)")

        let removals = names.prefix(4).map { name in
            AgonProcess.start(["raters", "remove", name, "--authorized-keys", keys.path], home: home)
        }
        for process in removals {
            #expect(process.wait() == 0)
            process.cleanUp()
        }
        let remaining = AgonProcess.run(["raters", "list", "--authorized-keys", keys.path], home: home).output
        for name in names.prefix(4) { #expect(!remaining.contains(name + " "), "\(remaining)") }
        for name in names.suffix(4) { #expect(remaining.contains(name), "\(remaining)") }
    }
}
