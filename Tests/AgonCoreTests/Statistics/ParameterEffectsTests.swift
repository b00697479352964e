import Foundation
import Testing
@testable import AgonCore

@Suite struct ParameterEffectsTests {
    @Test func twoExtremesAreOneBundle() {
        let design = ProfileDesign(systems: ["big", "small"], profiles: [
            SystemProfile(parametersBillions: 70, quantisationBits: 16, contextTokens: 32768, expertsTotal: 8, expertsActive: 2, thinkingBudgetTokens: -1),
            SystemProfile(parametersBillions: 7, quantisationBits: 4, contextTokens: 4096, expertsTotal: 1, thinkingBudgetTokens: 0),
        ])
        #expect(!design.estimable)
        // Five knobs change together: four are aliased with the first.
        #expect(design.knobs == [.parameters])
        #expect(design.aliasing.map(\.knob) == [.quantisation, .context, .activeExperts, .thinking])
        #expect(design.aliasing.allSatisfy { $0.with == [.parameters] })
        #expect(design.explanation.joined().contains("always changes together with parameters"))
        #expect(design.explanation.joined().contains("Only two distinct profiles"))
    }

    @Test func aliasedKnobsAreNamedWithAnArmThatSeparatesThem() throws {
        // Bits rise with log2(parameters) exactly (4·log2 − 8): no data can tell them apart.
        let systems = ["a", "b", "c", "d"]
        let profiles = [8.0, 16, 32, 8].enumerated().map { index, billions in
            SystemProfile(parametersBillions: billions, quantisationBits: Int(4 * log2(billions) - 8), family: index == 3 ? "other" : "f")
        }
        let design = ProfileDesign(systems: systems, profiles: profiles)
        #expect(!design.estimable)
        let alias = try #require(design.aliasing.first)
        #expect(alias.knob == .quantisation && alias.with == [.parameters])
        let arm = try #require(alias.suggestedArm)
        // The arm is an existing system at another bit width; with it the design separates the knobs.
        #expect(arm.hasSuffix("-bit"))
        let name = String(arm.split(separator: " ").first!)
        let bits = Int(arm.split(separator: " ").last!.dropLast(4))!
        var extra = profiles[systems.firstIndex(of: name)!]
        extra.quantisationBits = bits
        let separated = ProfileDesign(systems: systems + ["arm"], profiles: profiles + [extra])
        #expect(separated.aliasing.isEmpty)
        #expect(separated.knobs == [.parameters, .quantisation])
    }

    /// Families at a large and a small size, each with its own context window: the parameters change
    /// within families and are credited; the context changes only between them and is confounded with
    /// the family.
    @Test func aKnobThatChangesOnlyBetweenFamiliesIsConfoundedWithTheFamily() throws {
        let families = [("a", 4096), ("b", 8192), ("c", 32768)]
        var systems: [String] = []
        var profiles: [SystemProfile] = []
        // Sizes as in six-families: more than two distinct parameter counts, so the one knob left is estimable.
        for (family, context) in families {
            for billions in family == "c" ? [33.0, 8] : [70.0, 7] {
                systems.append("\(family)-\(Int(billions))b")
                profiles.append(SystemProfile(parametersBillions: billions, quantisationBits: 16, contextTokens: context, family: family))
            }
        }
        let design = ProfileDesign(systems: systems, profiles: profiles)
        #expect(design.knobs == [.parameters])
        #expect(design.familyLevel.map(\.knob) == [.context])
        #expect(design.estimable)
        let text = design.explanation.joined(separator: "\n")
        #expect(text.contains("context window changes only between families"))
        #expect(text.contains("Credited, since it changes within families too: parameters."))
        // The suggested arm changes the context within a family: with it the context is credited.
        let arm = try #require(design.familyLevel.first?.suggestedArm)
        #expect(arm == "a-70b at 8k context")
        var extra = profiles[0]
        extra.contextTokens = 8192
        let separated = ProfileDesign(systems: systems + ["arm"], profiles: profiles + [extra])
        #expect(separated.familyLevel.isEmpty && separated.knobs == [.parameters, .context])
        // Without families the check cannot be made, and the context stays in.
        let anonymous = ProfileDesign(systems: systems, profiles: profiles.map { var p = $0; p.family = nil; return p })
        #expect(anonymous.familyLevel.isEmpty && anonymous.knobs == [.parameters, .context])
    }

