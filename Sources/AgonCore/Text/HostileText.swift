/// Kept in the core so that the benchmarks and the end-to-end tests attack the screen with the same text.
/// Text made to attack a terminal: each kind of escape and control sequence an answer could carry.
public enum HostileText {
    public static let everything = [
        "\u{1B}[2J\u{1B}[H cleared?",                 // erase screen, cursor home
        "\u{1B}[31mred\u{1B}[0m",                     // colour
        "\u{1B}]0;pwned-title\u{07}",                 // OSC 0: window title
        "\u{1B}]52;c;cHduZWQ=\u{07}",                 // OSC 52: clipboard write
        "\u{1B}[200~pasted\u{1B}[201~",               // bracketed paste markers
        "\u{1B}P+q544e\u{1B}\\",                       // DCS request
        "\u{9B}6n",                                   // C1 CSI: cursor position report request
        "nul\u{0}bell\u{07}back\u{08}tab\there\r\nvt\u{0B}ff\u{0C}",
        "\u{202E}desrever\u{202C} \u{2066}isolate\u{2069}",
        "zero\u{200B}width e\u{301}\u{301}\u{301} 👩‍👩‍👧‍👦 🇺🇦 中文 Кириллица",
    ].joined(separator: " | ")
}
