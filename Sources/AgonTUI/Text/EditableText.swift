import AgonCore

/// The text of a field being typed — the note, a flag reason — and its cursor.
///
/// The characters are kept as an array and the cursor as an index into it, so typing a key,
/// deleting one and inserting a whole paste each move only the characters after the cursor. (A
/// `String` has to be split into characters again to find a cursor given as a count: inserting a
/// 20,000-character paste one character at a time that way took 23 seconds.)
///
/// Everything stored is already safe to draw: `insert` cleans what it is given, so drawing and
/// saving never clean the text again.
public struct EditableText: Equatable, Sendable {
    /// The most a field holds: far beyond any note (a long quotation is a few thousand
    /// characters), small enough to draw and save at every key. A paste past it is cut here.
    public static let capacity = 200_000

    public private(set) var characters: [Character]
    /// Between characters: 0 is before the first, `characters.count` after the last.
    public private(set) var cursor: Int
    /// A note keeps its line breaks; a one-line field (a flag reason) turns them into spaces.
    public let keepsLineBreaks: Bool

    /// `text` as given (a restored draft, a reopened judgement), with the cursor at its end.
    public init(_ text: String = "", keepsLineBreaks: Bool = true) {
        self.keepsLineBreaks = keepsLineBreaks
        characters = Array(keepsLineBreaks ? text : text.replacingOccurrences(of: "\n", with: " "))
        if characters.count > Self.capacity { characters.removeLast(characters.count - Self.capacity) }
        cursor = characters.count
    }

    public var text: String { String(characters) }
    public var count: Int { characters.count }
    public var isEmpty: Bool { characters.isEmpty }
    /// Nothing but spaces and line breaks: a required note is still missing.
    public var isBlank: Bool { characters.allSatisfy(\.isWhitespace) }

    /// Inserts pasted or burst-typed text at the cursor, made safe as answers are (control
    /// characters shown as symbols, tabs as spaces). Returns how many characters did not fit.
    @discardableResult
    public mutating func insert(_ text: String) -> Int {
        var cleaned = Sanitizer.clean(text)
        if !keepsLineBreaks { cleaned = cleaned.replacingOccurrences(of: "\n", with: " ") }
        return insertCharacters(cleaned.filter(Self.takesRoom))
    }

    /// Inserts one typed character. A typed control character (one the terminal did not turn
    /// into a key) is dropped rather than shown as a symbol.
    public mutating func type(_ character: Character) {
        guard character != "\n", Self.takesRoom(character), Sanitizer.clean(String(character)) == String(character) else { return }
        insertCharacters(CollectionOfOne(character))
    }

    @discardableResult
    private mutating func insertCharacters<C: Collection<Character>>(_ new: C) -> Int {
        let room = max(0, Self.capacity - characters.count)
        let kept = new.prefix(room)
        characters.insert(contentsOf: kept, at: cursor)
        cursor += kept.count
        return new.count - kept.count
    }

    /// A lone zero-width character (a stray combining mark, a joiner) would be invisible and
    /// confuse the cursor; a line break counts.
    private static func takesRoom(_ character: Character) -> Bool {
        character == "\n" || DisplayWidth.of(character) > 0 || character.unicodeScalars.count > 1
    }

    /// Puts the cursor at `index`, kept inside the text.
    public mutating func move(to index: Int) { cursor = max(0, min(characters.count, index)) }

    /// Starts a new line at the cursor (a note; a one-line field takes a space).
    public mutating func breakLine() {
        insertCharacters(CollectionOfOne(keepsLineBreaks ? "\n" : " "))
    }

    /// Word by word, as editors move: left to the start of the word before the cursor, right to
    /// the end of the word after it.
    public mutating func moveWordLeft() {
        var index = cursor
        while index > 0, !characters[index - 1].isLetter, !characters[index - 1].isNumber { index -= 1 }
        while index > 0, characters[index - 1].isLetter || characters[index - 1].isNumber { index -= 1 }
        cursor = index
    }

    public mutating func moveWordRight() {
        var index = cursor
        while index < characters.count, !characters[index].isLetter, !characters[index].isNumber { index += 1 }
        while index < characters.count, characters[index].isLetter || characters[index].isNumber { index += 1 }
        cursor = index
    }

    public mutating func moveLeft() { cursor = max(0, cursor - 1) }
    public mutating func moveRight() { cursor = min(characters.count, cursor + 1) }
    public mutating func moveToStart() { cursor = 0 }
    public mutating func moveToEnd() { cursor = characters.count }

    public mutating func deleteBackward() {
        guard cursor > 0 else { return }
        characters.remove(at: cursor - 1)
        cursor -= 1
    }

    public mutating func deleteForward() {
        guard cursor < characters.count else { return }
        characters.remove(at: cursor)
    }

    /// The word before the cursor and the spaces after it, as Ctrl-W does in a shell.
    public mutating func deleteWordBackward() {
        var start = cursor
        while start > 0, characters[start - 1].isWhitespace { start -= 1 }
        while start > 0, !characters[start - 1].isWhitespace { start -= 1 }
        characters.removeSubrange(start..<cursor)
        cursor = start
    }

    public mutating func deleteToStart() {
        characters.removeSubrange(0..<cursor)
        cursor = 0
    }

    /// The same text, wherever the cursor is: what decides whether input is unsaved.
    public func hasSameText(as other: EditableText) -> Bool { characters == other.characters }
}
