import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Runs a built binary (`agon`, or `agon-bench` for the scripted rater and the benchmarks) as a
/// child process, with its output in temporary files. Uses posix_spawn rather than
/// Foundation.Process so that a test can SIGKILL the child at a moment of its choosing and still
/// read everything it wrote.
struct AgonProcess {
    let pid: pid_t
    let stdoutFile: URL
    let stderrFile: URL

    /// The two executables of the package; SwiftPM builds both because the test target depends on them.
    enum Program: String {
        case agon = "agon"
        case bench = "agon-bench"

        var binary: URL { AgonProcess.binary(named: rawValue) }
    }

    /// `agon`, as the tmux tests start it.
    static let binary = Program.agon.binary

    /// The executable `name` next to the test bundle (SwiftPM puts every product of a build in one folder).
    static func binary(named name: String) -> URL {
        var folder = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for _ in 0..<4 {
            let candidate = folder.appendingPathComponent(name)
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            folder = folder.deletingLastPathComponent()
        }
        return URL(fileURLWithPath: ".build/debug/\(name)")
    }

    /// Starts `program` with `AGON_HOME` set to `home`, in `directory` when given (for relative paths),
    /// under `wrapper` when given (a program that runs the rest of its command line, e.g. strace).
    static func start(_ arguments: [String], home: URL, directory: URL? = nil, program: Program = .agon,
                      wrapper: [String] = []) -> AgonProcess {
        let binary = program.binary
        let id = UUID().uuidString
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("agon-out-\(id)")
        let err = FileManager.default.temporaryDirectory.appendingPathComponent("agon-err-\(id)")
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, out.path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_addopen(&actions, 2, err.path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        var emptyMask = sigset_t()
        sigemptyset(&emptyMask)
        posix_spawnattr_setsigmask(&attributes, &emptyMask)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK))
        var environment = ProcessInfo.processInfo.environment
        environment["AGON_HOME"] = home.path
        // glibc's posix_spawn_file_actions_addchdir_np is not visible to Swift; coreutils' `env -C`
        // changes the folder instead.
        let words = (directory.map { ["/usr/bin/env", "-C", $0.path] } ?? []) + wrapper + [binary.path] + arguments
        let program = words[0]
        let argv = words.map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        var pid: pid_t = 0
        let result = posix_spawn(&pid, program, &actions, &attributes, argv, envp)
        precondition(result == 0, "cannot start \(binary.path): \(result)")
        argv.forEach { free($0) }
        envp.forEach { free($0) }
        posix_spawn_file_actions_destroy(&actions)
        posix_spawnattr_destroy(&attributes)
        return AgonProcess(pid: pid, stdoutFile: out, stderrFile: err)
    }

    /// strace, for the tests that record what a run asks of the file system; `.ci/run` installs it.
    static let strace: String? = ["/usr/bin/strace", "/bin/strace"].first { FileManager.default.isExecutableFile(atPath: $0) }

    /// Runs `program` (the scripted rater's `agon-bench` by default) to completion under strace,
    /// writing the file system calls of every thread to `log` (see `SystemCall` for the format).
    static func traced(_ arguments: [String], home: URL, log: URL, program: Program = .bench) -> (status: Int32, output: String, error: String) {
        let strace = Self.strace ?? "strace"
        return run(arguments, home: home, program: program,
                   wrapper: [strace, "-f", "-qq", "-X", "raw", "-xx", "-s", "1000000", "-e", "trace=\(SystemCall.traced)", "-o", log.path])
    }

    /// Waits for the child; returns its exit status, or 128 + signal number when a signal ended it.
    func wait() -> Int32 {
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0, errno == EINTR {}
        let signal = status & 0x7F
        return signal == 0 ? (status >> 8) & 0xFF : 128 + signal
    }

    func kill(_ signal: Int32 = SIGKILL) {
        _ = Glibc.kill(pid, signal)
    }

    var output: String { String(decoding: (try? Data(contentsOf: stdoutFile)) ?? Data(), as: UTF8.self) }
    var errorOutput: String { String(decoding: (try? Data(contentsOf: stderrFile)) ?? Data(), as: UTF8.self) }

    func cleanUp() {
        try? FileManager.default.removeItem(at: stdoutFile)
        try? FileManager.default.removeItem(at: stderrFile)
    }

    /// Runs to completion: (status, stdout, stderr).
    static func run(_ arguments: [String], home: URL, directory: URL? = nil, program: Program = .agon,
                    wrapper: [String] = []) -> (status: Int32, output: String, error: String) {
        let process = start(arguments, home: home, directory: directory, program: program, wrapper: wrapper)
        let status = process.wait()
        defer { process.cleanUp() }
        return (status, process.output, process.errorOutput)
    }
}
