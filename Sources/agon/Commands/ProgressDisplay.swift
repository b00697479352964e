import AgonCollect
import AgonCore
import Foundation

/// `agon collect`'s progress: on a terminal one line per system, redrawn in place (done / total,
/// tokens per second, ETA, failures); otherwise one plain line per event, for logs.
final class ProgressDisplay: @unchecked Sendable {
    private struct Line {
        var system: String
        var total: Int
        var done = 0
        var failures = 0
        var tokens = 0
        var started = Date()
        var status = "connecting…"
    }

    private let lock = NSLock()
    private let terminal: Bool
    private var lines: [Line]
    private var drawn = 0
    private var lastDraw = Date.distantPast

    init(plan: CollectionPlan, terminal: Bool) {
        self.terminal = terminal
        lines = plan.toAsk.map { Line(system: $0.system, total: $0.slots.count) }
        let width = lines.map { DisplayWidth.of($0.system) }.max() ?? 0
        for index in lines.indices {
            lines[index].system += String(repeating: " ", count: width - DisplayWidth.of(lines[index].system))
        }
    }

    func handle(_ event: Collector.Event) {
        lock.withLock {
            switch event {
            case .started(let system, let kind, let report, let warnings, _, let total):
                update(system) { $0.status = ""; $0.started = Date() }
                plain("\(system): \(total) to ask · \(kind.rawValue) · \(report.summary)")
                for warning in warnings { plain("warning: \(warning)") }
            case .saved(let system, let slot, let tokens, let seconds):
                update(system) { $0.done += 1; $0.tokens += tokens ?? 0 }
                if !terminal {
                    plain("\(system): saved \(slot) (\(tokens.map { "\($0) tokens, " } ?? "")\(String(format: "%.1f", seconds)) s)")
                }
            case .attemptFailed(let system, let slot, let error, let attempt, let retry):
                let message = "\(system): \(slot): attempt \(attempt) failed: \(error.message)"
                    + (retry.map { String(format: "; retrying in %.1f s", $0) } ?? "; giving up")
                if retry == nil { update(system) { $0.failures += 1 } }
                plain(message)
            case .stopped(let system, let message):
                update(system) { $0.status = "stopped" }
                plain("\(system): stopped: \(message)")
            }
            draw(force: false)
        }
    }

    func message(_ text: String) {
        lock.withLock {
            plain(text)
            draw(force: true)
        }
    }

    func finish() {
        lock.withLock { draw(force: true) }
    }

    private func update(_ system: String, _ change: (inout Line) -> Void) {
        guard let index = lines.firstIndex(where: { $0.system.trimmingCharacters(in: .whitespaces) == system }) else { return }
        change(&lines[index])
    }

    /// Prints a line above the progress block (or on its own when not a terminal).
    private func plain(_ text: String) {
        if terminal {
            erase()
        }
        print(text)
        fflush(nil)  // all output streams: stdout itself is a C global Swift 6 will not touch
        if terminal { drawn = 0 }
    }

    private func erase() {
        guard drawn > 0 else { return }
        var out = ""
        for _ in 0..<drawn { out += "\u{1B}[1A\u{1B}[2K" }
        print(out, terminator: "")
        drawn = 0
    }

    private func draw(force: Bool) {
        guard terminal else { return }
        let now = Date()
        guard force || drawn == 0 || now.timeIntervalSince(lastDraw) >= 0.25 else { return }
        lastDraw = now
        erase()
        for line in lines {
            let elapsed = now.timeIntervalSince(line.started)
            let rate = elapsed > 0 && line.tokens > 0 ? String(format: "%.1f tokens/s", Double(line.tokens) / elapsed) : "– tokens/s"
            let remaining = line.total - line.done - line.failures
            let eta: String
            if line.done > 0, remaining > 0 {
                eta = "ETA " + Self.duration(elapsed / Double(line.done) * Double(remaining))
            } else {
                eta = remaining == 0 ? "done" : "ETA –"
            }
            let failures = line.failures == 0 ? "" : " · \(line.failures) failed"
            let status = line.status.isEmpty ? "" : " · \(line.status)"
            print("\(line.system)  \(line.done)/\(line.total) · \(rate) · \(eta)\(failures)\(status)")
        }
        fflush(nil)  // all output streams: stdout itself is a C global Swift 6 will not touch
        drawn = lines.count
    }

    static func duration(_ seconds: Double) -> String {
        let whole = Int(seconds.rounded())
        if whole >= 3600 { return "\(whole / 3600)h\(String(format: "%02d", whole % 3600 / 60))m" }
        if whole >= 60 { return "\(whole / 60)m\(String(format: "%02d", whole % 60))s" }
        return "\(whole)s"
    }
}
