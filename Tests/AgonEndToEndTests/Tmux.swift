import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A private tmux server with one window running a command: keys in, screen text out.
/// Spawned with posix_spawnp (Foundation.Process hangs when the child starts the tmux daemon).
final class Tmux {
    let folder: URL
    private var socket: String { folder.appendingPathComponent("tmux.sock").path }
    private var serverRunning = false

    static var isInstalled: Bool {
        (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":").contains {
            FileManager.default.isExecutableFile(atPath: "\($0)/tmux")
        }
    }

    init() {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("agon-tmux-\(UUID().uuidString.prefix(8))")
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    deinit {
        if serverRunning { _ = run(["kill-server"]) }
        try? FileManager.default.removeItem(at: folder)
    }

    /// Starts `command` in a `width`×`height` window. The command's exit status is printed as
    /// `[exit:N]` (tmux 3.3a does not always report it).
    /// With `keepAlive` the window's shell waits after the command ends, so that the terminal state
    /// the command left behind (cursor shown or hidden, alternate screen) can still be queried.
    func start(width: Int, height: Int, environment: [String: String], command: [String], keepAlive: Bool = false) {
        var arguments = ["start-server", ";", "set", "-g", "default-terminal", "tmux-256color", ";",
                         "set", "-gw", "remain-on-exit", "on", ";",
                         "new-session", "-d", "-s", "s", "-x", "\(width)", "-y", "\(height)"]
        for (key, value) in environment.sorted(by: { $0.key < $1.key }) { arguments += ["-e", "\(key)=\(value)"] }
        arguments += ["sh", "-c", "\"$0\" \"$@\"; echo \"[exit:$?]\"" + (keepAlive ? "; sleep 60" : "")] + command
        let result = run(arguments)
        serverRunning = true
        precondition(result.status == 0, "tmux did not start: \(result.output)")
    }

    /// Keys one at a time, as a person types them: tens of milliseconds apart. (Keys arriving
    /// within a few milliseconds of each other are a paste to the rating screen.)
    func send(_ keys: String...) {
        for (index, key) in keys.enumerated() {
            if index > 0 { usleep(40_000) }
            _ = run(["send-keys", "-t", "s", key])
        }
    }

    func type(_ text: String) {
        _ = run(["send-keys", "-t", "s", "-l", text])
    }

    /// Pastes `text` as a terminal does, marked as a paste when the program asked for that.
    func paste(_ text: String) {
        _ = run(["set-buffer", "--", text])
        _ = run(["paste-buffer", "-p", "-t", "s"])
    }

    /// Pastes `text` through a paste buffer loaded from a file (`load-buffer`): marked as a
    /// paste when `bracketed` (`paste-buffer -p`, for a program that asked for that), else as the
    /// plain run of keys a terminal without bracketed paste sends. Line breaks arrive as Enter.
    func pasteFromFile(_ text: String, bracketed: Bool) {
        let file = folder.appendingPathComponent("paste-\(UUID().uuidString.prefix(8)).txt")
        FileManager.default.createFile(atPath: file.path, contents: Data(text.utf8))
        _ = run(["load-buffer", "-b", "pasted", file.path])
        _ = run(["paste-buffer", "-b", "pasted", "-t", "s"] + (bracketed ? ["-p"] : []))
    }

    func resize(width: Int, height: Int) {
        _ = run(["resize-window", "-t", "s", "-x", "\(width)", "-y", "\(height)"])
    }

    /// The process running in the window (the shell wrapper's child), if it is still there.
    func programID() -> pid_t? {
        let shell = run(["display-message", "-p", "-t", "s", "#{pane_pid}"]).output.trimmingCharacters(in: .whitespacesAndNewlines)
        guard let children = try? String(contentsOfFile: "/proc/\(shell)/task/\(shell)/children", encoding: .utf8) else { return nil }
        return children.split(separator: " ").first.flatMap { pid_t($0) }
    }

    /// A tmux format evaluated for the window, e.g. `#{alternate_on}` or `#{pane_title}`.
    func query(_ format: String) -> String {
        run(["display-message", "-p", "-t", "s", format]).output.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// The contents of every paste buffer (a clipboard write through OSC 52 would land here).
    func buffers() -> String {
        let names = run(["list-buffers", "-F", "#{buffer_name}"]).output.split(separator: "\n")
        return names.map { run(["show-buffer", "-b", String($0)]).output }.joined(separator: "\n")
    }

    /// The window's text, trailing spaces trimmed, with the lines scrolled off the top.
    func capture() -> [String] {
        run(["capture-pane", "-p", "-t", "s", "-S", "-"]).output.split(separator: "\n", omittingEmptySubsequences: false).map {
            String($0.reversed().drop(while: { $0 == " " }).reversed())
        }
    }

    /// The visible window only.
    func screen() -> [String] {
        run(["capture-pane", "-p", "-t", "s"]).output.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    }

    /// Waits until the screen holds `text` and has stopped changing; returns the screen.
    @discardableResult
    func wait(for text: String, timeout: Double = 20) -> [String]? {
        let deadline = Date().addingTimeInterval(timeout)
        var previous: [String] = []
        while Date() < deadline {
            let now = capture()
            if now.contains(where: { $0.contains(text) }), now == previous { return now }
            previous = now
            usleep(30_000)
        }
        return nil
    }

    /// The tmux server outlives the call that starts it: it must not inherit the test runner's
    /// pipes, or the runner would wait for them to close.
    private static func closeOnExec() {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd")) ?? []
        for name in names {
            guard let descriptor = Int32(name), descriptor > 2 else { continue }
            let flags = fcntl(descriptor, F_GETFD)
            if flags >= 0 { _ = fcntl(descriptor, F_SETFD, flags | FD_CLOEXEC) }
        }
    }

    @discardableResult
    private func run(_ arguments: [String]) -> (status: Int32, output: String) {
        let output = folder.appendingPathComponent("out-\(UUID().uuidString.prefix(8))")
        Self.closeOnExec()
        let pid: pid_t
        switch Spawn.start("tmux", ["-S", socket, "-f", "/dev/null"] + arguments, output: output, append: false, searchPath: true) {
        case .success(let started): pid = started
        case .failure(let failure): return (-1, "cannot run tmux: \(failure.reason)")
        }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0, errno == EINTR {}
        let text = (try? String(contentsOf: output, encoding: .utf8)) ?? ""
        try? FileManager.default.removeItem(at: output)
        return ((status >> 8) & 0xFF, text)
    }
}
