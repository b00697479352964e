import AgonCore
import AgonTUI
import CNcurses
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The one place that talks to the terminal: draws a `Canvas`, reads keys, follows resizes, and
/// puts the terminal back as it found it on every way out (normal exit, error, signal, crash).
public final class Terminal {
    public enum StartError: Error, CustomStringConvertible {
        case notInteractive
        case unknownTerminal(String)

        /// The same, for the rater's message in their language.
        public var reason: RaterMessage.TerminalProblem {
            switch self {
            case .notInteractive: return .notInteractive
            case .unknownTerminal(let name): return .unknownTerminal(name.hasPrefix("(none") ? nil : name)
            }
        }

        public var description: String {
            switch self {
            case .notInteractive:
                return "agon rate needs an interactive terminal (it was started with its input or output redirected)."
            case .unknownTerminal(let name):
                return "the terminal type `\(name)` is unknown here, so the rating screen cannot be drawn. Try `TERM=xterm-256color agon rate …`."
            }
        }
    }

    /// What a wait for input brought.
    public enum Input: Equatable {
        case key(Key)
        case resize(width: Int, height: Int)
        /// Nothing within the timeout (the clock can be redrawn).
        case timeout
        /// SIGTERM, SIGHUP, SIGINT or SIGQUIT arrived.
        case signal(Int32)
        /// Text pasted in one go (bracketed paste), so that its line breaks and letters are not
        /// taken for keys. `truncated`: the paste went on past `EditableText.capacity`, and the
        /// rest was read and dropped.
        case paste(String, truncated: Bool)
        /// Keys that followed each other within `burstGap` milliseconds, at least `burstMinimum`
        /// of them, all of kinds a paste is made of (`Key.canBePasted`): a paste from a terminal
        /// that does not mark pastes. `truncated` as for `paste`.
        case burst([Key], truncated: Bool)
    }

    /// Keys a person types are tens of milliseconds apart even at full speed (and when two are
    /// pressed together, only two); a paste arrives as fast as the terminal can write it.
    public static let burstGap: Int32 = 10
    public static let burstMinimum = 3

    private let screen: OpaquePointer
    private let window: UnsafeMutablePointer<WINDOW>
    private let useColor: Bool
    private var ended = false
    private var widthCache: [UInt32: Bool] = [:]
    private var buffer: [wchar_t] = []
    private var outputDescriptor: Int32 = 1
    /// Keys read while looking for a paste marker that turned out not to be one.
    private var queued: [Input] = []

    /// The locale makes `wcwidth` and `get_wch` understand UTF-8; CI machines often have none set.
    public static func prepareLocale() {
        let chosen = setlocale(LC_ALL, "").map { String(cString: $0) } ?? ""
        if !chosen.uppercased().contains("UTF-8") && !chosen.uppercased().contains("UTF8") {
            if setlocale(LC_ALL, "C.UTF-8") == nil { _ = setlocale(LC_ALL, "en_US.UTF-8") }
        }
    }

    /// Takes over the terminal on `input`/`output` (standard input and output unless a benchmark
    /// passes a pseudo-terminal).
    /// Whether `init` would succeed, found without touching the terminal: a command checks this
    /// before it writes anything, so that a start that cannot show the screen leaves no trace.
    public static func check(environment: [String: String], input inputDescriptor: Int32 = 0, output outputDescriptor: Int32 = 1) throws(StartError) {
        guard isatty(inputDescriptor) == 1, isatty(outputDescriptor) == 1 else { throw .notInteractive }
        let termName = environment["TERM"] ?? ""
        guard !termName.isEmpty else { throw .unknownTerminal("(none: TERM is not set)") }
        // The terminal type is looked up as `init` does it, on /dev/null, which no mode change can hurt.
        let null = open("/dev/null", O_RDWR | O_CLOEXEC)
        guard null >= 0 else { return }
        let nullCopy = dup(null)
        guard let output = agon_open_stream(null, "w"), let input = agon_open_stream(nullCopy, "r") else {
            close(null)
            close(nullCopy)
            return
        }
        defer {
            fclose(output)
            fclose(input)
        }
        guard let screen = newterm(termName, output, input) else { throw .unknownTerminal(termName) }
        delscreen(screen)
    }

    public init(environment: [String: String], input inputDescriptor: Int32 = 0, output outputDescriptor: Int32 = 1) throws(StartError) {
        guard isatty(inputDescriptor) == 1, isatty(outputDescriptor) == 1 else { throw .notInteractive }
        Self.prepareLocale()
        agon_install_signal_handlers()
        let termName = environment["TERM"] ?? ""
        guard let output = agon_open_stream(outputDescriptor, "w"), let input = agon_open_stream(inputDescriptor, "r") else { throw .notInteractive }
        // newterm, unlike initscr, reports an unknown terminal instead of printing and exiting.
        guard !termName.isEmpty, let screen = newterm(termName, output, input) else {
            throw .unknownTerminal(termName.isEmpty ? "(none: TERM is not set)" : termName)
        }
        self.screen = screen
        set_term(screen)
        window = agon_stdscr()
        raw()
        noecho()
        nonl()
        keypad(window, true)
        set_escdelay(25)
        intrflush(window, false)
        curs_set(0)
        let noColor = !(environment["NO_COLOR"] ?? "").isEmpty
        useColor = !noColor && has_colors() && start_color() == OK
        if useColor { Self.definePairs() }
        // Ask the terminal to mark pastes (terminals that do not know the mode ignore it).
        self.outputDescriptor = outputDescriptor
        Self.send("\u{1B}[?2004h", to: outputDescriptor)
    }

