import Foundation

/// `agon report STUDY --html FILE`: the report as one self-contained HTML document — inline CSS
/// and SVG figures, no script, no network — in English or Russian, readable on screen and
/// printable on A4 (each section starts a page). Every number comes from the `StudyReport` value
/// that `--json` prints, through `ShownNumber`, which tags it with its JSON path.
public enum StudyReportHTML {
    public static func render(_ report: StudyReport, language: Language = .en) -> String {
        let words = Words(language: language)
        var sections: [HTMLNode] = [facts(report, words)]
        if report.judgements > 0 {
            sections.append(rankings(report, words))
            if let duel = headToHead(report, words) { sections.append(duel) }
            sections.append(scores(report, words))
            sections.append(agreement(report, words))
            sections.append(bias(report, words))
            sections.append(validity(report, words))
            sections.append(position(report, words))
            if let groups = raterGroups(report, words) { sections.append(groups) }
            sections.append(reliability(report, words))
            if let effects = parameterEffects(report, words) { sections.append(effects) }
            sections.append(method(report, words))
        }
        let title = "\(report.study) — \(report.title)"
        let document = H.el("html", [("lang", language.rawValue), ("xmlns", "http://www.w3.org/1999/xhtml")], [
            H.el("head", [], [
                H.el("meta", [("charset", "utf-8")]),
                H.el("meta", [("name", "viewport"), ("content", "width=device-width, initial-scale=1")]),
                H.el("meta", [("name", "generator"), ("content", "agon \(AgonVersion.current)")]),
                H.el("title", text: title),
                H.el("style", text: css),
            ]),
            H.el("body", [], [H.el("main", [], sections)]),
        ])
        return "<!DOCTYPE html>\n" + document.render() + "\n"
    }

    static func section(_ id: String, _ title: String, _ children: [HTMLNode]) -> HTMLNode {
        H.el("section", [("id", id), ("data-section", id)], [H.el("h2", text: title)] + children)
    }

    static func figure(_ svg: HTMLNode, caption: String) -> HTMLNode {
        H.el("figure", [], [svg, H.el("figcaption", text: caption)])
    }

    static func number(_ value: Double?, _ path: String, _ style: ShownNumber.Style, _ words: Words) -> HTMLNode {
        ShownNumber.node(value, path, style, words.language)
    }

    static func count(_ value: Int, _ path: String, _ words: Words) -> HTMLNode {
        ShownNumber.node(value, path, words.language)
    }

    /// "low – high" from two JSON paths, or "—".
    static func range(_ low: Double?, _ high: Double?, _ path: String, lowKey: String = "lower", highKey: String = "upper",
                      _ style: ShownNumber.Style, _ words: Words) -> HTMLNode {
        guard low != nil, high != nil else { return .text("—") }
        return H.span([number(low, "\(path).\(lowKey)", style, words), .text(" – "), number(high, "\(path).\(highKey)", style, words)],
                      [("class", "range")])
    }

    static let css = """
    @page { size: A4; margin: 15mm; }
    html { font-family: "DejaVu Sans", Verdana, Arial, sans-serif; font-size: 10.5pt; color: #000; background: #fff; }
    body { margin: 0 auto; max-width: 180mm; padding: 12px; line-height: 1.35; }
    h1 { font-size: 17pt; margin: 0 0 4px; }
    h2 { font-size: 14pt; margin: 18px 0 6px; border-bottom: 2px solid #000; padding-bottom: 2px; }
    h3 { font-size: 11.5pt; margin: 14px 0 4px; }
    p, li, dd, figcaption { overflow-wrap: anywhere; }
    td { overflow-wrap: break-word; hyphens: auto; }
    th { overflow-wrap: normal; hyphens: auto; }
    table { border-collapse: collapse; width: 100%; margin: 4px 0 10px; font-size: 9pt; }
    caption { text-align: left; font-weight: bold; padding: 2px 0; }
    th { text-align: left; border-bottom: 1.5px solid #000; padding: 2px 5px; vertical-align: bottom; }
    td { border-bottom: 1px solid #CCCCCC; padding: 2px 5px; vertical-align: top; }
    th.n, td.n { text-align: right; font-variant-numeric: tabular-nums; }
    td.n { white-space: nowrap; }
    table.wide { font-size: 8pt; }
    .range { white-space: nowrap; }
    figure { margin: 6px 0 14px; break-inside: avoid; page-break-inside: avoid; }
    figcaption { font-size: 8.5pt; color: #333333; margin-top: 2px; }
    svg.figure { display: block; width: 100%; max-width: 680px; height: auto; }
    .lede { color: #333333; margin: 0 0 10px; }
    .note { font-size: 9pt; color: #333333; }
    .warning { border-left: 4px solid #D55E00; background: #FBEFE6; padding: 4px 8px; margin: 6px 0; }
    dl { margin: 4px 0; } dt { font-weight: bold; margin-top: 6px; } dd { margin: 0 0 0 14px; }
    @media print {
      body { max-width: none; padding: 0; }
      section { break-before: page; page-break-before: always; }
      section:first-of-type { break-before: auto; page-break-before: auto; }
      h2, h3 { break-after: avoid; page-break-after: avoid; }
      tr { break-inside: avoid; }
    }
    """
}
