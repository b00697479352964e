import AgonCore
import Foundation
import Testing

/// `agon rate` with a roster: only listed raters, under the roster's spelling, and a start that
/// fails before the screen leaves nothing behind.
struct RosterCommandTests {
    @Test func aStartThatFailsBeforeTheScreenLeavesNoRater() throws {
        let home = try RatersOverSshTests.workspace()
        defer { try? FileManager.default.removeItem(at: home) }
        // Listed, but with no terminal (standard input is /dev/null).
        let noTerminal = AgonProcess.run(["rate", "mini", "--rater", "ANN"], home: home)
        #expect(noTerminal.status != 0)
        #expect(noTerminal.error.contains("interactive terminal"), "\(noTerminal.error)")
        // Not listed, in English and in Russian.
        let stranger = AgonProcess.run(["rate", "mini", "--rater", "eve"], home: home)
        #expect(stranger.status != 0)
        #expect(stranger.error.contains("eve is not on the list of raters for study mini"), "\(stranger.error)")
        let russian = AgonProcess.run(["rate", "mini", "--rater", "eve", "--lang", "ru"], home: home)
        #expect(russian.error.contains("eve нет в списке оценщиков исследования mini"), "\(russian.error)")
        // Without a roster, anyone may start; still nothing is written without a terminal.
        let demo = AgonProcess.run(["rate", "demo", "--rater", "zoe"], home: home)
        #expect(demo.status != 0)

        #expect(!FileManager.default.fileExists(atPath: home.appendingPathComponent("Sessions/mini/ann.jsonl").path))
        #expect(!FileManager.default.fileExists(atPath: home.appendingPathComponent("Sessions/demo/zoe.jsonl").path))
        let sessions = AgonProcess.run(["sessions", "mini"], home: home)
        #expect(sessions.output.contains("no sessions yet"), "\(sessions.output)")
    }

    @Test func aCollidingRosterIsRefusedWithItsLine() throws {
        let home = try RatersOverSshTests.workspace()
        defer { try? FileManager.default.removeItem(at: home) }
        try "[[raters]]\nname = \"Ann\"\n\n[[raters]]\nname = \"ann\"\n".write(
            to: home.appendingPathComponent("Studies/mini/raters.toml"), atomically: true, encoding: .utf8)
        let result = AgonProcess.run(["rate", "mini", "--rater", "ann"], home: home)
        #expect(result.status != 0)
        #expect(result.error.contains("Studies/mini/raters.toml:5: rater `ann` is the same name as `Ann`"), "\(result.error)")
    }
}
