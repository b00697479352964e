/// What makes a scheduled item a control: one side shows a degraded copy of the other side's
/// answer, so the intact side should win. Both sides name the same system; `degraded` says which
/// side the rater sees spoiled, `variant` fixes the degradation (the order of shuffled paragraphs).
public struct ControlItem: Equatable, Sendable, Codable, Hashable {
    public var degraded: Side
    public var kind: ControlDegradation.Kind
    public var variant: UInt64

    public init(degraded: Side, kind: ControlDegradation.Kind, variant: UInt64 = 0) {
        self.degraded = degraded
        self.kind = kind
        self.variant = variant
    }

    public var intact: Side { degraded.other }

    /// A control is passed when the overall preference goes to the intact answer; a tie, "both
    /// weak" or no preference is not a pass.
    public func passed(by preference: Preference?) -> Bool {
        switch preference {
        case .a: return intact == .a
        case .b: return intact == .b
        default: return false
        }
    }
}
