import AgonCommandLine
import AgonCore
import AgonTerminal
import ArgumentParser
import CNcurses
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Many raters at once over a real OpenSSH server on loopback, as a lab runs a study: each client is
/// `ssh -tt` in a pseudo-terminal of its own, landing in its rater's forced `agon rate`. Times, as
/// the client sees it, a key written to the client's terminal until the first byte of the new frame
/// comes back (through ssh, sshd, agon and back), and reads the resident memory of every rater's
/// `agon` process. Prints figures; asserts nothing. Made-up raters in a temporary workspace.
struct SshBenchmark: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ssh",
        abstract: "Time key-to-frame latency for many concurrent raters over ssh, and each rater's memory.")

    @Option(help: "Raters connected at once.") var raters = 30
    @Option(help: "Keys each rater presses (one every 80–200 ms, as a person types).") var keys = 40
    @Option(help: "Study each rater opens.") var study = "demo"
    @Option(help: "Give up after this many seconds.") var timeLimit = 180.0

    func run() throws {
        guard let sshd = ["/usr/sbin/sshd", "/usr/bin/sshd"].first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else {
            throw Failure("sshd is not installed (Debian package openssh-server: apt-get install openssh-server)")
        }
        guard (1...200).contains(raters), (1...10_000).contains(keys) else { throw Failure("--raters must be 1–200 and --keys 1–10000") }
        let agon = try AgonBinary.path()
        let source = Workspace.fromEnvironment()
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("agon-bench-ssh-\(getpid())")
        try? FileManager.default.removeItem(at: folder)
        let home = folder.appendingPathComponent("home")
        try FileManager.default.createDirectory(at: home.appendingPathComponent("Studies"), withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: source.studyFolder(study), to: home.appendingPathComponent("Studies/\(study)"))
        try FileManager.default.copyItem(at: source.rubricsFolder, to: home.appendingPathComponent("Rubrics"))
        defer { try? FileManager.default.removeItem(at: folder) }

        // The server: own host key, own authorized_keys, the README's settings.
        try Self.run("/usr/bin/ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-f", folder.appendingPathComponent("host_key").path])
        var authorized = try AuthorizedKeys(text: "")
        var privateKeys: [URL] = []
        for index in 0..<raters {
            let key = folder.appendingPathComponent("key-\(index)")
            try Self.run("/usr/bin/ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-f", key.path])
            let text = try String(contentsOf: URL(fileURLWithPath: key.path + ".pub"), encoding: .utf8)
            guard case .success(let publicKey) = AuthorizedKeys.publicKey(fromFileText: text) else { throw Failure("ssh-keygen wrote no public key") }
            try authorized.add(.init(name: Self.name(index), study: study, key: publicKey))
            privateKeys.append(key)
        }
        let authorizedFile = folder.appendingPathComponent("authorized_keys")
        try AuthorizedKeysFile.write(authorized.text(agon: agon, home: home.path), to: authorizedFile)
        let port = try Self.freePort()
        try """
            ListenAddress 127.0.0.1
            HostKey \(folder.path)/host_key
            PidFile \(folder.path)/sshd.pid
            AuthorizedKeysFile \(authorizedFile.path)
            StrictModes no
            UsePAM no
            PermitRootLogin prohibit-password
            PasswordAuthentication no
            KbdInteractiveAuthentication no
            AllowTcpForwarding no
            X11Forwarding no
            PermitTTY yes
            PermitUserEnvironment no
            MaxStartups \(raters + 10):30:\(raters * 2 + 20)
            LogLevel ERROR

            """.write(to: folder.appendingPathComponent("sshd_config"), atomically: true, encoding: .utf8)
        try? FileManager.default.createDirectory(atPath: "/run/sshd", withIntermediateDirectories: true)
        let log = folder.appendingPathComponent("sshd.log")
        let server = try Self.spawn(sshd, ["-D", "-e", "-f", folder.appendingPathComponent("sshd_config").path, "-p", "\(port)"],
                                    input: "/dev/null", output: log.path)
        defer {
            kill(server, SIGTERM)
            var status: Int32 = 0
            waitpid(server, &status, 0)
        }
        let listening = Date().addingTimeInterval(10)
        while !((try? String(contentsOf: log, encoding: .utf8)) ?? "").contains("Server listening"), Date() < listening {
            if (try? String(contentsOf: log, encoding: .utf8))?.contains("error") == true { break }
            usleep(50_000)
            // LogLevel ERROR hides the "listening" line: a connect to the port tells instead.
            if Self.canConnect(port: port) { break }
        }
        let user = String(cString: getpwuid(getuid()).pointee.pw_name)
        let deadline = Date().addingTimeInterval(timeLimit)

        // The clients, all connected before any key is timed.
        let started = Date()
        let clients = try privateKeys.map { key -> Client in
            let pty = try ClientTerminal(width: 120, height: 40)
            let pid = try Self.spawn("/usr/bin/ssh", ["-F", "/dev/null", "-tt", "-i", key.path, "-p", "\(port)", "-o", "IdentitiesOnly=yes",
                                                       "-o", "BatchMode=yes", "-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null",
                                                       "-o", "LogLevel=ERROR", "\(user)@127.0.0.1"],
                                     input: pty.slavePath, output: pty.slavePath, environment: ["TERM": "xterm-256color", "LANG": "C.UTF-8"])
            return Client(pty: pty, pid: pid)
        }
        defer {
            for client in clients {
                kill(client.pid, SIGTERM)
                var status: Int32 = 0
                waitpid(client.pid, &status, 0)
            }
        }
        for (index, client) in clients.enumerated() {
            guard client.waitForFirstFrame(deadline: deadline) else {
                throw Failure("rater \(index) saw no rating screen within the time limit: \(client.tail)\nsshd: \((try? String(contentsOf: log, encoding: .utf8)) ?? "")")
            }
        }
        let connected = Date().timeIntervalSince(started)
        // The first frame follows the first bytes within a moment; then the introduction is closed.
        usleep(3_000_000)
        for client in clients { client.drain() }
        for client in clients { client.write("\u{1B}") }
        usleep(500_000)
        for client in clients { client.drain() }

        // Every rater types at once: scores that change the screen each time (4 and 5 in turn).
        let latencies = Latencies()
        // A thread per rater (not concurrentPerform, which runs as many at once as there are cores).
        let group = DispatchGroup()
        for index in clients.indices {
            group.enter()
            Thread.detachNewThread {
                defer { group.leave() }
            var random = SeededRandom(seed: UInt64(index + 1))
            for press in 0..<keys where Date() < deadline {
                usleep(UInt32(80_000 + Int(random.next() % 120_000)))
                clients[index].drain()
                let key = press % 2 == 0 ? "4" : "5"
                let sent = MonotonicClock.nanoseconds()
                clients[index].write(key)
                if clients[index].waitForOutput(deadline: deadline) {
                    latencies.add(MonotonicClock.nanoseconds() - sent)
                }
            }
            }
        }
        group.wait()
        let memory = Self.residentMemory(ofRatersIn: home.path)
        let times = latencies.sorted
        guard !times.isEmpty else { throw Failure("no frame came back within the time limit") }
        print("\(raters) raters over ssh on loopback (sshd \(Self.version()), study \(study), 120×40, \(ProcessInfo.processInfo.activeProcessorCount) cores)")
        print(String(format: "all connected to their first frame: %.1f s", connected))
        print("key to first byte of the new frame, as the client sees it (\(times.count) keys): p50 \(Self.ms(Percentile.of(times, 0.5))), p99 \(Self.ms(Percentile.of(times, 0.99))), worst \(Self.ms(Double(times.last!)))")
        if memory.isEmpty {
            print("resident memory of the raters' agon processes: none found")
        } else {
            let sortedMemory = memory.sorted()
            print("resident memory of each rater's agon (\(memory.count) processes): median \(sortedMemory[sortedMemory.count / 2] / 1024) MiB, largest \(sortedMemory.last! / 1024) MiB, all together \(memory.reduce(0, +) / 1024) MiB")
        }
        for client in clients { client.write("q") }
        usleep(300_000)
        for client in clients { client.write("k") }
        usleep(500_000)
    }

    static func name(_ index: Int) -> String { String(format: "rater-%02d", index + 1) }

    static func ms(_ nanoseconds: Double) -> String { String(format: "%.2f ms", nanoseconds / 1_000_000) }

    final class Latencies: @unchecked Sendable {
        private var values: [UInt64] = []
        private let lock = NSLock()
        func add(_ value: UInt64) { lock.lock(); values.append(value); lock.unlock() }
        var sorted: [UInt64] { lock.lock(); defer { lock.unlock() }; return values.sorted() }
    }

    enum Percentile {
        /// Nearest rank on sorted values.
        static func of(_ sorted: [UInt64], _ p: Double) -> Double {
            Double(sorted[min(sorted.count - 1, max(0, Int((p * Double(sorted.count)).rounded(.up)) - 1))])
        }
    }

    /// A pseudo-terminal whose screen side this benchmark reads itself (AgonTerminal's
    /// PseudoTerminal discards it in a thread of its own).
    struct ClientTerminal {
        let master: Int32
        let slavePath: String

        init(width: Int, height: Int) throws {
            var path = [CChar](repeating: 0, count: 256)
            master = agon_open_pseudo_terminal(&path, path.count)
            guard master >= 0 else { throw Failure("cannot open a pseudo-terminal") }
            slavePath = String(decoding: path.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
            _ = agon_set_window_size(master, Int32(height), Int32(width))
        }
    }

    final class Client: @unchecked Sendable {
        let pty: ClientTerminal
        let pid: pid_t
        var tail = ""

        init(pty: ClientTerminal, pid: pid_t) {
            self.pty = pty
            self.pid = pid
        }

        func write(_ text: String) {
            let bytes = Array(text.utf8)
            _ = bytes.withUnsafeBytes { Glibc.write(pty.master, $0.baseAddress, $0.count) }
        }

        /// Waits for bytes from the server; true when some came.
        func waitForOutput(deadline: Date) -> Bool {
            var poller = pollfd(fd: pty.master, events: Int16(POLLIN), revents: 0)
            while Date() < deadline {
                let ready = poll(&poller, 1, 100)
                if ready > 0 {
                    readAvailable()
                    return true
                }
            }
            return false
        }

        /// Waits for the first frame: a screenful of bytes. (ncurses moves the cursor between words,
        /// so the screen's text is not there to be searched for, and the item clock keeps redrawing.)
        func waitForFirstFrame(deadline: Date) -> Bool {
            var received = 0
            var poller = pollfd(fd: pty.master, events: Int16(POLLIN), revents: 0)
            while Date() < deadline {
                if poll(&poller, 1, 100) > 0 {
                    let count = readAvailable()
                    if count <= 0 { return false }
                    received += count
                    if received > 0 { return true }
                }
            }
            return false
        }

        /// Reads whatever is there without waiting.
        func drain() {
            var poller = pollfd(fd: pty.master, events: Int16(POLLIN), revents: 0)
            while poll(&poller, 1, 0) > 0 { if readAvailable() <= 0 { break } }
        }

        /// Bytes read (0 or less at the end or on an error).
        @discardableResult
        private func readAvailable() -> Int {
            var buffer = [UInt8](repeating: 0, count: 65536)
            let count = buffer.withUnsafeMutableBytes { Glibc.read(pty.master, $0.baseAddress, $0.count) }
            guard count > 0 else { return count }
            tail = String((tail + String(decoding: buffer[0..<count], as: UTF8.self)).suffix(2_000))
            return count
        }
    }

    /// VmRSS in KiB of every `agon rate` whose AGON_HOME is this benchmark's.
    static func residentMemory(ofRatersIn home: String) -> [Int] {
        let ids = ((try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []).compactMap { Int32($0) }
        var sizes: [Int] = []
        for id in ids {
            guard let environment = FileManager.default.contents(atPath: "/proc/\(id)/environ"),
                  String(decoding: environment, as: UTF8.self).split(separator: "\0").contains(where: { $0 == "AGON_HOME=\(home)" }),
                  let command = FileManager.default.contents(atPath: "/proc/\(id)/cmdline"),
                  String(decoding: command, as: UTF8.self).split(separator: "\0").contains("rate"),
                  let status = try? String(contentsOfFile: "/proc/\(id)/status", encoding: .utf8),
                  let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmRSS:") }),
                  let kib = Int(line.split(separator: " ").dropFirst().first ?? "") else { continue }
            sizes.append(kib)
        }
        return sizes
    }

    static func version() -> String {
        (try? run("/usr/sbin/sshd", ["-V"]))?.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: ",").first.map(String.init) ?? "?"
    }

    static func canConnect(port: Int) -> Bool {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(descriptor) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = UInt16(port).bigEndian
        return withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0 }
        }
    }

    static func freePort() throws -> Int {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(descriptor) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, length) == 0 && getsockname(descriptor, $0, &length) == 0 }
        }
        guard bound else { throw Failure("no free loopback port") }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    /// Runs a program to its end; its output (both streams).
    @discardableResult
    static func run(_ program: String, _ arguments: [String]) throws -> String {
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("agon-bench-run-\(UUID().uuidString.prefix(8))")
        defer { try? FileManager.default.removeItem(at: output) }
        let pid = try spawn(program, arguments, input: "/dev/null", output: output.path)
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0, errno == EINTR {}
        return (try? String(contentsOf: output, encoding: .utf8)) ?? ""
    }

    static func spawn(_ program: String, _ arguments: [String], input: String, output: String, environment: [String: String] = [:]) throws -> pid_t {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        posix_spawn_file_actions_addopen(&actions, 0, input, O_RDWR, 0)
        posix_spawn_file_actions_addopen(&actions, 1, output, O_WRONLY | O_CREAT | O_APPEND, 0o644)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        var variables = ProcessInfo.processInfo.environment
        for (key, value) in environment { variables[key] = value }
        let argv = ([program] + arguments).map { strdup($0) } + [nil]
        let envp = variables.map { strdup("\($0.key)=\($0.value)") } + [nil]
        var pid: pid_t = 0
        let result = posix_spawn(&pid, program, &actions, nil, argv, envp)
        argv.forEach { free($0) }
        envp.forEach { free($0) }
        posix_spawn_file_actions_destroy(&actions)
        guard result == 0 else { throw Failure("cannot start \(program): \(String(cString: strerror(result)))") }
        return pid
    }
}
