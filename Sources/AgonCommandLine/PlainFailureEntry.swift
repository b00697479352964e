import ArgumentParser
import Foundation

extension ParsableCommand {
    /// Like the default entry point, but problems in a person's files come out as plain
    /// `file:line: message` lines, without ArgumentParser's "Error:" prefix or usage text.
    public static func mainPrintingFailuresPlainly() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch let failure as Failure {
            FileHandle.standardError.write(Data((failure.description + "\n").utf8))
            Foundation.exit(1)
        } catch {
            exit(withError: error)
        }
    }
}
