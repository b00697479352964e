import Foundation
import Testing
@testable import AgonCore

@Suite(.serialized) struct TwoWritersTests {
    @Test func sameRaterStartedTogetherGivesExactlyOneWriter() {
        for _ in 0..<5 {
            let workspace = FaultWorkspace()
            let arguments = ["scripted-rater", "load", "--rater", "twin", "--count", "6", "--pause-milliseconds", "40"]
            let first = AgonProcess.start(arguments, home: workspace.root, program: .bench)
            let second = AgonProcess.start(arguments, home: workspace.root, program: .bench)
            let statuses = [first.wait(), second.wait()]
            let errors = [first.errorOutput, second.errorOutput]
            #expect(statuses.sorted() == [0, 1], "\(statuses) \(errors)")
            #expect(errors.contains { $0.contains("is already open in another `agon rate`") }, "\(errors)")
            #expect(workspace.judgementCounts("twin").count == 6)
            #expect(workspace.contents("twin").problems.isEmpty)
            first.cleanUp()
            second.cleanUp()
        }
    }

    @Test func differentRatersInParallelAllWork() {
        let workspace = FaultWorkspace()
        let raters = ["ann", "ben", "cat", "dan"]
        let processes = raters.map {
            AgonProcess.start(["scripted-rater", "load", "--rater", $0, "--count", "10"], home: workspace.root, program: .bench)
        }
        for (rater, process) in zip(raters, processes) {
            #expect(process.wait() == 0, "\(rater): \(process.errorOutput)")
            #expect(workspace.judgementCounts(rater).count == 10)
            process.cleanUp()
        }
    }
}