    @Test func aFactorialAblationIsEstimable() {
        let design = ProfileDesign(systems: (0..<5).map { "s\($0)" }, profiles: IntervalCoverage.ablationProfiles)
        #expect(design.estimable)
        #expect(design.knobs == [.parameters, .quantisation])
        #expect(design.residualDegreesOfFreedom == 2)
    }

    @Test(arguments: ["demo", "llama2-70b-vs-7b"])
    func shippedTwoExtremesStudiesPrintTheConfoundingMessageNotNumbers(study: String) throws {
        let test = TestWorkspace()
        test.copyFromRepository("Rubrics/creative-thinking.toml")
        test.copyFromRepository("Studies/\(study)")
        let bundle = try StudyBundle.load(studyID: study, in: test.workspace)
        let ids = bundle.study.systems.map(\.id)
        let criteria = bundle.rubric.criteria.map(\.id)
        let simulation = SimulatedRaters(quality: [
            ids[0]: Dictionary(uniqueKeysWithValues: criteria.map { ($0, 1150.0) }),
            ids[1]: Dictionary(uniqueKeysWithValues: criteria.map { ($0, 900.0) }),
        ], seed: 3)
        for rater in ["r1", "r2"] {
            try simulation.writeJournal(bundle: bundle, rater: rater, items: nil, workspace: test.workspace)
        }
        let judgements = StudyJudgements.load(bundle: bundle, workspace: test.workspace)
        var options = RankingOptions()
        options.rounds = 50
        options.bootstrap = .tasks
        let report = StudyReport.build(bundle: bundle, judgements: judgements, options: options)
        let effects = try #require(report.section("overall")?.effects)
        #expect(!effects.design.estimable)
        #expect(effects.effects.isEmpty)
        let text = StudyReportText.render(report)
        #expect(text.contains("Parameter effects: cannot be estimated from this design."))
        #expect(text.contains("Only two distinct profiles"))
        #expect(!text.contains("doubling parameters"))
        // The head-to-head has its clustered form.
        #expect(report.section("overall")?.headToHead?.clustered?.clusters == bundle.study.tasks.count)
        #expect(text.contains("clustered by task"))
    }

    @Test func theFitRecoversKnownEffectsExactlyFromExpectedBattles() {
        // Battles with the exact win probabilities of +40 Elo a doubling and +5 a bit, +20 on the left.
        let profiles = IntervalCoverage.ablationProfiles
        let design = ProfileDesign(systems: (0..<5).map { "s\($0)" }, profiles: profiles)
        var battles: [CovariateBattle] = []
        for a in 0..<5 {
            for b in 0..<5 where a != b {
                let doublings: Double = design.matrix[a * 2] - design.matrix[b * 2]
                let bits: Double = design.matrix[a * 2 + 1] - design.matrix[b * 2 + 1]
                let gap: Double = 40 * doublings + 5 * bits + 20
                battles.append(CovariateBattle(a: a, b: b, score: BradleyTerry.sigmoid(gap / BradleyTerry.eloPerNat),
                                               weight: 1e7, covariates: [1]))
            }
        }
        let fit = StructuredBradleyTerry.fit(battles, systemCount: 5, design: design.matrix, knobCount: 2, covariateCount: 1,
                                             residualSD: 100 / BradleyTerry.eloPerNat)
        #expect(fit.converged)
        #expect(abs(fit.effects[0] * BradleyTerry.eloPerNat - 40) < 0.01)
        #expect(abs(fit.effects[1] * BradleyTerry.eloPerNat - 5) < 0.01)
        #expect(abs(fit.covariates[0] * BradleyTerry.eloPerNat - 20) < 0.01)
        #expect(fit.residuals.allSatisfy { abs($0) < 1e-4 })
    }

