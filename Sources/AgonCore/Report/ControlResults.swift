/// How each rater did on the control items: passed when the overall preference went to the intact
/// answer (see `ControlItem.passed`). Shown in `agon sessions` and the report; feeds exclusion.
public struct ControlResults: Sendable, Equatable, Codable {
    public struct Rater: Sendable, Equatable, Codable {
        public var rater: String
        public var passed: Int
        public var judged: Int
        public var failed: Int { judged - passed }

        public init(rater: String, passed: Int, judged: Int) {
            self.rater = rater
            self.passed = passed
            self.judged = judged
        }

        /// `3/4`, as `agon sessions` prints it.
        public var fraction: String { "\(passed)/\(judged)" }
    }

    /// Raters in the order given, each with at least one judged control.
    public var raters: [Rater]

    public init(raters: [Rater]) {
        self.raters = raters
    }

    public static func compute(_ controls: [RatedJudgement]) -> ControlResults {
        var order: [String] = []
        var tallies: [String: (passed: Int, judged: Int)] = [:]
        for rated in controls {
            guard let control = rated.judgement.control else { continue }
            if tallies[rated.rater] == nil { order.append(rated.rater) }
            var tally = tallies[rated.rater] ?? (0, 0)
            tally.judged += 1
            if control.passed(by: rated.judgement.preference) { tally.passed += 1 }
            tallies[rated.rater] = tally
        }
        return ControlResults(raters: order.map { Rater(rater: $0, passed: tallies[$0]!.passed, judged: tallies[$0]!.judged) })
    }

    /// Of one session's judgements in effect.
    public static func of(_ judgements: some Sequence<Judgement>, rater: String) -> Rater {
        let controls = judgements.filter { $0.control != nil }
        return Rater(rater: rater, passed: controls.filter { $0.control!.passed(by: $0.preference) }.count, judged: controls.count)
    }

    public func rater(_ name: String) -> Rater? { raters.first { $0.rater == name } }

    public var passed: Int { raters.reduce(0) { $0 + $1.passed } }
    public var judged: Int { raters.reduce(0) { $0 + $1.judged } }
}
