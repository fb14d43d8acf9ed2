import ArgumentParser
import Foundation
import WarmPathKit

struct InspectCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inspect",
        abstract: "Say what each source is (kind, owner, files, rows read and skipped) without writing a report.",
        discussion: """
            Example:
              warmpath inspect fixtures/linkedin
              warmpath inspect network.graphml --json
            Exits 1 when no source was usable.
            """
    )

    @OptionGroup var input: SourceOptions

    @Flag(help: "Print JSON: {\"sources\": [...]} with one object per source.")
    var json = false

    func run() throws {
        let loaded = SourceLoader(options: input.importOptions).load(input.sources, peopleFromGraphs: false)
        let report = InspectReport(loaded)
        if json {
            CLI.printOut(report.json + "\n")
        } else {
            CLI.printOut(report.text)
        }
        if loaded.allSatisfy({ $0.result == nil && $0.graph == nil }) {
            throw ExitCode(ExitStatus.nothingUsable.rawValue)
        }
    }
}
