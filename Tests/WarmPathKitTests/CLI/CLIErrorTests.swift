import Foundation
import Testing
@testable import WarmPathSupport

/// Every error reaches the user as one `warmpath:` line in plain words, naming the path and the
/// reason, with the documented exit status (runs the built binary, like ``CLIEndToEndTests``).
@Suite(.enabled(if: CLIBinary.url != nil, "needs the warmpath binary: run `swift build` first"))
struct CLIErrorTests {
    static let tmp = FileManager.default.temporaryDirectory

    /// Runs warmpath and checks the common shape of an error: one line, one prefix, no
    /// Foundation domain or code, the expected status.
    func failure(_ args: [String], status: Int32) throws -> String {
        let r = try CLIEndToEndTests().run(args)
        #expect(r.status == status, "\(args): \(r.stderr)")
        let lines = r.stderr.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        #expect(lines.count == 1, "\(args): \(r.stderr)")
        #expect(r.stderr.hasPrefix("warmpath: ") && !r.stderr.dropFirst(10).contains("warmpath:"), "\(r.stderr)")
        for leak in ["Error Domain", "Code=", "NSCocoaErrorDomain", "The operation could not be completed", "Error:"] {
            #expect(!r.stderr.contains(leak), "\(args): \(r.stderr)")
        }
        return r.stderr
    }

    static func scratch(_ name: String) -> URL {
        tmp.appendingPathComponent("wp-err-\(name)-\(UUID().uuidString)")
    }

    @Test func missingTargetsFile() throws {
        let e = try failure(
            ["report", "fixtures/linkedin", "--targets", "/nonexistent/targets.csv", "--out", "/tmp/wp-never"],
            status: 64)
        #expect(e == "warmpath: --targets /nonexistent/targets.csv: no such file or folder\n")
    }

    @Test(.enabled(if: FileManager.default.fileExists(atPath: "/proc/self")))
    func outInProc() throws {
        let e = try failure(["report", "fixtures/linkedin", "--quiet", "--out", "/proc/x"], status: 1)
        #expect(e.hasPrefix("warmpath: cannot write /proc/x: the folder cannot be created ("), "\(e)")
    }

    @Test func outUnderAFile() throws {
        let file = Self.scratch("file")
        try Data("x".utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let sub = file.appendingPathComponent("sub").path
        let e = try failure(["report", "fixtures/linkedin", "--quiet", "--out", sub], status: 1)
        #expect(e == "warmpath: cannot write \(sub): not a folder: \(file.path)\n")
        let d = try failure(
            [
                "distances", "fixtures/graphs/edgelist/gephi-edges.csv", "--from", "alice", "--output", sub + "/d.csv",
                "--quiet",
            ], status: 1)
        #expect(d == "warmpath: cannot write \(sub)/d.csv: not a folder: \(file.path)\n")
        let x = try failure(
            ["export", "fixtures/linkedin", "--format", "json", "--output", sub + "/g.json", "--quiet"], status: 1)
        #expect(x == "warmpath: cannot write \(sub)/g.json: not a folder: \(file.path)\n")
    }

    /// `distances --output` writes its rows while the search runs, into a file that replaces
    /// the path once complete: a folder at the path is named and left as it was, and a refused
    /// search creates nothing.
    @Test func distancesOutputIsWholeOrNothing() throws {
        let dir = Self.scratch("dist")
        let folder = dir.appendingPathComponent("taken")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let graph = "fixtures/graphs/edgelist/gephi-edges.csv"
        for weighted in [false, true] {
            let e = try failure(
                ["distances", graph, "--from", "alice", "--output", folder.path, "--quiet"]
                    + (weighted ? ["--weight", "weight", "--transform", "none"] : []), status: 1)
            #expect(e == "warmpath: cannot write \(folder.path): is a folder, not a file\n")
            #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["taken"])
        }
        let never = dir.appendingPathComponent("new/d.csv")
        _ = try failure(["distances", graph, "--from", "nobody", "--output", never.path, "--quiet"], status: 64)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["taken"])
    }

