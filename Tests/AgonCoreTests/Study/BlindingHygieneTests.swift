import Testing
@testable import AgonCore

struct BlindingHygieneTests {
    @Test func namesMarkupAndWildLengthsAreFound() {
        let answers: [BlindingHygiene.Input] = [
            .init(task: "t1", system: "a", text: "As an AI language model, I cannot feel the stone."),
            .init(task: "t1", system: "b", text: "I'm Claude, and Sisyphus smiles."),
            .init(task: "t2", system: "a", text: "<think>plan</think> The answer."),
            .init(task: "t2", system: "b", text: String(repeating: "long ", count: 100)),
            .init(task: "t3", system: "a", text: "Как языковая модель, я не могу."),
            .init(task: "t3", system: "b", text: "Сопротивление звучит."),
        ]
        let findings = BlindingHygiene.findings(answers)
        #expect(findings.contains { $0.task == "t1" && $0.system == "a" && $0.kind == .namesModel && $0.match == "As an AI language model" })
        #expect(findings.contains { $0.task == "t1" && $0.system == "b" && $0.match == "I'm Claude" })
        #expect(findings.contains { $0.task == "t2" && $0.kind == .thinkingMarkup && $0.match == "<think>" })
        #expect(findings.contains { $0.task == "t3" && $0.system == "a" && $0.kind == .namesModel })
        #expect(!findings.contains { $0.system == "b" && $0.task != "t1" })
        let ratios = BlindingHygiene.lengthRatios(answers)
        #expect(ratios.map(\.task) == ["t1", "t2", "t3"])
        #expect(ratios[1].ratio > 10)
        let report = BlindingHygiene.report(answers)
        #expect(report.contains { $0.contains("lengths differ wildly") })
        #expect(report.contains { $0.hasPrefix("  t2:") })
    }

    @Test func cleanAnswersOfLikeLengthReportNothing() {
        let answers: [BlindingHygiene.Input] = [
            .init(task: "t1", system: "a", text: "The stone returns, and so does the question."),
            .init(task: "t1", system: "b", text: "Resistance hums in the wire and in the crowd."),
        ]
        #expect(BlindingHygiene.report(answers).isEmpty)
    }
}
