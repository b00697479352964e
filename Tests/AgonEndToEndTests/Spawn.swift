import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Starts a helper program the tests need (tmux, sshd): standard input from /dev/null, both output
/// streams into one file, no signal blocked. posix_spawn, as `AgonProcess` uses, rather than
/// Foundation.Process.
enum Spawn {
    struct Failure: Error {
        var code: Int32
        var reason: String { String(cString: strerror(code)) }
    }

    /// The child's pid, or the error number posix_spawn gave. `searchPath` looks `program` up in
    /// PATH; `append` adds to `output` instead of replacing it.
    static func start(_ program: String, _ arguments: [String], output: URL, append: Bool,
                      searchPath: Bool = false) -> Result<pid_t, Failure> {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, output.path, O_WRONLY | O_CREAT | (append ? O_APPEND : O_TRUNC), 0o644)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        var emptyMask = sigset_t()
        sigemptyset(&emptyMask)
        posix_spawnattr_setsigmask(&attributes, &emptyMask)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK))
        let argv = ([program] + arguments).map { strdup($0) } + [nil]
        var pid: pid_t = 0
        let result = searchPath ? posix_spawnp(&pid, program, &actions, &attributes, argv, environ)
                                : posix_spawn(&pid, program, &actions, &attributes, argv, environ)
        argv.forEach { free($0) }
        posix_spawn_file_actions_destroy(&actions)
        posix_spawnattr_destroy(&attributes)
        return result == 0 ? .success(pid) : .failure(Failure(code: result))
    }
}
