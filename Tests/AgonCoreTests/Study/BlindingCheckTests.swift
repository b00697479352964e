import Foundation
import Testing
@testable import AgonCore

/// `[blinding_check]` and `block_size` in study.toml, the pairs the check asks about, and the
/// blinding guess in the journal.
struct BlindingCheckTests {
    /// Three systems of the given sizes (nil: no `parameters_b`), four tasks; `extra` at the end.
    static func study(sizes: [Double?] = [70, 8, 1], design: String = "", extra: String) -> String {
        var text = "id = \"s\"\ntitle = \"S\"\nrubric = \"r\"\n[design]\nseed = 3\nrepeat_share = 0.25\n\(design)\n"
        for (index, size) in sizes.enumerated() {
            text += "[[systems]]\nid = \"m\(index + 1)\"\n" + (size.map { "parameters_b = \($0)\n" } ?? "")
        }
        for task in 1...4 { text += "[[tasks]]\nid = \"t\(task)\"\nprompt = \"P\(task)\"\n" }
        return text + extra
    }

    func problems(_ text: String) -> [String] {
        diagnostics { _ = try StudyLoader.parse(text: text, file: "study.toml", expectedID: "s") }.map(\.description)
    }

    @Test func theCheckAndTheBlockSizeAreRead() throws {
        let parsed = try StudyLoader.parse(text: Self.study(design: "block_size = 6", extra: "[blinding_check]\npairs = 5\nquestion = \"m2\"\n"),
                                           file: "study.toml")
        #expect(parsed.blindingCheck == BlindingCheck(pairs: 5, question: .reference("m2")))
        #expect(parsed.design.blockSize == 6)
        let larger = try StudyLoader.parse(text: Self.study(extra: "[blinding_check]\npairs = 2\n"), file: "study.toml")
        #expect(larger.blindingCheck?.question == .larger)
        let plain = try StudyLoader.parse(text: Self.study(extra: ""), file: "study.toml")
        #expect(plain.blindingCheck == nil && plain.design.blockSize == nil)
    }

    @Test func largerNeedsEverySystemsSizeAndSizesThatOrderThePairs() {
        let unsized = problems(Self.study(sizes: [70, nil, 1], extra: "[blinding_check]\npairs = 2\nquestion = \"larger\"\n"))
        #expect(unsized.count == 1)
        #expect(unsized.first?.hasPrefix("study.toml:") == true)
        #expect(unsized.first?.contains("`m2` has no `parameters_b`") == true)
        let equal = problems(Self.study(sizes: [8, 8, 1], extra: "[blinding_check]\npairs = 2\nquestion = \"larger\"\n"))
        #expect(equal.count == 1)
        #expect(equal.first?.contains("`m1`–`m2` have the same `parameters_b`") == true)
        let allEqual = problems(Self.study(sizes: [8, 8, 8], extra: "[blinding_check]\npairs = 2\n"))
        #expect(allEqual.first?.contains("do not order any pair") == true)
    }

    @Test func aReferenceMustBeASystemAndPairsAtLeastOne() {
        let unknown = problems(Self.study(extra: "[blinding_check]\npairs = 2\nquestion = \"gpt\"\n"))
        #expect(unknown.first?.contains("not \"gpt\"") == true)
        let none = problems(Self.study(extra: "[blinding_check]\npairs = 0\nquestion = \"m1\"\n"))
        #expect(none.first?.contains("pairs must be at least 1") == true)
        let block = problems(Self.study(design: "block_size = 0", extra: ""))
        #expect(block.first?.contains("block_size must be at least 1") == true)
        let typo = problems(Self.study(extra: "[blinding_check]\npairs = 2\nquestoin = \"m1\"\n"))
        #expect(typo.count == 1)
    }

