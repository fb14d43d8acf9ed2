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
        HistoryCommand.self,
        ExportCommand.self,
    ]
}
