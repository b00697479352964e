import AgonCommandLine
import Foundation

/// The `agon` whose commands a benchmark times as whole processes: the one built beside this
/// `agon-bench` (SwiftPM puts every product of a build in one folder).
enum AgonBinary {
    static func path() throws(Failure) -> String {
        let own = URL(fileURLWithPath: Bundle.main.executablePath ?? CommandLine.arguments[0]).standardizedFileURL
        let agon = own.deletingLastPathComponent().appendingPathComponent("agon").path
        guard FileManager.default.isExecutableFile(atPath: agon) else {
            throw Failure("\(agon): no agon beside agon-bench; build both first (`swift build -c release`)")
        }
        return agon
    }
}
