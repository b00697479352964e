import ArgumentParser

/// `agon sessions`: without a subcommand (or with a study id) the progress table, as always;
/// `agon sessions import FILES…` takes in journals rated elsewhere. ArgumentParser matches a
/// subcommand only where the parent takes no argument of its own, hence the default `list`.
struct SessionsGroup: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sessions",
        abstract: "List raters with their progress (rated / total, repeats, skipped, last activity), or import journals rated elsewhere.",
        subcommands: [SessionsListCommand.self, SessionsImportCommand.self],
        defaultSubcommand: SessionsListCommand.self)
}
