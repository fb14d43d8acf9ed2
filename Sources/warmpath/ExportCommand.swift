import ArgumentParser
import Foundation
import WarmPathKit

/// Graph file formats `warmpath export` writes.
enum ExportFormat: String, ExpressibleByArgument, CaseIterable {
    case graphml, gexf, json, neo4j
}

struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write the merged network of people as a graph file (GraphML, GEXF, node-link JSON or Neo4j CSV).",
        discussion: """
            People become nodes (name, company, position, profile_url, email); every pair of people who
            share events becomes one undirected edge with weight = the number of events and their kinds.

            Examples:
              warmpath export fixtures/linkedin --format json --out /tmp/network.json
              warmpath export archive.zip contacts.vcf --format neo4j --out /tmp/neo4j
            --format json writes NetworkX node-link JSON (edges key); neo4j writes nodes.csv and
            relationships.csv into the --out folder for `neo4j-admin database import full`.
            """
    )

    @OptionGroup var input: SourceOptions

    @Option(help: ArgumentHelp("Output format: graphml, gexf, json (node-link) or neo4j (CSV pair).", valueName: "format"))
    var format: ExportFormat

    @Option(help: ArgumentHelp(
        "File to write (a folder for --format neo4j). Example: --out /tmp/network.graphml", valueName: "path"))
    var out: String

    @Flag(help: "Print nothing but errors.")
    var quiet = false

    func run() throws {
        let loaded: LoadedNetwork
        do {
            loaded = try ReportPipeline.load(
                RunConfiguration(sources: input.sources, options: input.importOptions), progress: .automatic(quiet: quiet))
        } catch {
            throw CLI.fail(error)
        }
        for note in loaded.notes where !quiet || note.isError {
            CLI.printLine(note.line)
        }
        let doc = NetworkGraphExport.document(from: loaded.network)
        do {
            switch format {
            case .json:
                try write(Data(NodeLinkWriter.write(doc).utf8), to: out)
            case .neo4j:
                try CLI.write(Neo4jWriter.write(doc), to: out)
            case .graphml:
                try write(Data(GraphMLWriter.write(doc).utf8), to: out)
            case .gexf:
                try write(Data(GEXFWriter.write(doc).utf8), to: out)
            }
        } catch {
            CLI.printError("cannot write \(out): \(error.localizedDescription)")
            throw ExitCode(ExitStatus.nothingUsable.rawValue)
        }
        if !quiet {
            CLI.printLine(
                "\(format.rawValue) written to \(out) (\(Format.grouped(doc.nodeCount)) nodes, \(Format.grouped(doc.edgeCount)) edges)")
        }
    }

    private func write(_ data: Data, to path: String) throws {
        let url = URL(fileURLWithPath: path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try data.write(to: url, options: .atomic)
    }
}
