import AgonCommandLine
import AgonCore
import ArgumentParser
import Foundation

/// `agon raters add/remove/list`: which SSH keys open which rater's screen, kept in a block of the
/// rating account's `authorized_keys`.
struct RatersCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "raters",
        abstract: "Let raters in over SSH: one key, one rater, one screen (a managed block in authorized_keys).",
        subcommands: [Add.self, Remove.self, List.self])

    struct Location: ParsableArguments {
        @Option(help: "The rating account's authorized_keys (default: ~/.ssh/authorized_keys of the user running this).")
        var authorizedKeys: String?

        var file: URL {
            if let authorizedKeys { return URL(fileURLWithPath: authorizedKeys) }
            return FileManager.default.homeDirectoryForCurrentUser.appendingPathComponent(".ssh/authorized_keys")
        }

        func read() throws -> AuthorizedKeys {
            do {
                return try AuthorizedKeysFile.read(file)
            } catch {
                throw Failure("\(file.path):\(error.line.map { "\($0):" } ?? "") \(error.message)")
            }
        }

        func write(_ keys: AuthorizedKeys, workspace: Workspace) throws {
            let agon = try Self.agonPath()
            let home = workspace.root.standardizedFileURL.path
            for path in [agon, home] {
                if let problem = AuthorizedKeys.problem(withPath: path) { throw Failure(problem) }
            }
            do {
                try AuthorizedKeysFile.write(keys.text(agon: agon, home: home), to: file)
            } catch {
                throw Failure("\(file.path): \(error.message)")
            }
        }

        /// Reads, changes and writes the keys while holding the file's lock, so concurrent
        /// `raters add` and `raters remove` never drop each other's change.
        func update<Result>(workspace: Workspace, _ change: (inout AuthorizedKeys) throws -> Result) throws -> Result {
            do {
                return try AuthorizedKeysFile.whileLocked(file) {
                    var keys = try read()
                    let result = try change(&keys)
                    try write(keys, workspace: workspace)
                    return result
                }
            } catch let failure as Disk.Failure {
                throw Failure(failure.message)
            }
        }

        /// The running executable, so the key runs this very `agon` whatever the account's PATH.
        static func agonPath() throws -> String {
            if let path = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") { return path }
            let argument = CommandLine.arguments[0]
            if argument.hasPrefix("/") { return argument }
            throw Failure("cannot tell where this agon is installed; run it by its absolute path (e.g. /usr/local/bin/agon raters add …)")
        }
    }

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Give a rater's public key their own rating screen.",
            discussion: "The key may then do nothing but run `agon rate STUDY --rater NAME`: no shell, no forwarding, no other command.")

        @Argument(help: "The rater's name (as in the study's raters.toml when it has one).")
        var name: String

        @Option(help: "The rater's public key file (id_ed25519.pub or the like).")
        var key: String

        @Option(help: "The study they rate (needed when the workspace holds more than one).")
        var study: String?

        @OptionGroup var location: Location

        func run() throws {
            let workspace = Workspace.fromEnvironment()
            let studies = workspace.studyIDs()
            let studyID: String
            if let study {
                guard studies.contains(study) else {
                    throw Failure("\(workspace.display(workspace.studyFile(study))): \(workspace.noSuchStudy(study))")
                }
                studyID = study
            } else if studies.count == 1 {
                studyID = studies[0]
            } else {
                throw Failure(studies.isEmpty
                    ? "No studies here: \(workspace.display(workspace.studiesFolder))/ holds none. \(workspace.whereAgonLooks)."
                    : "which study? add --study (studies here: \(studies.joined(separator: ", ")))")
            }
            var rater = name
            if let problem = RaterName.problem(with: name) { throw Failure(problem) }
            let roster: Roster?
            do {
                roster = try Roster.load(study: studyID, in: workspace)
            } catch {
                throw Failure(diagnostics: error.diagnostics)
            }
            if let roster {
                guard let listed = roster.rater(named: name) else {
                    throw Failure("\(workspace.display(Roster.file(study: studyID, in: workspace))): no rater \(name) (listed: \(roster.raters.map(\.name).joined(separator: ", "))); add them there first")
                }
                rater = listed.name
            }
            let keyFile = URL(fileURLWithPath: key)
            guard let data = FileManager.default.contents(atPath: keyFile.path) else {
                throw Failure("\(key): cannot be read (no such file, or permissions?)")
            }
            let publicKey: String
            switch AuthorizedKeys.publicKey(fromFileText: String(decoding: data, as: UTF8.self)) {
            case .success(let value): publicKey = value
            case .failure(let problem): throw Failure("\(key):\(problem.line.map { "\($0):" } ?? "") \(problem.message)")
            }
            let keyTail = try location.update(workspace: workspace) { keys in
                do throws(AuthorizedKeys.Problem) {
                    try keys.add(.init(name: rater, study: studyID, key: publicKey))
                } catch {
                    throw Failure("\(location.file.path): \(error.message)")
                }
                return keys.rater(named: rater)?.keyTail ?? ""
            }
            print("Added \(rater) (study \(studyID), \(publicKey.split(separator: " ")[0]) …\(keyTail)) to \(location.file.path).")
            print("They connect with: ssh <rating account>@<this host>   (no command: any command they give is ignored)")
        }
    }

    struct Remove: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Take a rater's key out: they can no longer connect (their journal stays).")

        @Argument(help: "The rater's name.")
        var name: String

        @OptionGroup var location: Location

        func run() throws {
            let removed = try location.update(workspace: Workspace.fromEnvironment()) { keys in
                do throws(AuthorizedKeys.Problem) {
                    return try keys.remove(named: name)
                } catch {
                    throw Failure("\(location.file.path): \(error.message)")
                }
            }
            print("Removed \(removed.name)'s key (study \(removed.study)) from \(location.file.path). A connection already open stays open until they quit.")
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "The raters whose keys open a rating screen.")

        @OptionGroup var location: Location

        func run() throws {
            let keys = try location.read()
            guard !keys.raters.isEmpty else {
                print("No raters in \(location.file.path). Add one with: agon raters add NAME --key FILE.pub --study STUDY")
                return
            }
            var rows = [["rater", "study", "key"]]
            for rater in keys.raters { rows.append([rater.name, rater.study, "\(rater.keyType) …\(rater.keyTail)"]) }
            print(location.file.path)
            print(PlainTable.render(rows))
        }
    }
}