    /// A graph file cannot name its owner: `report`, `paths` and `explain` say so before reading it.
    @Test(arguments: [
        ["report", "GRAPH", "--out", "/tmp/wp-never-owner"], ["paths", "GRAPH", "--to", "alice"],
        ["explain", "alice", "GRAPH"],
    ])
    func graphFileWithoutOwner(_ command: [String]) throws {
        let args = command.map { $0 == "GRAPH" ? "fixtures/graphs/edgelist/gephi-edges.csv" : $0 }
        let e = try failure(args, status: 64)
        #expect(
            e
                == "warmpath: the sources name nobody as their owner (graph files and address books have none); give --owner NAME|URL|NODE-ID\n"
        )
        #expect(!FileManager.default.fileExists(atPath: "/tmp/wp-never-owner"))
    }

    @Test func corruptZip() throws {
        let zip = Self.scratch("zip").appendingPathExtension("zip")
        try Data("PK\u{3}\u{4} this is not really a zip archive".utf8).write(to: zip)
        defer { try? FileManager.default.removeItem(at: zip) }
        let e = try failure(["report", zip.path, "--quiet", "--out", "/tmp/wp-never"], status: 1)
        #expect(e.contains(zip.path) && e.contains("not a readable zip archive"), "\(e)")
        #expect(!e.contains("missingEndOfCentralDirectoryRecord"))
    }

    @Test func unreadableConfig() throws {
        // A folder given as the file (mode 000 would not stop root, which CI may run as).
        let dir = Self.scratch("config")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let e = try failure(
            ["report", "fixtures/linkedin", "--config", dir.path, "--out", "/tmp/wp-never"], status: 64)
        #expect(e == "warmpath: cannot read scoring config \(dir.path): is a folder, not a file\n")
        let yaml = dir.appendingPathComponent("bad.yaml")
        try Data("a: [1\n".utf8).write(to: yaml)
        let bad = try failure(["config", "--check", yaml.path], status: 64)
        #expect(bad.hasPrefix("warmpath: cannot read scoring config \(yaml.path): "))
        let missing = try failure(
            ["explain", "Ana Ruiz", "fixtures/linkedin", "--config", "/nonexistent/s.yaml"], status: 64)
        #expect(missing == "warmpath: cannot read scoring config /nonexistent/s.yaml: no such file or folder\n")
    }

    @Test func impossibleAsOfDay() throws {
        for day in ["2024-02-30", "2023-02-29", "2024-13-01", "9999-12-31", "1843-05-01"] {
            let e = try failure(["report", "fixtures/linkedin", "--as-of", day, "--out", "/tmp/wp-never"], status: 64)
            #expect(e.hasPrefix("warmpath: --as-of '\(day)' is not a date; use YYYY-MM-DD"), "\(e)")
        }
        let compare = try failure(
            ["report", "fixtures/linkedin", "--store", "/tmp/wp-never.sqlite", "--compare-to", "2024-02-30"], status: 64
        )
        #expect(compare.hasPrefix("warmpath: --compare-to '2024-02-30' is not a date"))
    }

    @Test func mistypedCommandSuggestsTheRightOne() throws {
        let e = try failure(["reprot", "fixtures/linkedin"], status: 64)
        #expect(e == "warmpath: unknown command 'reprot'; did you mean 'report'?\n")
        let far = try failure(["frobnicate"], status: 64)
        #expect(far.contains("the commands are report, inspect"))
    }

    @Test func maxFileMBIsBounded() throws {
        let e = try failure(["report", "fixtures/linkedin", "--max-file-mb", "8796093022208"], status: 64)
        #expect(e.hasPrefix("warmpath: --max-file-mb must be between 1 and 1048576"), "\(e)")
        _ = try failure(["inspect", "fixtures/linkedin", "--max-file-mb", "0"], status: 64)
    }

    @Test func aFolderFormatNeedsOutAndAFileFormatNeedsOutput() throws {
        let e = try failure(["export", "fixtures/linkedin", "--format", "json", "--out", "/tmp/wp-never"], status: 64)
        #expect(e.contains("--format json writes one file: give --output FILE"))
        let n = try failure(
            ["export", "fixtures/linkedin", "--format", "neo4j", "--output", "/tmp/wp-never.csv"], status: 64)
        #expect(n.contains("--format neo4j writes a folder: give --out DIR"))
    }

    @Test func exportAndDistancesWriteTheirOutputFiles() throws {
        let dir = Self.scratch("out")
        defer { try? FileManager.default.removeItem(at: dir) }
        let graph = dir.appendingPathComponent("a/network.graphml")
        let r = try CLIEndToEndTests().run(
            ["export", "fixtures/linkedin", "--format", "graphml", "--output", graph.path, "--quiet"])
        #expect(r.status == 0 && r.stderr.isEmpty, "\(r.stderr)")
        #expect(try String(contentsOf: graph, encoding: .utf8).contains("<graphml"))
        let neo = dir.appendingPathComponent("neo4j")
        let n = try CLIEndToEndTests().run(["export", "fixtures/linkedin", "--format", "neo4j", "--out", neo.path])
        #expect(n.status == 0)
        #expect(FileManager.default.fileExists(atPath: neo.appendingPathComponent("relationships.csv").path))
        let csv = dir.appendingPathComponent("d.csv")
        let d = try CLIEndToEndTests().run(
            ["distances", "fixtures/graphs/edgelist/gephi-edges.csv", "--from", "alice", "--output", csv.path])
        #expect(d.status == 0, "\(d.stderr)")
        #expect(try CSVFiles.text(csv).hasPrefix("node,hops,cost\r\n"))
    }

    @Test func explainNamesThePersonWhoMatchesNobody() throws {
        let e = try failure(["explain", "Nobody Here", "fixtures/linkedin"], status: 64)
        #expect(
            e
                == "warmpath: 'Nobody Here' matches nobody in the sources; give a name, profile URL, e-mail or person id\n"
        )
        let ok = try CLIEndToEndTests().run(["explain", "Linnea Vik", "fixtures/linkedin", "--quiet"])
        #expect(ok.status == 0 && ok.stderr.isEmpty, "\(ok.stderr)")
        #expect(ok.stdout.hasPrefix("Linnea Vik, PMP ("))
    }
    @Test func calibrateRefusesAMissingOrTooSmallRatingsFile() throws {
        let missing = try failure(
            ["calibrate", "fixtures/linkedin", "--ratings", "/nonexistent/rated.csv", "--out", "/tmp/wp-never"],
            status: 64)
        #expect(missing == "warmpath: --ratings /nonexistent/rated.csv: no such file or folder\n")
        let dir = Self.scratch("few")
        defer { try? FileManager.default.removeItem(at: dir) }
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let rated = try String(contentsOfFile: "fixtures/ratings/noor-rated.csv", encoding: .utf8)
        let few = dir.appendingPathComponent("few.csv")
        try (rated.split(separator: "\n").prefix(4).joined(separator: "\n") + "\n").write(
            to: few, atomically: true, encoding: .utf8)
        let e = try failure(
            [
                "calibrate", "fixtures/linkedin", "fixtures/facebook", "fixtures/twitter", "fixtures/contacts",
                "--ratings", few.path, "--out", dir.appendingPathComponent("out").path, "--quiet",
            ], status: 1)
        #expect(
            e == "warmpath: ratings file few.csv has 3 usable ratings; calibration needs at least 20 rated people"
                + " (fill in more rows of rate-these.csv)\n")
        let ok = try CLIEndToEndTests().run([
            "calibrate", "fixtures/linkedin", "fixtures/facebook", "fixtures/twitter", "fixtures/contacts",
            "--ratings", "fixtures/ratings/noor-rated.csv", "--out", dir.appendingPathComponent("cal").path,
        ])
        #expect(ok.status == 0, "\(ok.stderr)")
        #expect(ok.stdout.contains("metric  defaults  fitted\nmae "))
        #expect(
            ok.stderr.contains("noor-rated.csv:44: warning: Someone Else (p0000000000000000): not found in the sources")
        )
        let csv = try CSVFiles.text(dir.appendingPathComponent("cal/calibration.csv"))
        #expect(csv.hasPrefix("metric,defaults,fitted\r\nmae,"))
        let config = dir.appendingPathComponent("cal/calibrated-scoring.yaml").path
        let check = try CLIEndToEndTests().run(["config", "--check", config])
        #expect(check.status == 0, "\(check.stderr)")
    }
}
