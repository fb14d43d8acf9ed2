import Foundation
import Testing

/// CSV files the commands write start with the UTF-8 byte-order mark (Excel reads accented
/// names with it) and end rows in CRLF; `--no-bom` leaves the mark out; CSV on standard output
/// never has one.
@Suite(.enabled(if: CLIBinary.url != nil, "needs the warmpath binary: run `swift build` first"))
struct CLICSVTests {
    let cli = CLIEndToEndTests()

    static func scratch() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("wp-csv-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }

    @Test func reportAndPathsWriteTheMarkUnlessNoBOM() throws {
        let dir = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let with = dir.appendingPathComponent("with")
        let without = dir.appendingPathComponent("without")
        let a = try cli.run(["report", "fixtures/linkedin", "--out", with.path, "--quiet"])
        let b = try cli.run(["report", "fixtures/linkedin", "--out", without.path, "--quiet", "--no-bom"])
        #expect(a.status == 0 && b.status == 0, "\(a.stderr) \(b.stderr)")
        for name in ["people.csv", "actions.csv", "alerts.csv", "merges.csv"] {
            #expect(try CSVFiles.hasBOM(with.appendingPathComponent(name)), "\(name)")
            #expect(try !CSVFiles.hasBOM(without.appendingPathComponent(name)), "\(name)")
            let bytes = try Data(contentsOf: with.appendingPathComponent(name))
            #expect(Data(bytes.dropFirst(3)) == (try Data(contentsOf: without.appendingPathComponent(name))))
            #expect(try CSVFiles.text(with.appendingPathComponent(name)).contains("\r\n"))
        }
        #expect(try !CSVFiles.hasBOM(with.appendingPathComponent("index.html")))
        #expect(
            try CSVFiles.text(with.appendingPathComponent("actions.csv")).hasPrefix(
                "rank,kind,name,person_id,via,reason,due\r\n"))

        let p = dir.appendingPathComponent("paths")
        let r = try cli.run([
            "paths", "fixtures/linkedin", "--to", "company:Fjordline Analytics", "--out", p.path, "--no-bom",
            "--quiet",
        ])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(try !CSVFiles.hasBOM(p.appendingPathComponent("paths.csv")))
    }

    @Test func distancesAndExportFollowTheSameRule() throws {
        let dir = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let graph = "fixtures/graphs/edgelist/gephi-edges.csv"
        let file = dir.appendingPathComponent("d.csv")
        let d = try cli.run(["distances", graph, "--from", "alice", "--output", file.path, "--quiet"])
        #expect(d.status == 0, "\(d.stderr)")
        #expect(try CSVFiles.hasBOM(file))
        let plain = dir.appendingPathComponent("plain.csv")
        _ = try cli.run(["distances", graph, "--from", "alice", "--output", plain.path, "--quiet", "--no-bom"])
        #expect(try !CSVFiles.hasBOM(plain))
        // Standard output: no mark, CRLF rows, the same text as the file.
        let out = try cli.run(["distances", graph, "--from", "alice", "--quiet"])
        #expect(out.stdout.hasPrefix("node,hops,cost\r\n"))
        #expect(out.stdout == (try CSVFiles.text(file)))
        #expect(out.stdout.unicodeScalars.first != "\u{FEFF}")

        let neo = dir.appendingPathComponent("neo4j")
        let n = try cli.run(["export", "fixtures/linkedin", "--format", "neo4j", "--out", neo.path, "--quiet"])
        #expect(n.status == 0)
        #expect(try CSVFiles.hasBOM(neo.appendingPathComponent("nodes.csv")))
        let neo2 = dir.appendingPathComponent("neo4j-plain")
        _ = try cli.run(["export", "fixtures/linkedin", "--format", "neo4j", "--out", neo2.path, "--quiet", "--no-bom"])
        #expect(try !CSVFiles.hasBOM(neo2.appendingPathComponent("relationships.csv")))
    }
}
