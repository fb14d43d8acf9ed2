import ArgumentParser
import Foundation
import WarmPathKit
import WarmPathStore

/// `warmpath history --store FILE`: the stored weekly snapshots with their counts.
struct HistoryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "history",
        abstract: "List the weekly snapshots kept in a snapshot store, with their counts.",
        discussion: """
            Example:
              warmpath history --store ~/warmpath/store.sqlite
            Prints one line per snapshot, oldest first: as-of date, people, connections, alerts, warm paths.
            Exits 1 when the store cannot be read.
            """
    )

    @Option(
        help: ArgumentHelp(
            "The snapshot store written by `warmpath report --store`. Example: --store store.sqlite", valueName: "file")
    )
    var store: String

    @Flag(
        help:
            "Print CSV (as_of,people,connections,alerts,paths; CRLF line ends, no byte-order mark) instead of a table.")
    var csv = false

    func validate() throws {
        if store.isEmpty { throw ValidationError("--store needs a file name, for example --store store.sqlite") }
        if !FileManager.default.fileExists(atPath: store) {
            throw ValidationError("no snapshot store at \(store); `warmpath report --store \(store)` creates it")
        }
    }

    func run() throws {
        let rows = try SnapshotStore(path: store, access: .readOnly).list()
        if csv {
            // Every cell went through CSVWriter; the CRLF row ends go out as they are.
            CLI.writeOut(Data(HistoryCommand.render(rows, csv: true).utf8))
        } else {
            CLI.printOut(HistoryCommand.render(rows, csv: false))
        }
    }

    /// The listing as text (a table, or CSV).
    static func render(_ rows: [SnapshotSummary], csv: Bool) -> String {
        if csv {
            var w = CSVWriter(header: ["as_of", "people", "connections", "alerts", "paths"])
            for r in rows {
                w.row([r.asOf, String(r.people), String(r.connections), String(r.alerts), String(r.paths)])
            }
            return w.text
        }
        if rows.isEmpty { return "no snapshots yet\n" }
        let header = ["as-of", "people", "connections", "alerts", "paths"]
        let body = rows.map {
            [
                $0.asOf, Format.grouped($0.people), Format.grouped($0.connections), Format.grouped($0.alerts),
                Format.grouped($0.paths),
            ]
        }
        var widths = header.map(\.count)
        for r in body { for (i, c) in r.enumerated() { widths[i] = max(widths[i], c.count) } }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { i, c in
                let pad = String(repeating: " ", count: widths[i] - c.count)
                return i == 0 ? c + pad : pad + c
            }.joined(separator: "  ")
        }
        return ([line(header)] + body.map(line)).joined(separator: "\n") + "\n"
    }
}
