/// How a study's samples were used by its raters: for each system and sample, how many first
/// showings it had and how it fared in the overall preference. Rankings and scores pool the samples
/// (the task stays the bootstrap cluster); this says whether they were shown evenly and whether one
/// sample of a system did much better than its others — generation variance, made visible.
public struct SampleUse: Sendable, Equatable, Codable {
    public struct Row: Sendable, Equatable, Codable {
        public var system: String
        public var sample: Int
        /// Judgements that showed this sample (repeats left out).
        public var showings: Int
        /// Overall preference: (wins + ½ ties) / verdicts, "both weak" counted as a tie; nil without verdicts.
        public var winShare: Double?
    }

    public var samples: Int
    public var rows: [Row]

    public static func compute(_ judgements: [RatedJudgement], study: Study) -> SampleUse {
        let samples = study.design.samples
        var showings: [String: Int] = [:]
        var points: [String: Double] = [:]
        var verdicts: [String: Int] = [:]
        func key(_ system: String, _ sample: Int) -> String { system + "\u{1F}" + String(sample) }
        for rated in judgements where rated.judgement.repeatOf == nil {
            let judgement = rated.judgement
            for side in Side.allCases {
                let k = key(judgement.system(on: side), judgement.sample(on: side))
                showings[k, default: 0] += 1
                guard let preference = judgement.preference else { continue }
                verdicts[k, default: 0] += 1
                switch preference {
                case .a: points[k, default: 0] += side == .a ? 1 : 0
                case .b: points[k, default: 0] += side == .b ? 1 : 0
                case .tie, .bothWeak: points[k, default: 0] += 0.5
                }
            }
        }
        var rows: [Row] = []
        for system in study.systems {
            for sample in 1...samples {
                let k = key(system.id, sample)
                let n = verdicts[k] ?? 0
                rows.append(Row(system: system.id, sample: sample, showings: showings[k] ?? 0,
                                winShare: n > 0 ? (points[k] ?? 0) / Double(n) : nil))
            }
        }
        return SampleUse(samples: samples, rows: rows)
    }
}
