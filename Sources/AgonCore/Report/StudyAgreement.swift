import Foundation

/// Agreement among the raters of a study, built from their journals.
///
/// Units, and why:
/// - **Scores** of a criterion (absolute rubrics): one unit per answer, i.e. (task, system); each
///   rater's value is the score they gave that answer. With more than two systems a rater sees an
///   answer in several pairs; the *first showing* (lowest item number) counts, so later pairs —
///   rated with the earlier answer in mind — do not weigh twice. In a comparative rubric the score
///   belongs to the pair, so the unit is (task, pair) and the value is the comparison turned to
///   read from the pair's first system (negative favours the system whose id sorts first).
/// - **Winner** of a criterion and the **overall preference**: one unit per (task, unordered pair of
///   systems); the value is which system won — "first" or "second" of the pair in id order — or
///   "tie" ("both weak" counts as a tie, as in rankings).
/// - With several samples per answer, an answer is (task, system, sample) and a pair is the two
///   answers shown, each system with its sample: raters agree or not about the same texts. The
///   unit key of sample 1 is the plain one, so a single-sample study is analysed as before.
/// - Repeated items (`repeatOf` set) are not new units: they measure **intra-rater consistency**
///   (did the rater give the same verdict with the sides swapped). A repeat whose original the
///   rater never judged stands in for it.
public enum StudyAgreement {
    public struct Session: Sendable {
        public var rater: String
        public var judgements: [Judgement]

        public init(rater: String, judgements: [Judgement]) {
            self.rater = rater
            self.judgements = judgements
        }
    }

    public struct Result: Sendable, Equatable, Codable {
        public var study: String
        public var rubric: String
        public var rubricMode: Rubric.Mode
        public var raters: [String]
        public var judgements: Int
        public var criteria: [CriterionResult]
        public var preference: PreferenceResult
        public var consistency: [RaterConsistency]
        public var bootstrapRounds: Int
        public var seed: UInt64
        /// Samples per answer when more than one (units then include the sample).
        public var samples: Int?
    }

    public struct CriterionResult: Sendable, Equatable, Codable {
        public var id: String
        public var name: String
        /// What a score unit is: "answer" (task × system) or "pair" (task × system pair).
        public var scoreUnit: String
        public var scoreUnits: Int
        public var scores: [AgreementEstimate]
        public var winnerUnits: Int
        public var winners: [AgreementEstimate]
    }

    public struct PreferenceResult: Sendable, Equatable, Codable {
        public var units: Int
        public var estimates: [AgreementEstimate]
        /// Cohen's kappa on the overall preference for every pair of raters.
        public var pairwise: PairwiseKappa?
    }

    /// One rater's agreement with themselves on repeated items (sides swapped).
    public struct RaterConsistency: Sendable, Equatable, Codable {
        public var rater: String
        /// Repeated items whose original was judged too.
        public var repeatedPairs: Int
        /// Share of those with the same overall verdict (same system, or tie both times).
        public var samePreference: Double?
        /// Share of (pair, criterion) with the same criterion winner.
        public var sameCriterionWinner: Double?
        /// Mean absolute difference of the scores given to the same answer (absolute rubrics).
        public var meanScoreDifference: Double?
    }

    static let winnerScale = ["first", "tie", "second"]

