import AgonCore

/// The words of the break between blocks and of the blinding check, from `Strings.table`.
extension Strings {
    public func breakTitle(block: Int, of blocks: Int) -> String { text(.breakTitle, block, blocks) }
    public func breakBody(rated: Int, of total: Int) -> String { text(.breakBody, rated, total) }
    public func breakAhead(_ left: Int) -> String { text(.breakAhead, count(left, .pairsAhead)) }
    public var breakContinue: String { text(.breakContinue) }
    public func blindingTitle(_ position: Int, of total: Int) -> String { text(.blindingTitle, position, total) }
    public var blindingIntro: String { text(.blindingIntro) }
    /// The question: about the larger model, or (`reference`) about the named system.
    public func blindingQuestion(reference: String?) -> String {
        reference.map { text(.blindingReference, $0) } ?? text(.blindingLarger)
    }
    public var blindingChoices: String { text(.blindingChoices) }
    public var blindingSaved: String { text(.blindingSaved) }
}
