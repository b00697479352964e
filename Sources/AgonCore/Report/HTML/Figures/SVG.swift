import Foundation

/// Drawing primitives for the report's figures: each figure is one `<svg>` with its own viewBox,
/// presentation attributes instead of CSS (a figure copied out of the page still looks the same),
/// and text as text, so it stays selectable and searchable.
enum SVG {
    /// The width every figure is drawn for: A4 less 15 mm margins, at 96 px an inch (~680 px).
    static let width = 680.0
    static let font = "DejaVu Sans, Verdana, Arial, sans-serif"

    /// A coordinate to one decimal, without `String(format:)`: a figure writes tens of thousands.
    static func f(_ value: Double) -> String {
        guard value.isFinite, abs(value) < 1e12 else { return "0" }
        let tenths = Int((value * 10).rounded())
        let whole = String(abs(tenths) / 10), fraction = abs(tenths) % 10
        return (tenths < 0 ? "-" : "") + (fraction == 0 ? whole : whole + "." + String(fraction))
    }

    static func root(figure: String, height: Double, title: String, _ children: [HTMLNode]) -> HTMLNode {
        .element("svg", [("xmlns", "http://www.w3.org/2000/svg"), ("viewBox", "0 0 \(f(width)) \(f(height))"),
                         ("width", f(width)), ("height", f(height)), ("role", "img"), ("data-figure", figure),
                         ("font-family", font), ("font-size", "11"), ("class", "figure")],
                 [.element("title", [], [.text(title)])] + children)
    }

    static func rect(_ x: Double, _ y: Double, _ w: Double, _ h: Double, fill: String,
                     stroke: String? = nil, extra: [(String, String)] = []) -> HTMLNode {
        var attributes = [("x", f(x)), ("y", f(y)), ("width", f(max(0, w))), ("height", f(max(0, h))), ("fill", fill)]
        if let stroke { attributes += [("stroke", stroke), ("stroke-width", "0.8")] }
        return .element("rect", attributes + extra)
    }

    static func line(_ x1: Double, _ y1: Double, _ x2: Double, _ y2: Double, stroke: String = "#000000",
                     width: Double = 1, dash: String? = nil) -> HTMLNode {
        var attributes = [("x1", f(x1)), ("y1", f(y1)), ("x2", f(x2)), ("y2", f(y2)), ("stroke", stroke), ("stroke-width", f(width))]
        if let dash { attributes.append(("stroke-dasharray", dash)) }
        return .element("line", attributes)
    }

    /// A 95% interval: a line from x1 to x2 at height y, with end caps.
    static func interval(_ x1: Double, _ x2: Double, _ y: Double) -> [HTMLNode] {
        [line(x1, y, x2, y, stroke: Palette.black, width: 1.6),
         line(x1, y - 4, x1, y + 4, stroke: Palette.black, width: 1.2),
         line(x2, y - 4, x2, y + 4, stroke: Palette.black, width: 1.2)]
    }

    enum Anchor: String { case start, middle, end }

    static func text(_ x: Double, _ y: Double, _ content: String, anchor: Anchor = .start, size: Double? = nil,
                     bold: Bool = false, fill: String? = nil) -> HTMLNode {
        .element("text", textAttributes(x, y, anchor: anchor, size: size, bold: bold, fill: fill), [.text(content)])
    }

    /// An axis label or index (not a result): marked so the test that every shown result comes
    /// from the JSON can tell the two apart.
    static func tick(_ x: Double, _ y: Double, _ content: String, anchor: Anchor = .middle, size: Double = 9.5) -> HTMLNode {
        .element("text", textAttributes(x, y, anchor: anchor, size: size, bold: false, fill: nil) + [("data-axis", "tick")], [.text(content)])
    }

    /// A number drawn as text, carrying its JSON path like every number in the report.
    static func number(_ x: Double, _ y: Double, _ value: Double?, _ path: String, _ style: ShownNumber.Style,
                       _ language: Language, anchor: Anchor = .start, size: Double? = nil, bold: Bool = false,
                       fill: String? = nil) -> HTMLNode {
        ShownNumber.node(value, path, style, language, tag: "text",
                         attributes: textAttributes(x, y, anchor: anchor, size: size, bold: bold, fill: fill))
    }

    static func textAttributes(_ x: Double, _ y: Double, anchor: Anchor, size: Double?, bold: Bool, fill: String?) -> [(String, String)] {
        var attributes = [("x", f(x)), ("y", f(y))]
        if anchor != .start { attributes.append(("text-anchor", anchor.rawValue)) }
        if let size { attributes.append(("font-size", f(size))) }
        if bold { attributes.append(("font-weight", "bold")) }
        if let fill { attributes.append(("fill", fill)) }
        return attributes
    }

