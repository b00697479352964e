import AgonCore
import Foundation
import Testing

/// `agon sessions import`: journals from raters on another machine, checked against the study, its
/// rubric and roster; what was added is reported, conflicts are refused, nothing is overwritten.
struct SessionsImportCommandTests {
    func rate(_ home: URL, _ rater: String, count: Int, study: String = "demo", seed: Int = 1) throws {
        let result = AgonProcess.run(["scripted-rater", study, "--rater", rater, "--count", "\(count)", "--seed", "\(seed)"],
                                     home: home, program: .bench)
        try #require(result.status == 0, "scripted rater failed: \(result.error)")
    }

    func journal(_ home: URL, _ rater: String, study: String = "demo") -> String {
        home.appendingPathComponent("Sessions/\(study)/\(rater).jsonl").path
    }

    func bytes(_ path: String) -> Data { FileManager.default.contents(atPath: path) ?? Data() }

    func names(_ home: URL, study: String = "demo") -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: home.appendingPathComponent("Sessions/\(study)").path)) ?? []).sorted()
    }

    @Test func journalsFromElsewhereAreAddedUpdatedOrRefusedAndNeverOverwritten() throws {
        let here = try RatingScreenEndToEndTests.workspace()
        let there = try RatingScreenEndToEndTests.workspace()
        defer {
            try? FileManager.default.removeItem(at: here)
            try? FileManager.default.removeItem(at: there)
        }
        try rate(there, "ann", count: 5)
        try rate(there, "bob", count: 3)
        let added = AgonProcess.run(["sessions", "import", journal(there, "ann"), journal(there, "bob")], home: here)
        #expect(added.status == 0, "\(added.error)")
        #expect(added.output.contains("added rater ann to study demo: 5 judgements (Sessions/demo/ann.jsonl)"), "\(added.output)")
        #expect(added.output.contains("added rater bob to study demo: 3 judgements"), "\(added.output)")
        #expect(bytes(journal(here, "ann")) == bytes(journal(there, "ann")))
        #expect(names(here) == ["ann.jsonl", "bob.jsonl"])
        let sessions = AgonProcess.run(["sessions", "demo"], home: here)
        #expect(sessions.output.contains("ann") && sessions.output.contains("bob"), "\(sessions.output)")

        // The same file again: nothing to add.
        let again = AgonProcess.run(["sessions", "import", journal(there, "bob")], home: here)
        #expect(again.status == 0)
        #expect(again.output.contains("already present: rater bob has exactly these events"), "\(again.output)")

        // Ann goes on rating there: her journal here is the start of it, and is extended.
        try rate(there, "ann", count: 4)
        let update = AgonProcess.run(["sessions", "import", journal(there, "ann")], home: here)
        #expect(update.status == 0, "\(update.error)")
        #expect(update.output.contains("updated rater ann in study demo: the local journal held the first events of this one; 5 events appended, 4 judgements more"), "\(update.output)")
        #expect(bytes(journal(here, "ann")) == bytes(journal(there, "ann")))

        // Bob rates here and there: two diverging copies are refused, and his journal here stays as it was.
        try rate(here, "bob", count: 1)
        // Another seed: within one second the scripted rater would otherwise write the very same events.
        try rate(there, "bob", count: 2, seed: 2)
        let kept = bytes(journal(here, "bob"))
        let diverged = AgonProcess.run(["sessions", "import", journal(there, "bob")], home: here)
        #expect(diverged.status != 0)
        #expect(diverged.error.contains("already has this session in Sessions/demo/bob.jsonl, but the two differ from event"), "\(diverged.error)")
        #expect(diverged.error.contains("refused, nothing written"))
        #expect(bytes(journal(here, "bob")) == kept)
    }

    @Test func aDamagedOrForeignJournalIsRefusedWithFileAndLineAndTheRestStillAdded() throws {
        let here = try RatingScreenEndToEndTests.workspace()
        let there = try RatingScreenEndToEndTests.workspace()
        defer {
            try? FileManager.default.removeItem(at: here)
            try? FileManager.default.removeItem(at: there)
        }
        try rate(there, "cy", count: 2)
        let damaged = there.appendingPathComponent("damaged.jsonl")
        var lines = String(decoding: bytes(journal(there, "cy")), as: UTF8.self).split(separator: "\n").map(String.init)
        lines[2] = String(lines[2].prefix(20)) + "}"
        try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: damaged)
        try rate(there, "dee", count: 2)
        let result = AgonProcess.run(["sessions", "import", damaged.path, journal(there, "dee")], home: here)
        #expect(result.status != 0)
        #expect(result.error.contains("\(damaged.path):3: unreadable line"), "\(result.error)")
        #expect(result.error.contains("1 of 2 journals refused"), "\(result.error)")
        #expect(result.output.contains("added rater dee to study demo: 2 judgements"), "\(result.output)")
        #expect(names(here) == ["dee.jsonl"])

        // Rated on other answers: the fingerprints differ, and the file says how.
        let answers = there.appendingPathComponent("Studies/demo/answers.jsonl")
        let text = String(decoding: bytes(answers.path), as: UTF8.self)
        let first = try #require(text.range(of: "\"text\":\""))
        try Data(text.replacingCharacters(in: first, with: "\"text\":\"Edited. ").utf8).write(to: answers)
        try rate(there, "eli", count: 1)
        let foreign = AgonProcess.run(["sessions", "import", journal(there, "eli")], home: here)
        #expect(foreign.status != 0)
        #expect(foreign.error.contains("\(journal(there, "eli")):1: the journal was rated on other content than study `demo` here"), "\(foreign.error)")
        #expect(foreign.error.contains("prompt or answers changed in tasks"), "\(foreign.error)")
        #expect(names(here) == ["dee.jsonl"])
    }

    @Test func withARosterOnlyListedRatersAreImported() throws {
        let here = try RatersOverSshTests.workspace()
        let there = try RatingScreenEndToEndTests.workspace()
        defer {
            try? FileManager.default.removeItem(at: here)
            try? FileManager.default.removeItem(at: there)
        }
        let listed = try #require(RatersOverSshTests.raters.first)
        try rate(there, "mallory", count: 1, study: "mini")
        try rate(there, listed, count: 1, study: "mini")
        let result = AgonProcess.run(["sessions", "import", journal(there, "mallory", study: "mini"), journal(there, listed, study: "mini")], home: here)
        #expect(result.status != 0)
        #expect(result.error.contains("rater `mallory` is not on the roster of study `mini` (Studies/mini/raters.toml)"), "\(result.error)")
        #expect(result.output.contains("added rater \(listed) to study mini"), "\(result.output)")
        #expect(names(here, study: "mini") == ["\(listed).jsonl"])
    }
}