    public static func analyse(bundle: StudyBundle, sessions: [Session],
                               bootstrap: AgreementBootstrap = AgreementBootstrap()) -> Result {
        let sessions = sessions.sorted { $0.rater < $1.rater }
        let raters = sessions.map(\.rater)
        // First showings only, in item order; repeats kept apart — unless the original was never
        // judged, when the repeat is the rater's only verdict on that pair.
        let firsts = sessions.map { session in
            let judged = Set(session.judgements.map(\.item))
            return session.judgements.filter { $0.repeatOf.map { !judged.contains($0) } ?? true }.sorted { $0.item < $1.item }
        }
        let rubric = bundle.rubric
        let keys = UnitKeys(firsts)
        var criteria: [CriterionResult] = []
        for criterion in rubric.criteria {
            let scoreTable = rubric.mode == .absolute
                ? answerScores(criterion: criterion, raters: raters, firsts: firsts, keys: keys)
                : pairScores(criterion: criterion, raters: raters, firsts: firsts, keys: keys)
            let winnerTable = pairVerdicts(raters: raters, firsts: firsts, keys: keys) { judgement in
                guard let winner = judgement.scores[criterion.id]?.winner else { return nil }
                return winner.map { $0 == .a ? judgement.left : judgement.right } ?? .some(nil)
            }
            criteria.append(CriterionResult(
                id: criterion.id, name: criterion.name.en,
                scoreUnit: rubric.mode == .absolute ? "answer" : "pair",
                scoreUnits: Int(scoreTable.categoryCounts.pairableUnitCount),
                scores: scoreEstimates(scoreTable, bootstrap: bootstrap),
                winnerUnits: Int(winnerTable.categoryCounts.pairableUnitCount),
                winners: estimates(winnerTable, [
                    ("alpha.nominal", "Krippendorff's alpha", .nominal, .alpha(.nominal, ordered: false)),
                    ("ac1", "Gwet's AC1", .nominal, .gwet(.identity)),
                    ("fleiss", "Fleiss' kappa", .nominal, .fleiss),
                ], bootstrap: bootstrap)))
        }
        let preferenceTable = pairVerdicts(raters: raters, firsts: firsts, keys: keys) { judgement in
            guard judgement.preference != nil else { return nil }
            return .some(judgement.preferredSystem)
        }
        let tie = Int32(winnerScale.firstIndex(of: "tie")!)
        var preferenceEstimates = estimates(preferenceTable, [
            ("alpha.nominal", "Krippendorff's alpha", .nominal, .alpha(.nominal, ordered: false)),
            ("ac1", "Gwet's AC1", .nominal, .gwet(.identity)),
            ("fleiss", "Fleiss' kappa", .nominal, .fleiss),
            ("agreement.raw", "percent agreement (ties included)", .nominal, .percentAgreement),
            ("agreement.leave-one-out", "agreement with the others' majority", .nominal, .leaveOneOut),
        ], bootstrap: bootstrap)
        let decisive = preferenceTable.droppingRatings { $0 == tie }
        preferenceEstimates.insert(contentsOf: estimates(decisive, [
            ("agreement.raw-without-ties", "percent agreement (ties left out)", .nominal, .percentAgreement),
        ], bootstrap: bootstrap), at: 4)
        let pairwise = raters.count >= 2 ? PairwiseKappa(preferenceTable, weights: .identity) : nil
        let preference = PreferenceResult(units: Int(preferenceTable.categoryCounts.pairableUnitCount),
                                          estimates: preferenceEstimates, pairwise: pairwise)
        let consistency = sessions.map { consistencyOf($0, rubric: rubric) }
        return Result(study: bundle.study.id, rubric: rubric.id, rubricMode: rubric.mode, raters: raters,
                      judgements: sessions.reduce(0) { $0 + $1.judgements.count }, criteria: criteria,
                      preference: preference, consistency: consistency, bootstrapRounds: bootstrap.rounds, seed: bootstrap.seed,
                      samples: bundle.study.design.samples == 1 ? nil : bundle.study.design.samples)
    }

    typealias Statistic = (key: String, name: String, level: MeasurementLevel, statistic: CountStatistic)

    static func estimates(_ table: RatingsTable, _ statistics: [Statistic], bootstrap: AgreementBootstrap) -> [AgreementEstimate] {
        if table.raterCount < 2 {
            return statistics.map {
                AgreementEstimate(key: $0.key, statistic: $0.name, level: $0.level,
                                  value: .undefined(reason: "a single rater: agreement needs at least two"), interval: nil)
            }
        }
        let counts = table.categoryCounts
        let values = PreparedCountStatistics(counts, statistics.map(\.statistic)).values()
        let intervals = bootstrap.intervals(counts, of: statistics.map(\.statistic))
        return statistics.indices.map { i in
            AgreementEstimate(key: statistics[i].key, statistic: statistics[i].name, level: statistics[i].level,
                              value: values[i], interval: intervals[i])
        }
    }

    /// Scores: alpha ordinal and interval, AC2 (linear, quadratic), and ICC(2,1) / ICC(2,k) — raters
    /// as a sample of possible raters, absolute agreement, since scores are read on the scale itself.
    static func scoreEstimates(_ table: RatingsTable, bootstrap: AgreementBootstrap) -> [AgreementEstimate] {
        var result = estimates(table, [
            ("alpha.ordinal", "Krippendorff's alpha", .ordinal, .alpha(.ordinal)),
            ("alpha.interval", "Krippendorff's alpha", .interval, .alpha(.interval)),
            ("ac2.linear", "Gwet's AC2 (linear)", .ordinal, .gwet(.linear)),
            ("ac2.quadratic", "Gwet's AC2 (quadratic)", .interval, .gwet(.quadratic)),
        ], bootstrap: bootstrap)
        result += RatingsAgreement.iccEstimates(table, bootstrap: bootstrap).estimates.filter { $0.key == "icc.2-1" || $0.key == "icc.2-k" }
        return result
    }

