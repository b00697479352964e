import AgonCore
import Testing
@testable import AgonTUI

/// Every rater-facing text has both languages, the same blanks in each, and plural forms.
struct StringsTests {
    static func blanks(_ text: String) -> [String] {
        var found: [String] = []
        var rest = Substring(text)
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
            found.append(String(rest[open...close]))
            rest = rest[rest.index(after: close)...]
        }
        return found.sorted()
    }

    @Test func everyPhraseHasBothLanguagesAndTheSameBlanks() {
        for phrase in Phrase.allCases {
            let text = Strings.table[phrase]
            #expect(text != nil, "\(phrase) is not in the table")
            guard let text else { continue }
            #expect(!text.en.isEmpty, "\(phrase) has no English")
            #expect(text.ru?.isEmpty == false, "\(phrase) has no Russian")
            #expect(Self.blanks(text.en) == Self.blanks(text.ru ?? ""), "\(phrase): the blanks differ")
        }
        for phrase in [Phrase.pairs, .criteria, .characters, .quotedLines, .oddities] {
            for language in Language.allCases {
                #expect(Strings(language).text(phrase).split(separator: "|").count == 3, "\(phrase) needs three forms")
            }
        }
    }

    @Test func everyKeyDescriptionHasBothLanguages() {
        let modes: [Mode] = [.rating, .note, .flagReason, .confirmQuit, .help, .criterion, .marking, .finished]
        for binding in modes.flatMap(KeyMap.bindings(for:)) + KeyMap.groups.flatMap(\.bindings) {
            for text in [binding.help] + (binding.short.map { [$0] } ?? []) {
                #expect(!text.en.isEmpty && text.ru?.isEmpty == false, "\(binding.action): \(text)")
            }
        }
    }

    @Test func pluralCategoriesFollowCLDR() {
        let ru: [Int: PluralCategory] = [0: .many, 1: .one, 2: .few, 4: .few, 5: .many, 11: .many, 12: .many, 14: .many,
                                         21: .one, 22: .few, 25: .many, 101: .one, 111: .many, 112: .many, 1001: .one]
        for (number, category) in ru { #expect(PluralCategory(number, in: .ru) == category, "\(number)") }
        #expect(PluralCategory(1, in: .en) == .one)
        for number in [0, 2, 11, 21] { #expect(PluralCategory(number, in: .en) == .other) }
        #expect(Language.en.count(1, one: "rater", few: "raters", many: "raters") == "1 rater")
        #expect(Language.en.count(2, one: "rater", few: "raters", many: "raters") == "2 raters")
    }

    @Test func theClosingWordsCountPairsAsEachLanguageDoes() {
        #expect(Strings(.ru).finishedBody(3).contains("все 3 пары"))
        #expect(Strings(.ru).finishedBody(5).contains("все 5 пар"))
        #expect(Strings(.ru).finishedBody(21).contains("все 21 пару"))
        #expect(Strings(.ru).finishedBody(1).hasPrefix("Вы оценили 1 пару."))
        #expect(Strings(.en).finishedBody(1).contains("the 1 pair."))
        #expect(Strings(.en).finishedBody(3).contains("all 3 pairs"))
    }

    @Test func blanksAreFilledOnceInOrder() {
        let text = Strings(.en).text(.tooSmall, "{4}", 3, 60, 18)
        #expect(text == "This window is too small ({4}×3); the rating screen needs at least 60×18. Enlarge it, or press q to quit.")
    }

    @Test func theQuitDialogNamesTheRussianLayoutsKeys() {
        var driver = Driver(Fixture.screen(language: .ru, width: 80, height: 24))
        driver.press("5q")
        let text = driver.screen.render().text
        #expect(text.contains("л/k"))
        #expect(text.contains("в/d"))
        var english = Driver(Fixture.screen(language: .en, width: 80, height: 24))
        english.press("5q")
        #expect(!english.screen.render().text.contains("л/k"))
    }

    @Test func thePanePositionSaysLines() {
        let text = Fixture.screen(language: .ru, width: 100, height: 30).render().text
        #expect(text.contains("строки 1–"))
        #expect(!text.contains("стр. "))
    }
}
