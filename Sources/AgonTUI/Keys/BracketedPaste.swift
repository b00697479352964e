/// The body of a bracketed paste, read up to the terminal's end marker `Esc [201~`.
///
/// The terminal layer feeds it what arrives after the start marker, one scalar at a time, until
/// `take` says the paste is over. Past `EditableText.capacity` the text is no longer kept but the
/// paste is still read to its end marker: whatever is left unread would arrive as keys, its line
/// breaks as Enter and its digits as scores.
public struct BracketedPaste: Sendable {
    static let endMarker: [UInt32] = [0x1B, 0x5B, 0x32, 0x30, 0x31, 0x7E]

    private var text = String.UnicodeScalarView()
    private var kept = 0
    /// Scalars that may be the beginning of the end marker, not yet known to be text.
    private var pending: [UInt32] = []
    /// Some of the paste came past the capacity and was dropped.
    public private(set) var truncated = false

    public init() {}

    /// Takes the next scalar of the paste; true once it completed the end marker.
    public mutating func take(_ value: UInt32) -> Bool {
        pending.append(value)
        if pending == Self.endMarker {
            pending = []
            return true
        }
        while !pending.isEmpty, !Self.endMarker.starts(with: pending) { keep(pending.removeFirst()) }
        return false
    }

    /// The text pasted (for a paste whose end marker never came, what arrived).
    public var pasted: String {
        var copy = self
        for value in copy.pending { copy.keep(value) }
        return String(copy.text)
    }

    private mutating func keep(_ value: UInt32) {
        guard let scalar = Unicode.Scalar(value) else { return }
        guard kept < EditableText.capacity else {
            truncated = true
            return
        }
        text.append(scalar)
        kept += 1
    }
}
