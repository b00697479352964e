import Foundation

/// Checks of the answers themselves that a blind comparison depends on, made before anyone rates:
/// an answer that names its model or maker ("As an AI language model", "I'm Claude", «как языковая
/// модель»), one that still carries thinking markup (`<think>…</think>` a server did not strip),
/// and tasks where the systems' answers differ wildly in length (a rater can tell the systems apart
/// by length alone, and length sways verdicts).
///
/// These are warnings, not errors: a story may name a llama or quote GPT on purpose, and a short
/// answer may be the better one. The researcher reads them and decides. Pure: `agon validate` and
/// `agon collect` both run it over answers they hold.
public enum BlindingHygiene {
    public struct Finding: Equatable, Sendable {
        public enum Kind: String, Sendable {
            case namesModel = "names a model or maker"
            case thinkingMarkup = "still carries thinking markup"
        }

        public var kind: Kind
        public var task: String
        public var system: String
        public var sample: Int
        public var line: Int
        /// The words matched, as written in the answer.
        public var match: String
        /// The match with a little of its surroundings, on one line.
        public var excerpt: String
    }

    /// Mean words of each system's answers (over its samples) to one task.
    public struct TaskLengths: Equatable, Sendable {
        public var task: String
        public var words: [String: Double]
        /// Longest mean over shortest mean; infinite when a system's answers have no words.
        public var ratio: Double
    }

    public struct Result: Equatable, Sendable {
        public var findings: [Finding]
        /// Every task answered by two or more systems, in study order.
        public var lengths: [TaskLengths]
        public var wildRatio: Double
        /// The tasks whose length ratio reaches `wildRatio`, largest first.
        public var wildTasks: [TaskLengths] {
            lengths.filter { $0.ratio >= wildRatio }.sorted { $0.ratio > $1.ratio }
        }
        public var medianRatio: Double? {
            let ratios = lengths.map(\.ratio).sorted()
            guard !ratios.isEmpty else { return nil }
            return ratios.count % 2 == 1 ? ratios[ratios.count / 2] : (ratios[ratios.count / 2 - 1] + ratios[ratios.count / 2]) / 2
        }
        public var isClean: Bool { findings.isEmpty && wildTasks.isEmpty }
    }

    /// A length ratio from which answers are told apart at a glance: three times as long.
    public static let defaultWildRatio = 3.0

    public static func check(_ answers: [Answer], study: Study, wildRatio: Double = defaultWildRatio) -> Result {
        var findings: [Finding] = []
        var sums: [String: [String: (words: Int, count: Int)]] = [:]
        for answer in answers {
            for (kind, matches) in [(Finding.Kind.namesModel, identityMentions(in: answer.text)),
                                    (.thinkingMarkup, thinkingMarkup(in: answer.text))] {
                for (match, excerpt) in matches {
                    findings.append(Finding(kind: kind, task: answer.task, system: answer.system, sample: answer.sample,
                                            line: answer.line, match: match, excerpt: excerpt))
                }
            }
            let words = answer.text.split(whereSeparator: { $0.isWhitespace }).count
            let previous = sums[answer.task]?[answer.system] ?? (0, 0)
            sums[answer.task, default: [:]][answer.system] = (previous.words + words, previous.count + 1)
        }
        var lengths: [TaskLengths] = []
        for task in study.tasks {
            guard let bySystem = sums[task.id], bySystem.count >= 2 else { continue }
            let means = bySystem.mapValues { Double($0.words) / Double($0.count) }
            let longest = means.values.max()!, shortest = means.values.min()!
            lengths.append(TaskLengths(task: task.id, words: means, ratio: shortest > 0 ? longest / shortest : .infinity))
        }
        return Result(findings: findings, lengths: lengths, wildRatio: wildRatio)
    }

    /// Warnings as `answers.jsonl:line: …` lines, one per finding.
    public static func diagnostics(_ result: Result, answersFile: String, samples: Int) -> [Diagnostic] {
        result.findings.map { finding in
            let sample = samples > 1 ? ", sample \(finding.sample)" : ""
            return Diagnostic(file: answersFile, line: finding.line,
                              message: "answer \(finding.kind.rawValue) (task `\(finding.task)`, system `\(finding.system)`\(sample)): “\(finding.match)” in “\(finding.excerpt)”")
        }
    }

    /// The length-ratio table of the tasks at or above the wild ratio, for a terminal.
    public static func lengthTable(_ result: Result, systems: [String]) -> String {
        let wild = result.wildTasks
        var lines: [String] = []
        let median = result.medianRatio.map { String(format: "%.1f", $0) } ?? "—"
        lines.append("Length ratio between systems (mean words per answer; longest ÷ shortest): median \(median) over \(result.lengths.count) tasks; "
            + "\(wild.count) task\(wild.count == 1 ? "" : "s") at ×\(String(format: "%.0f", result.wildRatio)) or more"
            + (wild.isEmpty ? "." : " — a rater could tell the systems apart by length:"))
        guard !wild.isEmpty else { return lines.joined(separator: "\n") }
        var rows = [["task"] + systems + ["ratio"]]
        for task in wild {
            rows.append([task.task] + systems.map { system in task.words[system].map { String(Int($0.rounded())) } ?? "—" }
                + [task.ratio.isFinite ? String(format: "×%.1f", task.ratio) : "×∞"])
        }
        lines.append(PlainTable.render(rows))
        return lines.joined(separator: "\n")
    }

