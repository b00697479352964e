import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A real OpenSSH server for one test: its own host key, config and `authorized_keys` in a temporary
/// folder, listening on a free loopback port, logging in as the user running the tests (root in CI,
/// whose login the test's `authorized_keys` stands in for). Stopped and removed on deinit.
final class SshServer {
    static let sshd = ["/usr/sbin/sshd", "/usr/bin/sshd"].first { FileManager.default.isExecutableFile(atPath: $0) }
    static let missing = "sshd is not installed (Debian package openssh-server; Scripts/test installs it): the SSH tests cannot run"

    let folder: URL
    let port: Int
    var authorizedKeys: URL { folder.appendingPathComponent("authorized_keys") }
    var log: URL { folder.appendingPathComponent("sshd.log") }
    let user = String(cString: getpwuid(getuid()).pointee.pw_name)
    private var pid: pid_t = 0

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("agon-sshd-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        port = try Self.freePort()
        try Self.run("/usr/bin/ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-f", folder.appendingPathComponent("host_key").path])
        FileManager.default.createFile(atPath: authorizedKeys.path, contents: Data())
        // The `Match User rating` block of the README, here for the test's own user.
        let config = """
            ListenAddress 127.0.0.1
            HostKey \(folder.path)/host_key
            PidFile \(folder.path)/sshd.pid
            AuthorizedKeysFile \(authorizedKeys.path)
            StrictModes no
            UsePAM no
            PermitRootLogin prohibit-password
            PubkeyAuthentication yes
            PasswordAuthentication no
            KbdInteractiveAuthentication no
            AllowTcpForwarding no
            AllowAgentForwarding no
            X11Forwarding no
            PermitTunnel no
            PermitTTY yes
            PermitUserEnvironment no
            MaxStartups 100:30:200
            MaxSessions 100
            LogLevel VERBOSE

            """
        try config.write(to: folder.appendingPathComponent("sshd_config"), atomically: true, encoding: .utf8)
        // sshd's privilege-separation folder (made by the Debian service on a booted system).
        try? FileManager.default.createDirectory(atPath: "/run/sshd", withIntermediateDirectories: true, attributes: [.posixPermissions: 0o755])
        pid = try Self.spawn(Self.sshd ?? "/usr/sbin/sshd",
                             ["-D", "-e", "-f", folder.appendingPathComponent("sshd_config").path, "-p", "\(port)"], output: log)
        let deadline = Date().addingTimeInterval(10)
        while Date() < deadline {
            if logText.contains("Server listening on") { return }
            var status: Int32 = 0
            if waitpid(pid, &status, WNOHANG) == pid { break }
            usleep(50_000)
        }
        throw Failure(message: "sshd did not start: \(logText)")
    }

    deinit {
        if pid > 0 {
            kill(pid, SIGTERM)
            var status: Int32 = 0
            waitpid(pid, &status, 0)
        }
        try? FileManager.default.removeItem(at: folder)
    }

    var logText: String { (try? String(contentsOf: log, encoding: .utf8)) ?? "" }

    struct Failure: Error, CustomStringConvertible {
        var message: String
        var description: String { message }
    }

    /// A new client key pair: (private key, public key file).
    func newKey(_ name: String) throws -> (URL, URL) {
        let key = folder.appendingPathComponent("key-\(name)")
        try Self.run("/usr/bin/ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-C", "\(name)@test", "-f", key.path])
        return (key, URL(fileURLWithPath: key.path + ".pub"))
    }

    /// `ssh` with `key` to this server, never asking anything, never remembering the host.
    func client(key: URL, _ extra: [String] = []) -> [String] {
        ["/usr/bin/ssh", "-F", "/dev/null", "-i", key.path, "-p", "\(port)", "-o", "IdentitiesOnly=yes", "-o", "BatchMode=yes",
         "-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null", "-o", "LogLevel=ERROR"] + extra + ["\(user)@127.0.0.1"]
    }

    /// Runs `program` to its end with a time limit: (status, standard output and error together).
    /// posix_spawn and waitpid: Foundation.Process does not always see its child end in the test runner.
    @discardableResult
    static func run(_ program: String, _ arguments: [String], timeout: Double = 20) throws -> (status: Int32, output: String) {
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("agon-run-\(UUID().uuidString.prefix(8))")
        defer { try? FileManager.default.removeItem(at: output) }
        let pid = try spawn(program, arguments, output: output)
        let deadline = Date().addingTimeInterval(timeout)
        var status: Int32 = 0
        while true {
            let result = waitpid(pid, &status, WNOHANG)
            if result == pid { break }
            if result < 0, errno != EINTR { break }
            if Date() > deadline {
                kill(pid, SIGKILL)
                waitpid(pid, &status, 0)
                throw Failure(message: "\(program) \(arguments.joined(separator: " ")) did not end within \(timeout) s")
            }
            usleep(20_000)
        }
        let text = (try? String(contentsOf: output, encoding: .utf8)) ?? ""
        return ((status & 0x7F) == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F), text)
    }

    /// Starts `program` with standard input from /dev/null and its output (both streams) to `output`.
    static func spawn(_ program: String, _ arguments: [String], output: URL) throws -> pid_t {
        switch Spawn.start(program, arguments, output: output, append: true) {
        case .success(let pid): return pid
        case .failure(let failure): throw Failure(message: "cannot start \(program): \(failure.reason)")
        }
    }

    private static func freePort() throws -> Int {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(descriptor) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(descriptor, $0, length) == 0 && getsockname(descriptor, $0, &length) == 0
            }
        }
        guard bound else { throw Failure(message: "no free loopback port") }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}