    deinit { end() }

    /// Gives the terminal back. Safe to call more than once.
    public func end() {
        guard !ended else { return }
        ended = true
        curs_set(1)
        endwin()
        Self.send("\u{1B}[?2004l", to: outputDescriptor)
        delscreen(screen)
    }

    private static func send(_ sequence: String, to descriptor: Int32) {
        var bytes = Array(sequence.utf8)
        _ = write(descriptor, &bytes, bytes.count)
    }

    /// Tells ncurses the window has a new size, as a SIGWINCH would (for the benchmark).
    public func resize(width: Int, height: Int) {
        resizeterm(Int32(height), Int32(width))
    }

    public var width: Int { Int(getmaxx(window)) }
    public var height: Int { Int(getmaxy(window)) }

    // MARK: Drawing

    private static func definePairs() {
        use_default_colors()
        // Pair numbers are ColorRole raw values; pair 0 is the terminal's own colours.
        let pairs: [(ColorRole, Int32, Int32)] = [
            (.bar, Int32(COLOR_BLACK), Int32(COLOR_CYAN)),
            (.title, Int32(COLOR_YELLOW), -1),
            (.focus, Int32(COLOR_CYAN), -1),
            (.given, Int32(COLOR_GREEN), -1),
            (.muted, -1, -1),
            (.warning, Int32(COLOR_RED), -1),
            (.success, Int32(COLOR_GREEN), -1),
        ]
        for (role, foreground, background) in pairs {
            init_pair(Int16(role.rawValue), Int16(foreground), Int16(background))
        }
    }

    private func attributes(for style: Style) -> (attr_t, Int16) {
        var attributes: attr_t = 0
        if style.bold { attributes |= agon_attr_bold() }
        if style.reverse { attributes |= agon_attr_reverse() }
        if useColor {
            if style.role == .muted { attributes |= agon_attr_dim() }
            return (attributes, style.role == .plain ? 0 : Int16(style.role.rawValue))
        }
        // Without colour each role still reads differently.
        switch style.role {
        case .bar: attributes |= agon_attr_reverse()
        case .title, .given, .success: attributes |= agon_attr_bold()
        case .focus: break
        case .muted: attributes |= agon_attr_dim()
        case .warning: attributes |= agon_attr_bold() | agon_attr_underline()
        case .plain: break
        }
        return (attributes, 0)
    }

    /// Draws the whole canvas; ncurses sends only what changed since the last frame.
    public func draw(_ canvas: Canvas) {
        let rows = min(canvas.height, height)
        let columns = min(canvas.width, width)
        for y in 0..<rows {
            var x = 0
            while x < columns {
                let style = canvas[x, y].style
                let start = x
                buffer.removeAll(keepingCapacity: true)
                while x < columns, canvas[x, y].style == style {
                    let cell = canvas[x, y]
                    if !cell.isContinuation { appendCell(cell.character, atLastColumn: x + 1 >= columns) }
                    x += 1
                }
                let (attributes, pair) = attributes(for: style)
                wattr_set(window, attributes, pair, nil)
                buffer.withUnsafeBufferPointer { pointer in
                    _ = mvwaddnwstr(window, Int32(y), Int32(start), pointer.baseAddress, Int32(pointer.count))
                }
            }
        }
        wattr_set(window, 0, 0, nil)
        if let cursor = canvas.cursor, cursor.x < columns, cursor.y < rows {
            curs_set(1)
            wmove(window, Int32(cursor.y), Int32(cursor.x))
        } else {
            curs_set(0)
        }
        wrefresh(window)
    }

    /// Adds one cell's character, or a stand-in of the same width when the terminal's idea of the
    /// character's width differs from ours (an emoji newer than the C library, say): a wrong guess
    /// would shift the rest of the row.
    private func appendCell(_ character: Character, atLastColumn: Bool) {
        let scalars = character.unicodeScalars
        guard let first = scalars.first else { return }
        if first.value < 0x7F, scalars.count == 1 {
            buffer.append(wchar_t(first.value))
            return
        }
        let expected = DisplayWidth.of(character)
        let agrees: Bool
        if let known = widthCache[first.value] {
            agrees = known
        } else {
            agrees = Int(wcwidth(wchar_t(first.value))) == DisplayWidth.of(scalar: first)
            widthCache[first.value] = agrees
        }
        if agrees, expected == DisplayWidth.of(scalar: first) {
            for scalar in scalars { buffer.append(wchar_t(scalar.value)) }
        } else {
            for _ in 0..<max(1, expected) { buffer.append(wchar_t(expected == 2 ? 0x3F : 0xFFFD)) }
        }
    }

