import ArgumentParser
import Foundation
import WarmPathKit

struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Read sources and write the report folder (CSV files and index.html).",
        discussion: """
            Example:
              warmpath report fixtures/linkedin --out /tmp/r
              warmpath report Basic_LinkedInDataExport_03-31-2024.zip --as-of 2024-03-31 --out reports/2024-03-31
            """
    )

    @OptionGroup var input: SourceOptions

    @Option(help: ArgumentHelp(
        "Whose point of view the report takes: a name, profile URL or e-mail (default: the owner of the first source). Example: --owner \"Ana Ruiz\"",
        valueName: "name|url"))
    var owner: String?

    @Option(name: .customLong("as-of"), help: ArgumentHelp(
        "The date treated as now for decay and alerts (default: the newest date in the sources). Example: --as-of 2024-03-31",
        valueName: "yyyy-mm-dd"))
    var asOf: String?

    @Option(help: ArgumentHelp("Report folder to write (created when missing). Example: --out /tmp/r", valueName: "dir"))
    var out: String = "reports"

    @Flag(help: "Print nothing but errors.")
    var quiet = false

    func validate() throws {
        _ = try CLI.parseAsOf(asOf)
    }

    func run() throws {
        let config = RunConfiguration(
            sources: input.sources, owner: owner, asOf: try CLI.parseAsOf(asOf), options: input.importOptions)
        let output: ReportOutput
        do {
            output = try ReportPipeline.run(config, progress: .automatic(quiet: quiet))
        } catch {
            throw CLI.fail(error)
        }
        for line in output.loaded.summaryLines where !quiet || line.hasPrefix("error:") {
            CLI.printLine(line)
        }
        do {
            try CLI.write(output.files, to: out)
        } catch {
            CLI.printError("cannot write the report to \(out): \(error.localizedDescription)")
            throw ExitCode(ExitStatus.nothingUsable.rawValue)
        }
        if !quiet {
            CLI.printLine("report written to \(out)/ (\(output.files.map(\.name).sorted().joined(separator: ", ")))")
        }
    }
}
