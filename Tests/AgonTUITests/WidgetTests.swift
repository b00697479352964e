import AgonCore
import Testing
@testable import AgonTUI

struct WidgetTests {
    /// The layout's regions tile the screen: no two overlap, and together they cover every cell
    /// (an overlay, drawn over the whole screen, is left out).
    @Test(arguments: [(60, 18), (80, 24), (99, 30), (100, 30), (120, 40), (203, 61)])
    func regionsTileTheScreen(size: (Int, Int)) {
        for screen in screens(width: size.0, height: size.1) {
            var owner = [Int](repeating: -1, count: size.0 * size.1)
            let regions = screen.regions().filter { $0.area != Rect(x: 0, y: 0, width: size.0, height: size.1) }
            for (index, region) in regions.enumerated() {
                for y in region.area.y..<region.area.maxY {
                    for x in region.area.x..<region.area.maxX {
                        #expect(owner[y * size.0 + x] == -1, "\(type(of: region.widget)) overlaps \(type(of: regions[max(0, owner[y * size.0 + x])].widget)) at \(x),\(y) in \(screen.mode)")
                        owner[y * size.0 + x] = index
                    }
                }
            }
            #expect(!owner.contains(-1), "\(size) in \(screen.mode): some cells belong to no region")
        }
    }

    /// Each widget draws inside the rectangle it is given and leaves every other cell alone.
    @Test(arguments: [(60, 18), (80, 24), (100, 30), (120, 40)])
    func aWidgetDrawsOnlyInItsArea(size: (Int, Int)) {
        let marker = Style(.warning, bold: true, reverse: true)
        for language in Language.allCases {
            for screen in screens(width: size.0, height: size.1, language: language) {
                for region in screen.regions() {
                    var canvas = Canvas(width: size.0, height: size.1)
                    canvas.fill(canvas.bounds, style: marker)
                    let before = canvas
                    region.widget.draw(into: &canvas, area: region.area)
                    for y in 0..<size.1 {
                        for x in 0..<size.0 where !(region.area.x..<region.area.maxX).contains(x) || !(region.area.y..<region.area.maxY).contains(y) {
                            #expect(canvas[x, y] == before[x, y], "\(type(of: region.widget)) wrote at \(x),\(y) outside \(region.area) in \(screen.mode)")
                        }
                    }
                }
            }
        }
    }

    @Test func splittingARectangleKeepsEveryCell() {
        let area = Rect(x: 3, y: 2, width: 10, height: 6)
        let (top, rest) = area.splitTop(2)
        #expect(top == Rect(x: 3, y: 2, width: 10, height: 2))
        #expect(rest == Rect(x: 3, y: 4, width: 10, height: 4))
        let (above, bottom) = area.splitBottom(1)
        #expect(above == Rect(x: 3, y: 2, width: 10, height: 5))
        #expect(bottom == Rect(x: 3, y: 7, width: 10, height: 1))
        let (left, right) = area.splitLeft(4)
        #expect(left == Rect(x: 3, y: 2, width: 4, height: 6))
        #expect(right == Rect(x: 7, y: 2, width: 6, height: 6))
        #expect(area.splitTop(99).rest.height == 0)
        #expect(area.splitLeft(-1).left.width == 0)
        #expect(area.inset(columns: 2, rows: 1) == Rect(x: 5, y: 3, width: 6, height: 4))
        #expect(Rect(x: 0, y: 0, width: 80, height: 24).centered(width: 64, height: 8) == Rect(x: 8, y: 8, width: 64, height: 8))
    }

    /// The screen in each of its modes, with scores, a note and a scrolled answer.
    private func screens(width: Int, height: Int, language: Language = .en) -> [RatingScreen] {
        var driver = Driver(Fixture.screen(long: true, language: language, width: width, height: height))
        var screens = [driver.screen]
        driver.press("5")
        driver.send(.pageDown)
        driver.send(.right)
        screens.append(driver.screen)
        driver.press("n")
        driver.type("Стрелки идут назад 🙂 " + String(repeating: "x", count: 90))
        screens.append(driver.screen)
        driver.send(.enter)
        for key in ["?", "f", "i"] {
            driver.press(key)
            screens.append(driver.screen)
            driver.send(.escape)
        }
        driver.press("q")
        screens.append(driver.screen)
        driver.send(.escape)
        for _ in 0..<3 {
            driver.press("11l11t")
            driver.send(.left)
            driver.send(.enter)
        }
        screens.append(driver.screen)
        return screens
    }
}
