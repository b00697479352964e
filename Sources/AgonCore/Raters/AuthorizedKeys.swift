import Foundation

/// The block of an OpenSSH `authorized_keys` file that `agon raters` owns: one key per rater, each
/// forced to run that rater's rating screen and nothing else. Everything outside the markers is the
/// administrator's and is kept byte for byte.
///
/// A rater's line is `restrict,pty,command="env AGON_HOME='…' '…/agon' rate 'STUDY' --rater 'NAME'" KEY`:
/// `restrict` turns off port, agent and X11 forwarding and the user's `~/.ssh/rc`; `pty` gives the
/// screen its terminal back; `command=` makes sshd run this instead of whatever the client asked
/// for (which arrives only as `SSH_ORIGINAL_COMMAND`, and Agon never reads it). `AGON_HOME` is set
/// by `env` inside the command rather than with `environment=` because sshd ignores
/// `environment=` unless `PermitUserEnvironment yes`, which would let any key line set
/// `LD_PRELOAD` and friends; the rating account keeps it off.
public struct AuthorizedKeys: Equatable, Sendable {
    public static let beginMarker = "# BEGIN agon raters: managed by `agon raters add/remove`; edit outside this block only"
    public static let endMarker = "# END agon raters"

    /// One rater's entry.
    public struct Rater: Equatable, Sendable {
        public var name: String
        public var study: String
        /// `TYPE BASE64` of the public key (the key file's comment is dropped: it may name a person's machine).
        public var key: String

        public init(name: String, study: String, key: String) {
            self.name = name
            self.study = study
            self.key = key
        }

        public var keyType: String { String(key.split(separator: " ").first ?? "") }

        /// The end of the key's base64, enough to tell keys apart in a listing.
        public var keyTail: String { String(key.split(separator: " ").last?.suffix(12) ?? "") }
    }

    /// The lines before the block, the raters in it, the lines after it.
    public var before: [String]
    public var raters: [Rater]
    public var after: [String]
    /// Whether the file ended with a line break (kept as it was).
    var endsWithNewline: Bool

    public struct Problem: Error, Equatable, Sendable, CustomStringConvertible {
        public var line: Int?
        public var message: String
        public var description: String { line.map { "\($0): \(message)" } ?? message }
    }

    public init(text: String) throws(Problem) {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        endsWithNewline = text.hasSuffix("\n") || text.isEmpty
        if endsWithNewline, lines.last == "" { lines.removeLast() }
        let begins = lines.indices.filter { lines[$0] == Self.beginMarker }
        let ends = lines.indices.filter { lines[$0] == Self.endMarker }
        before = lines
        raters = []
        after = []
        if begins.isEmpty, ends.isEmpty { return }
        guard begins.count == 1, ends.count == 1, begins[0] < ends[0] else {
            let at = (begins + ends).sorted().last.map { $0 + 1 }
            throw Problem(line: at, message: "the agon raters block is damaged (expected one `\(Self.beginMarker.prefix(24))…` line, then one `\(Self.endMarker)` line); repair it by hand")
        }
        before = Array(lines[..<begins[0]])
        after = Array(lines[(ends[0] + 1)...])
        var index = begins[0] + 1
        while index < ends[0] {
            let line = lines[index]
            guard let (name, study) = Self.parseLabel(line), index + 1 < ends[0] else {
                throw Problem(line: index + 1, message: "unexpected line in the agon raters block; repair it by hand or remove the block")
            }
            let keyLine = lines[index + 1]
            guard let keyStart = keyLine.range(of: "\" ")?.upperBound else {
                throw Problem(line: index + 2, message: "rater \(name)'s key line is damaged; repair it by hand or remove the block")
            }
            raters.append(Rater(name: name, study: study, key: String(keyLine[keyStart...])))
            index += 2
        }
    }

    /// `# rater NAME study STUDY`
    private static func parseLabel(_ line: String) -> (String, String)? {
        let words = line.split(separator: " ").map(String.init)
        guard words.count == 5, words[0] == "#", words[1] == "rater", words[3] == "study" else { return nil }
        return (words[2], words[4])
    }

    /// The rater whose name is `name` (compared as rater names are: case and Unicode form aside).
    public func rater(named name: String) -> Rater? {
        raters.first { RaterIdentity.same($0.name, name) }
    }

    /// Adds `rater`, refusing a name or a key that is already there (one key maps to one screen).
    public mutating func add(_ rater: Rater) throws(Problem) {
        if let existing = self.rater(named: rater.name) {
            throw Problem(message: "rater \(existing.name) already has a key (for study \(existing.study)); remove it first with `agon raters remove \(existing.name)`")
        }
        if let holder = raters.first(where: { $0.key == rater.key }) {
            throw Problem(message: "this key is already rater \(holder.name)'s; each rater needs a key of their own (sshd would give every holder of it the first screen listed)")
        }
        raters.append(rater)
    }

