import ArgumentParser
import Foundation
import WarmPathKit

struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write the merged network of people as a graph file (GraphML, GEXF, node-link JSON or Neo4j CSV).",
        discussion: """
            People become nodes (name, company, position, profile_url, email); every pair of people who
            share events becomes one undirected edge with weight = the number of events and their kinds.

            Examples:
              warmpath export fixtures/linkedin --format json --output /tmp/network.json
              warmpath export archive.zip contacts.vcf --format neo4j --out /tmp/neo4j
            --format json writes NetworkX node-link JSON (edges key) to the --output file; neo4j
            writes nodes.csv and relationships.csv into the --out folder for
            `neo4j-admin database import full`.
            """
    )

    @OptionGroup var input: SourceOptions

    @Option(
        help: ArgumentHelp(
            "Output format: "
                + GraphExportFormat.allCases.map { "\($0.rawValue) (\($0.summary))" }.joined(separator: ", ") + ".",
            valueName: "format"))
    var format: GraphExportFormat

    @Option(
        help: ArgumentHelp(
            "File to write, for a single-file format. Example: --output /tmp/network.graphml", valueName: "file"))
    var output: String?

    @Option(
        help: ArgumentHelp(
            "Folder to write, for --format neo4j (created when missing). Example: --out /tmp/neo4j", valueName: "dir"))
    var out: String?

    @OptionGroup var csv: CSVOptions
    @OptionGroup var quietOption: QuietOption

    func validate() throws {
        if format.writesFolder {
            guard out != nil, output == nil else {
                throw ValidationError(
                    "--format \(format.rawValue) writes a folder: give --out DIR, for example --out /tmp/neo4j")
            }
        } else {
            guard output != nil, out == nil else {
                throw ValidationError(
                    "--format \(format.rawValue) writes one file: give --output FILE, for example --output /tmp/network.\(format.rawValue)"
                )
            }
        }
    }

    func run() throws {
        let quiet = quietOption.quiet
        let loaded = try ReportPipeline.load(
            RunConfiguration(sources: input.sources, options: input.importOptions), progress: .automatic(quiet: quiet))
        for note in loaded.notes where !quiet || note.isError {
            CLI.printLine(note.line)
        }
        let doc = NetworkGraphExport.document(from: loaded.network)
        let target = out ?? output ?? ""
        if let out {
            try FileOutput.write(format.render(doc).csvBOM(csv.bom), into: out)
        } else if let output {
            try FileOutput.write(format.render(doc)[0].contents, toFile: output)
        }
        if !quiet {
            CLI.printLine(
                "\(format.rawValue) written to \(target) (\(Format.grouped(doc.nodeCount)) nodes, \(Format.grouped(doc.edgeCount)) edges)"
            )
        }
    }
}
