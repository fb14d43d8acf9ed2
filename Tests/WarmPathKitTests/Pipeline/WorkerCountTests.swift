import Foundation
import Testing
@testable import WarmPathAnalysis
@testable import WarmPathImport
import WarmPathKit
@testable import WarmPathModel
@testable import WarmPathPipeline
@testable import WarmPathReport
@testable import WarmPathSupport

/// The output never depends on the number of worker threads: the same input run with 1, 2, 3
/// and 5 workers (`Parallel.withWorkers`) gives byte-identical report files.
@Suite struct WorkerCountTests {
    static let counts = [1, 2, 3, 5]

    /// Every report file of `config` run with each of ``counts`` workers, compared with the
    /// one-worker run.
    func expectSameFilesForEveryCount(_ config: RunConfiguration) throws {
        let runs = try Self.counts.map { n in (n, try Parallel.withWorkers(n) { try ReportPipeline.run(config) }) }
        let reference = runs[0].1.files
        #expect(reference.count > 5)
        for (n, output) in runs.dropFirst() {
            #expect(output.files.map(\.name) == reference.map(\.name), "\(n) workers")
            // A Bool, so that a failure does not diff megabytes of bytes.
            let differing = zip(reference, output.files).filter { $0.contents != $1.contents }.map(\.0.name)
            #expect(differing.isEmpty, "differ between 1 and \(n) workers: \(differing)")
        }
    }

    @Test func fixtureReportIsTheSameForEveryWorkerCount() throws {
        let root = TestPaths.repoRoot()
        let config = RunConfiguration(
            sources: ExampleReportTests.sources.map { root.appendingPathComponent($0).path },
            targetsFile: root.appendingPathComponent(ExampleReportTests.targets).path)
        try expectSameFilesForEveryCount(config)
    }

    static var python3: String? {
        ["/usr/bin/python3", "/usr/local/bin/python3", "/bin/python3"].first {
            FileManager.default.isExecutableFile(atPath: $0)
        }
    }

    /// A generated LinkedIn archive large enough that the parallel steps really split their
    /// work (over 2,000 scored contacts, over 20,000 events, over 8 targets).
    @Test(.enabled(if: python3 != nil, "needs python3 for scripts/generate-archive.py"))
    func generatedArchiveReportIsTheSameForEveryWorkerCount() throws {
        let python = try #require(Self.python3)
        let dir = try TestPaths.tempFolder([:])
        defer { try? FileManager.default.removeItem(at: dir) }
        let archive = dir.appendingPathComponent("linkedin").path
        let targets = dir.appendingPathComponent("targets.csv").path
        let script = TestPaths.repoRoot().appendingPathComponent("scripts/generate-archive.py").path
        for args in [
            ["linkedin", archive, "--connections", "2500", "--messages", "24000", "--seed", "7"],
            ["targets", targets, archive, "--count", "40", "--seed", "7"],
        ] {
            let p = Process()
            p.executableURL = URL(fileURLWithPath: python)
            p.arguments = [script] + args
            try p.run()
            p.waitUntilExit()
            try #require(p.terminationStatus == 0, "generate-archive.py \(args[0]) failed")
        }
        let config = RunConfiguration(sources: [archive], targetsFile: targets)
        let analysed = try ReportPipeline.analyse(config)
        #expect(analysed.network.events.count > 20_000)
        try expectSameFilesForEveryCount(config)
    }

    @Test func betweennessIsTheSameForEveryThreadCount() {
        // 200 nodes: 25 batches of eight sources, so every count splits them differently.
        let tg = EngineTestGraph.random(n: 200, m: 900, seed: 11)
        let (g, _) = tg.csr
        let one = Betweenness.compute(g, threads: 1)
        for threads in [2, 3, 5, 8] { #expect(Betweenness.compute(g, threads: threads) == one, "\(threads) threads") }
        #expect(Parallel.withWorkers(3) { Betweenness.compute(g) } == one)
    }
}
