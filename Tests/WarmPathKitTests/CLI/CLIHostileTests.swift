import Foundation
import Testing

/// Hostile inputs through the built binary: what the user reads on the terminal and the exit
/// status (docs/limits.md lists each case with its test).
@Suite(.enabled(if: CLIBinary.url != nil, "needs the warmpath binary: run `swift build` first"))
struct CLIHostileTests {
    func run(_ args: [String]) throws -> CLIEndToEndTests.Result { try CLIEndToEndTests().run(args) }

    @Test func distancesRefusesNaNWeightsAfterOneCensusLine() throws {
        let r = try run(["distances", "fixtures/hostile/weights.csv", "--from", "a", "--weight", "weight"])
        #expect(r.status == 64, "\(r.stderr)")
        let lines = r.stderr.split(separator: "\n").map(String.init)
        #expect(lines.count == 2, "\(r.stderr)")
        #expect(lines.first?.hasPrefix("weights.csv: edge weights: 2 NaN (first on line 3), 2 infinite") == true)
        #expect(
            lines.last
                == "warmpath: 2 of 8 edges have the weight NaN (for example edge b -> c on line 3 has weight NaN); "
                + "no transform gives NaN a cost, and warmpath does not guess one: correct or remove those weights, "
                + "or leave --weight out to count hops")
        #expect(r.stdout.isEmpty)
    }

    @Test func withoutWeightsTheCensusIsStillOneLine() throws {
        let r = try run(["distances", "fixtures/hostile/weights.csv", "--from", "a"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stderr.split(separator: "\n").filter { $0.contains("edge weights:") }.count == 1, "\(r.stderr)")
        #expect(r.stdout.hasPrefix("node,hops,cost\r\na,0,0.0\r\nb,1,1.0\r\n"))
        let quiet = try run(["distances", "fixtures/hostile/weights.csv", "--from", "a", "--quiet"])
        #expect(quiet.stderr.isEmpty)
    }

    @Test func aUTF16EdgeListIsAnUnsupportedEncoding() throws {
        let e = try CLIErrorTests().failure(["distances", "fixtures/hostile/utf16.csv", "--from", "a"], status: 1)
        #expect(e.contains("cannot be read: unsupported encoding: the file is UTF-16"), "\(e)")
        let g = try run(["distances", "fixtures/hostile/utf16le.graphml", "--from", "a"])
        #expect(
            g.status == 0 && g.stdout.hasPrefix("node,hops,cost\r\na,0,0.0\r\nb,1,1.0\r\nc,2,2.0\r\n"), "\(g.stderr)")
    }

    @Test func aPajekFileDeclaringMillionsOfVerticesIsRefusedAtOnce() throws {
        let e = try CLIErrorTests().failure(
            ["distances", "fixtures/hostile/fuzz/pajek-1.net", "--from", "1"], status: 1)
        #expect(e.contains("*Vertices 3,333,872 is more than a 29-byte file can hold"), "\(e)")
    }

    /// A binary `--targets` file: the error quotes at most 120 characters of its header, with
    /// control characters escaped (it dumped 40 KB of mojibake).
    @Test func aBinaryTargetsFileGivesAShortError() throws {
        var bytes = [UInt8](repeating: 0, count: 40_000)
        var x: UInt32 = 2_463_534_242
        for i in bytes.indices {
            x ^= x << 13
            x ^= x >> 17
            x ^= x << 5
            bytes[i] = UInt8(truncatingIfNeeded: x)
        }
        for i in stride(from: 0, to: 200, by: 7) { bytes[i] = 0x2C }  // a few commas in the "header"
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("wp-bin-\(UUID().uuidString).csv")
        try Data(bytes).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        let e = try CLIErrorTests().failure(
            ["report", "fixtures/linkedin", "--targets", url.path, "--out", "/tmp/wp-never"], status: 64)
        #expect(e.utf8.count < 600, "\(e.utf8.count) bytes")
        #expect(!e.unicodeScalars.contains { ($0.value < 0x20 && $0 != "\n") || (0x7F...0x9F).contains($0.value) })
    }

    /// Tests run as root, which ignores file modes: the unreadable source is read as `nobody`.
    static let canDropPrivileges =
        getuid() == 0 && FileManager.default.isExecutableFile(atPath: "/usr/bin/setpriv")
        && CLIBinary.url.map { access($0.path, R_OK | X_OK) == 0 } == true

    @Test(.enabled(if: canDropPrivileges, "needs root and setpriv to run the binary as nobody"))
    func anUnreadableSourceSaysPermissionDenied() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("wp-perm-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("Connections.csv")
        try Data(contentsOf: TestPaths.fixture("linkedin/Connections.csv")).write(to: file)
        try FileManager.default.setAttributes([.posixPermissions: 0o000], ofItemAtPath: file.path)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: dir.path)
        let bin = try #require(CLIBinary.url)
        // The binary must be reachable by nobody: its folders are world-readable in this checkout.
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/setpriv")
        p.arguments = [
            "--reuid=65534", "--regid=65534", "--clear-groups", bin.path, "report", dir.path, "--out", "/tmp/wp-never",
        ]
        let err = Pipe()
        p.standardError = err
        p.standardOutput = Pipe()
        try p.run()
        let e = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        #expect(p.terminationStatus == 1, "\(e)")
        #expect(e.hasSuffix("Connections.csv: cannot be read: permission denied\n"), "\(e)")
        #expect(!e.contains("not a source warmpath knows"))
    }
}
