import Foundation

/// Reads pairwise battles in Chatbot Arena's format: CSV with a header row, JSON Lines, or a JSON
/// array of objects, each battle with `model_a`, `model_b` and `winner` (`model_a`, `model_b`,
/// `tie` or `tie (bothbad)`); other columns are ignored. Straight to counts, since the count matrix
/// is all a ranking needs.
///
/// CSV is parsed byte by byte from the mapped file (RFC 4180 quoting, CRLF or LF) with system names
/// interned by hash, because a million rows must cost about as much as reading them. Any malformed
/// row fails the whole read with `file:line: message` lines (the first 20, then a count).
public enum BattleFileReader {
    public static let maxReported = 20
    /// More distinct names than this is almost always the wrong column or a damaged file; the
    /// count matrix (K²) and the fit (K³) would also outgrow a laptop.
    public static let maxSystems = 1000

    /// The battles of a file as counts, and per cluster (the values of a column such as
    /// `question_id`) when one was named, for the clustered bootstrap.
    public struct Battles: Sendable {
        public var counts: BattleCounts
        /// `clusters[c]`: the compared pairs within cluster c (empty when no cluster column).
        public var clusters: [[PairTally]]
    }

    /// - Parameter cluster: a column (CSV) or field (JSON) whose values group battles for a
    ///   clustered bootstrap, e.g. `question_id`.
    public static func read(path: String, displayName: String? = nil, cluster: String? = nil) throws(DiagnosticsError) -> Battles {
        let name = displayName ?? path
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path), options: .alwaysMapped)
        } catch {
            throw DiagnosticsError([Diagnostic(file: name, line: nil, message: "cannot read the file (\((error as NSError).localizedDescription))")])
        }
        let lower = path.lowercased()
        if lower.hasSuffix(".jsonl") || lower.hasSuffix(".ndjson") { return try parseJSONLines(data, file: name, cluster: cluster) }
        if lower.hasSuffix(".json") { return try parseJSON(data, file: name, cluster: cluster) }
        if lower.hasSuffix(".csv") { return try parseCSV(data, file: name, cluster: cluster) }
        switch data.first(where: { ![0x20, 0x09, 0x0A, 0x0D].contains($0) }) {
        case UInt8(ascii: "{"): return try parseJSONLines(data, file: name, cluster: cluster)
        case UInt8(ascii: "["): return try parseJSON(data, file: name, cluster: cluster)
        default: return try parseCSV(data, file: name, cluster: cluster)
        }
    }

    // MARK: CSV

    /// - Parameter parallelAbove: files with more bytes of rows than this are read on all cores.
    public static func parseCSV(_ data: Data, file: String, cluster: String? = nil,
                                parallelAbove: Int = 4_000_000) throws(DiagnosticsError) -> Battles {
        var tally = Tally()
        var problems = Problems(file: file)
        var parallel: Battles?
        data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) in
            guard let base = raw.baseAddress?.assumingMemoryBound(to: UInt8.self) else {
                problems.add(1, "the file is empty (expected a header row with model_a, model_b, winner)")
                return
            }
            var scanner = CSVScanner(base: base, end: raw.count)
            scanner.skipByteOrderMark()
            scanner.skipBlankLines()
            guard !scanner.atEnd else {
                problems.add(1, "the file is empty (expected a header row with model_a, model_b, winner)")
                return
            }
            let headerLine = scanner.line
            var header: [String] = []
            if let problem = scanner.readRow({ _, field in
                header.append(CSVScanner.text(base + field.start, field.count, field.escaped).trimmingCharacters(in: .whitespaces))
            }) {
                problems.add(headerLine, "the header row: " + problem.message)
                return
            }
            let wanted = ["model_a", "model_b", "winner"] + (cluster.map { [$0] } ?? [])
            let columns = wanted.map { header.firstIndex(of: $0) }
            let missing = zip(wanted, columns).filter { $0.1 == nil }.map(\.0)
            guard missing.isEmpty else {
                problems.add(headerLine, "the header row lacks " + missing.map { "`\($0)`" }.joined(separator: ", ")
                             + " (found: " + header.prefix(12).map { "`\($0)`" }.joined(separator: ", ")
                             + "); expected Chatbot Arena columns model_a, model_b, winner"
                             + (cluster.map { " and the cluster column \($0)" } ?? ""))
                return
            }
            let layout = Columns(a: columns[0]!, b: columns[1]!, winner: columns[2]!,
                                 cluster: cluster == nil ? -1 : columns[3]!, headerCount: header.count)
            let rowsStart = scanner.position
            let end = raw.count
            // Without quotes, a row never spans lines: big files are cut at line ends and read on
            // all cores. Any problem sends the whole file through the sequential reader, whose
            // line numbers are exact.
            let workers = ProcessInfo.processInfo.activeProcessorCount
            if cluster == nil, workers > 1, end - rowsStart > parallelAbove,
               memchr(base + rowsStart, 0x22, end - rowsStart) == nil,
               let merged = parseInParallel(base, from: rowsStart, end: end, layout: layout, workers: workers, file: file) {
                parallel = merged
                return
            }
            parseRows(base, from: rowsStart, end: end, line: scanner.line, layout: layout, tally: &tally, problems: &problems)
        }
        if let parallel { return parallel }
        return try problems.finish(tally)
    }

    /// Where the needed columns are.
    struct Columns {
        var a: Int
        var b: Int
        var winner: Int
        var cluster: Int
        var headerCount: Int
        var lastNeeded: Int { max(a, b, winner, cluster) }
    }

    /// Reads the rows in `from..<end` (starting on line `line`) into `tally`.
    static func parseRows(_ base: UnsafePointer<UInt8>, from: Int, end: Int, line firstLine: Int, layout: Columns,
                          tally: inout Tally, problems: inout Problems) {
        let lastNeeded = layout.lastNeeded
        var position = from
        var line = firstLine
        while true {
            // Blank lines between rows are skipped.
            while position < end, base[position] == 0x0A || base[position] == 0x0D {
                if base[position] == 0x0A { line += 1 }
                position += 1
            }
            if position >= end { break }
            let rowLine = line
            var a = -1, b = -1
            var outcome: BattleOutcome?
            var winnerField = (0, 0, false)
            var clusterID: Int?
            var rowProblem: CSVScanner.Problem?
            var field = 0
            while true {
                var start = position
                var count: Int
                var escaped = false
                var hash: UInt64 = 0
                let first = base[position]
                let quote = first == 0x22 ? position
                    : CSVScanner.isBlank(first) ? CSVScanner.openingQuote(base, at: position, end: end) : nil
                if let quote {
                    position = quote
                    let scanned = CSVScanner.scanQuotedField(base, position: &position, end: end, line: &line)
                    (start, count, escaped) = (scanned.field.start, scanned.field.count, scanned.field.escaped)
                    rowProblem = rowProblem ?? scanned.problem
                    if !escaped { hash = NameHash.of(base + start, count) }
                } else {
                    let scanned = NameHash.scanField(base, from: position, end: end)
                    count = scanned.end - position
                    position = scanned.end
                    hash = scanned.hash
                }
                if field == layout.a {
                    a = escaped ? tally.intern(base + start, count, true) : tally.intern(base + start, count, hash: hash)
                } else if field == layout.b {
                    b = escaped ? tally.intern(base + start, count, true) : tally.intern(base + start, count, hash: hash)
                } else if field == layout.winner {
                    outcome = escaped ? nil : Self.outcome(base + start, count)
                    winnerField = (start, count, escaped)
                } else if field == layout.cluster {
                    clusterID = tally.cluster(CSVScanner.text(base + start, count, escaped))
                }
                field += 1
                if position >= end { break }
                let byte = base[position]
                position += 1
                if byte == 0x2C {
                    if position >= end { field += 1 }  // a trailing comma ends in an empty field
                    if position < end { continue }
                    break
                }
                // As in CSVScanner.readRow: a lone CR ends the row, only LF ends a line.
                if byte == 0x0D {
                    guard position < end, base[position] == 0x0A else { break }
                    position += 1
                }
                line += 1
                break
            }
            if let rowProblem {
                problems.add(rowLine, rowProblem.message)
                continue
            }
            if field <= lastNeeded {
                problems.add(rowLine, "\(field) field\(field == 1 ? "" : "s"), but the header has \(layout.headerCount) (model_a, model_b and winner are columns \(layout.a + 1), \(layout.b + 1), \(layout.winner + 1))")
                continue
            }
            guard let outcome else {
                let shown = CSVScanner.text(base + winnerField.0, winnerField.1, winnerField.2)
                problems.add(rowLine, "winner is `\(shown)`; expected model_a, model_b, tie or tie (bothbad)")
                continue
            }
            if let problem = tally.add(a, b, outcome, cluster: clusterID) { problems.add(rowLine, problem) }
        }
    }

    /// The rows cut into one slice per worker at line ends, each read into its own tally, then
    /// merged by system name. nil when any slice has a problem (the caller then reads sequentially).
    static func parseInParallel(_ base: UnsafePointer<UInt8>, from: Int, end: Int, layout: Columns,
                                workers: Int, file: String) -> Battles? {
        var cuts = [from]
        for worker in 1..<workers {
            var cut = max(cuts.last!, from + (end - from) * worker / workers)
            while cut < end, base[cut - 1] != 0x0A { cut += 1 }
            cuts.append(cut)
        }
        cuts.append(end)
        let slices = cuts
        let results = UnsafeMutableBufferPointer<(counts: BattleCounts, clean: Bool)?>.allocate(capacity: workers)
        results.initialize(repeating: nil)
        defer {
            _ = results.deinitialize()
            results.deallocate()
        }
        nonisolated(unsafe) let shared = results
        nonisolated(unsafe) let bytes = base
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            var tally = Tally()
            var problems = Problems(file: file)
            parseRows(bytes, from: slices[worker], end: slices[worker + 1], line: 1, layout: layout, tally: &tally, problems: &problems)
            shared[worker] = (tally.counts, problems.isEmpty)
        }
        var systems: [String] = []
        var seen: Set<String> = []
        for result in results {
            guard let result, result.clean else { return nil }
            for system in result.counts.systems where seen.insert(system).inserted { systems.append(system) }
        }
        guard !systems.isEmpty else { return nil }
        var merged = BattleCounts(systems: systems)
        for result in results {
            let counts = result!.counts
            let index = counts.systems.map { merged.index(of: $0)! }
            for i in 0..<counts.count {
                for j in 0..<counts.count where i != j {
                    merged.add(index[i], index[j], .winA, times: counts.wins(i, over: j))
                    if i < j {
                        merged.add(index[i], index[j], .tie, times: counts.ties(i, j))
                        merged.add(index[i], index[j], .bothWeak, times: counts.bothWeak(i, j))
                    }
                }
            }
        }
        return Battles(counts: merged, clusters: [])
    }

    @inline(__always)
    static func outcome(_ bytes: UnsafePointer<UInt8>, _ count: Int) -> BattleOutcome? {
        func equals(_ literal: StaticString) -> Bool {
            count == literal.utf8CodeUnitCount && memcmp(bytes, literal.utf8Start, count) == 0
        }
        if count == 7 {
            if equals("model_a") { return .winA }
            if equals("model_b") { return .winB }
            return nil
        }
        if equals("tie") { return .tie }
        if equals("tie (bothbad)") { return .bothWeak }
        return nil
    }

    // MARK: JSON

    public static func parseJSONLines(_ data: Data, file: String, cluster: String? = nil) throws(DiagnosticsError) -> Battles {
        var tally = Tally()
        var problems = Problems(file: file)
        JSONLines.forEachLine(in: data) { lineNumber, bytes in
            guard let object = JSONLines.object(bytes) else {
                problems.add(lineNumber, JSONLines.describeInvalid(bytes))
                return
            }
            add(object, at: lineNumber, cluster: cluster, to: &tally, &problems)
        }
        if tally.systems.isEmpty, problems.isEmpty { problems.add(1, "no battles found") }
        return try problems.finish(tally)
    }

    public static func parseJSON(_ data: Data, file: String, cluster: String? = nil) throws(DiagnosticsError) -> Battles {
        guard let array = (try? JSONSerialization.jsonObject(with: data)) as? [Any] else {
            throw DiagnosticsError([Diagnostic(file: file, line: 1, message: "not a JSON array of battles (for one battle a line, name the file .jsonl)")])
        }
        var tally = Tally()
        var problems = Problems(file: file)
        for (index, element) in array.enumerated() {
            guard let object = element as? [String: Any] else {
                problems.add(nil, "battle #\(index + 1) is not a JSON object")
                continue
            }
            add(object, at: nil, entry: index + 1, cluster: cluster, to: &tally, &problems)
        }
        return try problems.finish(tally)
    }

    private static func add(_ object: [String: Any], at line: Int?, entry: Int? = nil, cluster: String?,
                            to tally: inout Tally, _ problems: inout Problems) {
        let prefix = entry.map { "battle #\($0): " } ?? ""
        var missing: [String] = []
        let a = object["model_a"] as? String
        let b = object["model_b"] as? String
        let winner = object["winner"] as? String
        if a == nil { missing.append("model_a") }
        if b == nil { missing.append("model_b") }
        if winner == nil { missing.append("winner") }
        guard let a, let b, let winner else {
            problems.add(line, prefix + "no string " + missing.map { "`\($0)`" }.joined(separator: ", "))
            return
        }
        let outcomes: [String: BattleOutcome] = ["model_a": .winA, "model_b": .winB, "tie": .tie, "tie (bothbad)": .bothWeak]
        guard let outcome = outcomes[winner] else {
            problems.add(line, prefix + "winner is `\(winner)`; expected model_a, model_b, tie or tie (bothbad)")
            return
        }
        var clusterID: Int?
        if let cluster {
            // Question ids are often numbers: any scalar value names a cluster.
            guard let value = object[cluster], !(value is NSNull), !(value is [Any]), !(value is [String: Any]) else {
                problems.add(line, prefix + "no `\(cluster)` (the cluster field)")
                return
            }
            clusterID = tally.cluster("\(value)")
        }
        if let problem = tally.add(tally.intern(a), tally.intern(b), outcome, cluster: clusterID) { problems.add(line, prefix + problem) }
    }

    // MARK: Accumulation

    /// Systems in order of first appearance, and a growable count matrix.
    struct Tally {
        var systems: [String] = []
        var names: [[UInt8]] = []
        private var slots = [Int32](repeating: -1, count: 1024)
        private var hashes: [UInt64] = []
        private var capacity = 16
        /// `cells[(a * capacity + b) * 4 + outcome]`.
        private var cells = [Int](repeating: 0, count: 16 * 16 * 4)
        private var clusterIDs: [String: Int] = [:]
        /// Counts per (cluster, a, b, outcome), packed into one key; only with a cluster column.
        private var clusterCells: [UInt64: Int] = [:]

        mutating func cluster(_ name: String) -> Int {
            if let id = clusterIDs[name] { return id }
            clusterIDs[name] = clusterIDs.count
            return clusterIDs.count - 1
        }

        mutating func intern(_ name: String) -> Int {
            let bytes = Array(name.utf8)
            return bytes.withUnsafeBufferPointer { intern($0.baseAddress ?? UnsafePointer(bitPattern: 1)!, $0.count, false) }
        }

        /// The id of the name in these bytes (CSV-quoted with `""` escapes when `escaped`).
        mutating func intern(_ start: UnsafePointer<UInt8>, _ count: Int, _ escaped: Bool) -> Int {
            if escaped {
                let bytes = Array(CSVScanner.text(start, count, true).utf8)
                return bytes.withUnsafeBufferPointer { intern($0.baseAddress ?? UnsafePointer(bitPattern: 1)!, $0.count, false) }
            }
            return intern(start, count, hash: NameHash.of(start, count))
        }

        /// The id of the name in these bytes, whose `NameHash` is already known.
        @inline(__always)
        mutating func intern(_ start: UnsafePointer<UInt8>, _ count: Int, hash: UInt64) -> Int {
            if count == 0 { return -2 }
            let mask = slots.count - 1
            var slot = Int(truncatingIfNeeded: hash) & mask
            while slots[slot] >= 0 {
                let id = Int(slots[slot])
                if hashes[id] == hash, names[id].count == count,
                   names[id].withUnsafeBufferPointer({ memcmp($0.baseAddress!, start, count) == 0 }) {
                    return id
                }
                slot = (slot + 1) & mask
            }
            if systems.count >= BattleFileReader.maxSystems { return -3 }
            let id = systems.count
            let bytes = Array(UnsafeBufferPointer(start: start, count: count))
            names.append(bytes)
            hashes.append(hash)
            systems.append(String(decoding: bytes, as: UTF8.self))
            slots[slot] = Int32(id)
            if systems.count * 2 > slots.count { rehash() }
            if systems.count > capacity { grow() }
            return id
        }

        /// nil when added, else what is wrong with the battle.
        mutating func add(_ a: Int, _ b: Int, _ outcome: BattleOutcome, cluster: Int? = nil) -> String? {
            if a == -2 || b == -2 { return "empty system name in model_a or model_b" }
            if a == -3 || b == -3 { return "more than \(BattleFileReader.maxSystems) different systems; is model_a/model_b the right column?" }
            if a == b { return "`\(systems[a])` cannot battle itself (model_a equals model_b)" }
            cells[(a * capacity + b) * 4 + Int(outcome.rawValue)] += 1
            if let cluster {
                // Systems fit in 10 bits (at most 1000), clusters in the 40 bits above them.
                clusterCells[UInt64(cluster) << 24 | UInt64(a) << 14 | UInt64(b) << 4 | UInt64(outcome.rawValue), default: 0] += 1
            }
            return nil
        }

        /// Per cluster, in order of first appearance, its battles as pair tallies.
        var clusters: [[PairTally]] {
            var perCluster = [[Int: PairTally]](repeating: [:], count: clusterIDs.count)
            let k = systems.count
            for (key, n) in clusterCells {
                let cluster = Int(key >> 24), a = Int((key >> 14) & 0x3FF), b = Int((key >> 4) & 0x3FF)
                let outcome = BattleOutcome(rawValue: UInt8(key & 0xF))!
                let (i, j) = (min(a, b), max(a, b))
                var tally = perCluster[cluster][i * k + j] ?? PairTally(i: i, j: j, winsI: 0, winsJ: 0, ties: 0)
                switch outcome {
                case .winA: if a == i { tally.winsI += Double(n) } else { tally.winsJ += Double(n) }
                case .winB: if b == i { tally.winsI += Double(n) } else { tally.winsJ += Double(n) }
                case .tie, .bothWeak: tally.ties += Double(n)
                }
                perCluster[cluster][i * k + j] = tally
            }
            return perCluster.map { tallies in tallies.keys.sorted().map { tallies[$0]! } }
        }

        private mutating func rehash() {
            slots = [Int32](repeating: -1, count: slots.count * 2)
            let mask = slots.count - 1
            for (id, hash) in hashes.enumerated() {
                var slot = Int(truncatingIfNeeded: hash) & mask
                while slots[slot] >= 0 { slot = (slot + 1) & mask }
                slots[slot] = Int32(id)
            }
        }

        private mutating func grow() {
            let newCapacity = capacity * 2
            var grown = [Int](repeating: 0, count: newCapacity * newCapacity * 4)
            for a in 0..<capacity {
                for b in 0..<capacity {
                    for outcome in 0..<4 {
                        grown[(a * newCapacity + b) * 4 + outcome] = cells[(a * capacity + b) * 4 + outcome]
                    }
                }
            }
            cells = grown
            capacity = newCapacity
        }

        var counts: BattleCounts {
            var counts = BattleCounts(systems: systems)
            for a in 0..<systems.count {
                for b in 0..<systems.count {
                    for outcome in BattleOutcome.allCases {
                        let n = cells[(a * capacity + b) * 4 + Int(outcome.rawValue)]
                        if n > 0 { counts.add(a, b, outcome, times: Double(n)) }
                    }
                }
            }
            return counts
        }
    }

    struct Problems {
        var file: String
        var diagnostics: [Diagnostic] = []
        var total = 0

        var isEmpty: Bool { total == 0 }

        mutating func add(_ line: Int?, _ message: String) {
            total += 1
            if diagnostics.count < BattleFileReader.maxReported {
                diagnostics.append(Diagnostic(file: file, line: line, message: message))
            }
        }

        func finish(_ tally: Tally) throws(DiagnosticsError) -> Battles {
            if total > diagnostics.count {
                throw DiagnosticsError(diagnostics + [Diagnostic(file: file, line: nil,
                    message: "\(total - diagnostics.count) more malformed rows not shown (\(total) in all)")])
            }
            if !diagnostics.isEmpty { throw DiagnosticsError(diagnostics) }
            if tally.systems.isEmpty { throw DiagnosticsError([Diagnostic(file: file, line: 1, message: "no battles found")]) }
            return Battles(counts: tally.counts, clusters: tally.clusters)
        }
    }
}
