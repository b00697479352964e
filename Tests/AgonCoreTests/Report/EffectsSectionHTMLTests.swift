import Foundation
import Testing
@testable import AgonCore

/// The HTML report's parameter-effects section: there with its coefficient plot when the systems
/// carry profiles, gone when none does, and, when the design cannot separate the knobs, the reason
/// and a separating arm instead of knob rows. Its numbers are checked against the JSON with the
/// rest of the report (`StudyReportHTMLTests.everyNumberShownIsTheJSONValueAtItsPath`).
struct EffectsSectionHTMLTests {
    typealias Document = StudyReportHTMLTests.Document

    /// Three simulated raters on a study whose systems' profiles are given as study.toml lines.
    static func report(profiles: [String: String]) throws -> StudyReport {
        let test = TestWorkspace()
        let systems = profiles.keys.sorted()
        test.makeStudy(systems: systems, tasks: 8, profile: { profiles[$0]! })
        let bundle = try test.bundle()
        let quality = Dictionary(uniqueKeysWithValues: systems.enumerated().map { index, system in
            (system, ["originality": 900 + 100 * Double(index), "tension": 1000])
        })
        let simulation = SimulatedRaters(quality: quality, leftBias: 0.3, seed: 3)
        for rater in ["ann", "bob", "cy"] {
            try simulation.writeJournal(bundle: bundle, rater: rater, items: nil, workspace: test.workspace)
        }
        var options = RankingOptions()
        options.rounds = 100
        options.bootstrap = .tasks
        return StudyReport.build(bundle: bundle, judgements: StudyJudgements.load(bundle: bundle, workspace: test.workspace),
                                 options: options, splitHalves: 10)
    }

    /// Parameters and context double together on every system: the two knobs are aliased.
    static let aliased = ["a": "parameters_b = 8\ncontext_tokens = 4096", "b": "parameters_b = 16\ncontext_tokens = 8192",
                          "c": "parameters_b = 32\ncontext_tokens = 16384"]

    static func paths(_ document: Document) -> [String] {
        document.elements.compactMap { $0.attributes["data-json"] }
    }

    static func inSection(_ document: Document) -> [Document.Element] {
        document.elements.filter { element in element.ancestors.contains { $0["id"] == "effects" } }
    }

    @Test func theSectionHasTheCoefficientPlotAndATableOfTheSameNumbers() throws {
        let (report, _) = try StudyReportHTMLTests.report()
        let document = try Document.parse(StudyReportHTML.render(report))
        #expect(document.sections().contains("effects"))
        #expect(document.figures().contains("effects"))
        let section = Self.inSection(document)
        // Every effect of every section is drawn (a marker's number in the plot) and tabled (with its interval).
        for (s, effects) in report.sections.enumerated().compactMap({ i, section in section.effects.map { (i, $0) } }) {
            for (kind, list) in [("effects", effects.effects), ("covariates", effects.covariates)] {
                for e in list.indices {
                    let path = "sections[\(s)].effects.\(kind)[\(e)]"
                    let shown = section.filter { $0.attributes["data-json"] == "\(path).elo" }
                    #expect(shown.contains { $0.name == "text" }, "\(path) not in the plot")
                    #expect(shown.contains { $0.name == "span" }, "\(path) not in the table")
                    #expect(section.contains { $0.attributes["data-json"] == "\(path).lower" })
                }
            }
        }
        // The knob rows are labelled with the change they are quoted for; the zero line is drawn.
        #expect(section.contains { $0.name == "text" && $0.text == "doubling parameters" })
        #expect(section.contains { $0.name == "line" && $0.attributes["stroke-dasharray"] != nil })
        // The resampling facts and the residuals per system.
        #expect(section.contains { $0.attributes["data-json"] == "sections[0].effects.rounds" })
        #expect(section.contains { $0.attributes["data-json"] == "sections[0].effects.residualSDElo" })
        #expect(section.contains { $0.attributes["data-json"] == "sections[0].effects.residuals[\"mid\"]" })
    }

    @Test func withoutProfilesThereIsNoSection() throws {
        let report = try Self.report(profiles: ["a": "", "b": "", "c": ""])
        #expect(report.judgements > 0)
        #expect(report.sections.allSatisfy { $0.effects == nil })
        let document = try Document.parse(StudyReportHTML.render(report))
        #expect(!document.sections().contains("effects"))
        #expect(!document.figures().contains("effects"))
        #expect(document.sections().contains("method"))
    }

    @Test func aConfoundedDesignSaysWhyAndWhatArmWouldSeparateInsteadOfKnobRows() throws {
        let report = try Self.report(profiles: Self.aliased)
        let design = try #require(report.sections.first?.effects?.design)
        #expect(!design.estimable)
        let arm = try #require(design.aliasing.first?.suggestedArm)
        for language in [Language.en, .ru] {
            let document = try Document.parse(StudyReportHTML.render(report, language: language))
            let section = Self.inSection(document)
            let text = section.filter { $0.name == "p" }.map(\.text).joined(separator: "\n")
            #expect(text.contains(language == .en ? "context window always changes together with parameters"
                                                  : "Параметр «контекстное окно» на этих системах всегда меняется вместе с параметром «число параметров»"), "\(text)")
            #expect(text.contains(arm))
            // No knob row anywhere, no residuals; the covariates are still plotted and tabled.
            #expect(!Self.paths(document).contains { $0.contains(".effects.effects[") || $0.contains(".residuals") })
            #expect(section.contains { $0.attributes["data-json"] == "sections[0].effects.covariates[0].elo" && $0.name == "text" })
            #expect(section.contains { $0.attributes["data-json"] == "sections[0].effects.covariates[0].elo" && $0.name == "span" })
            #expect(section.contains { $0.attributes["class"] == "warning" })
        }
    }

    @Test func russianWordsTheSectionInRussian() throws {
        let (report, _) = try StudyReportHTMLTests.report()
        let html = StudyReportHTML.render(report, language: .ru)
        let section = Self.inSection(try Document.parse(html)).map(\.text).joined(separator: "\n")
        for word in ["Влияние параметров", "удвоение числа параметров", "позиция", "показан слева", "длина ответа",
                     "бутстреп-раундам", "Что профили не объясняют", "параметр или ковариата"] {
            #expect(html.contains(word), "\(word)")
        }
        for english in ["Parameter effects", "doubling parameters", "shown on the left", "answer length", "bootstrap rounds", "knob"] {
            #expect(!section.contains(english), "\(english)")
        }
    }
}
