import Testing
@testable import AgonCore

/// The shipped many-system study: twelve systems from six families, a contrast design that a
/// rater finishes in a few hours, and facts that say so.
struct SixFamiliesStudyTests {
    func bundle() throws -> StudyBundle {
        let test = TestWorkspace()
        test.copyFromRepository("Rubrics/creative-thinking.toml")
        test.copyFromRepository("Studies/six-families")
        return try test.bundle("six-families")
    }

    @Test func itValidatesWithProfilesAndFamilies() throws {
        let study = try bundle().study
        #expect(study.systems.count == 12 && study.tasks.count == 85)
        let families = Dictionary(grouping: study.systems) { $0.profile.extras["family"] ?? "" }
        #expect(families.count == 6 && families.values.allSatisfy { $0.count == 2 })
        #expect(!families.keys.contains(""))
        // Within each family a large and a small size.
        for members in families.values {
            let sizes = members.compactMap(\.profile.parametersBillions).sorted()
            #expect(sizes.count == 2 && sizes[1] > sizes[0] * 4)
        }
        #expect(study.systems.allSatisfy { $0.profile.contextTokens != nil && $0.profile.expertsTotal == 1 })
    }

    @Test func itsDesignIsConnectedBalancedAndFinishable() throws {
        let study = try bundle().study
        guard case .contrasts(let contrasts) = study.design.pairs else {
            Issue.record("six-families should compare contrasts, not \(study.design.pairs)")
            return
        }
        // Every family's large vs small is among the contrasts.
        for pair in contrasts.prefix(6) {
            #expect(study.system(id: pair.first)?.profile.extras["family"] == study.system(id: pair.second)?.profile.extras["family"])
        }
        let facts = DesignFacts(study: study)
        #expect(facts.isConnected)
        #expect((40...80).contains(facts.itemsPerRater + facts.repeatsPerRater))
        #expect(facts.perRaterPerPair == 5...5)
        #expect(facts.worstSideImbalance <= 1)
        #expect(facts.panel.count == 12 && facts.overlaps.first! >= facts.shared && facts.shared >= RaterAssignment.agreementUnits)
        #expect(Set(facts.judgementsPerPair.values) == [60])
        let lines = facts.lines.joined(separator: "\n")
        #expect(lines.contains("items per rater: 60 (12 shared by every rater, 48 the rater's own) + 6 repeats = 66"))
        #expect(lines.contains("connectivity: connected"))
        #expect(lines.contains("contrast vicuna-33b – vicuna-7b: 60 judgements; the only link of {vicuna-7b} to the other 11 systems"))
    }
}
