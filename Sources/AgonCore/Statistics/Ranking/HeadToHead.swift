/// Two systems face to face: the direct reading of "does A beat B?", beside the fitted ratings.
/// Degenerate cases: no battles → both win rates nil; no decisive battles → the ties-excluded rate
/// and the sign test nil (nothing to test).
public struct HeadToHead: Sendable, Equatable, Codable {
    public var system: String
    public var opponent: String
    public var wins: Int
    public var losses: Int
    public var ties: Int
    public var bothWeak: Int
    /// (wins + ½·ties) / all battles, both kinds of tie counted half; Wilson score interval (an
    /// approximation, rougher with half counts).
    public var winRateTiesHalf: WilsonInterval?
    /// wins / (wins + losses); Wilson score interval (an approximation, not an exact interval).
    public var winRateTiesExcluded: WilsonInterval?
    /// Two-sided exact sign test of wins against losses.
    public var signTestP: Double?

    public init(_ counts: BattleCounts, _ i: Int, _ j: Int) {
        system = counts.systems[i]
        opponent = counts.systems[j]
        wins = Int(counts.wins(i, over: j).rounded())
        losses = Int(counts.wins(j, over: i).rounded())
        ties = Int(counts.ties(i, j).rounded())
        bothWeak = Int(counts.bothWeak(i, j).rounded())
        let all = Double(wins + losses + ties + bothWeak)
        winRateTiesHalf = WilsonInterval(successes: Double(wins) + Double(ties + bothWeak) / 2, trials: all)
        winRateTiesExcluded = WilsonInterval(successes: Double(wins), trials: Double(wins + losses))
        signTestP = SignTest.pValue(wins: wins, losses: losses)
    }

    public var battles: Int { wins + losses + ties + bothWeak }
}
