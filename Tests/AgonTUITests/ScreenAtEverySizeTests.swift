import AgonCore
import Foundation
import Testing
@testable import AgonTUI

/// The demo study's rubric (long Russian criterion names, seven anchors) at every allowed size:
/// both score columns, the rater's name, nothing cut without `…`, the folded rubric, the measure.
struct ScreenAtEverySizeTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func demo(language: Language, width: Int, height: Int, rater: String = "философ") throws -> RatingScreen {
        let bundle = try StudyBundle.load(studyID: "demo", in: Workspace(root: repository))
        let schedule = Schedule.make(studyID: bundle.study.id, taskIDs: bundle.study.tasks.map(\.id), systemIDs: bundle.study.systems.map(\.id),
                                     rater: rater, seed: 1, repeatShare: 0)
        return RatingScreen(content: RatingContent(bundle: bundle, rater: rater, schedule: schedule), session: SessionState(),
                            language: language, now: Fixture.start, width: width, height: height)
    }

    static let sizes = [(60, 18), (80, 24), (120, 40), (200, 60)]

    /// The score table's rows: the lines between the rubric's top rule and the overall line.
    func tableRows(_ screen: RatingScreen) -> [String] {
        let layout = ScreenLayout.make(screen)
        let lines = screen.render().lines
        return (layout.rubric.y..<layout.rubric.maxY).map { lines[$0] }
    }

    @Test(arguments: sizes)
    func bothScoreColumnsAndTheirScoresShow(size: (Int, Int)) throws {
        for language in Language.allCases {
            var driver = Driver(try Self.demo(language: language, width: size.0, height: size.1))
            driver.press("53")
            driver.send(.right)
            driver.press("6")
            let rows = tableRows(driver.screen)
            #expect(rows[0].contains(" A ") && rows[0].contains(" B "), "\(size) \(language): \(rows[0])")
            // The first criterion's row holds A's 5 and B's 6, the second A's 3.
            let cells = { (row: String) in row.prefix { $0 != "│" }.split(separator: " ").suffix(2).map(String.init) }
            #expect(cells(rows[1]) == ["5", "6"], "\(size) \(language): \(rows[1])")
            #expect(cells(rows[2]).first == "3", "\(size) \(language): \(rows[2])")
        }
    }

    @Test(arguments: sizes)
    func theRatersNameIsAlwaysInTheHeader(size: (Int, Int)) throws {
        for language in Language.allCases {
            var driver = Driver(try Self.demo(language: language, width: size.0, height: size.1, rater: "anna-karenina"))
            #expect(driver.screen.render().line(0).contains("anna-karenina"))
            driver.press("f1")
            driver.send(.enter)
            let header = driver.screen.render().line(0)
            #expect(header.contains("anna-karenina"), "\(size) \(language): \(header)")
            #expect(header.contains("⚑"))
        }
    }

    /// A criterion name or anchor that does not fit ends in `…`; a row never runs into the next
    /// widget (each table row ends inside the table, before the guide's rule).
    @Test(arguments: sizes)
    func namesAreCutWithAnEllipsisInsideTheTable(size: (Int, Int)) throws {
        for language in Language.allCases {
            let screen = try Self.demo(language: language, width: size.0, height: size.1)
            let names = screen.rubric.criteria.map { $0.name.text(in: language) }
            let rows = tableRows(screen)
            for (index, name) in names.enumerated() where index + 1 < rows.count - 1 {
                let row = rows[index + 1]
                let shown = row.dropFirst(2).prefix { $0 != "│" }
                #expect(shown.contains(name) || shown.contains("…"), "\(size) \(language): \(row)")
            }
        }
    }

    @Test func foldingTheRubricGivesTheAnswersClearlyMoreLines() throws {
        for language in Language.allCases {
            var driver = Driver(try Self.demo(language: language, width: 80, height: 24))
            let unfolded = ScreenLayout.make(driver.screen).paneA.height
            driver.press("r")
            #expect(driver.screen.rubricFolded)
            let folded = ScreenLayout.make(driver.screen)
            #expect(folded.rubric.height == 1)
            #expect(folded.paneA.height >= unfolded + 4, "\(unfolded) → \(folded.paneA.height)")
            // The summary keeps the focused criterion's scores and the key that unfolds it.
            driver.press("5")
            let summary = driver.screen.render().line(folded.rubric.y)
            #expect(summary.contains(driver.screen.strings.unfoldRubricHint), "\(summary)")
            #expect(summary.contains("A ·") || summary.contains("A 5"), "\(summary)")
            // Scoring goes on while folded; the Russian layout's к is r.
            #expect(driver.screen.input.scores[driver.screen.rubric.criteria[0].id]?.a == 5)
            driver.type(language == .ru ? "к" : "r")
            #expect(!driver.screen.rubricFolded)
        }
    }

    @Test func aWidePaneKeepsTheReadingMeasureCentred() throws {
        let screen = try Self.demo(language: .ru, width: 200, height: 60)
        let layout = ScreenLayout.make(screen)
        #expect(layout.textWidth(.a) == ScreenLayout.readingMeasure)
        #expect(layout.textIndent(.a) > 5)
        let text = screen.content.answer(screen.current!, .a)
        let lines = screen.wraps.lines(screen.answerKey(screen.current!, .a), text, width: layout.textWidth(.a))
        #expect(lines.allSatisfy { DisplayWidth.of($0) <= ScreenLayout.readingMeasure })
        // At 80 columns (one pane) the measure is the pane's.
        let narrow = ScreenLayout.make(try Self.demo(language: .ru, width: 80, height: 24))
        #expect(narrow.textWidth(.a) == 77 && narrow.textIndent(.a) == 0)
    }

    @Test func theGuideSaysWhenAnchorsDoNotFit() throws {
        let screen = try Self.demo(language: .ru, width: 80, height: 24)
        let rows = tableRows(screen)
        #expect(rows.last?.contains("… i — полностью") == true, "\(rows)")
    }
}
