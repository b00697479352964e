/// Bang's blinding index (Bang H, Ni L, Davis CE, 2004, "Assessment of blinding in clinical
/// trials", Controlled Clinical Trials 25:143–156), for one arm: of `n` answers to "which did you
/// get?", `correct` right, `incorrect` wrong and `dontKnow` "don't know",
///
///     BI = (2·correct/(correct + incorrect) − 1) · (correct + incorrect)/n = (correct − incorrect)/n,
///
/// from −1 (every answer wrong: opposite guessing) through 0 (as many right as wrong, or nobody
/// guesses: blinded) to 1 (every answer right: unblinded). Adapted to side-by-side rating, an "arm"
/// is a pair of systems and the question asks which answer came from the larger (or the reference)
/// one. Its 95% interval is BI ± 1.96·SE with the multinomial variance of a difference of two shares,
///
///     Var = (p_c + p_i − (p_c − p_i)²)/n,  p_c = correct/n, p_i = incorrect/n,
///
/// clipped to [−1, 1]. Answers are treated as independent, although one rater gives several: with
/// few raters the interval is too narrow.
public struct BangBlindingIndex: Sendable, Equatable, Codable {
    public var correct: Int
    public var incorrect: Int
    public var dontKnow: Int
    /// nil when there are no answers.
    public var value: Double?
    public var lower: Double?
    public var upper: Double?

    public init(correct: Int, incorrect: Int, dontKnow: Int) {
        self.correct = correct
        self.incorrect = incorrect
        self.dontKnow = dontKnow
        let n = Double(correct + incorrect + dontKnow)
        guard n > 0 else { return }
        let pc = Double(correct) / n, pi = Double(incorrect) / n
        let index = Double(correct - incorrect) / n
        let standardError = ((pc + pi - index * index) / n).squareRoot()
        value = index
        lower = max(-1, index - 1.959_963_984_540_054 * standardError)
        upper = min(1, index + 1.959_963_984_540_054 * standardError)
    }

    public var answers: Int { correct + incorrect + dontKnow }
}
