import Foundation

/// A disk as a power cut sees it, replayed from a process's system calls (the ALICE method:
/// Pillai et al., "All File Systems Are Not Created Equal", OSDI 2014). Every change is first only in
/// memory; `fsync` of a file makes its content durable, `fsync` of a folder makes the names created,
/// renamed or removed in it durable. A crash keeps the durable state plus, per file and per folder,
/// any prefix of the changes made since (possibly with the last write cut in the middle): later
/// changes to one object never survive without the earlier ones. A rename is atomic — it survives in
/// both folders or in neither — and survives only as far as both folders keep it. Only files under
/// `root` are modelled; the rest of the system is not part of the experiment.
struct SimulatedDisk {
    enum Node: Equatable, Hashable {
        case file(Int)
        case folder(String)
    }

    enum DataChange {
        case write(offset: Int, bytes: Data)
        case truncate(Int)
    }

    enum FolderChange {
        case add(name: String, node: Node)
        /// Removes `name` only while it still names `node`.
        case remove(name: String, node: Node)
        /// The two halves of one rename: `id` ties them together.
        case renameOut(id: Int, name: String, node: Node)
        case renameIn(id: Int, name: String, node: Node)
    }

    struct Unsupported: Error, CustomStringConvertible {
        var description: String
    }

    private struct Descriptor {
        var path: String
        var node: Node
        var append: Bool
        var offset: Int
    }

    let root: String
    /// Content of each file and the entries of each folder, as the program sees them.
    private(set) var content: [Int: Data] = [:]
    private(set) var entries: [String: [String: Node]] = [:]
    private var durableContent: [Int: Data] = [:]
    private var durableEntries: [String: [String: Node]] = [:]
    private var pendingData: [Int: [DataChange]] = [:]
    private var pendingFolder: [String: [FolderChange]] = [:]
    /// Renames one of whose folders has been synced: id → the folder that is synced.
    private var halfDurableRenames: [Int: (change: FolderChange, synced: String)] = [:]
    private var descriptors: [Int: Descriptor] = [:]
    private var nextInode = 1
    private var nextRename = 1
    /// Counts the changes to the modelled files and folders, durable or not.
    private(set) var version = 0

    /// Starts from the files and folders under `root` as they are on disk now, all durable.
    init(root: URL) throws {
        self.root = root.standardizedFileURL.path
        try scan(self.root)
        durableContent = content
        durableEntries = entries
    }

