@testable import AgonCore
import Foundation
import Testing

struct RosterTests {
    @Test func namesCompareWithoutCaseAndUnicodeForm() throws {
        let roster = try Roster.parse("""
            [[raters]]
            name = "Ann"
            display_name = "Ann Smith"
            language = "en"
            background = "philosopher"
            years = 12

            [[raters]]
            name = "Zoé"
            language = "ru"
            background = "translator of poetry"
            """, file: "raters.toml")
        #expect(roster.rater(named: "ann")?.name == "Ann")
        #expect(roster.rater(named: "ANN")?.displayName == "Ann Smith")
        #expect(roster.rater(named: "ZOE\u{301}")?.name == "Zoé")
        #expect(roster.rater(named: "zoé")?.language == .ru)
        #expect(roster.rater(named: "bob") == nil)
        #expect(roster.rater(named: "Zoé")?.background == "translator of poetry")
    }

    @Test func aCollisionIsRefusedWithItsLine() {
        do {
            _ = try Roster.parse("""
                [[raters]]
                name = "ann"

                [[raters]]
                name = "ANN"
                """, file: "Studies/s/raters.toml")
            Issue.record("a collision was accepted")
        } catch {
            #expect(error.diagnostics.map(\.description) == [
                "Studies/s/raters.toml:5: rater `ANN` is the same name as `ann` (line 1): names are compared without case, so they would share one journal",
            ])
        }
    }

    @Test func badFieldsAreNamed() {
        do {
            _ = try Roster.parse("""
                [[raters]]
                name = "../x"
                [[raters]]
                name = "bob"
                language = "fr"
                years = -1
                shoe_size = 9
                """, file: "r.toml")
            Issue.record("accepted")
        } catch {
            let text = error.diagnostics.map(\.description).joined(separator: "\n")
            #expect(text.contains("r.toml:2:"))
            #expect(text.contains("`language` must be en or ru"))
            #expect(text.contains("`years` must be between 0 and 100"))
            #expect(text.contains("shoe_size"))
        }
    }

    @Test func theRefusalIsInTheRatersLanguage() {
        #expect(RaterMessage.notOnRoster(name: "eve", study: "s").text(in: .en).contains("not on the list of raters"))
        #expect(RaterMessage.notOnRoster(name: "eve", study: "s").text(in: .ru).contains("нет в списке оценщиков"))
    }
}
