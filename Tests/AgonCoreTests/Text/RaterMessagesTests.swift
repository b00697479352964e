import Foundation
import Testing
@testable import AgonCore

/// Every message `agon rate` gives a rater outside the screen is worded in both languages.
struct RaterMessagesTests {
    static func isCyrillic(_ scalar: Unicode.Scalar) -> Bool { (0x0400...0x04FF).contains(scalar.value) }

    @Test func everyKindIsCoveredByTheExamples() {
        let covered = Set(RaterMessage.examples.map(\.kind))
        for kind in RaterMessage.Kind.allCases {
            #expect(covered.contains(kind), "no example of \(kind): add one to RaterMessage.examples")
        }
    }

    @Test(arguments: RaterMessage.examples)
    func everyMessageHasBothLanguages(_ message: RaterMessage) {
        let text = message.localized
        #expect(!text.en.isEmpty, "\(message) has no English")
        let russian = text.ru ?? ""
        #expect(!russian.isEmpty, "\(message) has no Russian")
        #expect(russian != text.en, "\(message): the Russian is the English")
        #expect(russian.unicodeScalars.contains(where: Self.isCyrillic), "\(message): the Russian has no Cyrillic letter")
        #expect(!text.en.unicodeScalars.contains(where: Self.isCyrillic), "\(message): Cyrillic in the English")
    }

    /// A philosopher is never told to run git: the study changed, and the researcher is named.
    @Test func aChangedStudyNamesTheResearcherNotGit() {
        let message = RaterMessage.studyChanged(study: "demo")
        for language in Language.allCases {
            let text = message.text(in: language)
            #expect(!text.contains("git"), "\(text)")
            #expect(text.contains(language == .ru ? "исследовател" : "researcher"), "\(text)")
        }
    }

    @Test func sessionStoreRefusalsAreWordedByTheTable() {
        let refusals: [SessionStore.OpenError] = [
            .unsafeRaterName(.doubleDot), .locked(journal: "Sessions/demo/anna.jsonl"), .storage("Permission denied"),
            .foreignJournal(journal: "Sessions/demo/anna.jsonl", detail: "belongs elsewhere"),
            .cannotAppend(journal: "Sessions/demo/anna.jsonl", reasons: ["line 3 is damaged"]),
            .inputsChanged(journal: "Sessions/demo/anna.jsonl", changes: ["tasks removed: t6"]),
        ]
        for refusal in refusals {
            let russian = refusal.raterMessage(study: "demo").text(in: .ru)
            #expect(russian.unicodeScalars.contains(where: Self.isCyrillic), "\(refusal): \(russian)")
            // The researcher's detail (the changes, the damaged line) is not the rater's message.
            #expect(!russian.contains("tasks removed") && !russian.contains("line 3"), "\(russian)")
        }
        #expect(SessionStore.OpenError.inputsChanged(journal: "j", changes: []).description.contains("--accept-edits"))
    }

    @Test func raterNameProblemsKeepTheirEnglishWording() {
        #expect(RaterName.problem(with: "../x") == "a rater name may not start with `.` or `-`")
        #expect(RaterName.issue(with: "a/b") == .character("`/`"))
        #expect(RaterName.issue(with: String(repeating: "ж", count: 70)) == .tooLong(count: 70))
        #expect(RaterMessage.raterName(.tooLong(count: 70)).text(in: .ru).contains("70 символов"))
        #expect(RaterMessage.raterName(.tooLong(count: 72)).text(in: .ru).contains("72 символа"))
        #expect(RaterName.issue(with: "анна") == nil)
    }
}

/// CLDR plural rules for whole numbers (plurals.xml, `en` and `ru`).
struct PluralTests {
    @Test func russianCategoriesFollowCLDR() {
        let expected: [(Int, PluralCategory)] = [
            (0, .many), (1, .one), (2, .few), (4, .few), (5, .many), (11, .many), (12, .many), (14, .many),
            (21, .one), (22, .few), (25, .many), (101, .one), (111, .many), (112, .many), (122, .few), (1001, .one),
        ]
        for (count, category) in expected {
            #expect(PluralCategory.of(count, in: .ru) == category, "\(count)")
        }
    }

    @Test func englishHasOneAndOther() {
        #expect(PluralCategory.of(1, in: .en) == .one)
        for count in [0, 2, 11, 21, 101] { #expect(PluralCategory.of(count, in: .en) == .other, "\(count)") }
    }

    @Test func nounsTakeTheRightForm() {
        #expect(PluralNoun.pair.counted(3, in: .ru) == "3 пары")
        #expect(PluralNoun.pair.counted(5, in: .ru) == "5 пар")
        #expect(PluralNoun.pair.counted(21, in: .ru) == "21 пара")
        #expect(PluralNoun.task.counted(1, in: .en) == "1 task")
        #expect(PluralNoun.task.counted(2, in: .en) == "2 tasks")
    }
}
