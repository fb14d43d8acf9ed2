import ArgumentParser
import Foundation
import WarmPathKit

struct DistancesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "distances",
        abstract: "Least-cost distances from one node of a graph file to every node it reaches.",
        discussion: """
            Writes node,hops,cost for every reachable node, sorted by cost then node id (CRLF line ends; a --output file starts with a UTF-8 byte-order mark unless --no-bom is given).

            Reads every graph format warmpath knows (GraphML, GEXF, node-link / Cytoscape / graphology JSON, GML, Pajek, edge lists); edges are directed as the file says (edge lists: directed).

            Without --weight, cost is the number of hops (breadth-first search). With --weight, cost is the sum of transformed weights along the least-cost path (neglog: 0 - ln w, for trust probabilities in (0, 1]; inverse: 1/w, for w > 0; none: w, for w >= 0) and hops is the fewest edges among the least-cost paths. A weight the transform cannot use is an error, and so is NaN; a weight that is not a number counts as 1. Unusual weights (NaN, infinite, zero, negative, not a number) are counted on one line.

            Examples:
              warmpath distances karate.graphml --from 0
              warmpath distances trust.csv --from 0 --weight weight --transform neglog --output distances.csv
            """
    )

    @Argument(
        help: ArgumentHelp(
            "The graph file (GraphML, GEXF, JSON, GML, Pajek, or an edge list: CSV, TSV, SNAP, KONECT, NCOL).",
            valueName: "source"))
    var source: String

    @Option(help: ArgumentHelp("Id of the start node, as written in the file.", valueName: "id"))
    var from: String

    @Option(
        help: ArgumentHelp(
            "Edge attribute holding the weight ('weight' = the file's weight column); without it every edge is one hop.",
            valueName: "attr"))
    var weight: String?

    @Option(
        help: ArgumentHelp(
            "How a weight becomes a cost: " + CostTransform.allCases.map(\.rawValue).joined(separator: ", ")
                + " (default: neglog). Needs --weight.",
            valueName: "t"))
    var transform: CostTransform?

    @Flag(help: "Treat every edge as undirected.")
    var undirected = false

    @Option(help: ArgumentHelp("Write the CSV to this file instead of standard output.", valueName: "file"))
    var output: String?

    @OptionGroup var csv: CSVOptions
    @OptionGroup var quietOption: QuietOption

    func validate() throws {
        if transform != nil && weight == nil {
            throw ValidationError("--transform applies to weights: add --weight (for example --weight weight)")
        }
    }

    func run() throws {
        let options = Distances.Options(
            weightAttribute: weight, transform: transform ?? .neglog, undirected: undirected)
        let file = try GraphFile.read(path: source, source: "distances")
        // The census of unusual weights comes first: it explains a refusal of NaN weights below.
        if !quietOption.quiet, let note = file.weights.summary {
            CLI.printLine("\((source as NSString).lastPathComponent): \(note)")
        }
        let warnings = file.issues.filter { $0.severity >= .warning }.count
        // CSVWriter has already replaced control characters in every cell: the bytes go out as they are.
        let rows: Int
        if let output {
            // A file starts with the byte-order mark (unless --no-bom); standard output never does.
            // The rows go to it while the search runs; it replaces `output` once complete.
            let out = OutputFile(path: output, prefix: csv.bom ? CSVWriter.byteOrderMark : [])
            rows = try Distances.write(file.document, from: from, options: options, csr: file.csr, to: out)
            Parallel.release(file)
            try out.commit()
        } else {
            let (count, raw) = try Distances.csv(file.document, from: from, options: options, csr: file.csr)
            Parallel.release(file)
            CLI.writeOut(Data(raw))
            rows = count
        }
        if !quietOption.quiet {
            CLI.printLine(
                "\((source as NSString).lastPathComponent): \(Format.grouped(rows)) nodes reached from \(from)"
                    + (warnings > 0 ? ", \(warnings) warnings" : ""))
        }
    }
}
