import ArgumentParser
import Foundation
import WarmPathKit

struct DistancesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "distances",
        abstract: "Least-cost distances from one node of a graph file to every node it reaches.",
        discussion: """
            Writes node,hops,cost for every reachable node, sorted by cost then node id. cost is the sum
            of transformed weights along the least-cost path (neglog: 0 - ln w, for trust probabilities;
            inverse: 1/w; none: w); hops is the number of edges of that path (fewer hops win ties).
            Edges whose weight cannot be transformed (w <= 0, distrust ratings) are not used.
            Example:
              warmpath distances trust.csv --from 0 --output distances.csv
              warmpath distances soc-sign-bitcoinotc.csv --from 35 --transform neglog
            """
    )

    @Argument(help: ArgumentHelp("The graph file (edge list: CSV, TSV, SNAP, KONECT, NCOL).", valueName: "source"))
    var source: String

    @Option(help: ArgumentHelp("Id of the start node, as written in the file.", valueName: "id"))
    var from: String

    @Option(help: ArgumentHelp("Edge attribute holding the weight (default: the weight column).", valueName: "attr"))
    var weight: String?

    @Option(help: ArgumentHelp(
        "How a weight becomes a cost: " + CostTransform.allCases.map(\.rawValue).joined(separator: ", ") + ".",
        valueName: "t"))
    var transform: CostTransform = .neglog

    @Flag(help: "Treat every edge as undirected.")
    var undirected = false

    @Option(help: ArgumentHelp("Write the CSV to this file instead of standard output.", valueName: "file"))
    var output: String?

    @OptionGroup var quietOption: QuietOption

    func run() throws {
        let options = Distances.Options(weightAttribute: weight, transform: transform, undirected: undirected)
        let (rows, issues) = try Distances.run(path: source, from: from, options: options)
        let warnings = issues.filter { $0.severity >= .warning }.count
        if !quietOption.quiet {
            CLI.printLine(
                "\((source as NSString).lastPathComponent): \(Format.grouped(rows.count)) nodes reached from \(from)"
                    + (warnings > 0 ? ", \(warnings) warnings" : ""))
        }
        let text = Distances.csv(rows)
        if let output {
            try FileOutput.write(Data(text.utf8), toFile: output)
        } else {
            CLI.printOut(text)
        }
    }
}
