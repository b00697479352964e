/// The blinding check's answers over a study (`[blinding_check]`): whether raters could tell from
/// the texts which system wrote which answer. Per arm (a pair of systems, the one asked about
/// first) and overall: the share correct among guesses with its Wilson interval (0.5 is chance),
/// the share of "don't know", and Bang's blinding index.
public struct StudyBlinding: Sendable, Equatable, Codable {
    public struct Arm: Sendable, Equatable, Codable {
        /// The system asked about ("which came from …?"); nil for the overall row.
        public var target: String?
        /// The other system of the pair; nil for the overall row.
        public var other: String?
        public var answers: Int
        public var guesses: Int
        /// Correct among guesses ("don't know" left out), with its Wilson interval; nil without guesses.
        public var shareCorrect: WilsonInterval?
        /// "Don't know" among all answers; nil without answers.
        public var dontKnowShare: Double?
        public var index: BangBlindingIndex

        init(target: String?, other: String?, _ guesses: [BlindingGuess]) {
            self.target = target
            self.other = other
            let correct = guesses.filter { $0.isCorrect == true }.count
            let incorrect = guesses.filter { $0.isCorrect == false }.count
            answers = guesses.count
            self.guesses = correct + incorrect
            shareCorrect = WilsonInterval(successes: Double(correct), trials: Double(correct + incorrect))
            dontKnowShare = answers == 0 ? nil : Double(answers - self.guesses) / Double(answers)
            index = BangBlindingIndex(correct: correct, incorrect: incorrect, dontKnow: answers - self.guesses)
        }
    }

    /// "larger", or the reference system's id.
    public var question: String
    public var raters: Int
    public var overall: Arm
    public var arms: [Arm]

    /// nil when the study asks no blinding check and no journal holds an answer to one.
    public static func compute(_ answers: [(rater: String, guess: BlindingGuess)], check: BlindingCheck?) -> StudyBlinding? {
        guard check != nil || !answers.isEmpty else { return nil }
        let question: String
        switch check?.question {
        case .reference(let id)?: question = id
        case .larger?, nil: question = "larger"
        }
        var byArm: [String: (target: String, other: String, guesses: [BlindingGuess])] = [:]
        for (_, guess) in answers {
            let other = guess.left == guess.target ? guess.right : guess.left
            byArm["\(guess.target)\u{0}\(other)", default: (guess.target, other, [])].guesses.append(guess)
        }
        let arms = byArm.keys.sorted().map { key in Arm(target: byArm[key]!.target, other: byArm[key]!.other, byArm[key]!.guesses) }
        return StudyBlinding(question: question, raters: Set(answers.map { $0.rater }).count,
                             overall: Arm(target: nil, other: nil, answers.map { $0.guess }), arms: arms)
    }
}