    @Test func theQuestionsAreRatedFirstShowingsTheQuestionFitsDrawnFromSeedAndRater() throws {
        let study = try StudyLoader.parse(text: Self.study(extra: "[blinding_check]\npairs = 4\nquestion = \"m3\"\n"), file: "study.toml")
        let check = try #require(study.blindingCheck)
        let schedule = Schedule.make(study: study, rater: "ann")
        let asked = check.questions(study: study, schedule: schedule, rater: "ann")
        #expect(asked.count == 4)
        #expect(Set(asked.map(\.item.number)).count == 4)
        for question in asked {
            #expect(!question.item.isRepeat)
            #expect(question.target == "m3")
            #expect(question.item.left == "m3" || question.item.right == "m3")
        }
        #expect(check.questions(study: study, schedule: schedule, rater: "ann") == asked)
        let other = check.questions(study: study, schedule: Schedule.make(study: study, rater: "bob"), rater: "bob")
        #expect(other.map(\.item) != asked.map(\.item))
        // More pairs asked than there are: every eligible first showing, once.
        var many = check
        many.pairs = 1000
        let eligible = schedule.items.filter { !$0.isRepeat && ($0.left == "m3" || $0.right == "m3") }
        #expect(many.questions(study: study, schedule: schedule, rater: "ann").count == eligible.count)
    }

    @Test func largerAsksForTheSystemWithMoreParameters() throws {
        let study = try StudyLoader.parse(text: Self.study(extra: "[blinding_check]\npairs = 100\n"), file: "study.toml")
        let check = try #require(study.blindingCheck)
        #expect(check.target(left: "m3", right: "m1", in: study) == "m1")
        #expect(check.target(left: "m2", right: "m3", in: study) == "m2")
        let asked = check.questions(study: study, schedule: Schedule.make(study: study, rater: "ann"), rater: "ann")
        for question in asked {
            let sizes = [question.item.left, question.item.right].map { study.system(id: $0)!.profile.parametersBillions! }
            #expect(study.system(id: question.target)!.profile.parametersBillions == sizes.max())
        }
    }

    @Test func aBlindingGuessSurvivesBothJournalReaders() throws {
        for guess in [Side.a, .b, nil] {
            let event = JournalEvent.blindingGuess(BlindingGuess(item: 7, left: "m1", right: "m3", target: "m1", guess: guess,
                                                                 at: Date(timeIntervalSince1970: 1_800_000_000)))
            let line = JournalCodec.encode(event: event, seq: 12)
            let fast = try #require(JournalLineReader.event(line))
            #expect(fast.seq == 12 && fast.event == event)
            #expect(JournalCodec.decode(line) == .success(.event(seq: 12, event)))
        }
        let wrong = Data(#"{"type":"blinding-guess","seq":3,"item":1,"left":"a","right":"b","target":"a","guess":"C","at":"2027-01-15T08:00:00Z"}"#.utf8)
        #expect(JournalLineReader.event(wrong) == nil)
        guard case .failure(let error) = JournalCodec.decode(wrong) else {
            Issue.record("a guess of C was read")
            return
        }
        #expect(error.message.contains("it must be \"A\", \"B\" or \"unknown\""))
    }

    @Test func theReportScoresGuessesPerArmAndOverall() throws {
        func guess(_ item: Int, _ left: String, _ right: String, _ side: Side?) -> (rater: String, guess: BlindingGuess) {
            ("r\(item % 2)", BlindingGuess(item: item, left: left, right: right, target: "big", guess: side, at: Date(timeIntervalSince1970: 0)))
        }
        let answers = [guess(1, "big", "small", .a), guess(2, "small", "big", .b), guess(3, "big", "small", .b),
                       guess(4, "big", "small", nil), guess(5, "mid", "big", .b), guess(6, "big", "mid", nil)]
        let blinding = try #require(StudyBlinding.compute(answers, check: BlindingCheck(pairs: 3, question: .larger)))
        #expect(blinding.question == "larger")
        #expect(blinding.raters == 2)
        #expect(blinding.overall.answers == 6 && blinding.overall.guesses == 4)
        #expect(blinding.overall.index.correct == 3 && blinding.overall.index.incorrect == 1 && blinding.overall.index.dontKnow == 2)
        #expect(blinding.overall.shareCorrect?.proportion == 0.75)
        #expect(blinding.overall.dontKnowShare == 2.0 / 6)
        #expect(blinding.arms.map { "\($0.target!)/\($0.other!)" } == ["big/mid", "big/small"])
        #expect(blinding.arms[1].index.value == 0.25)   // (2 − 1) / 4
        #expect(StudyBlinding.compute([], check: nil) == nil)
        #expect(StudyBlinding.compute([], check: BlindingCheck(pairs: 1, question: .reference("x")))?.overall.answers == 0)
    }
}
