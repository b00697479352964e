import AgonCore
import Testing
@testable import AgonTUI

/// Markdown in answers as plain typography; `[design] answers = "raw"` shows it as written.
struct MarkdownTextTests {
    @Test func headingsEmphasisListsAndRules() {
        let text = "# The Witch's Diary #\n\nShe was *not* afraid, **never**, _quite_ __so__.\n- first\n* second\n  + nested\n1. numbered\n---\n3 * 4 = 12, snake_case_name, a lone *"
        let rendered = MarkdownText.render(text)
        let lines = rendered.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines[0] == String(MarkdownText.boldMark) + "The Witch's Diary")
        #expect(lines[2] == "She was not afraid, never, quite so.")
        #expect(lines[3] == "• first")
        #expect(lines[4] == "• second")
        #expect(lines[5] == "  • nested")
        #expect(lines[6] == "1. numbered")
        #expect(lines[7] == "────────────")
        #expect(lines[8] == "3 * 4 = 12, snake_case_name, a lone *")
    }

    @Test func codeBlocksStayAsWritten() {
        let text = "```\n# not a heading\n*x*\n```\n*y*"
        #expect(MarkdownText.render(text) == "```\n# not a heading\n*x*\n```\ny")
    }

    @Test func aHeadingIsBoldOnEveryLineItWrapsTo() {
        let lines = MarkdownText.wrap(MarkdownText.render("## A heading long enough to wrap\nplain"), width: 12)
        #expect(lines.dropLast().allSatisfy { $0.first == MarkdownText.boldMark })
        #expect(lines.last == "plain")
        #expect(lines.allSatisfy { DisplayWidth.of(String($0.drop { $0 == MarkdownText.boldMark })) <= 12 })
    }

    /// An answer cannot make itself bold or smuggle the mark: the sanitiser turns control
    /// characters into visible symbols before Markdown is read.
    @Test func theBoldMarkCannotComeFromAnAnswer() {
        let cleaned = Sanitizer.clean("\u{01}not bold")
        #expect(!cleaned.contains(MarkdownText.boldMark))
        #expect(MarkdownText.wrap(MarkdownText.render(cleaned), width: 40).allSatisfy { $0.first != MarkdownText.boldMark })
    }

    func screen(_ presentation: AnswerPresentation) -> RatingScreen {
        let schedule = Schedule(items: [ScheduleItem(number: 1, task: "t1", left: "x", right: "y")])
        let content = RatingContent(title: "T", rater: "r", rubric: Fixture.rubric(), schedule: schedule, prompts: ["t1": "P"],
                                    answers: [RatingContent.key("t1", "x"): "# Title\n\n*soft* words\n- item",
                                              RatingContent.key("t1", "y"): "plain"], presentation: presentation)
        return RatingScreen(content: content, session: SessionState(), language: .en, now: Fixture.start, width: 120, height: 40)
    }

    @Test func theScreenRendersOrShowsRaw() {
        let canvas = screen(.rendered).render()
        let text = canvas.text
        #expect(text.contains(" Title "))
        #expect(!text.contains("# Title"))
        #expect(text.contains("soft words"))
        #expect(text.contains("• item"))
        // The heading is drawn bold.
        let layout = ScreenLayout.make(screen(.rendered))
        let titleRow = layout.paneA.y
        let row = canvas.line(titleRow)
        if let range = row.range(of: "Title") {
            let column = row.distance(from: row.startIndex, to: range.lowerBound)
            #expect(canvas[column, titleRow].style.bold)
        } else {
            Issue.record("no title on row \(titleRow): \(row)")
        }

        let raw = screen(.raw).render().text
        #expect(raw.contains("# Title"))
        #expect(raw.contains("*soft* words"))
        #expect(raw.contains("- item"))
    }
}
