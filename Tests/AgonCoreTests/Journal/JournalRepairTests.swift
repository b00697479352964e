import Foundation
import Testing
@testable import AgonCore
#if canImport(Glibc)
import Glibc
#endif

/// What Agon may and may not change in a journal it opens: a journal it refuses stays byte for byte
/// as it was; a journal it continues loses nothing (a complete last event keeps its place, a torn
/// tail is kept in a side file of its own).
struct JournalRepairTests {
    static let start = Date(timeIntervalSince1970: 1_800_000_000)
    static let path = "Sessions/mini/anna.jsonl"
    static let tornTail = "{\"type\":\"judgement\",\"seq\":9,\"item\":3,\"sco"

    /// A study, and a journal for `anna` with `judgements` judgements.
    func journal(judgements: Int = 1) throws -> (TestWorkspace, StudyBundle) {
        let test = TestWorkspace()
        test.makeStudy()
        let bundle = try test.bundle()
        let session = try SessionStore.open(bundle: bundle, rater: "anna", workspace: test.workspace, now: Self.start)
        for item in session.schedule.items.prefix(judgements) {
            try session.writer.append(.judgement(Judgement(item: item.number, task: item.task, left: item.left, right: item.right,
                                                           repeatOf: item.repeatOf, scores: [:], preference: .a, note: "",
                                                           seconds: 3, at: Self.start)))
        }
        return (test, bundle)
    }

    /// Each way a journal is refused, applied to a journal that also ends in a torn line, so that a
    /// repair made before the refusal would show.
    enum Refusal: String, CaseIterable, CustomStringConvertible {
        case foreignRater, otherStudy, newerSchema, unknownEventType, outOfOrder, damagedLine, sharedSeq, noHeader,
             changedStudy, changedRubricText

        var description: String { rawValue }

        func apply(to test: TestWorkspace) {
            let original = test.read(JournalRepairTests.path)
            let lines = original.split(separator: "\n").map(String.init)
            var journal = original
            switch self {
            case .foreignRater: journal = original.replacingOccurrences(of: "\"rater\":\"anna\"", with: "\"rater\":\"boris\"")
            case .otherStudy: journal = original.replacingOccurrences(of: "\"study\":\"mini\"", with: "\"study\":\"maxi\"")
            case .newerSchema: journal = original.replacingOccurrences(of: "\"schema\":1", with: "\"schema\":9")
            case .unknownEventType: journal = original + "{\"type\":\"telepathy\",\"seq\":2}\n"
            case .outOfOrder: journal = lines[0] + "\n" + lines[1].replacingOccurrences(of: "\"seq\":1", with: "\"seq\":5") + "\n" + lines[1] + "\n"
            case .damagedLine: journal = original + "{\"type\":\"judgement\",\n"
            case .sharedSeq: journal = original + lines[1].replacingOccurrences(of: "\"preference\":\"A\"", with: "\"preference\":\"B\"") + "\n"
            case .noHeader: journal = lines.dropFirst().joined(separator: "\n") + "\n"
            case .changedStudy:
                test.write("Studies/mini/study.toml", test.read("Studies/mini/study.toml").replacingOccurrences(of: "Prompt number 2", with: "Another prompt"))
            case .changedRubricText:
                test.write("Rubrics/creative-thinking.toml", test.read("Rubrics/creative-thinking.toml") + "\n# an edited comment\n")
            }
            test.write(JournalRepairTests.path, journal + JournalRepairTests.tornTail)
        }
    }

