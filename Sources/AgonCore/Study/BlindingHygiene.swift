import Foundation

/// Checks answers for what would let a rater guess which system wrote them: a model or maker
/// named in the text ("As an AI language model", "I'm Claude", "Llama", "GPT"), thinking markup
/// left in, or lengths so different between systems on a task that length alone tells them apart.
/// It only reports; the researcher decides. Used by `agon collect` and `agon validate`.
public enum BlindingHygiene {
    public struct Finding: Equatable, Sendable {
        public enum Kind: String, Sendable { case namesModel = "names a model or maker", thinkingMarkup = "thinking markup" }
        public var kind: Kind
        public var task: String
        public var system: String
        public var sample: Int
        /// What was found, e.g. `As an AI language model` or `<think>`.
        public var match: String
    }

    /// Mean length of each system's answers on one task, and the ratio longest / shortest.
    public struct LengthRatio: Equatable, Sendable {
        public var task: String
        public var meanCharacters: [String: Double]
        public var ratio: Double
    }

    public struct Input: Sendable {
        public var task: String
        public var system: String
        public var sample: Int
        public var text: String

        public init(task: String, system: String, sample: Int = 1, text: String) {
            self.task = task
            self.system = system
            self.sample = sample
            self.text = text
        }
    }

    /// Phrases and names that give a system away; word-bounded, matched case-sensitively where a
    /// common word would otherwise match ("Llama" the model, not "llama" the animal in a poem… still
    /// reported: the researcher reads it).
    static let namePatterns: [String] = [
        #"(?i)\bas an? (?:ai|artificial intelligence)(?: language)? model\b"#,
        #"(?i)\bI(?:'m| am) (?:an? )?(?:large )?language model\b"#,
        #"(?i)\bI(?:'m| am) (?:Claude|ChatGPT|Gemini|Llama|Qwen|Mistral|DeepSeek|Gemma|Phi|Grok|SmolLM)\b"#,
        #"\b(?:ChatGPT|GPT-?[2-5](?:\.\d)?o?|GPT|OpenAI|Anthropic|Claude|LLaMA|Llama|Meta AI|Qwen|Alibaba Cloud|DeepSeek|Mistral AI|Mixtral|Gemini|Gemma|Google DeepMind|SmolLM\d?|Hugging ?Face|Phi-[1-4]|Grok|xAI)\b"#,
        #"(?i)как (?:языковая модель|модель искусственного интеллекта|ИИ)"#,
        #"(?i)я\s*[—–-]?\s*(?:языковая модель|искусственный интеллект)"#,
    ]

    static let markupPatterns: [String] = [
        #"</?think(?:ing)?>"#, #"</?reasoning>"#, #"<\|(?:channel|message|start|end|im_start|im_end)\|>"#, #"◁/?think▷"#,
        #"\[/?THINK\]"#,
    ]

    /// A ratio of mean lengths on one task at or above which the pair is listed.
    public static let wildRatio = 3.0

    private static let compiledNames = namePatterns.compactMap { try? NSRegularExpression(pattern: $0) }
    private static let compiledMarkup = markupPatterns.compactMap { try? NSRegularExpression(pattern: $0) }

    public static func findings(_ answers: [Input]) -> [Finding] {
        var findings: [Finding] = []
        for answer in answers {
            let range = NSRange(answer.text.startIndex..., in: answer.text)
            for regex in compiledMarkup {
                if let match = regex.firstMatch(in: answer.text, range: range), let found = Range(match.range, in: answer.text) {
                    findings.append(Finding(kind: .thinkingMarkup, task: answer.task, system: answer.system,
                                            sample: answer.sample, match: String(answer.text[found])))
                    break
                }
            }
            for regex in compiledNames {
                if let match = regex.firstMatch(in: answer.text, range: range), let found = Range(match.range, in: answer.text) {
                    findings.append(Finding(kind: .namesModel, task: answer.task, system: answer.system,
                                            sample: answer.sample, match: String(answer.text[found])))
                    break
                }
            }
        }
        return findings
    }

    /// Every task's length ratio between systems (tasks answered by fewer than two systems are left out),
    /// in task order of first appearance.
    public static func lengthRatios(_ answers: [Input]) -> [LengthRatio] {
        var order: [String] = []
        var sums: [String: [String: (total: Int, count: Int)]] = [:]
        for answer in answers {
            if sums[answer.task] == nil { order.append(answer.task) }
            var bySystem = sums[answer.task, default: [:]]
            let previous = bySystem[answer.system, default: (0, 0)]
            bySystem[answer.system] = (previous.total + answer.text.count, previous.count + 1)
            sums[answer.task] = bySystem
        }
        return order.compactMap { task in
            let means = sums[task]!.mapValues { Double($0.total) / Double($0.count) }
            guard means.count >= 2, let longest = means.values.max(), let shortest = means.values.min() else { return nil }
            return LengthRatio(task: task, meanCharacters: means, ratio: shortest > 0 ? longest / shortest : .infinity)
        }
    }

    /// The plain-text report both commands print; empty when nothing was found.
    public static func report(_ answers: [Input]) -> [String] {
        var lines: [String] = []
        for finding in findings(answers) {
            lines.append("blinding: \(finding.task) · \(finding.system) · sample \(finding.sample) \(finding.kind.rawValue): “\(finding.match)”")
        }
        let wild = lengthRatios(answers).filter { $0.ratio >= wildRatio }
        if !wild.isEmpty {
            lines.append("blinding: lengths differ wildly between systems on \(wild.count) task\(wild.count == 1 ? "" : "s") (mean characters; ratio ≥ \(Int(wildRatio))):")
            for ratio in wild {
                let systems = ratio.meanCharacters.keys.sorted().map { "\($0) \(Int(ratio.meanCharacters[$0]!.rounded()))" }
                let shown = ratio.ratio.isFinite ? String(format: "%.1f", ratio.ratio) : "∞"
                lines.append("  \(ratio.task): \(systems.joined(separator: ", ")) — ratio \(shown)")
            }
        }
        return lines
    }
}
