import AgonCore
import Foundation
import Testing

/// Raters reach their screens through a real OpenSSH server: `agon raters add` writes the keys,
/// each client lands in its own rater's screen and rates, and nothing else is reachable.
@Suite(.serialized) struct RatersOverSshTests {
    static let raters = ["ann", "bob", "cem"]

    /// A workspace with the mini study and its roster; raters are added as `Ann`, `BOB`, … so the
    /// roster's spelling must win.
    static func workspace() throws -> URL {
        let home = try RatingScreenEndToEndTests.workspace()
        let roster = raters.map { "[[raters]]\nname = \"\($0)\"\nbackground = \"philosopher\"\n" }.joined(separator: "\n")
        try roster.write(to: home.appendingPathComponent("Studies/mini/raters.toml"), atomically: true, encoding: .utf8)
        return home
    }

    func addRaters(_ server: SshServer, home: URL) throws -> [URL] {
        var keys: [URL] = []
        for (index, rater) in Self.raters.enumerated() {
            let (key, publicKey) = try server.newKey(rater)
            let spelled = index == 0 ? rater.capitalized : rater.uppercased()
            let added = AgonProcess.run(["raters", "add", spelled, "--key", publicKey.path, "--study", "mini",
                                         "--authorized-keys", server.authorizedKeys.path], home: home)
            try #require(added.status == 0, "agon raters add failed: \(added.error)")
            keys.append(key)
        }
        return keys
    }