    /// A point marker; the shape repeats the colour's meaning so that greyscale keeps it.
    static func marker(_ shape: Int, _ cx: Double, _ cy: Double, _ r: Double, fill: String) -> HTMLNode {
        let stroke = [("stroke", "#000000"), ("stroke-width", "0.8")]
        switch shape % 4 {
        case 0:
            return .element("circle", [("cx", f(cx)), ("cy", f(cy)), ("r", f(r)), ("fill", fill)] + stroke)
        case 1:
            return .element("rect", [("x", f(cx - r)), ("y", f(cy - r)), ("width", f(2 * r)), ("height", f(2 * r)), ("fill", fill)] + stroke)
        case 2:
            let points = [(cx, cy - r * 1.3), (cx + r * 1.3, cy), (cx, cy + r * 1.3), (cx - r * 1.3, cy)]
            return .element("polygon", [("points", points.map { "\(f($0.0)),\(f($0.1))" }.joined(separator: " ")), ("fill", fill)] + stroke)
        default:
            let points = [(cx, cy - r * 1.3), (cx + r * 1.2, cy + r), (cx - r * 1.2, cy + r)]
            return .element("polygon", [("points", points.map { "\(f($0.0)),\(f($0.1))" }.joined(separator: " ")), ("fill", fill)] + stroke)
        }
    }

    /// Shortens a label to about `width` pixels of 11 px text, so it never runs out of its column.
    static func fit(_ label: String, width: Double, size: Double = 11) -> String {
        let limit = max(3, Int(width / (size * 0.6)))
        guard label.count > limit else { return label }
        return String(label.prefix(limit - 1)) + "…"
    }

    /// A hatch pattern definition, for fills that must stay apart in greyscale.
    static func hatch(id: String, colour: String, background: String, angle: Double) -> HTMLNode {
        .element("pattern", [("id", id), ("patternUnits", "userSpaceOnUse"), ("width", "6"), ("height", "6"),
                             ("patternTransform", "rotate(\(f(angle)))")],
                 [rect(0, 0, 6, 6, fill: background), line(0, 0, 0, 6, stroke: colour, width: 2.4)])
    }
}

/// A linear map from data to pixels, with round tick values.
struct LinearScale {
    var low: Double
    var high: Double
    var from: Double
    var to: Double

    func callAsFunction(_ value: Double) -> Double {
        guard high > low else { return (from + to) / 2 }
        return from + (value - low) / (high - low) * (to - from)
    }

    func ticks(_ count: Int = 5) -> [Double] {
        guard high > low else { return [low] }
        let raw = (high - low) / Double(max(1, count))
        let magnitude = pow(10, floor(log10(raw)))
        let step = [1.0, 2, 2.5, 5, 10].map { $0 * magnitude }.first { $0 >= raw } ?? raw
        var ticks: [Double] = []
        var tick = (low / step).rounded(.up) * step
        while tick <= high + step * 1e-9 {
            ticks.append(tick)
            tick += step
        }
        return ticks
    }

    /// Widens the domain to round numbers.
    static func nice(_ low: Double, _ high: Double, from: Double, to: Double) -> LinearScale {
        var low = low, high = high
        if high - low < 1e-9 { low -= 1; high += 1 }
        let scale = LinearScale(low: low, high: high, from: from, to: to)
        let ticks = scale.ticks()
        let step = ticks.count > 1 ? ticks[1] - ticks[0] : (high - low)
        return LinearScale(low: (low / step).rounded(.down) * step, high: (high / step).rounded(.up) * step, from: from, to: to)
    }
}

/// Okabe & Ito (2008), "Color Universal Design": eight colours told apart by the common forms of
/// colour blindness; the figures pair them with shapes or patterns, and dark with light, so that
/// greyscale printing keeps every distinction.
enum Palette {
    static let black = "#000000"
    static let orange = "#E69F00"
    static let skyBlue = "#56B4E9"
    static let green = "#009E73"
    static let yellow = "#F0E442"
    static let blue = "#0072B2"
    static let vermillion = "#D55E00"
    static let purple = "#CC79A7"
    static let grey = "#999999"
    static let lightGrey = "#EEEEEE"
    static let series = [blue, orange, green, vermillion, purple, skyBlue, yellow, black]

    /// A diverging fill for −1…1: vermillion below zero, blue above, white at zero; lightness
    /// follows |value|, and cells carry the number where there is room.
    static func diverging(_ value: Double) -> String {
        let v = max(-1, min(1, value))
        let (r, g, b): (Double, Double, Double) = v >= 0 ? (0x00, 0x72, 0xB2) : (0xD5, 0x5E, 0x00)
        let t = abs(v)
        let digits = Array("0123456789ABCDEF")
        func hex(_ c: Double) -> String {
            let value = max(0, min(255, Int((255 + (c - 255) * t).rounded())))
            return String([digits[value / 16], digits[value % 16]])
        }
        return "#" + hex(r) + hex(g) + hex(b)
    }
}

extension HTMLNode {
    /// The same text element as a `tspan`, to sit inside another text.
    func asTspan() -> HTMLNode {
        guard case .element(_, let attributes, let children) = content else { return self }
        return .element("tspan", attributes.filter { $0.0 != "x" && $0.0 != "y" && $0.0 != "text-anchor" }, children)
    }
}