    /// Removes the rater named `name`; returns the entry removed.
    public mutating func remove(named name: String) throws(Problem) -> Rater {
        guard let index = raters.firstIndex(where: { RaterIdentity.same($0.name, name) }) else {
            let known = raters.map(\.name)
            throw Problem(message: "no rater \(name) in the agon raters block" + (known.isEmpty ? " (it is empty)" : " (raters: \(known.joined(separator: ", ")))"))
        }
        return raters.remove(at: index)
    }

    /// The file's new text: the lines outside the block unchanged, the block rewritten (and
    /// dropped entirely once its last rater is removed).
    public func text(agon: String, home: String) -> String {
        var lines = before
        if !raters.isEmpty {
            lines.append(Self.beginMarker)
            for rater in raters {
                lines.append("# rater \(rater.name) study \(rater.study)")
                lines.append(Self.keyLine(rater, agon: agon, home: home))
            }
            lines.append(Self.endMarker)
        }
        lines += after
        if lines.isEmpty { return "" }
        return lines.joined(separator: "\n") + (endsWithNewline || !raters.isEmpty ? "\n" : "")
    }

    public static func keyLine(_ rater: Rater, agon: String, home: String) -> String {
        "restrict,pty,command=\"\(forcedCommand(rater, agon: agon, home: home))\" \(rater.key)"
    }

    /// The command sshd runs (through the account's shell, `sh -c`) for this rater: every word
    /// single-quoted, so nothing in it is expanded.
    public static func forcedCommand(_ rater: Rater, agon: String, home: String) -> String {
        ["env", "AGON_HOME=\(quoted(home))", quoted(agon), "rate", quoted(rater.study), "--rater", quoted(rater.name)].joined(separator: " ")
    }

    private static func quoted(_ word: String) -> String { "'\(word)'" }

    /// Nil when `path` can go into the forced command (single quotes in the shell, double quotes in
    /// the key line's options); otherwise why not.
    public static func problem(withPath path: String) -> String? {
        guard path.hasPrefix("/") else { return "\(path) is not an absolute path" }
        if let bad = path.unicodeScalars.first(where: { $0 == "'" || $0 == "\"" || $0 == "\\" || $0.properties.generalCategory == .control }) {
            return "\(path) holds a character (`\(bad.escaped(asASCII: true))`) that cannot be written into a forced command; move it to a path without one"
        }
        return nil
    }

    /// The `TYPE BASE64` of an OpenSSH public key file's first key line, or why it is not one.
    public static func publicKey(fromFileText text: String) -> Result<String, Problem> {
        let lines = text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty && !$0.hasPrefix("#") }
        guard lines.count == 1 else {
            return .failure(Problem(line: nil, message: lines.isEmpty ? "holds no public key" : "holds \(lines.count) keys; give one rater one key (a .pub file)"))
        }
        let words = lines[0].split(separator: " ", omittingEmptySubsequences: true).map(String.init)
        let types: Set<String> = ["ssh-ed25519", "ssh-rsa", "ecdsa-sha2-nistp256", "ecdsa-sha2-nistp384", "ecdsa-sha2-nistp521",
                                  "sk-ssh-ed25519@openssh.com", "sk-ecdsa-sha2-nistp256@openssh.com"]
        guard words.count >= 2, types.contains(words[0]) else {
            if words.first?.hasPrefix("-----BEGIN") == true || lines[0].contains("PRIVATE KEY") {
                return .failure(Problem(line: 1, message: "this is a private key; ask the rater for the .pub file next to it (and for a new key: a private key was sent)"))
            }
            return .failure(Problem(line: 1, message: "not an OpenSSH public key line (`ssh-ed25519 AAAA… comment`); options before the key are not accepted"))
        }
        guard let blob = Data(base64Encoded: words[1]), blob.count > 4 else {
            return .failure(Problem(line: 1, message: "the key's base64 part is damaged"))
        }
        // The blob starts with its own type as an SSH string: a key pasted under the wrong type is caught here.
        let length = Int(blob[0]) << 24 | Int(blob[1]) << 16 | Int(blob[2]) << 8 | Int(blob[3])
        guard blob.count >= 4 + length, String(decoding: blob[4..<(4 + length)], as: UTF8.self) == words[0] else {
            return .failure(Problem(line: 1, message: "the key's base64 part does not hold a \(words[0]) key"))
        }
        return .success("\(words[0]) \(words[1])")
    }
}