    @Test func eachRaterLandsInTheirOwnScreenRatesAndLeaves() throws {
        try #require(SshServer.sshd != nil, "\(SshServer.missing)")
        try #require(Tmux.isInstalled, "tmux is not installed: the SSH test drives its clients with it")
        let home = try Self.workspace()
        defer { try? FileManager.default.removeItem(at: home) }
        let server = try SshServer()
        let keys = try addRaters(server, home: home)
        let listed = AgonProcess.run(["raters", "list", "--authorized-keys", server.authorizedKeys.path], home: home)
        #expect(Self.raters.allSatisfy { rater in listed.output.contains("\(rater)  ") || listed.output.contains("\(rater) ") }, "\(listed.output)")

        // All connected at once, each in a terminal of its own.
        let clients = keys.map { key -> Tmux in
            let tmux = Tmux()
            tmux.start(width: 120, height: 40, environment: ["LANG": "C.UTF-8"], command: server.client(key: key, ["-tt"]))
            return tmux
        }
        for (rater, tmux) in zip(Self.raters, clients) {
            try #require(tmux.wait(for: "How to rate") != nil, "\(rater) saw no rating screen:\n\(tmux.capture().joined(separator: "\n"))\nsshd: \(server.logText)")
            #expect(tmux.capture().contains { $0.contains("rater: \(rater)") })
            tmux.send("Escape")
        }
        for item in 1...3 {
            // Keys well apart, as a person types: ssh on a loaded machine can deliver keys sent 40 ms
            // apart in one read, which the screen takes for a paste and ignores.
            for key in ["4", "5", "Right", "3", "6", "a", "Enter", "Enter"] {
                for tmux in clients { tmux.send(key) }
                usleep(150_000)
            }
            for (rater, tmux) in zip(Self.raters, clients) {
                #expect(tmux.wait(for: "Saved. \(item) of 3 rated.") != nil, "\(rater): \(tmux.capture().joined(separator: "\n"))")
            }
        }
        for tmux in clients { tmux.send("q") }
        for (rater, tmux) in zip(Self.raters, clients) {
            // Quitting the screen ends the connection: ssh itself exits.
            let end = tmux.wait(for: "[exit:")
            #expect(end?.contains { $0.contains("Connection to 127.0.0.1 closed") || $0.contains("[exit:0]") } == true, "\(rater): \(end ?? [])")
            #expect(end?.contains { $0.contains("[exit:0]") } == true, "\(rater): \(end ?? [])")
        }
        for rater in Self.raters {
            let file = Workspace(root: home).journalFile(study: "mini", rater: rater)
            let contents = try JournalReader.read(file: file)
            #expect(contents.problems.isEmpty, "\(rater): \(contents.problems)")
            let state = SessionState(replaying: contents.events.map(\.event))
            #expect(state.ratedCount == 3, "\(rater)'s journal holds \(state.ratedCount) judgements")
            #expect(contents.header?.rater == rater)
        }
        // The researcher follows progress: each rater with their background, all three done.
        let sessions = AgonProcess.run(["sessions", "mini"], home: home)
        for rater in Self.raters {
            #expect(sessions.output.split(separator: "\n").contains { $0.hasPrefix(rater) && $0.split(separator: " ").prefix(4) == [Substring(rater), "philosopher", "3", "3"] },
                    "\(sessions.output)")
        }
        let names = try FileManager.default.contentsOfDirectory(atPath: home.appendingPathComponent("Sessions/mini").path).sorted()
        #expect(names == Self.raters.map { "\($0).jsonl" }, "\(names)")
    }

    @Test func aCommandGivenThroughSshIsNeverRun() throws {
        try #require(SshServer.sshd != nil, "\(SshServer.missing)")
        try #require(Tmux.isInstalled, "tmux is not installed: the SSH test drives its clients with it")
        let home = try Self.workspace()
        defer { try? FileManager.default.removeItem(at: home) }
        let server = try SshServer()
        let keys = try addRaters(server, home: home)
        let answers = home.appendingPathComponent("Studies/mini/answers.jsonl")
        let secret = try String(contentsOf: answers, encoding: .utf8).split(separator: "\n")[0]
        let study = try String(contentsOf: home.appendingPathComponent("Studies/mini/study.toml"), encoding: .utf8)
        #expect(study.contains("SECRET-LABEL-BIG"))

        // Without a terminal: the forced rate command refuses, the file's contents never come back.
        for command in [["cat", answers.path], ["sh", "-c", "cat \(answers.path)"], ["cat", home.appendingPathComponent("Studies/mini/study.toml").path]] {
            let result = try SshServer.run("/usr/bin/ssh", Array(server.client(key: keys[0]).dropFirst()) + command)
            #expect(result.status != 0)
            #expect(!result.output.contains(secret) && !result.output.contains("SECRET-LABEL") && !result.output.contains("sysbig"), "\(result.output)")
            #expect(result.output.contains("interactive terminal"), "\(result.output)")
        }
        // Port forwarding and stdio forwarding are refused (restrict, AllowTcpForwarding no).
        let forwarded = try SshServer.run("/usr/bin/ssh", server.client(key: keys[1], ["-W", "127.0.0.1:\(server.port)"]).dropFirst().map { $0 })
        #expect(!forwarded.output.contains("SSH-2.0"), "\(forwarded.output)")

        // With a terminal: the rating screen, not the file.
        let tmux = Tmux()
        tmux.start(width: 120, height: 40, environment: ["LANG": "C.UTF-8"], command: server.client(key: keys[2], ["-tt"]) + ["cat", answers.path])
        try #require(tmux.wait(for: "How to rate") != nil, "\(tmux.capture().joined(separator: "\n"))")
        #expect(tmux.capture().contains { $0.contains("rater: cem") })
        #expect(!tmux.capture().contains { $0.contains(secret) || $0.contains("sysbig") })
        tmux.send("Escape", "q")
        #expect(tmux.wait(for: "[exit:") != nil)
        // A key nobody added gets nothing at all.
        let (stranger, _) = try server.newKey("stranger")
        let refused = try SshServer.run("/usr/bin/ssh", Array(server.client(key: stranger).dropFirst()) + ["cat", answers.path])
        #expect(refused.status == 255 && refused.output.contains("Permission denied"), "\(refused.output)")
    }
}
