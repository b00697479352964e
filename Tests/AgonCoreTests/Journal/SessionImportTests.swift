import Foundation
import Testing
@testable import AgonCore

/// `agon sessions import`: journals rated elsewhere join this workspace only when they belong, and
/// nothing already here is ever replaced.
struct SessionImportTests {
    static let start = Date(timeIntervalSince1970: 1_800_000_000)

    /// Two workspaces with the same study: "here", and the other machine where the rater rated.
    final class Sites {
        let here = TestWorkspace()
        let there = TestWorkspace()
        init(roster: String? = nil) {
            for site in [here, there] {
                site.makeStudy()
                if let roster { site.write("Studies/mini/raters.toml", roster) }
            }
        }
    }

    /// Rates `count` items as `rater` at `site` and returns the journal's file.
    @discardableResult
    func rate(_ count: Int, as rater: String, at site: TestWorkspace, from first: Int = 0) throws -> URL {
        let session = try SessionStore.open(bundle: try site.bundle(), rater: rater, workspace: site.workspace, now: Self.start)
        for item in session.schedule.items.dropFirst(first).prefix(count) {
            try session.writer.append(.judgement(Judgement(of: item, scores: ["originality": CriterionScore(a: 5, b: 3)], preference: .a,
                                                           seconds: 30, at: Self.start.addingTimeInterval(Double(item.number)))))
        }
        return session.writer.file
    }

    func importing(_ file: URL, into site: TestWorkspace) -> SessionImport.Outcome {
        SessionImport.importJournal(file, shownAs: "incoming/\(file.lastPathComponent)", into: site.workspace, now: Self.start)
    }

    func bytes(_ file: URL) -> Data { FileManager.default.contents(atPath: file.path) ?? Data() }

    @Test func aNewRatersJournalIsAddedByteForByteAndCounted() throws {
        let sites = Sites()
        let file = try rate(3, as: "ann", at: sites.there)
        let outcome = importing(file, into: sites.here)
        #expect(outcome == .added(study: "mini", rater: "ann", judgements: 3, journal: "Sessions/mini/ann.jsonl"))
        let added = sites.here.workspace.journalFile(study: "mini", rater: "ann")
        #expect(bytes(added) == bytes(file))
        // No staging file is left behind, and the session resumes here.
        let names = try FileManager.default.contentsOfDirectory(atPath: sites.here.workspace.sessionFolder("mini").path)
        #expect(names == ["ann.jsonl"])
        let session = try SessionStore.open(bundle: try sites.here.bundle(), rater: "ann", workspace: sites.here.workspace)
        #expect(session.state.ratedCount == 3)
    }

    @Test func theSameJournalTwiceIsAlreadyPresentAndChangesNothing() throws {
        let sites = Sites()
        let file = try rate(2, as: "ann", at: sites.there)
        _ = importing(file, into: sites.here)
        let local = sites.here.workspace.journalFile(study: "mini", rater: "ann")
        let before = bytes(local)
        #expect(importing(file, into: sites.here) == .alreadyPresent(study: "mini", rater: "ann", journal: "Sessions/mini/ann.jsonl", localHasMore: 0))
        #expect(bytes(local) == before)
    }