    @Test(arguments: Refusal.allCases)
    func refusedJournalIsLeftByteForByte(refusal: Refusal) throws {
        let (test, _) = try journal()
        refusal.apply(to: test)
        let before = try Data(contentsOf: test.root.appendingPathComponent(Self.path))
        let folderBefore = try FileManager.default.contentsOfDirectory(atPath: test.root.appendingPathComponent("Sessions/mini").path).sorted()
        let bundle = try test.bundle()
        #expect(throws: SessionStore.OpenError.self, "\(refusal) must be refused") {
            _ = try SessionStore.open(bundle: bundle, rater: "anna", workspace: test.workspace, now: Self.start.addingTimeInterval(60))
        }
        let after = try Data(contentsOf: test.root.appendingPathComponent(Self.path))
        #expect(after == before, "\(refusal): the refused journal changed (\(before.count) → \(after.count) bytes)")
        let folderAfter = try FileManager.default.contentsOfDirectory(atPath: test.root.appendingPathComponent("Sessions/mini").path).sorted()
        #expect(folderAfter == folderBefore, "\(refusal): a refusal wrote files: \(folderAfter)")
    }

    @Test func completeLastEventWithoutItsNewlineIsKept() throws {
        let (test, bundle) = try journal(judgements: 3)
        var text = test.read(Self.path)
        text.removeLast()  // the final newline
        test.write(Self.path, text)

        let contents = JournalReader.parse(data: Data(text.utf8), file: Self.path)
        #expect(contents.tornTail == nil, "a whole event is not torn")
        #expect(contents.events.count == 3)
        #expect(contents.problems.isEmpty, "\(contents.problems)")

        let session = try SessionStore.open(bundle: bundle, rater: "anna", workspace: test.workspace, now: Self.start.addingTimeInterval(60))
        #expect(session.state.ratedCount == 3, "the session went from 3 rated to \(session.state.ratedCount)")
        #expect(session.tornLineSetAside == nil)
        try session.writer.append(.skip(item: 5, at: Self.start))
        let after = test.read(Self.path)
        #expect(after.hasPrefix(text + "\n"), "the newline is added, nothing else changed")
        let reread = JournalReader.parse(data: Data(after.utf8), file: Self.path)
        #expect(reread.problems.isEmpty, "\(reread.problems)")
        #expect(reread.events.map(\.seq) == [1, 2, 3, 4])
    }

    @Test func tornTailThatDoesNotDecodeIsStillSetAside() throws {
        let (test, bundle) = try journal(judgements: 2)
        // Valid JSON, but not a whole event: a cut can end exactly at a closing brace.
        let tail = "{\"type\":\"judgement\",\"seq\":3,\"item\":4,\"scores\":{\"x\":{\"A\":1}}"
        test.write(Self.path, test.read(Self.path) + tail)
        let session = try SessionStore.open(bundle: bundle, rater: "anna", workspace: test.workspace, now: Self.start)
        let aside = try #require(session.tornLineSetAside)
        #expect(try Data(contentsOf: aside) == Data(tail.utf8))
        #expect(session.state.ratedCount == 2)
    }

    @Test func twoRepairsInTheSameSecondKeepBothTornLines() throws {
        let (test, bundle) = try journal()
        var asides: [URL] = []
        for tail in ["{\"type\":\"judgement\",\"seq\":2,\"item\":2,\"sc", "{\"type\":\"skip\",\"seq\":2,\"it"] {
            test.write(Self.path, test.read(Self.path) + tail)
            let session = try SessionStore.open(bundle: bundle, rater: "anna", workspace: test.workspace, now: Self.start)
            let aside = try #require(session.tornLineSetAside)
            #expect(try Data(contentsOf: aside) == Data(tail.utf8))
            asides.append(aside)
        }
        #expect(asides[0] != asides[1], "the second repair overwrote the first one's side file")
        #expect(try Data(contentsOf: asides[0]) == Data("{\"type\":\"judgement\",\"seq\":2,\"item\":2,\"sc".utf8))
    }

    /// `archive` moves a journal it holds locked. A second writer that opened the path just before
    /// the move, and gets the lock just after, holds the archived file: it must notice and open the
    /// path again rather than append to the archive.
    @Test func aWriterThatOpenedTheJournalBeforeItWasArchivedDoesNotWriteIntoTheArchive() throws {
        let (test, _) = try journal(judgements: 2)
        let file = test.root.appendingPathComponent(Self.path)
        let early = open(file.path, O_RDWR | O_APPEND | O_CLOEXEC)
        try #require(early >= 0)
        let archived = try #require(try SessionStore.archive(studyID: "mini", rater: "anna", workspace: test.workspace))
        let archivedBytes = try Data(contentsOf: archived)
        var opened = 0
        let writer = try JournalWriter(file: file, opening: { path in
            opened += 1
            return opened == 1 ? early : open(path, O_RDWR | O_CREAT | O_APPEND | O_CLOEXEC, 0o644)
        })
        try writer.append(.opened(at: Self.start))
        #expect(try Data(contentsOf: archived) == archivedBytes, "the writer appended to the archived journal")
        #expect(opened == 2, "the writer should have opened the path again")
        #expect(JournalReader.parse(data: try Data(contentsOf: file), file: Self.path).events.count == 1)
    }
}
