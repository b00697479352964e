/// A tiny HTML and SVG tree that escapes everything it is given: text and attribute values can
/// never become markup, whatever a study title, rater name or rubric text contains. Rendered as
/// XHTML-compatible markup (empty void and SVG elements close themselves, everything else has an
/// end tag), so the document also parses as XML — the structural tests rely on that.
public struct HTMLNode: Sendable {
    enum Content: Sendable {
        case element(name: String, attributes: [(String, String)], children: [HTMLNode])
        case text(String)
    }

    let content: Content

    public static func element(_ name: String, _ attributes: [(String, String)] = [], _ children: [HTMLNode] = []) -> HTMLNode {
        HTMLNode(content: .element(name: name, attributes: attributes, children: children))
    }

    public static func text(_ text: String) -> HTMLNode {
        HTMLNode(content: .text(text))
    }

    /// Elements written as `<name/>` when empty: HTML's void elements and SVG's shapes.
    static let selfClosing: Set<String> = ["meta", "br", "hr", "col", "img", "rect", "line", "circle", "path",
                                           "polygon", "polyline", "ellipse", "stop"]

    public func render() -> String {
        var out = ""
        out.reserveCapacity(1 << 16)
        render(into: &out)
        return out
    }

    public func render(into out: inout String) {
        switch content {
        case .text(let text):
            Self.escape(text, into: &out, quotes: false)
        case .element(let name, let attributes, let children):
            out += "<"
            out += name
            for (key, value) in attributes {
                out += " "
                out += key
                out += "=\""
                Self.escape(value, into: &out, quotes: true)
                out += "\""
            }
            if children.isEmpty, Self.selfClosing.contains(name) {
                out += "/>"
                return
            }
            out += ">"
            for child in children { child.render(into: &out) }
            out += "</"
            out += name
            out += ">"
        }
    }

    static func escape(_ text: String, into out: inout String, quotes: Bool) {
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"" where quotes: out += "&quot;"
            default:
                // Control characters other than tab and newline are not allowed in XML 1.0: shown
                // as the visible replacement symbol, as the terminal does.
                if scalar.value < 0x20, scalar != "\n", scalar != "\t" {
                    out.unicodeScalars.append(Unicode.Scalar(0x2400 + scalar.value)!)
                } else if scalar.value == 0x7F || (0xFFFE...0xFFFF).contains(scalar.value) {
                    out += "\u{FFFD}"
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
    }
}

/// Short constructors for the elements the report uses.
enum H {
    static func el(_ name: String, _ attributes: [(String, String)] = [], _ children: [HTMLNode] = []) -> HTMLNode {
        .element(name, attributes, children)
    }

    static func el(_ name: String, _ attributes: [(String, String)] = [], text: String) -> HTMLNode {
        .element(name, attributes, [.text(text)])
    }

    static func text(_ text: String) -> HTMLNode { .text(text) }

    static func p(_ text: String, _ attributes: [(String, String)] = []) -> HTMLNode { el("p", attributes, text: text) }

    static func p(_ children: [HTMLNode], _ attributes: [(String, String)] = []) -> HTMLNode { el("p", attributes, children) }

    /// A table: the heading row, then body rows of cells (each cell any nodes).
    static func table(_ heading: [String], _ rows: [[HTMLNode]], numericFrom: Int = 1, caption: String? = nil,
                      attributes: [(String, String)] = []) -> HTMLNode {
        var children: [HTMLNode] = []
        if let caption { children.append(el("caption", text: caption)) }
        children.append(el("thead", [], [el("tr", [], heading.enumerated().map { index, title in
            el("th", index >= numericFrom ? [("class", "n")] : [], text: title)
        })]))
        children.append(el("tbody", [], rows.map { cells in
            el("tr", [], cells.enumerated().map { index, cell in
                el("td", index >= numericFrom ? [("class", "n")] : [], [cell])
            })
        }))
        return el("table", attributes, children)
    }

    /// Several nodes as one (a fragment), rendered as a span.
    static func span(_ children: [HTMLNode], _ attributes: [(String, String)] = []) -> HTMLNode {
        el("span", attributes, children)
    }
}
