import Foundation
import Testing
@testable import AgonCore

/// The shipped studies of the question itself, in English and Russian: collect-ready, no answers.
struct ExtremesStudyTests {
    static let workspace = Workspace(root: TestWorkspace.repository)
    static let categories: Set<String> = ["five-concepts", "sisyphus-agi", "resistance", "irony-intuition-sarcasm",
                                          "ontology-from-a-phrase", "meta-reflection", "dependency-chains", "open-contradiction"]

    @Test(arguments: ["extremes", "extremes-ru"])
    func loadsAsReadyToCollect(id: String) throws {
        let bundle = try StudyBundle.load(studyID: id, in: Self.workspace, answers: .mayBeAbsent)
        #expect(bundle.awaitsAnswers)
        #expect(bundle.study.tasks.count == 30)
        #expect(bundle.study.design.samples == 3)
        #expect(Set(bundle.study.tasks.map(\.category)) == Self.categories)
        let giant = try #require(bundle.study.system(id: "giant")).profile
        #expect(giant.parametersBillions! >= 70 && giant.quantisationBits == 16)
        #expect((131_072...262_144).contains(giant.contextTokens!))
        #expect(giant.expertsTotal! > 1 && (10...25).contains(giant.expertsActive!) && giant.thinkingBudgetTokens == -1)
        let minimal = try #require(bundle.study.system(id: "minimal")).profile
        #expect(minimal.parametersBillions == 7 && minimal.quantisationBits == 4 && minimal.contextTokens! <= 8192)
        #expect(minimal.expertsTotal == 1 && minimal.thinkingBudgetTokens == 0)
        // Rating needs the answers first, and says how to get them.
        let found = diagnostics { _ = try StudyBundle.load(studyID: id, in: Self.workspace) }.map(\.description)
        #expect(found.count == 1 && found[0].contains("`agon collect \(id)`"), "\(found)")
        // The server tables are there for a researcher to fill in, commented out.
        let toml = try String(contentsOf: Self.workspace.studyFile(id), encoding: .utf8)
        for key in ["# [systems.server]", "# url = ", "# model = ", "# api_key_env = ", "# kind = ", "# concurrency = ", "# timeout_s = ",
                    "# [systems.sampling]", "# temperature = ", "# [systems.thinking]", "# budget_tokens = "] {
            #expect(toml.components(separatedBy: key).count == 3, "\(id): \(key) once per system")
        }
    }

    @Test func theRussianStudyAsksTheSameTasksInRussian() throws {
        let english = try StudyBundle.load(studyID: "extremes", in: Self.workspace, answers: .mayBeAbsent).study
        let russian = try StudyBundle.load(studyID: "extremes-ru", in: Self.workspace, answers: .mayBeAbsent).study
        #expect(english.tasks.map(\.id) == russian.tasks.map(\.id))
        #expect(english.tasks.map(\.category) == russian.tasks.map(\.category))
        #expect(english.systems.map(\.id) == russian.systems.map(\.id))
        #expect(english.systems.map(\.profile) == russian.systems.map(\.profile))
        for task in russian.tasks {
            let letters = task.prompt.unicodeScalars.filter { CharacterSet.letters.contains($0) }
            let cyrillic = letters.filter { (0x0400...0x04FF).contains($0.value) }
            #expect(Double(cyrillic.count) / Double(letters.count) > 0.95, "\(task.id) is not in Russian")
        }
        for task in english.tasks {
            #expect(task.prompt.unicodeScalars.filter { (0x0400...0x04FF).contains($0.value) }.count <= 1, "\(task.id) is not in English")
        }
    }

    /// "Resistance" is rethought in acoustics, politics and biology, those three first.
    @Test func resistanceTasksNameTheThreeFieldsFirst() throws {
        for (id, fields) in [("extremes", ["acoustics", "politics", "biology"]), ("extremes-ru", ["акустик", "политик", "биологи"])] {
            let study = try StudyBundle.load(studyID: id, in: Self.workspace, answers: .mayBeAbsent).study
            let resistance = study.tasks.filter { $0.category == "resistance" }
            #expect(resistance.count >= 3)
            for task in resistance where task.id != "resist-4" {
                let positions = fields.map { task.prompt.range(of: $0)?.lowerBound }
                #expect(positions.allSatisfy { $0 != nil }, "\(id) \(task.id)")
                #expect(positions.compactMap { $0 } == positions.compactMap { $0 }.sorted(), "\(id) \(task.id): the fields out of order")
            }
        }
    }
}
