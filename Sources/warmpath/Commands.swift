import ArgumentParser

/// Every subcommand, in `--help` order.
enum CLICommands {
    static let all: [any ParsableCommand.Type] = [
        ReportCommand.self,
        InspectCommand.self,
        PathsCommand.self,
        DistancesCommand.self,
        ConfigCommand.self,
        ExplainCommand.self,
        CalibrateCommand.self,
        HistoryCommand.self,
        ExportCommand.self,
    ]

    /// The command names (`report`, `inspect`, …), for "did you mean".
    static var names: [String] { all.map { $0.configuration.commandName ?? "" } }
}
