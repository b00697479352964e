import Testing
@testable import AgonCore

struct ProfileCheckTests {
    @Test func theIssuesThreeMismatchesAreWarned() {
        let system = StudySystem(id: "locap", label: "Small", profile: SystemProfile(
            parametersBillions: 7, quantisationBits: 4, contextTokens: 8192, expertsTotal: 128, expertsActive: 16))
        let report = ServerReport(kind: "llama.cpp", parametersBillions: 7.2, quantisation: "F16", contextTokens: 32768,
                                  expertsTotal: 0)
        let warnings = ProfileCheck.warnings(system: system, generation: nil, report: report)
        #expect(warnings.contains("locap: declared 4-bit but the server reports F16 (16-bit)"))
        #expect(warnings.contains("locap: declared 8192 tokens of context but the server runs with n_ctx 32768"))
        #expect(warnings.contains("locap: declared 16 active experts but the model has none (dense)"))
        #expect(warnings.count == 3, "7B vs 7.2B is within tolerance: \(warnings)")
    }

    @Test func aMatchingReportAndUnknownFieldsWarnNothing() {
        let system = StudySystem(id: "x", label: "X", profile: SystemProfile(parametersBillions: 0.135, quantisationBits: 4, contextTokens: 2048))
        #expect(ProfileCheck.warnings(system: system, generation: nil,
                                      report: ServerReport(kind: "openai", quantisation: "Q4_1", contextTokens: 2048)).isEmpty)
        #expect(ProfileCheck.warnings(system: system, generation: nil, report: ServerReport(kind: "openai")).isEmpty)
    }

    @Test func quantisationNamesAreRead() {
        #expect(ServerReport.quantisation(inName: "SmolLM2-135M-Instruct.Q4_1.gguf") == "Q4_1")
        #expect(ServerReport.quantisation(inName: "../models/Meta-Llama-3.1-8B-Instruct-Q4_K_M.gguf") == "Q4_K_M")
        #expect(ServerReport.quantisation(inName: "Llama-3.3-70B-Instruct-F16.gguf") == "F16")
        #expect(ServerReport.quantisation(inName: "Qwen/Qwen3-8B") == nil)
        #expect(ServerReport(kind: "k", quantisation: "Q8_0").quantisationBits == 8)
        #expect(ServerReport(kind: "k", quantisation: "IQ2_XS").quantisationBits == 2)
        #expect(ServerReport(kind: "k", quantisation: "BF16").quantisationBits == 16)
    }

    @Test func thinkingThatContradictsTheProfileIsWarned() {
        let system = StudySystem(id: "locap", label: "Small", profile: SystemProfile(thinkingBudgetTokens: 0))
        let generation = GenerationSettings(thinking: ThinkingSettings(enabled: true))
        #expect(ProfileCheck.warnings(system: system, generation: generation, report: nil)
                == ["locap: the profile says no thinking but [systems.thinking] asks for it"])
    }
}
