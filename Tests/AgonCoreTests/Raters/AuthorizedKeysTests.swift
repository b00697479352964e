@testable import AgonCore
import Foundation
import Testing

struct AuthorizedKeysTests {
    // A real ed25519 public key (generated for this test; the private half was thrown away).
    static let key = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOJtOXBxTakCPvcTcSl7fVXYltItPzCiXa78qUUrwzSC"
    static let otherKey = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIBrEqP9Ct0Qm1vX1m3b0m1s4vS2gG0r1bQk1yGm9Y6Nf"

    @Test func theBlockLeavesEveryOtherLineAsItWasAndGoesAwayWithItsLastRater() throws {
        let original = "# admin's own key\nssh-rsa AAAAB3Nza admin@laptop\n\nssh-ed25519 AAAAother backup\n"
        var keys = try AuthorizedKeys(text: original)
        try keys.add(.init(name: "Ann", study: "demo", key: Self.key))
        let text = keys.text(agon: "/usr/local/bin/agon", home: "/srv/agon")
        #expect(text.hasPrefix(original))
        #expect(text.contains("\n" + AuthorizedKeys.beginMarker + "\n"))
        #expect(text.hasSuffix(AuthorizedKeys.endMarker + "\n"))
        #expect(text.contains(#"restrict,pty,command="env AGON_HOME='/srv/agon' '/usr/local/bin/agon' rate 'demo' --rater 'Ann'" "# + Self.key))

        var reread = try AuthorizedKeys(text: text)
        #expect(reread.raters == [.init(name: "Ann", study: "demo", key: Self.key)])
        _ = try reread.remove(named: "ANN")
        #expect(reread.text(agon: "/usr/local/bin/agon", home: "/srv/agon") == original)
    }

    @Test func linesAfterTheBlockStayAfterIt() throws {
        var keys = try AuthorizedKeys(text: "ssh-rsa A a\n")
        try keys.add(.init(name: "ann", study: "demo", key: Self.key))
        let withTail = keys.text(agon: "/a", home: "/h") + "ssh-rsa B later\n"
        var again = try AuthorizedKeys(text: withTail)
        try again.add(.init(name: "bob", study: "demo", key: Self.otherKey))
        let lines = again.text(agon: "/a", home: "/h").split(separator: "\n")
        #expect(lines.first == "ssh-rsa A a")
        #expect(lines.last == "ssh-rsa B later")
        #expect(again.raters.map(\.name) == ["ann", "bob"])
    }

    @Test func aNameOrAKeyIsGivenOnce() throws {
        var keys = try AuthorizedKeys(text: "")
        try keys.add(.init(name: "Ann", study: "demo", key: Self.key))
        #expect(throws: AuthorizedKeys.Problem.self) { try keys.add(.init(name: "ann", study: "demo", key: Self.otherKey)) }
        #expect(throws: AuthorizedKeys.Problem.self) { try keys.add(.init(name: "bob", study: "demo", key: Self.key)) }
        #expect(throws: AuthorizedKeys.Problem.self) { _ = try keys.remove(named: "carol") }
    }

    @Test func aDamagedBlockIsRefusedNotRewritten() {
        #expect(throws: AuthorizedKeys.Problem.self) { try AuthorizedKeys(text: AuthorizedKeys.beginMarker + "\nssh-rsa A\n") }
        #expect(throws: AuthorizedKeys.Problem.self) {
            try AuthorizedKeys(text: AuthorizedKeys.beginMarker + "\nrogue line\n" + AuthorizedKeys.endMarker + "\n")
        }
    }

    @Test func onlyAnOpenSSHPublicKeyIsAccepted() throws {
        #expect(try AuthorizedKeys.publicKey(fromFileText: Self.key + " ann@home\n").get() == Self.key)
        for bad in ["", "-----BEGIN OPENSSH PRIVATE KEY-----\nabc\n", "command=\"sh\" " + Self.key,
                    "ssh-rsa " + Self.key.split(separator: " ")[1], "ssh-ed25519 not-base64!", Self.key + "\n" + Self.otherKey] {
            #expect(throws: AuthorizedKeys.Problem.self, "\(bad)") { try AuthorizedKeys.publicKey(fromFileText: bad).get() }
        }
    }

    @Test func aPathThatCannotBeQuotedIsRefused() {
        #expect(AuthorizedKeys.problem(withPath: "/srv/agon home") == nil)
        #expect(AuthorizedKeys.problem(withPath: "/srv/it's") != nil)
        #expect(AuthorizedKeys.problem(withPath: "/srv/\"x") != nil)
        #expect(AuthorizedKeys.problem(withPath: "relative") != nil)
    }

    @Test func theFileIsReplacedWholeKeepingItsMode() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("agon-ak-\(UUID().uuidString.prefix(8))")
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent(".ssh/authorized_keys")
        try AuthorizedKeysFile.write("first\n", to: file)
        let folderMode = try FileManager.default.attributesOfItem(atPath: file.deletingLastPathComponent().path)[.posixPermissions] as? Int
        #expect(folderMode == 0o700)
        #expect(try FileManager.default.attributesOfItem(atPath: file.path)[.posixPermissions] as? Int == 0o600)
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: file.path)
        try AuthorizedKeysFile.write("second\n", to: file)
        #expect(try String(contentsOf: file, encoding: .utf8) == "second\n")
        #expect(try FileManager.default.attributesOfItem(atPath: file.path)[.posixPermissions] as? Int == 0o644)
        #expect(try FileManager.default.contentsOfDirectory(atPath: file.deletingLastPathComponent().path) == ["authorized_keys"])
    }
}
