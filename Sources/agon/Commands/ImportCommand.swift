import AgonCore
import ArgumentParser
import Foundation

struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Build a study from a JSONL file of answers from any source.")

    @Argument(help: "The id of the study to write (Studies/<id>/).")
    var study: String

    func run() throws {
        throw Failure("not yet")
    }
}
