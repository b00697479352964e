import Foundation
import Testing
@testable import AgonCore

/// Build-time blinding hygiene: what gives a system away before anyone rates.
struct BlindingHygieneTests {
    @Test(arguments: [
        ("As an AI language model, I cannot write that.", "As an AI language model"),
        ("I'm Claude, and here is a poem.", "Claude"),
        ("I am an AI and have no feelings, but", "I am an AI"),
        ("I'm just an AI, I don't have opinions.", "I'm just an AI"),
        ("This was written by Llama 2 for you.", "Llama 2"),
        ("Unlike GPT-4, I prefer rhyme.", "GPT-4"),
        ("Speaking as a large language model: no.", "as a large language model"),
        ("The Enchanted Flute\nby the AI Assistant", "AI Assistant"),
        ("My knowledge cutoff prevents me from knowing.", "My knowledge cutoff"),
        ("Как языковая модель, я не могу иметь мнения.", "Как языковая модель"),
        ("Я — искусственный интеллект, и у меня нет тела.", "Я — искусственный интеллект"),
        ("Я всего лишь ИИ-ассистент.", "Я всего лишь ИИ-ассистент"),
        ("Будучи нейросетью, я пишу стихи.", "Будучи нейросетью"),
        ("Меня создала компания OpenAI.", "OpenAI"),
        ("Спросите у ЧатГПТ.", "ЧатГПТ"),
    ])
    func namesOfModelsAndMakersAreFound(text: String, expected: String) {
        let found = BlindingHygiene.identityMentions(in: text).map(\.match)
        #expect(found.contains(expected), "\(found)")
    }

    @Test(arguments: [
        "A llama grazed on the hill above the village.",
        "The mistral blew from the north for three days.",
        "Claudette opened the door; the gemmarium was empty.",
        "She took an aim as an aid to memory.",
        "Языковой барьер мешал им больше, чем горы.",
        "Я и Ирина шли по дороге, а модель корабля стояла на окне.",
        "Resistance is the part of impedance that turns sound into heat.",
    ])
    func ordinaryTextIsNotFlagged(text: String) {
        #expect(BlindingHygiene.identityMentions(in: text).isEmpty, "\(BlindingHygiene.identityMentions(in: text))")
        #expect(BlindingHygiene.thinkingMarkup(in: text).isEmpty)
    }

    @Test func thinkingMarkupIsFound() {
        #expect(BlindingHygiene.thinkingMarkup(in: "<think>Plan: rhyme.</think>The poem.").map(\.match) == ["<think>", "</think>"])
        #expect(BlindingHygiene.thinkingMarkup(in: "<THINKING>x</THINKING> y").count == 2)
        #expect(BlindingHygiene.thinkingMarkup(in: "[THINK]hmm[/THINK] Answer").count == 2)
        #expect(BlindingHygiene.thinkingMarkup(in: "<|begin_of_thought|> ...").count == 1)
        #expect(BlindingHygiene.thinkingMarkup(in: "I think, therefore").isEmpty)
    }

    @Test func findingsNameTheLineTaskSystemAndSample() throws {
        let study = Study(id: "s", title: "s", description: "", rubricID: "r",
                          systems: [StudySystem(id: "big", label: "B"), StudySystem(id: "small", label: "S")],
                          tasks: [StudyTask(id: "t1", category: "c", prompt: "p"), StudyTask(id: "t2", category: "c", prompt: "p")],
                          design: StudyDesign(seed: 1, samples: 2))
        let ten = Array(repeating: "word", count: 10).joined(separator: " ")
        let answers = [
            Answer(task: "t1", system: "big", text: "<think>long plan</think> " + ten + " " + ten + " " + ten + " " + ten, line: 1),
            Answer(task: "t1", system: "small", sample: 2, text: "As an AI, " + ten, line: 2),
            Answer(task: "t2", system: "big", text: ten, line: 3),
            Answer(task: "t2", system: "small", text: ten + " and two", line: 4),
        ]
        let result = BlindingHygiene.check(answers, study: study)
        let warnings = BlindingHygiene.diagnostics(result, answersFile: "answers.jsonl", samples: 2).map(\.description)
        #expect(warnings == [
            "answers.jsonl:1: answer still carries thinking markup (task `t1`, system `big`, sample 1): “<think>” in “<think>long plan</think> word word wo…”",
            "answers.jsonl:1: answer still carries thinking markup (task `t1`, system `big`, sample 1): “</think>” in “<think>long plan</think> word word word word word word…”",
            "answers.jsonl:2: answer names a model or maker (task `t1`, system `small`, sample 2): “As an AI” in “As an AI, word word word word word wor…”",
        ], "\(warnings)")
        // t1: big 42 words, small 13: ratio above 3; t2: 10 against 12.
        #expect(result.wildTasks.map(\.task) == ["t1"])
        #expect(result.lengths.count == 2)
        #expect(abs(result.lengths[0].ratio - 42.0 / 13) < 1e-9)
        let table = BlindingHygiene.lengthTable(result, systems: ["big", "small"])
        #expect(table.contains("1 task at ×3 or more"), "\(table)")
        #expect(table.contains("t1     42     13  ×3.2"), "\(table)")
        #expect(table.contains("median 2.2 over 2 tasks"))
    }

    /// What the check finds in the shipped studies is what is really there: the demo's Claude 3 Opus
    /// answer signed "by the AI Assistant", and the Llama-2-7B refusals that call themselves an AI.
    @Test func shippedStudiesFindWhatIsReallyThere() throws {
        let workspace = Workspace(root: TestWorkspace.repository)
        let demo = try StudyBundle.load(studyID: "demo", in: workspace)
        let demoFindings = BlindingHygiene.check(demo.answers.answers, study: demo.study).findings
        #expect(demoFindings.map { "\($0.line) \($0.system) \($0.match)" } == ["33 opus AI Assistant"], "\(demoFindings)")
        #expect(demo.answers.answers.first { $0.line == 33 }?.text.contains("by the AI Assistant") == true)

        let llama = try StudyBundle.load(studyID: "llama2-70b-vs-7b", in: workspace)
        let llamaResult = BlindingHygiene.check(llama.answers.answers, study: llama.study)
        #expect(llamaResult.findings.map(\.line) == [26, 28, 30, 34, 50, 122], "\(llamaResult.findings)")
        #expect(llamaResult.findings.allSatisfy { $0.system == "llama2-7b" && $0.kind == .namesModel })
        #expect(llamaResult.wildTasks.count == 9)
    }
}
