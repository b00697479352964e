import AgonCore

/// A key press as the screen understands it, independent of the terminal library.
public enum Key: Hashable, Sendable {
    case character(Character)
    case control(Character)  // Ctrl plus a letter, lowercase: Ctrl-C is .control("c")
    case up, down, left, right
    case pageUp, pageDown, home, end
    case tab, backTab, enter, escape, backspace, delete
    case function(Int)
    /// Ctrl-← and Ctrl-→ (and Alt-b, Alt-f where the terminal sends them as these keys).
    case wordLeft, wordRight

    /// What a paste is made of: letters, Enter, Tab. A run of arrows or Page Down, however
    /// fast (a held key over a slow link), is never a paste.
    public var canBePasted: Bool {
        switch self {
        case .character, .enter, .tab: return true
        default: return false
        }
    }

    /// Commands are letters on a Latin keyboard; a rater typing a Russian note keeps the Russian
    /// layout on, so outside text fields a Cyrillic letter counts as the Latin key in its place
    /// (ЙЦУКЕН → QWERTY): `й` is `q`, `р` is `h`.
    public var latinEquivalent: Key {
        guard case .character(let character) = self, let mapped = Key.russianLayout[character] else { return self }
        return .character(mapped)
    }

    static let russianLayout: [Character: Character] = {
        let russian = Array("йцукенгшщзхъфывапролджэячсмитьбюЙЦУКЕНГШЩЗХЪФЫВАПРОЛДЖЭЯЧСМИТЬБЮ.,")
        let latin = Array("qwertyuiop[]asdfghjkl;'zxcvbnm,.QWERTYUIOP{}ASDFGHJKL:\"ZXCVBNM<>/?")
        var table: [Character: Character] = [:]
        for (from, to) in zip(russian, latin) { table[from] = to }
        // "." and "," sit on other keys in the Russian layout; keep them as typed.
        table["."] = nil
        table[","] = nil
        return table
    }()

    /// The letter in this key's place on the Russian layout (`k` → `л`), for naming keys to a
    /// rater who types Russian; nil when the key has none.
    public var russianLetter: Character? {
        guard case .character(let character) = self else { return nil }
        return Key.latinToRussian[character]
    }

    static let latinToRussian: [Character: Character] = {
        var table: [Character: Character] = [:]
        for (russian, latin) in russianLayout where russian.isLetter && latin.isLetter { table[latin] = russian }
        return table
    }()

    /// How the key is named to a rater reading `language`: on a Russian screen a letter key names
    /// the Cyrillic letter in its place first ("л/k"), as both work.
    public func label(in language: Language) -> String {
        if language == .ru, let russian = russianLetter { return "\(russian)/" + label }
        return label
    }

    /// How the key is named in the help and the key line.
    public var label: String {
        switch self {
        case .character(" "): return "Space"
        case .character(let character): return String(character)
        case .control(let character): return "Ctrl-" + character.uppercased()
        case .up: return "↑"
        case .down: return "↓"
        case .left: return "←"
        case .right: return "→"
        case .pageUp: return "PgUp"
        case .pageDown: return "PgDn"
        case .home: return "Home"
        case .end: return "End"
        case .tab: return "Tab"
        case .backTab: return "Shift-Tab"
        case .enter: return "Enter"
        case .escape: return "Esc"
        case .backspace: return "Backspace"
        case .delete: return "Del"
        case .function(let number): return "F\(number)"
        case .wordLeft: return "Ctrl-←"
        case .wordRight: return "Ctrl-→"
        }
    }
}
