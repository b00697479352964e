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
        let families = Dictionary(grouping: study.systems) { $0.profile.family ?? "" }
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
            #expect(study.system(id: pair.first)?.profile.family == study.system(id: pair.second)?.profile.family)
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

    /// Simulated raters on the shipped design: the ranking comes out on one scale, and the
    /// head-to-head is a pair the design compares (top and bottom may never meet).
    @Test func aSimulatedPanelRanksEverySystemAndTheHeadToHeadWasCompared() throws {
        let test = TestWorkspace()
        test.copyFromRepository("Rubrics/creative-thinking.toml")
        test.copyFromRepository("Studies/six-families")
        let bundle = try test.bundle("six-families")
        let criteria = bundle.rubric.criteria.map(\.id)
        var quality: [String: [String: Double]] = [:]
        for system in bundle.study.systems {
            let large = (system.profile.parametersBillions ?? 0) >= 30
            var level = large ? 1150.0 : 900.0
            if system.id == "llama3-70b" { level = 1350 }
            if system.id == "qwen1.5-7b" { level = 700 }
            quality[system.id] = Dictionary(uniqueKeysWithValues: criteria.map { ($0, level) })
        }
        let simulation = SimulatedRaters(quality: quality, seed: 3)
        for rater in (1...12).map({ "rater-\($0)" }) {
            try simulation.writeJournal(bundle: bundle, rater: rater, items: nil, workspace: test.workspace)
        }
        let judgements = StudyJudgements.load(bundle: bundle, workspace: test.workspace)
        var options = RankingOptions()
        options.rounds = 0  // the ranking and the head-to-head need no intervals here
        let report = StudyReport.build(bundle: bundle, judgements: judgements, options: options)
        let overall = report.section("overall")!
        #expect(overall.ranking.rows.count == 12)
        #expect(overall.ranking.rows.first?.system == "llama3-70b", "\(overall.ranking.rows.map(\.system))")
        let duel = overall.headToHead!
        guard case .contrasts(let contrasts) = bundle.study.design.pairs else { return }
        #expect(contrasts.contains { Set([$0.first, $0.second]) == Set([duel.system, duel.opponent]) }, "\(duel.system) – \(duel.opponent)")
    }
}