    @Test func aJournalThatContinuesTheLocalOneExtendsIt() throws {
        let sites = Sites()
        let early = try rate(2, as: "ann", at: sites.there)
        let copy = sites.there.root.appendingPathComponent("early-ann.jsonl")
        try FileManager.default.copyItem(at: early, to: copy)
        #expect(importing(copy, into: sites.here).isRefused == false)
        let later = try rate(3, as: "ann", at: sites.there, from: 2)
        let outcome = importing(later, into: sites.here)
        #expect(outcome == .extended(study: "mini", rater: "ann", events: 3, judgements: 3, journal: "Sessions/mini/ann.jsonl"))
        let local = sites.here.workspace.journalFile(study: "mini", rater: "ann")
        #expect(JournalReader.parse(data: bytes(local), file: "local").events.map(\.event)
            == JournalReader.parse(data: bytes(later), file: "there").events.map(\.event))
        // The older copy again: its events are all here already, and more.
        #expect(importing(copy, into: sites.here) == .alreadyPresent(study: "mini", rater: "ann", journal: "Sessions/mini/ann.jsonl", localHasMore: 3))
    }

    @Test func twoSessionsOfOneRaterThatWentTheirOwnWaysAreRefusedAndTheLocalOneKept() throws {
        let sites = Sites()
        let shared = try rate(1, as: "ann", at: sites.there)
        let copy = sites.there.root.appendingPathComponent("ann-copy.jsonl")
        try FileManager.default.copyItem(at: shared, to: copy)
        _ = importing(copy, into: sites.here)
        try rate(1, as: "ann", at: sites.here, from: 1)     // rated on here…
        let there = try rate(1, as: "ann", at: sites.there, from: 3)   // …and on there, differently
        let local = sites.here.workspace.journalFile(study: "mini", rater: "ann")
        let before = bytes(local)
        guard case .refused(let problems) = importing(there, into: sites.here) else {
            Issue.record("a diverging journal was accepted")
            return
        }
        #expect(problems.first?.description.contains("differ from event 2 on") == true)
        #expect(bytes(local) == before)
    }

    @Test func aSeparateSessionOfAnExistingRaterIsRefused() throws {
        let sites = Sites()
        try rate(1, as: "ann", at: sites.here)
        let there = try SessionStore.open(bundle: try sites.there.bundle(), rater: "ann", workspace: sites.there.workspace,
                                          now: Self.start.addingTimeInterval(60)).writer.file
        guard case .refused(let problems) = importing(there, into: sites.here) else {
            Issue.record("a second session was accepted")
            return
        }
        #expect(problems.first?.message.contains("already has a different session") == true)
    }

    @Test func aJournalOfOtherContentIsRefusedWithWhatDiffers() throws {
        let sites = Sites()
        sites.there.makeStudy(systems: ["big", "small", "medium"])
        let file = try rate(1, as: "ann", at: sites.there)
        guard case .refused(let problems) = importing(file, into: sites.here) else {
            Issue.record("a journal of another study version was accepted")
            return
        }
        #expect(problems.first?.description.hasPrefix("incoming/ann.jsonl:1: the journal was rated on other content") == true)
        #expect(problems.first?.message.contains("systems removed: medium") == true)
        #expect(!FileManager.default.fileExists(atPath: sites.here.workspace.journalFile(study: "mini", rater: "ann").path))
    }

    @Test func theRosterDecidesWhoMayBeImportedAndUnderWhichSpelling() throws {
        let roster = "[[raters]]\nname = \"ann\"\n"
        let sites = Sites(roster: roster)
        let stranger = try rate(1, as: "bob", at: sites.there)
        guard case .refused(let problems) = importing(stranger, into: sites.here) else {
            Issue.record("a rater not on the roster was accepted")
            return
        }
        #expect(problems.first?.message.contains("not on the roster") == true)
        // Elsewhere without the roster, "ANN" typed her name in capitals: here she is `ann`.
        let capital = try rate(1, as: "ANN", at: sites.there)
        guard case .refused(let spelled) = importing(capital, into: sites.here) else {
            Issue.record("a differently spelled rater was accepted")
            return
        }
        #expect(spelled.first?.message.contains("listed as `ann`") == true)
        #expect(importing(try rate(1, as: "ann", at: sites.there), into: sites.here).isRefused == false)
    }

    @Test func aNameThatDiffersOnlyInCaseFromALocalJournalIsRefused() throws {
        let sites = Sites()
        try rate(1, as: "ann", at: sites.here)
        guard case .refused(let problems) = importing(try rate(1, as: "Ann", at: sites.there), into: sites.here) else {
            Issue.record("Ann was imported beside ann")
            return
        }
        #expect(problems.first?.message.contains("names compare without case") == true)
    }

    @Test func aDamagedJournalIsRefusedWithItsLine() throws {
        let sites = Sites()
        let file = try rate(2, as: "ann", at: sites.there)
        var text = String(decoding: bytes(file), as: UTF8.self)
        text = text.replacingOccurrences(of: "\"seq\":2", with: "\"seq\":\"two\"")
        try Data(text.utf8).write(to: file)
        guard case .refused(let problems) = importing(file, into: sites.here) else {
            Issue.record("a damaged journal was accepted")
            return
        }
        #expect(problems.first?.description.hasPrefix("incoming/ann.jsonl:3: unreadable line") == true)
        let empty = sites.there.root.appendingPathComponent("empty.jsonl")
        try Data().write(to: empty)
        #expect(importing(empty, into: sites.here) == .refused([Diagnostic(file: "incoming/empty.jsonl", line: 1, message: "is empty: not an Agon journal")]))
    }

    @Test func aJournalBeingRatedHereIsNotTouched() throws {
        let sites = Sites()
        let shared = try rate(1, as: "ann", at: sites.there)
        _ = importing(shared, into: sites.here)
        let later = try rate(1, as: "ann", at: sites.there, from: 1)
        let open = try SessionStore.open(bundle: try sites.here.bundle(), rater: "ann", workspace: sites.here.workspace)
        guard case .refused(let problems) = importing(later, into: sites.here) else {
            Issue.record("a journal open in agon rate was extended")
            return
        }
        #expect(problems.first?.message.contains("is rating right now") == true)
        _ = open
    }
}