    // MARK: Detection

    /// Self-descriptions and model or maker names, English and Russian. Names are matched as written
    /// (capitalised), so the animal in "a llama grazed" or the wind in "the mistral" do not count.
    private static let identityPatterns: [NSRegularExpression] = [
        // English self-description, any case.
        try! NSRegularExpression(pattern: #"\bas an? (?:ai (?:language model|assistant|model)|ai|a\.i\.|artificial intelligence|(?:large )?language model|llm|chatbot|virtual assistant)\b"#,
                                 options: [.caseInsensitive]),
        try! NSRegularExpression(pattern: #"\bi(?:'m|’m| am) (?:just |only |merely )?an? (?:ai (?:language model|assistant|model)|ai|a\.i\.|artificial intelligence|(?:large )?language model|llm|chatbot|virtual assistant)\b"#,
                                 options: [.caseInsensitive]),
        try! NSRegularExpression(pattern: #"\b(?:ai language model|ai assistant|large language model|my training data|my knowledge cutoff|knowledge cut-?off)\b"#,
                                 options: [.caseInsensitive]),
        // Russian self-description, any case.
        try! NSRegularExpression(pattern: #"(?<![\p{L}])(?:как (?:(?:большая )?языковая модель|модель ии|ии-ассистент|ии-помощник|ии|искусственный интеллект|нейросеть|нейронная сеть|виртуальный (?:ассистент|помощник)|чат-бот)|будучи (?:(?:большой )?языковой моделью|моделью ии|ии-ассистентом|ии|искусственным интеллектом|нейросетью|нейронной сетью|виртуальным (?:ассистентом|помощником)|чат-ботом))(?![\p{L}])"#,
                                 options: [.caseInsensitive]),
        try! NSRegularExpression(pattern: #"(?<![\p{L}])я\s*[—–-]?\s*(?:всего лишь |лишь |просто )?(?:(?:большая )?языковая модель|искусственный интеллект|ии-ассистент|ии-помощник|ии|нейросеть|виртуальный (?:ассистент|помощник)|чат-бот)(?![\p{L}])"#,
                                 options: [.caseInsensitive]),
        try! NSRegularExpression(pattern: #"(?<![\p{L}])(?:языков(?:ая|ой|ую) модел(?:ь|и|ью)|мои обучающие данные|моих обучающих данных)(?![\p{L}])"#,
                                 options: [.caseInsensitive]),
        // Names of models and makers, as written.
        try! NSRegularExpression(pattern: #"(?<![\p{L}\p{N}])(?:Claude|Anthropic|OpenAI|Open AI|ChatGPT|GPT(?:-?\d[\w.]*)?|Gemini|Gemma|Mistral|Mixtral|Qwen|DeepSeek|SmolLM\d*|Llama(?:[- ]?\d[\w.]*)?|LLaMA|LLAMA|LLaMa|Meta AI|Phi-\d[\w.]*|Vicuna|Клод|Антропик|ЧатГПТ|Чат-ГПТ|ГПТ|Ллама|Джемини|ГигаЧат|YandexGPT)(?![\p{L}])"#,
                                 options: []),
    ]

    private static let thinkingPatterns: [NSRegularExpression] = [
        try! NSRegularExpression(pattern: #"</?(?:think|thinking|thought|reasoning|reflection)>|<\|(?:begin|end)_of_thought\|>|\[/?THINK\]|◁/?think▷|<\|channel\|>analysis"#,
                                 options: [.caseInsensitive]),
    ]

    public static func identityMentions(in text: String) -> [(match: String, excerpt: String)] {
        matches(of: identityPatterns, in: text)
    }

    public static func thinkingMarkup(in text: String) -> [(match: String, excerpt: String)] {
        matches(of: thinkingPatterns, in: text)
    }

    /// Each distinct match once, in text order, with about 30 characters either side.
    private static func matches(of patterns: [NSRegularExpression], in text: String) -> [(match: String, excerpt: String)] {
        let whole = NSRange(text.startIndex..., in: text)
        var found: [(range: Range<String.Index>, match: String)] = []
        for pattern in patterns {
            for result in pattern.matches(in: text, range: whole) {
                guard let range = Range(result.range, in: text) else { continue }
                if found.contains(where: { $0.range.overlaps(range) }) { continue }
                found.append((range, String(text[range])))
            }
        }
        found.sort { $0.range.lowerBound < $1.range.lowerBound }
        var seen: Set<String> = []
        var result: [(match: String, excerpt: String)] = []
        for entry in found where seen.insert(entry.match.lowercased()).inserted {
            let start = text.index(entry.range.lowerBound, offsetBy: -30, limitedBy: text.startIndex) ?? text.startIndex
            let end = text.index(entry.range.upperBound, offsetBy: 30, limitedBy: text.endIndex) ?? text.endIndex
            var excerpt = text[start..<end].split(whereSeparator: { $0.isNewline || $0 == "\t" }).joined(separator: " ")
            if start > text.startIndex { excerpt = "…" + excerpt }
            if end < text.endIndex { excerpt += "…" }
            result.append((entry.match, excerpt))
        }
        return result
    }
}