    private mutating func scan(_ folder: String) throws {
        var names: [String: Node] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: folder) {
            let path = folder + "/" + name
            var isFolder: ObjCBool = false
            _ = FileManager.default.fileExists(atPath: path, isDirectory: &isFolder)
            if isFolder.boolValue {
                names[name] = .folder(path)
                try scan(path)
            } else {
                names[name] = .file(nextInode)
                content[nextInode] = try Data(contentsOf: URL(fileURLWithPath: path))
                nextInode += 1
            }
        }
        entries[folder] = names
    }

    private func isModelled(_ path: String) -> Bool { path == root || path.hasPrefix(root + "/") }

    private static func split(_ path: String) -> (folder: String, name: String) {
        let url = URL(fileURLWithPath: path)
        return (url.deletingLastPathComponent().path, url.lastPathComponent)
    }

    private func node(at path: String) -> Node? {
        if path == root { return .folder(root) }
        let (folder, name) = Self.split(path)
        return entries[folder]?[name]
    }

    /// The path a descriptor was opened with, if it is a modelled file or folder.
    func path(of descriptor: Int) -> String? { descriptors[descriptor]?.path }
    func node(of descriptor: Int) -> Node? { descriptors[descriptor]?.node }

    // MARK: Replaying calls

    /// Applies one system call; calls that failed, or that touch nothing under `root`, change nothing.
    mutating func apply(_ call: SystemCall) throws {
        guard let result = call.result, result >= 0 else { return }
        let arguments = call.arguments
        func path(_ index: Int) throws -> String? {
            guard index < arguments.count, let path = arguments[index].path else { return nil }
            guard path.hasPrefix("/") else {
                if path.contains("Sessions") { throw Unsupported(description: "relative path \(path) in \(call.name)") }
                return nil
            }
            let standard = URL(fileURLWithPath: path).standardizedFileURL.path
            return isModelled(standard) ? standard : nil
        }
        func descriptor(_ index: Int) -> Int? { index < arguments.count ? arguments[index].number : nil }
        switch call.name {
        case "open", "openat", "creat":
            let pathIndex = call.name == "openat" ? 1 : 0
            let flags = call.name == "creat" ? 0o1101 : (arguments.count > pathIndex + 1 ? arguments[pathIndex + 1].number ?? 0 : 0)
            descriptors[result] = nil
            guard let path = try path(pathIndex) else { return }
            try open(path: path, flags: flags, descriptor: result)
        case "close":
            if let fd = descriptor(0) { descriptors[fd] = nil }
        case "write", "pwrite64":
            guard let fd = descriptor(0), let open = descriptors[fd], case .file(let inode) = open.node,
                  let bytes = arguments[1].bytes else { return }
            let written = bytes.prefix(result)
            let offset = call.name == "pwrite64" ? (descriptor(3) ?? 0) : (open.append ? content[inode]!.count : open.offset)
            change(inode, .write(offset: offset, bytes: written))
            if call.name == "write" { descriptors[fd]!.offset = offset + written.count }
        case "writev":
            if let fd = descriptor(0), descriptors[fd] != nil { throw Unsupported(description: "writev on \(descriptors[fd]!.path)") }
        case "lseek":
            if let fd = descriptor(0), descriptors[fd] != nil { descriptors[fd]!.offset = result }
        case "ftruncate":
            guard let fd = descriptor(0), let open = descriptors[fd], case .file(let inode) = open.node,
                  let length = descriptor(1) else { return }
            change(inode, .truncate(length))
        case "fsync", "fdatasync":
            guard let fd = descriptor(0), let open = descriptors[fd] else { return }
            sync(open.node)
        case "sync_file_range":
            return  // does not make anything durable: no metadata, no disk cache flush
        case "mkdir", "mkdirat":
            guard let path = try path(call.name == "mkdirat" ? 1 : 0) else { return }
            let (folder, name) = Self.split(path)
            version += 1
            entries[folder, default: [:]][name] = .folder(path)
            entries[path] = [:]
            durableEntries[path] = [:]
            pendingFolder[folder, default: []].append(.add(name: name, node: .folder(path)))
        case "rename", "renameat", "renameat2":
            let (from, to) = call.name == "rename" ? (try path(0), try path(1)) : (try path(1), try path(3))
            guard let from, let to else {
                if from != nil || to != nil { throw Unsupported(description: "rename across the modelled tree") }
                return
            }
            guard let moved = node(at: from) else { throw Unsupported(description: "rename of unknown \(from)") }
            if case .folder = moved { throw Unsupported(description: "rename of a folder: \(from)") }
            let (fromFolder, fromName) = Self.split(from)
            let (toFolder, toName) = Self.split(to)
            entries[fromFolder]![fromName] = nil
            entries[toFolder, default: [:]][toName] = moved
            let id = nextRename
            nextRename += 1
            version += 1
            pendingFolder[fromFolder, default: []].append(.renameOut(id: id, name: fromName, node: moved))
            pendingFolder[toFolder, default: []].append(.renameIn(id: id, name: toName, node: moved))
        case "unlink", "unlinkat":
            guard let path = try path(call.name == "unlinkat" ? 1 : 0), let removed = node(at: path) else { return }
            let (folder, name) = Self.split(path)
            version += 1
            entries[folder]![name] = nil
            pendingFolder[folder, default: []].append(.remove(name: name, node: removed))
        case "link", "linkat":
            if (try path(call.name == "linkat" ? 1 : 0)) != nil { throw Unsupported(description: "hard links are not modelled") }
        default:
            return
        }
    }

    private mutating func open(path: String, flags: Int, descriptor: Int) throws {
        let create = 0o100, truncate = 0o1000, append = 0o2000
        let existing = node(at: path)
        let node: Node
        if let existing {
            node = existing
            if case .file(let inode) = existing, flags & truncate != 0, flags & 0o3 != 0 { change(inode, .truncate(0)) }
        } else if flags & create != 0 {
            let (folder, name) = Self.split(path)
            guard entries[folder] != nil else { throw Unsupported(description: "created \(path) in a folder the model does not know") }
            version += 1
            node = .file(nextInode)
            content[nextInode] = Data()
            durableContent[nextInode] = Data()
            nextInode += 1
            entries[folder]![name] = node
            pendingFolder[folder, default: []].append(.add(name: name, node: node))
        } else {
            return  // opened something that does not exist: the call would have failed
        }
        descriptors[descriptor] = Descriptor(path: path, node: node, append: flags & append != 0, offset: 0)
    }

    private mutating func change(_ inode: Int, _ change: DataChange) {
        version += 1
        content[inode] = Self.applying(change, to: content[inode] ?? Data())
        pendingData[inode, default: []].append(change)
    }

    private mutating func sync(_ node: Node) {
        version += 1
        switch node {
        case .file(let inode):
            durableContent[inode] = content[inode]
            pendingData[inode] = nil
        case .folder(let folder):
            for change in pendingFolder[folder] ?? [] {
                switch change {
                case .renameOut(let id, _, _), .renameIn(let id, _, _):
                    if let half = halfDurableRenames[id], half.synced != folder {
                        halfDurableRenames[id] = nil
                        Self.apply(half.change, to: &durableEntries, in: half.synced)
                        Self.apply(change, to: &durableEntries, in: folder)
                    } else {
                        halfDurableRenames[id] = (change, folder)
                    }
                default:
                    Self.apply(change, to: &durableEntries, in: folder)
                }
            }
            pendingFolder[folder] = nil
        }
    }

    private static func applying(_ change: DataChange, to data: Data) -> Data {
        var data = data
        switch change {
        case .write(let offset, let bytes):
            if data.count < offset { data.append(Data(count: offset - data.count)) }
            let end = min(data.count, offset + bytes.count)
            data.replaceSubrange(offset..<end, with: bytes)
        case .truncate(let length):
            if data.count > length { data.removeSubrange(length...) } else { data.append(Data(count: length - data.count)) }
        }
        return data
    }

    private static func apply(_ change: FolderChange, to entries: inout [String: [String: Node]], in folder: String) {
        switch change {
        case .add(let name, let node), .renameIn(_, let name, let node):
            entries[folder, default: [:]][name] = node
        case .remove(let name, let node), .renameOut(_, let name, let node):
            if entries[folder]?[name] == node { entries[folder]![name] = nil }
        }
    }

    // MARK: Crashing

    /// What a crash could leave: how many of each object's pending changes survive, and whether the
    /// last surviving write of a file is cut in half.
    struct Survival: Hashable {
        var folders: [String: Int] = [:]
        var files: [Int: Int] = [:]
        var tornFile: Int?
        /// Objects not named keep all their pending changes when true, none when false.
        var othersKeepAll: Bool
    }

    /// A varied but small set of crashes: everything pending lost, everything kept, and for each
    /// object with pending changes every prefix of them (the rest lost, or kept), and each file's
    /// last write torn.
    func possibleCrashes() -> [Survival] {
        var crashes: Set<Survival> = [Survival(othersKeepAll: false), Survival(othersKeepAll: true)]
        for others in [false, true] {
            for (folder, changes) in pendingFolder where !changes.isEmpty {
                for kept in 0..<changes.count { crashes.insert(Survival(folders: [folder: kept], othersKeepAll: others)) }
            }
            for (inode, changes) in pendingData where !changes.isEmpty {
                for kept in 0..<changes.count { crashes.insert(Survival(files: [inode: kept], othersKeepAll: others)) }
                if case .write(_, let bytes) = changes.last!, bytes.count > 1 {
                    crashes.insert(Survival(tornFile: inode, othersKeepAll: others))
                }
            }
        }
        return Array(crashes)
    }

    /// The files under `root` after `crash`, by path relative to `root`.
    func files(after crash: Survival) -> [String: Data] {
        var folders = durableEntries
        // How far each folder's pending changes survive; a rename survives only if both halves do,
        // and a folder's changes stop at the first one that does not survive.
        var keep: [String: Int] = [:]
        for (folder, changes) in pendingFolder {
            keep[folder] = crash.folders[folder] ?? (crash.othersKeepAll ? changes.count : 0)
        }
        func survives(_ id: Int, otherThan folder: String) -> Bool {
            if halfDurableRenames[id] != nil { return true }  // the other half is durable already
            for (other, changes) in pendingFolder where other != folder {
                if let index = changes.firstIndex(where: { Self.renameID($0) == id }) { return index < keep[other]! }
            }
            return false
        }
        var changed = true
        while changed {
            changed = false
            for (folder, changes) in pendingFolder {
                for index in 0..<keep[folder]! {
                    if let id = Self.renameID(changes[index]), !survives(id, otherThan: folder) {
                        keep[folder] = index
                        changed = true
                        break
                    }
                }
            }
        }
        // A rename one of whose folders was synced survives if the other folder keeps it.
        for (id, half) in halfDurableRenames {
            let otherKeeps = pendingFolder.contains { folder, changes in
                changes.prefix(keep[folder]!).contains { Self.renameID($0) == id }
            }
            if otherKeeps { Self.apply(half.change, to: &folders, in: half.synced) }
        }
        for (folder, changes) in pendingFolder {
            for change in changes.prefix(keep[folder]!) { Self.apply(change, to: &folders, in: folder) }
        }
        var result: [String: Data] = [:]
        func walk(_ folder: String, _ relative: String) {
            for (name, node) in folders[folder] ?? [:] {
                let path = relative.isEmpty ? name : relative + "/" + name
                switch node {
                case .folder(let child): walk(child, path)
                case .file(let inode): result[path] = fileContent(inode, crash)
                }
            }
        }
        walk(root, "")
        return result
    }

    private func fileContent(_ inode: Int, _ crash: Survival) -> Data {
        var data = durableContent[inode] ?? Data()
        let changes = pendingData[inode] ?? []
        let kept = crash.files[inode] ?? (crash.othersKeepAll || crash.tornFile == inode ? changes.count : 0)
        for (index, change) in changes.prefix(kept).enumerated() {
            if crash.tornFile == inode, index == changes.count - 1, case .write(let offset, let bytes) = change {
                data = Self.applying(.write(offset: offset, bytes: bytes.prefix(bytes.count / 2)), to: data)
            } else {
                data = Self.applying(change, to: data)
            }
        }
        return data
    }

    private static func renameID(_ change: FolderChange) -> Int? {
        switch change {
        case .renameOut(let id, _, _), .renameIn(let id, _, _): return id
        default: return nil
        }
    }
}