    /// Every first showing's unit names, worked out once for all the tables of a study: each
    /// answer and pair named by a number, so that a table of one criterion finds its unit with an
    /// array lookup instead of building and hashing the name again (100,000 judgements × 5 tables).
    struct UnitKeys {
        /// `answer[rater][n]`: the answers shown on sides A and B, as indices into `answerNames`.
        var answer: [[(a: Int, b: Int)]] = []
        /// `pair[rater][n]`: the pair shown, an index into `pairNames`, and whether the left answer is the pair's first.
        var pair: [[(id: Int, leftIsFirst: Bool)]] = []
        var answerNames: [String] = []
        var pairNames: [String] = []

        init(_ firsts: [[Judgement]]) {
            var answerIndex: [String: Int] = [:]
            var pairIndex: [String: Int] = [:]
            func intern(_ name: String, _ index: inout [String: Int], _ names: inout [String]) -> Int {
                if let known = index[name] { return known }
                names.append(name)
                index[name] = names.count - 1
                return names.count - 1
            }
            var answerNames: [String] = [], pairNames: [String] = []
            var answer: [[(a: Int, b: Int)]] = [], pair: [[(id: Int, leftIsFirst: Bool)]] = []
            for judgements in firsts {
                var answers: [(a: Int, b: Int)] = [], pairs: [(id: Int, leftIsFirst: Bool)] = []
                answers.reserveCapacity(judgements.count)
                pairs.reserveCapacity(judgements.count)
                for judgement in judgements {
                    answers.append((intern("\(judgement.task) · \(StudyAgreement.answerName(judgement, .a))", &answerIndex, &answerNames),
                                    intern("\(judgement.task) · \(StudyAgreement.answerName(judgement, .b))", &answerIndex, &answerNames)))
                    let (key, leftIsFirst) = StudyAgreement.pairKey(judgement)
                    pairs.append((intern(key, &pairIndex, &pairNames), leftIsFirst))
                }
                answer.append(answers)
                pair.append(pairs)
            }
            self.answer = answer
            self.pair = pair
            self.answerNames = answerNames
            self.pairNames = pairNames
        }
    }

    /// Units in the order they are first met, from unit names numbered by `UnitKeys`.
    struct UnitOrder {
        private var unitOf: [Int]
        private(set) var ids: [Int] = []

        init(names: Int) { unitOf = [Int](repeating: -1, count: names) }

        /// The unit of name `id`, and whether it was just added.
        mutating func unit(_ id: Int) -> (unit: Int, new: Bool) {
            if unitOf[id] >= 0 { return (unitOf[id], false) }
            unitOf[id] = ids.count
            ids.append(id)
            return (ids.count - 1, true)
        }
    }

    /// Unit = (task, system): the score each rater gave that answer at its first showing.
    static func answerScores(criterion: Criterion, raters: [String], firsts: [[Judgement]], keys given: UnitKeys? = nil) -> RatingsTable {
        let keys = given ?? UnitKeys(firsts)
        var order = UnitOrder(names: keys.answerNames.count)
        var values: [[Double?]] = []
        for (r, judgements) in firsts.enumerated() {
            for (n, judgement) in judgements.enumerated() {
                guard let score = judgement.scores[criterion.id] else { continue }
                for side in Side.allCases {
                    guard let value = score.score(for: side), criterion.scale.contains(value) else { continue }
                    let (u, new) = order.unit(side == .a ? keys.answer[r][n].a : keys.answer[r][n].b)
                    if new { values.append([Double?](repeating: nil, count: raters.count)) }
                    if values[u][r] == nil { values[u][r] = Double(value) }
                }
            }
        }
        return RatingsTable(units: order.ids.map { keys.answerNames[$0] }, raters: raters, values: values,
                            scale: criterion.scale.values.map(Double.init))
    }

    /// Unit = (task, pair): a comparative score, read from the pair's first system (id order).
    static func pairScores(criterion: Criterion, raters: [String], firsts: [[Judgement]], keys given: UnitKeys? = nil) -> RatingsTable {
        let keys = given ?? UnitKeys(firsts)
        var order = UnitOrder(names: keys.pairNames.count)
        var values: [[Double?]] = []
        for (r, judgements) in firsts.enumerated() {
            for (n, judgement) in judgements.enumerated() {
                guard let comparison = judgement.scores[criterion.id]?.comparison, criterion.scale.contains(comparison) else { continue }
                let (id, leftIsFirst) = keys.pair[r][n]
                let value = Double(leftIsFirst ? comparison : -comparison)
                guard criterion.scale.contains(Int(value)) else { continue }
                let (u, new) = order.unit(id)
                if new { values.append([Double?](repeating: nil, count: raters.count)) }
                if values[u][r] == nil { values[u][r] = value }
            }
        }
        return RatingsTable(units: order.ids.map { keys.pairNames[$0] }, raters: raters, values: values,
                            scale: criterion.scale.values.map(Double.init))
    }

