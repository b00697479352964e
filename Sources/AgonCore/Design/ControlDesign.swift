/// The `[controls]` table of study.toml: what share of a rater's schedule is control items and how
/// their answers are degraded. Absent, a study schedules exactly as it did before controls existed.
public struct ControlDesign: Equatable, Sendable, Codable {
    /// Control items per live item (0.05–0.10 is usual); at least one control once the share is
    /// above zero and the schedule is not empty.
    public var share: Double
    /// The degradations to draw from; `.text` only for tasks with a researcher-written text.
    public var kinds: [ControlDegradation.Kind]
    /// Per task id, the researcher's own poor answer shown in place of the degraded copy.
    public var texts: [String: String]

    public static let defaultKinds: [ControlDegradation.Kind] = [.shuffle, .cut]

    public init(share: Double, kinds: [ControlDegradation.Kind] = ControlDesign.defaultKinds, texts: [String: String] = [:]) {
        self.share = share
        self.kinds = kinds
        self.texts = texts
    }

    /// How many controls join `liveCount` live items.
    public func count(liveCount: Int) -> Int {
        guard share > 0, liveCount > 0 else { return 0 }
        return max(1, Int((Double(liveCount) * share).rounded()))
    }

    /// The kinds usable for `task`: a researcher's text only where one is given.
    func kinds(for task: String) -> [ControlDegradation.Kind] {
        let usable = kinds.filter { $0 != .text || texts[task] != nil }
        return usable.isEmpty ? [.cut] : usable
    }
}
