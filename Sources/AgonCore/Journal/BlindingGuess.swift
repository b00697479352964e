import Foundation

/// The rater's answer to one question of the blinding check (`BlindingCheck`): of a pair they
/// rated, which answer they think came from `target`. The pair's systems are recorded with it, so
/// the report needs neither the schedule nor the study's sizes to score it.
public struct BlindingGuess: Equatable, Sendable {
    public var item: Int
    public var left: String
    public var right: String
    /// The system asked about: the larger of the two, or the reference system.
    public var target: String
    /// The answer named (A is the left one, as shown); nil for "don't know".
    public var guess: Side?
    public var at: Date

    public init(item: Int, left: String, right: String, target: String, guess: Side?, at: Date) {
        self.item = item
        self.left = left
        self.right = right
        self.target = target
        self.guess = guess
        self.at = at
    }

    /// True or false for a guess, nil for "don't know".
    public var isCorrect: Bool? { guess.map { ($0 == .a ? left : right) == target } }

    /// How the journal writes `guess`.
    static let unknown = "unknown"
}