    /// Unit = (task, pair); value = first / tie / second from `verdict`, which returns nil when the
    /// judgement has no verdict, `.some(nil)` for a tie and `.some(system)` for a winner.
    static func pairVerdicts(raters: [String], firsts: [[Judgement]], keys given: UnitKeys? = nil,
                             verdict: (Judgement) -> String??) -> RatingsTable {
        let keys = given ?? UnitKeys(firsts)
        var order = UnitOrder(names: keys.pairNames.count)
        let (first, tie, second) = (Int32(winnerScale.firstIndex(of: "first")!), Int32(winnerScale.firstIndex(of: "tie")!),
                                    Int32(winnerScale.firstIndex(of: "second")!))
        var cells: [Int32] = []
        let r = raters.count
        for (rater, judgements) in firsts.enumerated() {
            for (n, judgement) in judgements.enumerated() {
                guard let outcome = verdict(judgement) else { continue }
                let code = outcome.map { $0 == min(judgement.left, judgement.right) ? first : second } ?? tie
                let (u, new) = order.unit(keys.pair[rater][n].id)
                if new { cells.append(contentsOf: repeatElement(-1, count: r)) }
                if cells[u * r + rater] < 0 { cells[u * r + rater] = code }
            }
        }
        // As `RatingsTable(labels:scale:)` builds it from the labels: a nominal scale of three words.
        return RatingsTable(unitIDs: order.ids.map { keys.pairNames[$0] }, raterIDs: raters, categories: winnerScale,
                            numericValues: nil, isOrdered: false, cells: cells)
    }

    static func pairKey(_ judgement: Judgement) -> (key: String, leftIsFirst: Bool) {
        let leftIsFirst = judgement.left <= judgement.right
        let (x, y) = leftIsFirst ? (answerName(judgement, .a), answerName(judgement, .b)) : (answerName(judgement, .b), answerName(judgement, .a))
        return ("\(judgement.task) · \(x) vs \(y)", leftIsFirst)
    }

    /// A system's answer as shown on `side`: its id, and its sample when that is not the first.
    static func answerName(_ judgement: Judgement, _ side: Side) -> String {
        let sample = judgement.sample(on: side)
        return sample == 1 ? judgement.system(on: side) : "\(judgement.system(on: side)) #\(sample)"
    }

    static func consistencyOf(_ session: Session, rubric: Rubric) -> RaterConsistency {
        var byItem: [Int: Judgement] = [:]
        for judgement in session.judgements { byItem[judgement.item] = judgement }
        var pairs = 0
        var samePreference = 0, preferenceCompared = 0
        var sameWinner = 0, winnerCompared = 0
        var scoreDifference = 0.0, scoresCompared = 0
        for repeated in session.judgements {
            guard let originalItem = repeated.repeatOf, let original = byItem[originalItem] else { continue }
            pairs += 1
            if original.preference != nil, repeated.preference != nil {
                preferenceCompared += 1
                if original.preferredSystem == repeated.preferredSystem { samePreference += 1 }
            }
            for criterion in rubric.criteria {
                guard let first = original.scores[criterion.id], let second = repeated.scores[criterion.id] else { continue }
                if let w1 = first.winner, let w2 = second.winner {
                    winnerCompared += 1
                    let system1 = w1.map { $0 == .a ? original.left : original.right }
                    let system2 = w2.map { $0 == .a ? repeated.left : repeated.right }
                    if system1 == system2 { sameWinner += 1 }
                }
                if rubric.mode == .absolute {
                    for side in Side.allCases {
                        let system = side == .a ? original.left : original.right
                        let repeatedSide: Side = repeated.left == system ? .a : .b
                        if let x = first.score(for: side), let y = second.score(for: repeatedSide) {
                            scoreDifference += Double(abs(x - y))
                            scoresCompared += 1
                        }
                    }
                }
            }
        }
        return RaterConsistency(
            rater: session.rater, repeatedPairs: pairs,
            samePreference: preferenceCompared > 0 ? Double(samePreference) / Double(preferenceCompared) : nil,
            sameCriterionWinner: winnerCompared > 0 ? Double(sameWinner) / Double(winnerCompared) : nil,
            meanScoreDifference: scoresCompared > 0 ? scoreDifference / Double(scoresCompared) : nil)
    }
}