    /// The one-step bootstrap (one Newton step from the estimate on reweighted per-task pieces) must
    /// give the rounds a full refit gives, to a small share of the rounds' own spread: both for task
    /// weights (dense per-task pieces) and for battle weights (per-row pieces).
    @Test(arguments: [true, false])
    func oneStepRoundsAreTheFullRefitsRounds(clustered: Bool) throws {
        let profiles = IntervalCoverage.ablationProfiles
        let design = ProfileDesign(systems: (0..<5).map { "s\($0)" }, profiles: profiles)
        let ratings: [Double] = (0..<5).map { system -> Double in
            let doublings: Double = design.matrix[system * 2], bits: Double = design.matrix[system * 2 + 1]
            return 1000 + 40 * doublings + 5 * bits
        }
        let tasks = 24
        let world = ClusteredBattles(ratings: ratings, tasks: tasks, raters: 3, taskSD: 100, tieRate: 0.1, leftElo: 20)
        var battles = world.draw(seed: 5)
        if !clustered { for index in battles.indices { battles[index].cluster = index } }
        let groups = clustered ? tasks : battles.count
        let tau = 100 / BradleyTerry.eloPerNat
        let rows = StructuredBradleyTerry.SparseRows(battles, systemCount: 5, design: design.matrix, knobCount: 2,
                                                     covariateCount: 1, clusterWeights: nil)
        let point = StructuredBradleyTerry.fit(rows, residualSD: tau, covariateSD: 4, start: nil, tolerance: 1e-10)
        let oneStep = StructuredBradleyTerry.OneStepBootstrap(rows, estimate: point.parameters,
                                                             penalty: rows.penalty(residualSD: tau, covariateSD: 4), clusterCount: groups)
        var random = SeededRandom(seed: 6)
        var full: [[Double]] = [], approximate: [[Double]] = []
        for _ in 0..<200 {
            var weights = [Double](repeating: 0, count: groups)
            if clustered {
                for _ in 0..<groups { weights[random.below(groups)] += 1 }
            } else {
                // Poisson-like battle weights: each row kept 0, 1 or 2 times.
                for index in weights.indices { weights[index] = Double(random.below(3)) }
            }
            let refit = StructuredBradleyTerry.fit(battles, systemCount: 5, design: design.matrix, knobCount: 2, covariateCount: 1,
                                                   residualSD: tau, clusterWeights: weights, start: point.parameters, tolerance: 1e-10)
            full.append(refit.effects + refit.covariates)
            approximate.append(Array(try #require(oneStep.round(weights))[0..<3]))
        }
        for column in 0..<3 {
            let exact = try #require(BootstrapPercentile.interval95(full.map { $0[column] }))
            let stepped = try #require(BootstrapPercentile.interval95(approximate.map { $0[column] }))
            let width = exact.upper - exact.lower
            let errors = zip(full, approximate).map { abs($0[column] - $1[column]) }
            #expect(width > 0)
            // The interval is the refits' interval to a tenth of its width (small study: 720 battles;
            // the error shrinks as studies grow), and a typical round is much closer than that.
            #expect(abs(stepped.lower - exact.lower) < 0.1 * width && abs(stepped.upper - exact.upper) < 0.1 * width,
                    "column \(column): one-step \(stepped), refits \(exact)")
            #expect(errors.reduce(0, +) / Double(errors.count) < 0.02 * width, "column \(column)")
        }
    }

    /// Simulated clustered ablation studies: the task-bootstrap intervals of the effects must hold
    /// the truth in at least 90% of studies (nominal 95%; 60 studies × 3 effects = 180 intervals).
    @Test func effectIntervalsCoverTheTruthOnSimulatedClusteredStudies() {
        var settings = IntervalCoverage.Settings()
        settings.simulations = 60
        settings.rounds = 80
        settings.tasks = 24
        settings.raters = 2
        settings.effectsBattleBootstrap = false
        let rows = IntervalCoverage.ablation(settings).filter { $0.interval.hasPrefix("effect:") }
        #expect(rows.count == 3)
        let covered = rows.reduce(0) { $0 + $1.covered }, total = rows.reduce(0) { $0 + $1.total }
        #expect(Double(covered) / Double(total) >= 0.9, "\(rows)")
    }

    @Test func profilesFileReadsTheStudyKeysAndRejectsNonsense() throws {
        let test = TestWorkspace()
        test.write("systems.toml", """
        [[systems]]
        id = "big"
        parameters_b = 70
        family = "llama-2"

        [[systems]]
        id = "small"
        parameters_b = -7
        """)
        #expect(throws: DiagnosticsError.self) { try ProfilesFile.read(path: test.root.appendingPathComponent("systems.toml").path) }
        test.write("good.toml", "[[systems]]\nid = \"big\"\nparameters_b = 70\nfamily = \"llama-2\"\n")
        let profiles = try ProfilesFile.read(path: test.root.appendingPathComponent("good.toml").path)
        #expect(profiles["big"]?.family == "llama-2")
        #expect(profiles["big"]?.parametersBillions == 70)
    }

    @Test func markdownElementsAreCounted() {
        #expect(MarkdownElements.count("Plain prose, no markup at all.") == 0)
        #expect(MarkdownElements.count("# Title\n\n- one\n- two\n1. first\nSome **bold** text") == 5)
    }
}
