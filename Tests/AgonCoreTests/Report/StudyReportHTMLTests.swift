import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
@testable import AgonCore

/// The HTML report as a document: well-formed, self-contained, every figure present, and every
/// number shown equal to the value `--json` carries at the path the number names.
struct StudyReportHTMLTests {
    static let hostile = "<script>alert(\"x\")</script> & ]]> \u{1B}[31m"

    /// A small study with four simulated raters (two philosophers, two writers), a flag with
    /// hostile text, and a hostile study title. The systems differ in size only, with a profile
    /// more than the one knob needs, so the parameter effects are estimated.
    static func report() throws -> (StudyReport, TestWorkspace) {
        let test = TestWorkspace()
        let billions = ["big": 70, "mid": 13, "small": 7]
        test.makeStudy(systems: ["big", "mid", "small"], tasks: 8, profile: { "parameters_b = \(billions[$0]!)" })
        let toml = test.read("Studies/mini/study.toml").replacingOccurrences(of: "title = \"Mini study\"",
                                                                            with: "title = \"Mini <b>study</b> & \\\"friends\\\"\"")
        test.write("Studies/mini/study.toml", toml)
        test.write("Studies/mini/raters.toml", """
            [[raters]]
            name = "ann"
            background = "philosopher"
            [[raters]]
            name = "bob"
            background = "writer"
            [[raters]]
            name = "cy"
            background = "philosopher"
            [[raters]]
            name = "dee"
            background = "writer"
            """)
        let bundle = try test.bundle()
        let quality: [String: [String: Double]] = ["big": ["originality": 1250, "tension": 1200, "cognitive-leap": 1150],
                                                   "mid": ["originality": 1050], "small": ["originality": 850, "tension": 900]]
        let simulation = SimulatedRaters(quality: quality, leftBias: 0.3, seed: 8)
        for rater in ["ann", "bob", "cy", "dee"] {
            try simulation.writeJournal(bundle: bundle, rater: rater, items: nil, workspace: test.workspace)
        }
        let session = try SessionStore.open(bundle: bundle, rater: "bob", workspace: test.workspace, now: Date(timeIntervalSince1970: 1_800_000_000))
        try session.writer.append(.flag(item: 3, reason: hostile, at: Date(timeIntervalSince1970: 1_800_000_000)))
        let judgements = StudyJudgements.load(bundle: bundle, workspace: test.workspace)
        var options = RankingOptions()
        options.rounds = 200
        options.bootstrap = .tasks
        let roster = try RaterRoster.load(study: "mini", in: test.workspace)
        return (StudyReport.build(bundle: bundle, judgements: judgements, options: options, roster: roster, splitHalves: 50), test)
    }

    /// What the parser saw: elements with their attributes and the text inside each.
    final class Document: NSObject, XMLParserDelegate {
        struct Element {
            var name: String
            var attributes: [String: String]
            var text = ""
            /// Attributes of every enclosing element, innermost last.
            var ancestors: [[String: String]]
        }

