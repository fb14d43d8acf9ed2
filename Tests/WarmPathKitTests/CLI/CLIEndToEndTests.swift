import Foundation
import Testing
@testable import WarmPathAnalysis
@testable import WarmPathImport
import WarmPathKit
@testable import WarmPathModel
@testable import WarmPathPipeline
@testable import WarmPathReport
@testable import WarmPathSupport

/// The built `warmpath` binary next to the test bundle (or in `.build/debug`), or nil.
enum CLIBinary {
    static var url: URL? {
        var dir = URL(fileURLWithPath: ProcessInfo.processInfo.arguments[0]).deletingLastPathComponent()
        for _ in 0..<4 {
            let candidate = dir.appendingPathComponent("warmpath")
            var isDir: ObjCBool = false
            if FileManager.default.fileExists(atPath: candidate.path, isDirectory: &isDir), !isDir.boolValue {
                return candidate
            }
            dir = dir.deletingLastPathComponent()
        }
        let fallback = TestPaths.repoRoot().appendingPathComponent(".build/debug/warmpath")
        return FileManager.default.isExecutableFile(atPath: fallback.path) ? fallback : nil
    }
}

/// Runs the built `warmpath` binary (built by `swift build`, which CI runs first): exit codes,
/// files written, stderr summaries. Skipped (and shown so) when the binary has not been built.
@Suite(.enabled(if: CLIBinary.url != nil, "needs the warmpath binary: run `swift build` first"))
struct CLIEndToEndTests {
    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    func run(_ args: [String], environment: [String: String] = [:]) throws -> Result {
        let bin = try #require(CLIBinary.url)
        let p = Process()
        p.executableURL = bin
        p.arguments = args
        if !environment.isEmpty {
            p.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        }
        p.currentDirectoryURL = TestPaths.repoRoot()
        let out = Pipe()
        let err = Pipe()
        p.standardOutput = out
        p.standardError = err
        try p.run()
        let o = out.fileHandleForReading.readDataToEndOfFile()
        let e = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return Result(
            status: p.terminationStatus, stdout: String(decoding: o, as: UTF8.self),
            stderr: String(decoding: e, as: UTF8.self))
    }

    @Test func reportOnTheFixtureWritesTheFolder() throws {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("wp-cli-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: out) }
        let r = try run(["report", "fixtures/linkedin", "--out", out.path])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stderr.contains("Connections.csv: 31 rows, 30 people, 30 interactions, 1 blank rows skipped"))
        #expect(r.stdout.isEmpty)  // stdout stays clean for pipes
        for name in ["index.html", "people.csv", "import-issues.csv", "evidence.csv", "paths.csv", "alerts.csv"] {
            #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent(name).path), "\(name)")
        }
    }

    @Test func exitCodes() throws {
        let bad = try run(["report", "/nonexistent/export.zip", "--out", "/tmp/wp-never"])
        #expect(bad.status == 1)
        #expect(bad.stderr.contains("/nonexistent/export.zip: no such file or folder"))
        let usage = try run(["report", "fixtures/linkedin", "--as-of", "31/03/2024"])
        #expect(usage.status == 64)
        #expect(usage.stderr.contains("YYYY-MM-DD"))
        let owner = try run(["report", "fixtures/linkedin", "--owner", "Nobody Known", "--out", "/tmp/wp-never"])
        #expect(owner.status == 64)
        #expect(owner.stderr.contains("matches nobody"))
        let quiet = try run([
            "report", "fixtures/linkedin", "--quiet", "--out",
            FileManager.default.temporaryDirectory.appendingPathComponent("wp-q-\(UUID().uuidString)").path,
        ])
        #expect(quiet.status == 0 && quiet.stderr.isEmpty)
    }

    @Test func aFileThatCannotBeWrittenIsReportedAndTheOthersAreWritten() throws {
        // people.csv already exists as a folder, so writing it fails; the rest is written.
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("wp-cli-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: out) }
        try FileManager.default.createDirectory(
            at: out.appendingPathComponent("people.csv/x"), withIntermediateDirectories: true)
        let r = try run(["report", "fixtures/linkedin", "--quiet", "--out", out.path])
        #expect(r.status == 1)
        #expect(r.stderr == "warmpath: cannot write \(out.path)/people.csv: is a folder, not a file\n")
        #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("index.html").path))
        #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("evidence.csv").path))
    }

    @Test func inspectJSONReportsEverySource() throws {
        let r = try run(["inspect", "fixtures/linkedin", "fixtures/graphs/text/team.net", "/nonexistent", "--json"])
        #expect(r.status == 0)
        let json = try JSONReader.parse(r.stdout)
        let sources = try #require(json["sources"]?.arrayValue)
        #expect(sources.count == 3)
        #expect(sources[0]["kind"]?.stringValue == "linkedin")
        #expect(sources[1]["kind"]?.stringValue == "pajek")
        #expect(sources[2]["error"]?.stringValue?.contains("no such file") == true)
        #expect(sources[0]["error"]?.isNull == true)
        let none = try run(["inspect", "/nonexistent", "--json"])
        #expect(none.status == 1)
    }

    @Test func aBadThreadCountIsAPlainWarningAndTheDefaultIsUsed() throws {
        let bad = try run(["inspect", "fixtures/linkedin"], environment: ["WARMPATH_THREADS": "lots"])
        #expect(bad.status == 0)
        #expect(bad.stderr.hasPrefix("warmpath: WARMPATH_THREADS='lots' is not a whole number from 1 to 256; using "))
        #expect(bad.stderr.components(separatedBy: "WARMPATH_THREADS").count == 2)
        let good = try run(["inspect", "fixtures/linkedin"], environment: ["WARMPATH_THREADS": "3"])
        #expect(good.status == 0 && !good.stderr.contains("WARMPATH_THREADS"))
        #expect(good.stdout == bad.stdout)
    }
}
