import Foundation

/// Every number the HTML report shows goes through here, carrying the JSON path of the value it
/// was formatted from (`data-json`) and its style (`data-style`): the structural test reads each
/// one back and compares it with `agon report --json`, so a figure cannot show a number the JSON
/// does not have. A key that is a system id is quoted, `residuals["llama3.1-70b"]`, since ids may
/// hold dots. Russian uses the decimal comma; negatives use the minus sign (U+2212).
enum ShownNumber {
    enum Style: String {
        /// Rounded to a whole number.
        case whole
        case fixed1, fixed2, fixed3
        /// With an explicit sign, 3 decimals (slopes).
        case signed3
        /// With an explicit sign, whole (rating differences).
        case signedWhole
        /// A share shown as a percentage with one decimal.
        case percent
        /// A p-value: 4 significant decimals, or "<0.0001".
        case pValue
        /// An integer count.
        case count

        var digits: Int {
            switch self {
            case .whole, .signedWhole, .count: return 0
            case .fixed1, .percent: return 1
            case .fixed2: return 2
            case .fixed3, .signed3: return 3
            case .pValue: return 4
            }
        }
    }

    static func format(_ value: Double, _ style: Style, _ language: Language) -> String {
        var text: String
        switch style {
        case .whole, .count: text = String(format: "%.0f", value)
        case .fixed1: text = String(format: "%.1f", value)
        case .fixed2: text = String(format: "%.2f", value)
        case .fixed3: text = String(format: "%.3f", value)
        case .signed3: text = String(format: "%+.3f", value)
        case .signedWhole: text = String(format: "%+.0f", value)
        case .percent: text = String(format: "%.1f", value * 100) + (language == .ru ? "\u{00A0}%" : "%")
        case .pValue: text = value < 0.0001 ? "<0.0001" : String(format: "%.4f", value)
        }
        if text.hasPrefix("-0"), Double(text.replacingOccurrences(of: "%", with: "").replacingOccurrences(of: "\u{00A0}", with: "")) == 0 {
            text.removeFirst()  // "-0.0" reads as a finding; it is zero at this precision
        }
        text = text.replacingOccurrences(of: "-", with: "\u{2212}")
        if language == .ru { text = text.replacingOccurrences(of: ".", with: ",") }
        return text
    }

    /// A number as an element (a `span`, or an SVG `tspan`/`text`), "—" when the value is nil.
    static func node(_ value: Double?, _ path: String, _ style: Style, _ language: Language,
                     tag: String = "span", attributes: [(String, String)] = []) -> HTMLNode {
        let shown = value.map { format($0, style, language) } ?? "—"
        return .element(tag, [("data-json", path), ("data-style", style.rawValue)] + attributes, [.text(shown)])
    }

    static func node(_ value: Int, _ path: String, _ language: Language, tag: String = "span",
                     attributes: [(String, String)] = []) -> HTMLNode {
        node(Double(value), path, .count, language, tag: tag, attributes: attributes)
    }
}
