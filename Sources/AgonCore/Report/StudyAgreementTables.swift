extension StudyAgreement {
    /// What the unit tables of a study read of each rater's first showings, gathered in one pass:
    /// each answer and pair named by a number, each criterion's score and the preference. A study of
    /// 100,000 judgements makes nine tables or more; reading the judgements themselves for each would
    /// copy every one (retaining its strings and dictionary) and look each criterion up by name nine
    /// times over.
    struct FirstShowings {
        struct Shown {
            /// The answers on sides A and B, as indices into `answerNames`.
            var a: Int32
            var b: Int32
            /// The pair, an index into `pairNames`.
            var pair: Int32
            /// Whether the left system's id sorts first (or equals the right one's).
            var leftIsFirst: Bool
            /// Both sides show one system (two of its samples): the pair's first system won either way.
            var sameSystem: Bool
            var preference: Preference?
        }

        /// `shown[rater][n]`: the n-th first showing of a rater.
        var shown: [[Shown]] = []
        /// `scores[rater][n * criteria + c]`: the score of criterion c (in rubric order) at that showing.
        var scores: [[CriterionScore?]] = []
        var criteria: Int
        var answerNames: [String] = []
        var pairNames: [String] = []

        init(_ firsts: [[Judgement]], criteria: [Criterion]) {
            self.criteria = criteria.count
            // Names are built and hashed only when an answer or pair is first met: the key of a
            // showing is its task, systems and samples as small numbers.
            var tasks: [String: Int32] = [:], systems: [String: Int32] = [:]
            func number(_ name: String, _ index: inout [String: Int32]) -> Int32 {
                if let known = index[name] { return known }
                index[name] = Int32(index.count)
                return Int32(index.count - 1)
            }
            struct AnswerKey: Hashable { var task: Int32, system: Int32, sample: Int }
            var answerOf: [AnswerKey: Int32] = [:], answerIndex: [String: Int32] = [:]
            var pairOf: [UInt64: Int32] = [:], pairIndex: [String: Int32] = [:]
            var answerNames: [String] = [], pairNames: [String] = []
            func intern(_ name: String, _ index: inout [String: Int32], _ names: inout [String]) -> Int32 {
                if let known = index[name] { return known }
                names.append(name)
                index[name] = Int32(names.count - 1)
                return Int32(names.count - 1)
            }
            for judgements in firsts {
                var shown: [Shown] = [], scores = [CriterionScore?](repeating: nil, count: judgements.count * criteria.count)
                shown.reserveCapacity(judgements.count)
                for (n, judgement) in judgements.enumerated() {
                    let task = number(judgement.task, &tasks)
                    func answer(_ side: Side) -> Int32 {
                        let key = AnswerKey(task: task, system: number(judgement.system(on: side), &systems), sample: judgement.sample(on: side))
                        if let known = answerOf[key] { return known }
                        let id = intern("\(judgement.task) · \(StudyAgreement.answerName(judgement, side))", &answerIndex, &answerNames)
                        answerOf[key] = id
                        return id
                    }
                    let (a, b) = (answer(.a), answer(.b))
                    let leftIsFirst = judgement.left <= judgement.right
                    let ordered = leftIsFirst ? (a, b) : (b, a)
                    let pairKey = UInt64(UInt32(bitPattern: ordered.0)) << 32 | UInt64(UInt32(bitPattern: ordered.1))
                    let pair: Int32
                    if let known = pairOf[pairKey] {
                        pair = known
                    } else {
                        pair = intern(StudyAgreement.pairKey(judgement).key, &pairIndex, &pairNames)
                        pairOf[pairKey] = pair
                    }
                    shown.append(Shown(a: a, b: b, pair: pair, leftIsFirst: leftIsFirst, sameSystem: judgement.left == judgement.right,
                                       preference: judgement.preference))
                    // A judgement scores a few criteria: matching its keys costs no hashing.
                    for (id, score) in judgement.scores {
                        if let c = criteria.firstIndex(where: { $0.id == id }) { scores[n * criteria.count + c] = score }
                    }
                }
                self.shown.append(shown)
                self.scores.append(scores)
            }
            self.answerNames = answerNames
            self.pairNames = pairNames
        }

        func score(rater: Int, _ n: Int, criterion: Int) -> CriterionScore? { scores[rater][n * criteria + criterion] }
    }

    /// Units in the order they are first met, from unit names numbered by `FirstShowings`.
    struct UnitOrder {
        private var unitOf: [Int]
        private(set) var ids: [Int] = []

        init(names: Int) { unitOf = [Int](repeating: -1, count: names) }

        /// The unit of name `id`, and whether it was just added.
        mutating func unit(_ id: Int32) -> (unit: Int, new: Bool) {
            let id = Int(id)
            if unitOf[id] >= 0 { return (unitOf[id], false) }
            unitOf[id] = ids.count
            ids.append(id)
            return (ids.count - 1, true)
        }
    }

    /// A units × raters table filled showing by showing: units in the order first met, and the
    /// first value a rater gave a unit counts.
    struct UnitCells {
        let raters: [String]
        var order: UnitOrder
        var cells: [Int32] = []

        init(raters: [String], names: Int) {
            self.raters = raters
            order = UnitOrder(names: names)
        }

        mutating func add(_ code: Int32, unit name: Int32, rater: Int) {
            let (u, new) = order.unit(name)
            if new { cells.append(contentsOf: repeatElement(-1, count: raters.count)) }
            if cells[u * raters.count + rater] < 0 { cells[u * raters.count + rater] = code }
        }

        /// Codes are positions on `scale`, built as `RatingsTable(units:raters:values:scale:)` would.
        func scores(on scale: ScoreScale, names: [String]) -> RatingsTable {
            let values = scale.values.map(Double.init)
            return RatingsTable(unitIDs: order.ids.map { names[$0] }, raterIDs: raters, categories: values.map(RatingsTable.label),
                                numericValues: values, isOrdered: true, cells: cells)
        }

        /// Codes index `winnerScale`, built as `RatingsTable(labels:scale:)` would: a nominal scale of three words.
        func verdicts(names: [String]) -> RatingsTable {
            RatingsTable(unitIDs: order.ids.map { names[$0] }, raterIDs: raters, categories: winnerScale,
                         numericValues: nil, isOrdered: false, cells: cells)
        }
    }

    /// Unit = (task, system): the score each rater gave that answer at its first showing.
    static func answerScores(criterion: Int, scale: ScoreScale, raters: [String], showings: FirstShowings) -> RatingsTable {
        var table = UnitCells(raters: raters, names: showings.answerNames.count)
        for (r, shown) in showings.shown.enumerated() {
            for n in shown.indices {
                guard let score = showings.score(rater: r, n, criterion: criterion) else { continue }
                if let value = score.a, scale.contains(value) { table.add(Int32(value - scale.min), unit: shown[n].a, rater: r) }
                if let value = score.b, scale.contains(value) { table.add(Int32(value - scale.min), unit: shown[n].b, rater: r) }
            }
        }
        return table.scores(on: scale, names: showings.answerNames)
    }

    /// Unit = (task, pair): a comparative score, read from the pair's first system (id order).
    static func pairScores(criterion: Int, scale: ScoreScale, raters: [String], showings: FirstShowings) -> RatingsTable {
        var table = UnitCells(raters: raters, names: showings.pairNames.count)
        for (r, shown) in showings.shown.enumerated() {
            for n in shown.indices {
                guard let comparison = showings.score(rater: r, n, criterion: criterion)?.comparison, scale.contains(comparison) else { continue }
                let value = shown[n].leftIsFirst ? comparison : -comparison
                guard scale.contains(value) else { continue }
                table.add(Int32(value - scale.min), unit: shown[n].pair, rater: r)
            }
        }
        return table.scores(on: scale, names: showings.pairNames)
    }

    /// Unit = (task, pair); value = which system of the pair won a criterion.
    static func winners(criterion: Int, raters: [String], showings: FirstShowings) -> RatingsTable {
        pairVerdicts(raters: raters, showings: showings) { r, n in showings.score(rater: r, n, criterion: criterion)?.winner }
    }

    /// Unit = (task, pair); value = which system of the pair the rater preferred ("both weak" is a tie).
    static func preferences(raters: [String], showings: FirstShowings) -> RatingsTable {
        pairVerdicts(raters: raters, showings: showings) { r, n in
            showings.shown[r][n].preference.map { preference -> Side? in
                switch preference {
                case .a: .a
                case .b: .b
                case .tie, .bothWeak: nil
                }
            }
        }
    }

    /// Unit = (task, pair); value = first / tie / second from `verdict(rater, n)`, which returns nil
    /// when the showing has no verdict, `.some(nil)` for a tie and the winning side otherwise.
    static func pairVerdicts(raters: [String], showings: FirstShowings, verdict: (Int, Int) -> Side??) -> RatingsTable {
        let (first, tie, second) = (Int32(winnerScale.firstIndex(of: "first")!), Int32(winnerScale.firstIndex(of: "tie")!),
                                    Int32(winnerScale.firstIndex(of: "second")!))
        var table = UnitCells(raters: raters, names: showings.pairNames.count)
        for (r, shown) in showings.shown.enumerated() {
            for n in shown.indices {
                guard let outcome = verdict(r, n) else { continue }
                // The winner is the pair's first system when it sat on the side that sorts first.
                let code = outcome.map { shown[n].sameSystem || ($0 == .a) == shown[n].leftIsFirst ? first : second } ?? tie
                table.add(code, unit: shown[n].pair, rater: r)
            }
        }
        return table.verdicts(names: showings.pairNames)
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
}
