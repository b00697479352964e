import Foundation

/// A session as its journal describes it, after replaying every event: what has been judged (undo
/// applied), skipped, flagged and drafted. Pure: the same events always give the same state.
public struct SessionState: Sendable, Equatable {
    /// Judgements in effect, by item number.
    public private(set) var judgements: [Int: Judgement] = [:]
    /// Judgements in the order they were made, as (item, position in `judgementHistory`) entries;
    /// an entry whose item was since undone or judged again is stale and skipped. Appending and
    /// leaving stale entries behind keeps a replay of any journal linear.
    private var judgementHistory: [Int] = []
    private var livePosition: [Int: Int] = [:]
    /// Items put aside, oldest first; they come back after every other open item.
    public private(set) var skipped: [Int] = []
    /// Flag reasons in effect by item, oldest first (a withdrawn flag is gone).
    public private(set) var flags: [Int: [String]] = [:]
    /// Flags in the order they were raised, each with the event count at that moment, so that undo
    /// can tell whether a flag or a judgement came last.
    private var flagHistory: [FlagStamp] = []
    private struct FlagStamp: Equatable, Sendable {
        var item: Int
        var order: Int
    }
    private var judgedOrderStamp: [Int: Int] = [:]
    private var eventCount = 0
    public private(set) var drafts: [Int: Draft] = [:]
    /// Calibration pairs judged, by pair number (never among `judgements`).
    public private(set) var calibrated: [Int: CalibrationJudgement] = [:]
    public private(set) var lastActivity: Date?
    public private(set) var openings = 0
    /// The researcher accepted edits since the rater last opened the session, so the next opening
    /// tells the rater that some answers' text was corrected.
    public private(set) var editsAcceptedSinceOpening = false
    /// Judgements in effect that were made before the researcher accepted edits to one of their
    /// answers: item → the edited answers (task, system, sample) the rater saw in their old text.
    public private(set) var sawEarlierText: [Int: [AcceptedEdits.Edit]] = [:]
    /// The blinding check's answers by item (the last answer to an item counts).
    public private(set) var blindingGuesses: [Int: BlindingGuess] = [:]
    /// Events that did not fit (an undo of an item never judged, say): reported, not applied.
    public private(set) var anomalies: [String] = []

    public init() {}

    public init(replaying events: [JournalEvent]) {
        self.init()
        for event in events { apply(event) }
    }

    public mutating func apply(_ event: JournalEvent) {
        lastActivity = max(lastActivity ?? event.date, event.date)
        eventCount += 1
        switch event {
        case .judgement(let judgement):
            judgedOrderStamp[judgement.item] = eventCount
            if !sawEarlierText.isEmpty { sawEarlierText[judgement.item] = nil }
            if judgements[judgement.item] != nil { removeFromJudgedOrder(judgement.item) }
            judgements[judgement.item] = judgement
            livePosition[judgement.item] = judgementHistory.count
            judgementHistory.append(judgement.item)
            if !skipped.isEmpty { skipped.removeAll { $0 == judgement.item } }
            if !drafts.isEmpty { drafts[judgement.item] = nil }
        case .undo(let item, _):
            guard judgements[item] != nil else {
                anomalies.append("undo of item \(item), which has no judgement in effect")
                return
            }
            judgements[item] = nil
            sawEarlierText[item] = nil
            removeFromJudgedOrder(item)
        case .skip(let item, _):
            skipped.removeAll { $0 == item }
            skipped.append(item)
        case .flag(let item, let reason, _):
            flags[item, default: []].append(reason)
            flagHistory.append(FlagStamp(item: item, order: eventCount))
        case .unflag(let item, _):
            guard var reasons = flags[item], !reasons.isEmpty else {
                anomalies.append("unflag of item \(item), which has no flag in effect")
                return
            }
            reasons.removeLast()
            flags[item] = reasons.isEmpty ? nil : reasons
            if let index = flagHistory.lastIndex(where: { $0.item == item }) { flagHistory.remove(at: index) }
        case .draft(let draft):
            drafts[draft.item] = draft
        case .opened:
            openings += 1
            editsAcceptedSinceOpening = false
        case .calibration(let judgement):
            calibrated[judgement.pair] = judgement
            if !drafts.isEmpty { drafts[CalibrationJudgement.itemNumber(pair: judgement.pair)] = nil }
        case .blindingGuess(let guess):
            blindingGuesses[guess.item] = guess
        case .editsAccepted(let edits):
            editsAcceptedSinceOpening = true
            for (item, judgement) in judgements {
                let seen = edits.answers.filter { edit in
                    edit.task == judgement.task
                        && ((edit.system == judgement.left && edit.sample == judgement.leftSample)
                            || (edit.system == judgement.right && edit.sample == judgement.rightSample))
                }
                if !seen.isEmpty { sawEarlierText[item, default: []] += seen }
            }
        }
    }

    private mutating func removeFromJudgedOrder(_ item: Int) {
        livePosition[item] = nil
        while let last = judgementHistory.last, livePosition[last] != judgementHistory.count - 1 {
            judgementHistory.removeLast()
        }
    }

    /// Item numbers of the judgements in effect, in the order they were made; undo takes back the last.
    public var judgedOrder: [Int] {
        judgementHistory.enumerated().filter { livePosition[$0.element] == $0.offset }.map(\.element)
    }

    public var ratedCount: Int { judgements.count }

    /// The judgement `undo` would take back.
    public var lastJudgement: Judgement? { judgementHistory.last.flatMap { judgements[$0] } }

    /// What `undo` takes back: the latest judgement in effect or the latest flag, whichever came last.
    public enum Undoable: Equatable, Sendable {
        case judgement(Judgement)
        case flag(item: Int, reason: String)
    }

    public var lastUndoable: Undoable? {
        let judgement = lastJudgement
        guard let flag = flagHistory.last, let reason = flags[flag.item]?.last else { return judgement.map { .judgement($0) } }
        if let judgement, let stamp = judgedOrderStamp[judgement.item], stamp > flag.order { return .judgement(judgement) }
        return .flag(item: flag.item, reason: reason)
    }

    /// Items still to rate, in the order the rater will see them: schedule order, skipped items last.
    public func openItems(in schedule: Schedule) -> [ScheduleItem] {
        let skippedSet = Set(skipped)
        var open = schedule.items.filter { judgements[$0.number] == nil && !skippedSet.contains($0.number) }
        open += skipped.compactMap { schedule.item(number: $0) }.filter { judgements[$0.number] == nil }
        return open
    }

    public func isComplete(_ schedule: Schedule) -> Bool {
        schedule.items.allSatisfy { judgements[$0.number] != nil }
    }
}
