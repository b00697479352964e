import Foundation
import Testing
@testable import AgonCore
#if canImport(Glibc)
import Glibc
#endif

/// A scripted rater submits judgements as fast as it can and is killed with SIGKILL at a random
/// moment, again and again, resuming each time. Nothing acknowledged may be lost or doubled.
@Suite(.serialized) struct KillAtRandomMomentsTests {
    /// `AGON_KILL_ROUNDS` raises the count for a long run; CI uses the issue's 200.
    static let rounds = Int(ProcessInfo.processInfo.environment["AGON_KILL_ROUNDS"] ?? "") ?? 200

    @Test func everyAcknowledgedJudgementSurvivesExactlyOnce() throws {
        let workspace = FaultWorkspace(tasks: 1500)
        var random = SeededRandom(seed: 2026)
        // Calibrate on this machine and build: the time to start and resume, and per judgement, so
        // that kills land mostly while judgements are being written.
        func timed(_ count: Int) -> Int {
            let clock = ContinuousClock()
            let started = clock.now
            let run = AgonProcess.run(["scripted-rater", "load", "--rater", "calibration", "--count", "\(count)"], home: workspace.root, program: .bench)
            #expect(run.status == 0)
            return Int((clock.now - started) / .microseconds(1))
        }
        _ = timed(1)
        let startup = timed(1)
        let perJudgement = max(100, (timed(41) - startup) / 40)
        var acknowledged: Set<Int> = []
        var killedMidRun = 0
        var tornLinesSetAside = 0
        var tornTails = 0
        // Whether the journal, as the previous round left it, ends in a torn line.
        var tornBefore = false
        var tornInjected = 0
        for round in 0..<Self.rounds {
            // A kill never tears a line (a small write reaches the page cache whole); a power cut can.
            // Every tenth round begins with such a tear, which the round must set aside.
            var injected: Data?
            if round % 10 == 3, !tornBefore, let handle = try? FileHandle(forWritingTo: workspace.journal("kim")) {
                let tear = Data("{\"type\":\"judgement\",\"seq\":\(90_000 + round),\"item\":1,\"sco".utf8)
                try handle.seekToEnd()
                try handle.write(contentsOf: tear)
                try handle.close()
                injected = tear
                tornBefore = true
            }
            let process = AgonProcess.start(["scripted-rater", "load", "--rater", "kim", "--seed", "\(round)"], home: workspace.root, program: .bench)
            if round % 5 == 0 {
                // While starting up, opening or repairing the journal.
                usleep(useconds_t(random.below(startup)))
            } else {
                // In the middle of writing judgements: once the session is open, within a few of them.
                let clock = ContinuousClock()
                let deadline = clock.now + .seconds(10)
                while !process.output.contains("resuming"), clock.now < deadline { usleep(500) }
                usleep(useconds_t(random.below(8 * perJudgement)))
            }
            process.kill(SIGKILL)
            let status = process.wait()
            if status == 128 + SIGKILL { killedMidRun += 1 }
            let output = process.output
            // A torn line is set aside exactly when the journal had one and the round got as far as
            // opening it, and the side file holds bytes that are not a whole event (a whole event
            // without its newline is kept in the journal instead).
            let setAside = output.split(separator: "\n").first { $0.hasPrefix("torn line set aside: ") }
            if output.contains("resuming") {
                #expect((setAside != nil) == tornBefore, "round \(round): the journal \(tornBefore ? "had" : "had no") torn line, but the output says: \(output.prefix(200))")
            }
            if let setAside {
                tornLinesSetAside += 1
                let side = workspace.root.appendingPathComponent(String(setAside.dropFirst("torn line set aside: ".count)))
                let bytes = try #require(try? Data(contentsOf: side), "round \(round): the side file \(side.path) is missing")
                #expect(!bytes.isEmpty)
                if let injected, tornBefore { #expect(bytes == injected, "round \(round): the side file holds other bytes than the torn line") }
                if case .success(.event) = JournalCodec.decode(bytes) {
                    Issue.record("round \(round): a whole event was set aside as torn: \(String(decoding: bytes, as: UTF8.self))")
                }
            }
            let saved = FaultWorkspace.savedItems(output)
            for item in saved {
                #expect(!acknowledged.contains(item), "item \(item) acknowledged twice (round \(round))")
                acknowledged.insert(item)
            }
            #expect(!process.errorOutput.contains("Fatal") && !process.errorOutput.contains("cannot"),
                    "round \(round): \(process.errorOutput)")
            process.cleanUp()

            // Replay never fails: whatever the kill left, the journal reads, with at most a torn tail.
            let contents = workspace.contents("kim")
            #expect(contents.appendBlockers.isEmpty, "round \(round): \(contents.appendBlockers)")
            #expect(contents.problems.allSatisfy { $0.message.contains("incomplete last line") }, "round \(round): \(contents.problems)")
            if injected != nil, output.contains("resuming") { tornInjected += 1 }
            tornBefore = contents.tornTail != nil
            if tornBefore { tornTails += 1 }
        }
        let sideFiles = try FileManager.default.contentsOfDirectory(atPath: workspace.root.appendingPathComponent("Sessions/load").path)
            .filter { $0.hasPrefix("kim.torn-") }
        #expect(tornLinesSetAside >= tornInjected && tornInjected > 0, "\(tornInjected) rounds opened a journal with a torn line, \(tornLinesSetAside) set one aside")
        // A kill between writing a side file and cutting the journal leaves one more: never fewer.
        #expect(sideFiles.count >= tornLinesSetAside, "every torn line set aside has a side file of its own (\(sideFiles.count) files, \(tornLinesSetAside) reported)")
        // A final, unkilled run resumes cleanly.
        let final = AgonProcess.run(["scripted-rater", "load", "--rater", "kim", "--count", "1"], home: workspace.root, program: .bench)
        #expect(final.status == 0, "\(final.error)")
        acknowledged.formUnion(FaultWorkspace.savedItems(final.output))

        let counts = workspace.judgementCounts("kim")
        for item in acknowledged {
            #expect(counts[item] == 1, "acknowledged item \(item) is in the journal \(counts[item] ?? 0) times")
        }
        #expect(counts.values.allSatisfy { $0 == 1 }, "an item was judged twice")
        #expect(workspace.contents("kim").problems.isEmpty)
        #expect(killedMidRun > Self.rounds / 2, "most rounds should be killed while running (\(killedMidRun))")
        #expect(acknowledged.count > 20, "the scripted rater should get work done between kills (\(acknowledged.count))")
        print("kill test: start \(startup / 1000) ms, \(perJudgement) µs a judgement; \(Self.rounds) rounds, \(killedMidRun) killed mid-run, \(acknowledged.count) judgements acknowledged, "
            + "\(counts.count) in the journal, \(tornTails) torn tails left by a kill, \(tornInjected) rounds opened a torn journal, \(tornLinesSetAside) torn lines set aside")
    }
}