    // MARK: Input

    /// Waits up to `timeout` milliseconds for a key, a resize or a signal. Keys that keep
    /// arriving within `burstGap` of each other are read to the end and handed over together.
    public func read(timeout: Int32) -> Input {
        if !queued.isEmpty { return queued.removeFirst() }
        let first = readOne(timeout: timeout)
        guard case .key(let key) = first, key.canBePasted else { return first }
        var keys = [key]
        var truncated = false
        while true {
            // What readOne queues (the characters after an Esc that began no paste) comes after
            // what it returns.
            let queuedBefore = queued.count
            let next = readOne(timeout: Self.burstGap)
            guard case .key(let key) = next, key.canBePasted else {
                if next != .timeout { queued.insert(next, at: queuedBefore) }
                break
            }
            // Past the capacity the burst is still read to its end, so that none of it is left
            // to be taken for keys, but it is not kept.
            if keys.count < EditableText.capacity { keys.append(key) } else { truncated = true }
        }
        guard keys.count >= Self.burstMinimum else {
            queued.insert(contentsOf: keys.dropFirst().map(Input.key), at: 0)
            return .key(keys[0])
        }
        return .burst(keys, truncated: truncated)
    }

    private func readOne(timeout: Int32) -> Input {
        let signal = agon_take_signal()
        if signal != 0 { return .signal(signal) }
        wtimeout(window, timeout)
        var value: wint_t = 0
        let result = wget_wch(window, &value)
        let pending = agon_take_signal()
        if pending != 0 {
            if result != ERR { queued.append(result == KEY_CODE_YES ? translate(function: Int32(value)) : translate(character: UInt32(value))) }
            return .signal(pending)
        }
        switch result {
        case KEY_CODE_YES:
            return translate(function: Int32(value))
        case OK:
            if value == 0x1B, let paste = readPaste() { return paste }
            return translate(character: UInt32(value))
        default:
            return .timeout
        }
    }

    /// After an Esc: if the terminal's paste marker `[200~` follows, reads the paste to its end
    /// marker (`BracketedPaste`); otherwise keeps what it read for the following calls.
    private func readPaste() -> Input? {
        let start: [UInt32] = [0x5B, 0x32, 0x30, 0x30, 0x7E]  // [200~
        var seen: [UInt32] = []
        wtimeout(window, 10)
        while seen.count < start.count {
            var value: wint_t = 0
            let result = wget_wch(window, &value)
            if result == ERR { break }
            if result == KEY_CODE_YES {
                queued += seen.map(translate(character:))
                queued.append(translate(function: Int32(value)))
                return nil
            }
            seen.append(UInt32(value))
            if UInt32(value) != start[seen.count - 1] { break }
        }
        guard seen == start else {
            queued += seen.map(translate(character:))
            return nil
        }
        var paste = BracketedPaste()
        wtimeout(window, 500)
        while true {
            var value: wint_t = 0
            let result = wget_wch(window, &value)
            // A terminal that never sends the end marker: what arrived is the paste.
            if result == ERR { break }
            if result == KEY_CODE_YES { continue }
            if paste.take(UInt32(value)) { break }
        }
        return .paste(paste.pasted, truncated: paste.truncated)
    }

    private func translate(function code: Int32) -> Input {
        switch code {
        case KEY_RESIZE: return .resize(width: width, height: height)
        case KEY_UP: return .key(.up)
        case KEY_DOWN: return .key(.down)
        case KEY_LEFT: return .key(.left)
        case KEY_RIGHT: return .key(.right)
        case KEY_NPAGE: return .key(.pageDown)
        case KEY_PPAGE: return .key(.pageUp)
        case KEY_HOME: return .key(.home)
        case KEY_END: return .key(.end)
        case KEY_BTAB: return .key(.backTab)
        case KEY_ENTER: return .key(.enter)
        case KEY_BACKSPACE: return .key(.backspace)
        case KEY_DC: return .key(.delete)
        default:
            for number in 1...12 where code == agon_key_f(Int32(number)) { return .key(.function(number)) }
            // Ctrl-← / Ctrl-→ have no fixed codes: terminfo names them kLFT5 / kRIT5.
            if let name = keyname(code).map({ String(cString: $0) }) {
                if name == "kLFT5" { return .key(.wordLeft) }
                if name == "kRIT5" { return .key(.wordRight) }
            }
            return .timeout
        }
    }

    private func translate(character value: UInt32) -> Input {
        switch value {
        case 0x0D, 0x0A: return .key(.enter)
        case 0x09: return .key(.tab)
        case 0x1B: return .key(.escape)
        case 0x7F, 0x08: return .key(.backspace)
        case 0x01...0x1A:
            return .key(.control(Character(Unicode.Scalar(value + 0x60)!)))
        default:
            guard value >= 0x20, let scalar = Unicode.Scalar(value) else { return .timeout }
            return .key(.character(Character(scalar)))
        }
    }
}
