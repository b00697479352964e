@testable import AgonCore
import Foundation
import Testing

struct SessionsOverviewTests {
    @Test func listedRatersWhoHaveNotStartedAreShown() throws {
        let roster = try Roster.parse("""
            [[raters]]
            name = "ann"
            display_name = "Ann Smith"
            background = "philosopher"
            years = 12
            [[raters]]
            name = "bob"
            background = "writer"
            """, file: "raters.toml")
        let text = SessionsOverview.render(studyID: "s", journals: [], bundle: nil, roster: roster)
        let lines = text.split(separator: "\n")
        #expect(lines.first == "s")
        #expect(lines[1].contains("name") && lines[1].contains("background") && lines[1].contains("median time"))
        #expect(lines.contains { $0.contains("ann") && $0.contains("Ann Smith") && $0.contains("philosopher, 12 y") && $0.contains("not started") })
        #expect(lines.contains { $0.contains("bob") && $0.contains("writer") && $0.contains("not started") })
    }

    @Test func withoutARosterThereAreNoWhoColumns() {
        let text = SessionsOverview.render(studyID: "s", journals: [], bundle: nil, roster: nil)
        #expect(!text.contains("background"))
        #expect(text.contains("median time"))
    }

    @Test func medianTimeIsMinutesAndSeconds() {
        #expect(SessionsOverview.medianSeconds([]) == "—")
        #expect(SessionsOverview.medianSeconds([30, 200, 61]) == "1:01")
        #expect(SessionsOverview.medianSeconds([10, 20]) == "0:15")
    }
}
