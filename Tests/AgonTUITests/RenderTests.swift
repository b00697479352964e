import AgonCore
import Foundation
import Testing
@testable import AgonTUI

/// Screens as text. Snapshots live in `Snapshots/`; a missing one is recorded and the test fails
/// until it has been reviewed (re-record all with `AGON_RECORD_SNAPSHOTS=1 swift test`).
struct RenderTests {
    private func snapshot(_ screen: RatingScreen, _ name: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let canvas = screen.render()
        let text = canvas.lines.map { line in
            var trimmed = line
            while trimmed.last == " " { trimmed.removeLast() }
            return trimmed
        }.joined(separator: "\n") + "\n"
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Snapshots")
        let file = folder.appendingPathComponent(name + ".txt")
        let record = ProcessInfo.processInfo.environment["AGON_RECORD_SNAPSHOTS"] == "1"
        if !record, let recorded = try? String(contentsOf: file, encoding: .utf8) {
            #expect(text == recorded, "screen differs from Snapshots/\(name).txt", sourceLocation: sourceLocation)
            if text != recorded { print("--- \(name) now:\n\(text)") }
            return
        }
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try? text.write(to: file, atomically: true, encoding: .utf8)
        Issue.record("recorded Snapshots/\(name).txt: review it, then run the tests again", sourceLocation: sourceLocation)
    }

    @Test func firstItemWide() {
        snapshot(Fixture.screen(), "first-item-120x40")
    }

    @Test func partlyScoredWithANote() {
        var driver = Driver(Fixture.screen())
        driver.press("54l3n")
        driver.type("Второй ответ смелее")
        driver.send(.enter)
        snapshot(driver.screen, "partly-scored-120x40")
    }

    @Test func narrowShowsOneAnswerAtATime() {
        var driver = Driver(Fixture.screen(width: 80, height: 24))
        driver.press("s")
        snapshot(driver.screen, "narrow-answer-a-80x24")
        driver.send(.right)
        snapshot(driver.screen, "narrow-answer-b-80x24")
    }

    @Test func russian() {
        var driver = Driver(Fixture.screen(language: .ru, width: 100, height: 30))
        driver.press("5")
        driver.send(.enter)
        snapshot(driver.screen, "russian-100x30")
    }

    @Test func overlays() {
        var driver = Driver(Fixture.screen(width: 80, height: 24))
        driver.press("?")
        snapshot(driver.screen, "help-80x24")
        driver.send(.escape)
        driver.press("f")
        snapshot(driver.screen, "flag-80x24")
        driver.send(.escape)
        driver.press("5q")
        snapshot(driver.screen, "confirm-quit-80x24")
    }

    @Test func criterionInFull() {
        var driver = Driver(Fixture.screen(language: .ru, width: 80, height: 24))
        driver.press("i")
        snapshot(driver.screen, "criterion-in-full-ru-80x24")
        driver.send(.escape)
        #expect(driver.screen.mode == .rating)
    }

    @Test func closingScreen() {
        var driver = Driver(Fixture.screen(width: 80, height: 24))
        for _ in 0..<3 {
            driver.press("11l11t")
            driver.send(.enter)
        }
        snapshot(driver.screen, "closing-80x24")
    }

    @Test func tooSmall() {
        snapshot(Fixture.screen(width: 50, height: 12), "too-small-50x12")
    }

    @Test func comparative() {
        var driver = Driver(Fixture.screen(comparative: true, width: 100, height: 30))
        driver.press("2")
        snapshot(driver.screen, "comparative-100x30")
    }

    @Test func textFromModelsIsNeutralised() {
        var driver = Driver(Fixture.screen(width: 120, height: 40))
        for _ in 0..<3 where !driver.screen.render().text.contains("Tick,") { driver.press("s") }
        let text = driver.screen.render().text
        #expect(text.contains("␛[31mred␛[0m"))
        #expect(!text.unicodeScalars.contains { ($0.value < 0x20 && $0 != "\n") || (0x80..<0xA0).contains($0.value) || (0x202A...0x202E).contains($0.value) })
    }

    /// Every row is exactly as wide as the terminal, whatever the size, item, mode or script.
    @Test(arguments: [(59, 17), (60, 18), (80, 24), (99, 30), (100, 30), (120, 40), (203, 61)])
    func everyRowHasTheTerminalsWidth(size: (Int, Int)) {
        for language in Language.allCases {
            var driver = Driver(Fixture.screen(long: true, language: language, width: size.0, height: size.1))
            var screens: [RatingScreen] = []
            for _ in 0..<3 {
                driver.press("5")
                screens.append(driver.screen)
                driver.send(.end)
                driver.send(.right)
                screens.append(driver.screen)
                driver.press("n")
                driver.type("時計は逆に回る, Стрелки идут назад 🙂 " + String(repeating: "x", count: 200))
                screens.append(driver.screen)
                driver.send(.enter)
                driver.press("?")
                screens.append(driver.screen)
                driver.send(.escape)
                driver.press("f")
                screens.append(driver.screen)
                driver.send(.escape)
                driver.press("i")
                screens.append(driver.screen)
                driver.send(.escape)
                driver.press("s")
            }
            for screen in screens {
                let canvas = screen.render()
                #expect(canvas.lines.count == size.1)
                for (row, line) in canvas.lines.enumerated() {
                    #expect(DisplayWidth.of(line) == size.0, "row \(row) of \(size) in \(screen.mode) is \(DisplayWidth.of(line)) wide: \(line)")
                }
            }
        }
    }

    /// Blinding: no system id reaches the screen, in any mode, on any item.
    @Test func noSystemIdentityOnScreen() {
        var driver = Driver(Fixture.screen())
        var texts: [String] = []
        for _ in 0..<3 {
            texts.append(driver.screen.render().text)
            driver.press("?")
            texts.append(driver.screen.render().text)
            driver.send(.escape)
            driver.press("11l11a")
            driver.send(.enter)
        }
        texts.append(driver.screen.render().text)
        for text in texts {
            #expect(!text.contains("sysLEAK"))
            #expect(!text.lowercased().contains("leak"))
        }
    }

    @Test func helpListsEveryKeyOfTheRatingScreen() {
        let help = Fixture.screen().helpOverlay.lines(width: 100).map(\.0).joined(separator: "\n")
        for binding in KeyMap.bindings(for: .rating) + KeyMap.textField {
            #expect(help.contains(binding.help.en), "help does not mention \(binding.action)")
        }
    }
}