        var elements: [Element] = []
        var stack: [Int] = []
        var looseTexts: [(text: String, ancestors: [[String: String]])] = []
        var error: Error?

        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                    attributes: [String: String] = [:]) {
            let ancestors = stack.map { elements[$0].attributes.merging(["element": elements[$0].name]) { own, _ in own } }
            elements.append(Element(name: name, attributes: attributes, ancestors: ancestors))
            stack.append(elements.count - 1)
        }

        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
            stack.removeLast()
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            for index in stack { elements[index].text += string }
            looseTexts.append((string, stack.map { elements[$0].attributes.merging(["element": elements[$0].name]) { own, _ in own } }))
        }

        func parser(_ parser: XMLParser, parseErrorOccurred parseError: Error) {
            error = parseError
        }

        static func parse(_ html: String) throws -> Document {
            let document = Document()
            let parser = XMLParser(data: Data(html.utf8))
            parser.delegate = document
            let ok = parser.parse()
            if !ok { throw document.error ?? parser.parserError ?? CocoaError(.coderReadCorrupt) }
            return document
        }

        func figures() -> Set<String> { Set(elements.compactMap { $0.attributes["data-figure"] }) }
        func sections() -> [String] { elements.compactMap { $0.attributes["data-section"] } }
    }

    /// A path's steps: a name, `#n` for `[n]`, and `=key` for `["key"]` (a key that may hold dots,
    /// such as a system id in `effects.residuals["llama3.1-70b"]`).
    static func steps(_ path: String) -> [String] {
        var steps: [String] = []
        var rest = Substring(path)
        while let first = rest.first {
            if first == "." {
                rest = rest.dropFirst()
            } else if rest.hasPrefix("[\"") {
                guard let close = rest.range(of: "\"]") else { return steps + ["?"] }
                steps.append("=" + rest[rest.index(rest.startIndex, offsetBy: 2)..<close.lowerBound])
                rest = rest[close.upperBound...]
            } else if first == "[" {
                guard let close = rest.firstIndex(of: "]") else { return steps + ["?"] }
                steps.append("#" + rest[rest.index(after: rest.startIndex)..<close])
                rest = rest[rest.index(after: close)...]
            } else {
                let end = rest.firstIndex { $0 == "." || $0 == "[" } ?? rest.endIndex
                steps.append(String(rest[..<end]))
                rest = rest[end...]
            }
        }
        return steps
    }

    /// The value at a path like `sections[0].ranking.rows[1].rating` (`.length` counts an array).
    static func resolve(_ path: String, in json: Any) -> Any?? {
        var current: Any? = json
        for step in steps(path) {
            guard current != nil else { return .some(nil) }  // below a null, everything is null
            if step.hasPrefix("#") {
                guard let array = current as? [Any], let index = Int(step.dropFirst()), index < array.count else { return .none }
                current = array[index]
            } else if step == "length", let array = current as? [Any] {
                current = array.count
            } else {
                // JSONEncoder leaves out nil optionals: a missing key of an existing object is null.
                guard let object = current as? [String: Any] else { return .none }
                let value = object[step.hasPrefix("=") ? String(step.dropFirst()) : step]
                current = value is NSNull ? nil : value
            }
        }
        return .some(current)
    }

    static func checkNumbers(_ document: Document, json: Any, language: Language) -> (checked: Int, problems: [String]) {
        var problems: [String] = []
        var checked = 0
        for element in document.elements {
            guard let path = element.attributes["data-json"], let style = element.attributes["data-style"] else { continue }
            checked += 1
            guard let found = resolve(path, in: json) else {
                problems.append("\(path): not in the JSON")
                continue
            }
            let shown = element.text.trimmingCharacters(in: .whitespaces)
            guard let value = found.flatMap({ ($0 as? NSNumber)?.doubleValue }) else {
                if !["—", "undefined", "не определено"].contains(shown) { problems.append("\(path): JSON null but shown \(shown)") }
                continue
            }
            if shown == "<0.0001" || shown == "<0,0001" {
                if !(value < 0.0001) { problems.append("\(path): shown <0.0001, JSON \(value)") }
                continue
            }
            var text = shown.replacingOccurrences(of: "\u{2212}", with: "-").replacingOccurrences(of: "%", with: "")
                .replacingOccurrences(of: "\u{00A0}", with: "").replacingOccurrences(of: "+", with: "")
            if language == .ru {
                if text.contains(".") { problems.append("\(path): a decimal point in Russian: \(shown)") }
                text = text.replacingOccurrences(of: ",", with: ".")
            }
            guard var number = Double(text) else {
                problems.append("\(path): shown \(shown), not a number")
                continue
            }
            if style == "percent" { number /= 100 }
            let digits = ["whole": 0, "count": 0, "signedWhole": 0, "fixed1": 1, "percent": 3, "fixed2": 2, "fixed3": 3,
                          "signed3": 3, "pValue": 4][style] ?? -1
            if digits < 0 { problems.append("\(path): unknown style \(style)") }
            let tolerance = 0.5 * pow(10, -Double(max(0, digits))) + 1e-9
            if abs(number - value) > tolerance { problems.append("\(path): shown \(shown), JSON \(value)") }
        }
        return (checked, problems)
    }

    @Test(arguments: [Language.en, .ru])
    func everyNumberShownIsTheJSONValueAtItsPath(language: Language) throws {
        let (report, _) = try Self.report()
        let html = StudyReportHTML.render(report, language: language)
        let document = try Document.parse(html)
        let json = try JSONSerialization.jsonObject(with: Data(try ReportJSON.encode(report).utf8))
        let (checked, problems) = Self.checkNumbers(document, json: json, language: language)
        #expect(problems.isEmpty, "\(problems.prefix(20))")
        #expect(checked > 300)
        // Every rating of every section is among them.
        let paths = Set(document.elements.compactMap { $0.attributes["data-json"] })
        for (s, section) in report.sections.enumerated() {
            for r in section.ranking.rows.indices { #expect(paths.contains("sections[\(s)].ranking.rows[\(r)].rating")) }
        }
        // And every parameter effect with its interval, and every residual: the fixture's design
        // credits its knob, so the knob rows are checked too.
        #expect(report.sections.allSatisfy { $0.effects?.design.estimable == true })
        for (s, section) in report.sections.enumerated() {
            guard let effects = section.effects else { continue }
            for (kind, list) in [("effects", effects.effects), ("covariates", effects.covariates)] {
                #expect(!list.isEmpty)
                for e in list.indices {
                    for field in ["elo", "lower", "upper"] { #expect(paths.contains("sections[\(s)].effects.\(kind)[\(e)].\(field)")) }
                }
            }
            for system in effects.residuals.keys { #expect(paths.contains("sections[\(s)].effects.residuals[\"\(system)\"]")) }
        }
        // No result is shown as bare text: a decimal number outside a tagged element, an axis
        // label or the prose of notes and definitions would be one the JSON check cannot see.
        // "ICC(2,1)" is a name, not a number.
        let decimal = try Regex(#"\(?\d+[.,]\d+\)?"#)
        func hasNumber(_ text: String) -> Bool {
            text.matches(of: decimal).contains { match in
                let found = text[match.range]
                return !(found.hasPrefix("(") && found.hasSuffix(")"))
            }
        }
        for (text, ancestors) in document.looseTexts where hasNumber(text) {
            let tagged = ancestors.contains { $0["data-json"] != nil || $0["data-axis"] != nil || $0["class"] == "note" || $0["element"] == "style" }
            let prose = ancestors.contains { $0["id"] == "method" }
            if !tagged && !prose && !text.contains("agon") { Issue.record("untagged number in \(text.debugDescription)") }
        }
    }

    @Test func theDocumentIsWellFormedSelfContainedAndEscapesEverything() throws {
        let (report, _) = try Self.report()
        let html = StudyReportHTML.render(report)
        #expect(html.hasPrefix("<!DOCTYPE html>\n<html lang=\"en\""))
        let document = try Document.parse(html)
        // Self-contained: no script, no stylesheet or image fetched, no address but namespaces.
        #expect(!document.elements.contains { ["script", "link", "img", "iframe", "object"].contains($0.name) })
        #expect(!document.elements.contains { $0.attributes["src"] != nil || $0.attributes["href"] != nil })
        let addresses = html.matches(of: try Regex(#"https?://[^"\s<]*"#)).map { String(html[$0.range]) }
        #expect(Set(addresses).isSubset(of: ["http://www.w3.org/2000/svg", "http://www.w3.org/1999/xhtml"]))
        // The hostile title and flag reason come back as the same text, never as markup.
        #expect(document.elements.first { $0.name == "h1" }?.text == "Mini <b>study</b> & \"friends\"")
        #expect(!document.elements.contains { $0.name == "b" })
        let reason = document.elements.contains { $0.name == "td" && $0.text.hasPrefix("<script>alert(\"x\")</script> & ]]> ␛[31m") }
        #expect(reason)
        #expect(!html.contains("\u{1B}"))
    }

    @Test func everyFigureAndSectionIsPresent() throws {
        let (report, _) = try Self.report()
        for language in [Language.en, .ru] {
            let document = try Document.parse(StudyReportHTML.render(report, language: language))
            var expected: Set<String> = ["forest-overall", "head-to-head", "kappa-matrix", "raters", "criteria-correlation", "position-drift", "rater-groups",
                                         "effects"]
            for criterion in report.rubricCriteria { expected.insert("forest-\(criterion)"); expected.insert("scores-\(criterion)") }
            #expect(expected.isSubset(of: document.figures()), "missing: \(expected.subtracting(document.figures()))")
            #expect(document.sections() == ["facts", "rankings", "head-to-head", "scores", "agreement", "bias", "validity",
                                            "position", "groups", "reliability", "effects", "method"])
            // Each figure has a title, for screen readers and for the figure copied out.
            for svg in document.elements where svg.name == "svg" {
                #expect(document.elements.contains { $0.name == "title" && $0.ancestors.last?["data-figure"] == svg.attributes["data-figure"] })
            }
        }
    }

    @Test func russianIsRussianThroughout() throws {
        let (report, _) = try Self.report()
        let html = StudyReportHTML.render(report, language: .ru)
        #expect(html.contains("<html lang=\"ru\""))
        for word in ["Рейтинги", "Очные встречи", "Распределения оценок", "Согласие оценщиков", "Конструктная валидность",
                     "Позиция в сессии и усталость", "Группы оценщиков", "Надёжность методом расщепления", "Оригинальность"] {
            #expect(html.contains(word), "\(word)")
        }
        for english in [">Rankings<", ">Head to head<", "Originality", ">Method<", "won / tied"] {
            #expect(!html.contains(english), "\(english)")
        }
    }

    /// The generation settings `agon collect` records in the study are on the first page, per
    /// system, as the text report prints them; a study without them has no such table.
    @Test func theFactsListHowEachSystemsAnswersWereGenerated() throws {
        let test = TestWorkspace()
        test.makeStudy(profile: { system in
            system == "big"
                ? "parameters_b = 70\n[systems.sampling]\ntemperature = 0.7\nmax_tokens = 800\n[systems.thinking]\nenabled = false"
                : "parameters_b = 7"
        })
        let bundle = try test.bundle()
        let report = StudyReport.build(bundle: bundle, judgements: StudyJudgements.load(bundle: bundle, workspace: test.workspace),
                                       options: RankingOptions())
        let generation = try #require(report.systems.first { $0.id == "big" }?.generation)
        #expect(generation.contains("temperature 0.7"))
        for language in [Language.en, .ru] {
            let document = try Document.parse(StudyReportHTML.render(report, language: language))
            let cells = document.elements.filter { $0.name == "td" }.map(\.text)
            #expect(cells.contains(generation), "\(language)")
            #expect(!cells.contains { $0.contains("thinking") && $0 != generation }, "\(language)")
            #expect(document.elements.contains { $0.name == "h3" && $0.text == (language == .en ? "How the answers were generated" : "Как получены ответы") })
        }
        let plain = TestWorkspace()
        plain.makeStudy()
        let without = try plain.bundle()
        let html = StudyReportHTML.render(StudyReport.build(bundle: without, judgements: StudyJudgements.load(bundle: without, workspace: plain.workspace),
                                                            options: RankingOptions()))
        #expect(!html.contains("How the answers were generated"))
    }

    @Test func withoutARosterOrJudgementsSectionsStayOut() throws {
        let test = TestWorkspace()
        test.makeStudy()
        let bundle = try test.bundle()
        let empty = StudyReport.build(bundle: bundle, judgements: StudyJudgements.load(bundle: bundle, workspace: test.workspace),
                                      options: RankingOptions())
        let document = try Document.parse(StudyReportHTML.render(empty))
        #expect(document.sections() == ["facts"])
        #expect(document.figures().isEmpty)
    }
}

extension StudyReport {
    var rubricCriteria: [String] { sections.map(\.id).filter { $0 != StudyBattles.overall } }
}
