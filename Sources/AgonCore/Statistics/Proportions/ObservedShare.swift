/// A count of successes out of trials with its Wilson 95% interval.
public struct ObservedShare: Sendable, Equatable, Codable {
    public var successes: Int
    public var trials: Int
    public var interval: WilsonInterval?

    public init(_ successes: Int, of trials: Int) {
        self.successes = successes
        self.trials = trials
        interval = WilsonInterval(successes: Double(successes), trials: Double(trials))
    }

    public var proportion: Double? { interval?.proportion }
}
