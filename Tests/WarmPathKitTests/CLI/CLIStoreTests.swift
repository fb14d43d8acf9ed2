import Foundation
import Testing

/// `--store` through the built binary: concurrent creation by separate processes, and a store
/// the user cannot write (file 0444 in a folder 0555), read as an unprivileged user (through
/// `setpriv` when the tests run as root, since root ignores file modes).
@Suite(.enabled(if: CLIBinary.url != nil, "needs the warmpath binary: run `swift build` first"))
struct CLIStoreTests {
    static let isRoot = getuid() == 0
    static let setpriv = "/usr/bin/setpriv"
    static let canDropPrivileges = !isRoot || FileManager.default.isExecutableFile(atPath: setpriv)

    /// A scratch folder any user can read (and write, for report output).
    static func scratch() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("wp-store-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        try FileManager.default.setAttributes([.posixPermissions: 0o777], ofItemAtPath: dir.path)
        return dir
    }

    /// Starts warmpath (as an unprivileged user when `unprivileged` and root); the caller waits.
    static func start(_ args: [String], unprivileged: Bool = false) throws -> (Process, Pipe) {
        let bin = try #require(CLIBinary.url)
        let p = Process()
        if unprivileged && isRoot {
            p.executableURL = URL(fileURLWithPath: setpriv)
            p.arguments = ["--reuid=65534", "--regid=65534", "--clear-groups", bin.path] + args
        } else {
            p.executableURL = bin
            p.arguments = args
        }
        p.currentDirectoryURL = TestPaths.repoRoot()
        let err = Pipe()
        p.standardError = err
        p.standardOutput = err
        try p.run()
        return (p, err)
    }

    static func run(_ args: [String], unprivileged: Bool = false) throws -> (status: Int32, output: String) {
        let (p, pipe) = try start(args, unprivileged: unprivileged)
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return (p.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    @Test func eightRunsCreatingOneNewStoreAtOnceAllSucceed() throws {
        let dir = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let store = dir.appendingPathComponent("new.sqlite").path
        let runs = try (1...8).map { k in
            try Self.start([
                "report", "fixtures/linkedin", "--store", store, "--as-of", "2024-04-0\(k)", "--quiet",
                "--out", dir.appendingPathComponent("r\(k)").path,
            ])
        }
        for (k, (p, pipe)) in runs.enumerated() {
            let text = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            p.waitUntilExit()
            #expect(p.terminationStatus == 0, "run \(k + 1): \(text)")
        }
        let history = try Self.run(["history", "--store", store, "--csv"])
        #expect(history.status == 0, "\(history.output)")
        #expect(
            history.output.csvRows.dropFirst().map { String($0.prefix(10)) }
                == (1...8).map { "2024-04-0\($0)" })
    }

    @Test(.enabled(if: canDropPrivileges, "needs a non-root user, or setpriv to become one"))
    func aReadOnlyStoreServesHistoryAndCompareTo() throws {
        let dir = try Self.scratch()
        let folder = dir.appendingPathComponent("ro")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let store = folder.appendingPathComponent("store.sqlite").path
        defer {
            try? FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: folder.path)
            try? FileManager.default.removeItem(at: dir)
        }
        for day in ["2024-03-24", "2024-03-31"] {
            let r = try Self.run([
                "report", "fixtures/linkedin", "--store", store, "--as-of", day, "--quiet",
                "--out", dir.appendingPathComponent("w").path,
            ])
            #expect(r.status == 0, "\(r.output)")
        }
        try FileManager.default.setAttributes([.posixPermissions: 0o444], ofItemAtPath: store)
        try FileManager.default.setAttributes([.posixPermissions: 0o555], ofItemAtPath: folder.path)
        let before = try Data(contentsOf: URL(fileURLWithPath: store))

        let history = try Self.run(["history", "--store", store], unprivileged: true)
        #expect(history.status == 0, "\(history.output)")
        #expect(history.output.contains("2024-03-24") && history.output.contains("2024-03-31"), "\(history.output)")

        let out = dir.appendingPathComponent("compare")
        let report = try Self.run(
            [
                "report", "fixtures/linkedin", "--store", store, "--as-of", "2024-04-07", "--compare-to", "2024-03-24",
                "--quiet", "--out", out.path,
            ], unprivileged: true)
        #expect(report.status == 0, "\(report.output)")
        #expect(report.output.contains("snapshot not saved: the store \(store) is read-only"), "\(report.output)")
        #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("changes.csv").path))

        #expect(try Data(contentsOf: URL(fileURLWithPath: store)) == before)
        #expect(!FileManager.default.fileExists(atPath: store + "-wal"))
        #expect(!FileManager.default.fileExists(atPath: store + "-shm"))
    }
}
