import Foundation
import Testing
@testable import WarmPathAnalysis
@testable import WarmPathImport
import WarmPathKit
@testable import WarmPathModel
@testable import WarmPathPipeline
@testable import WarmPathReport
@testable import WarmPathSupport

@Suite struct ParallelTests {
    @Test func mapKeepsJobOrder() {
        let jobs: [@Sendable () -> Int] = (0..<50).map { i in { i * i } }
        #expect(Parallel.map(jobs) == (0..<50).map { $0 * $0 })
        #expect(Parallel.map(jobs, threads: 1) == (0..<50).map { $0 * $0 })
    }

    @Test func bothReturnsEachResult() {
        let (a, b) = Parallel.both({ "left" }, { 42 })
        #expect(a == "left" && b == 42)
    }

    /// Two jobs that wait for each other finish only when they run at the same time, so this
    /// fails if a call nested in another parallel step runs its jobs one after the other (as
    /// `concurrentPerform` does).
    @Test func nestedCallsStillRunBothJobsAtOnce() {
        Parallel.withWorkers(2) { nestedRendezvous() }
    }

    func nestedRendezvous() {
        @Sendable func rendezvous() -> Bool {
            let a = DispatchSemaphore(value: 0)
            let b = DispatchSemaphore(value: 0)
            let (x, y) = Parallel.both(
                { () -> Bool in
                    a.signal()
                    return b.wait(timeout: .now() + 10) == .success
                },
                { () -> Bool in
                    b.signal()
                    return a.wait(timeout: .now() + 10) == .success
                })
            return x && y
        }
        let (outer, other) = Parallel.both({ rendezvous() }, { rendezvous() })
        #expect(outer && other)
    }

    @Test func workerCountComesFromTheEnvironmentOrTheCores() {
        let env = Parallel.environmentVariable
        #expect(env == "WARMPATH_THREADS")
        #expect(Parallel.configuration(environment: [:], cores: 4) == (4, nil))
        #expect(Parallel.configuration(environment: [env: ""], cores: 4) == (4, nil))
        #expect(Parallel.configuration(environment: [env: "3"], cores: 4) == (3, nil))
        #expect(Parallel.configuration(environment: [env: " 1 "], cores: 8) == (1, nil))
        #expect(Parallel.configuration(environment: [env: "256"], cores: 2) == (256, nil))
        #expect(Parallel.configuration(environment: [:], cores: 0) == (1, nil))
        for bad in ["0", "-2", "two", "2.5", "257", "99999999999999999999"] {
            let (n, warning) = Parallel.configuration(environment: [env: bad], cores: 2)
            #expect(n == 2, "\(bad)")
            #expect(
                warning
                    == "WARMPATH_THREADS='\(bad)' is not a whole number from 1 to 256; using 2 threads (the number of cores)"
            )
        }
        #expect(
            Parallel.configuration(environment: [env: "x"], cores: 1).warning?.hasSuffix(
                "using 1 thread (the number of cores)") == true)
    }

    @Test func withWorkersReachesNestedStepsAndFutures() {
        for n in [1, 3, 5] {
            Parallel.withWorkers(n) {
                #expect(Parallel.workers() == n)
                #expect(Parallel.workers(limit: 2) == min(2, n))
                let seen = Parallel.map((0..<6).map { _ in { Parallel.workers() } })
                #expect(seen == Array(repeating: n, count: 6))
                let inner: [@Sendable () -> Int] = [{ Parallel.workers() }, { Parallel.workers() }]
                let nested = Parallel.map((0..<4).map { _ in { Parallel.map(inner) } })
                #expect(nested.allSatisfy { $0 == [n, n] })
                #expect(Parallel.Future { Parallel.workers() }.value == n)
            }
        }
        #expect(Parallel.withWorkers(0) { Parallel.workers() } == 1)
    }

    @Test func slicesCoverTheRangeInOrderForEveryPartCount() {
        for count in [0, 1, 7, 100] {
            for parts in 1...6 {
                let joined = (0..<parts).flatMap { Array(Parallel.slice(count, $0, of: parts)) }
                #expect(joined == Array(0..<count), "\(count) in \(parts) parts")
            }
        }
    }

    @Test func runGivesEveryWorkerItsIndexOnce() {
        final class Seen: @unchecked Sendable {
            let lock = NSLock()
            var indices: [Int] = []
        }
        for n in [1, 2, 3, 5] {
            let seen = Seen()
            Parallel.run(n) { w in
                seen.lock.lock()
                seen.indices.append(w)
                seen.lock.unlock()
            }
            #expect(seen.indices.sorted() == Array(0..<n))
        }
    }

    @Test func futureValueCanBeReadMoreThanOnce() {
        let f = Parallel.Future { (1...1_000).reduce(0, +) }
        #expect(f.value == 500_500)
        #expect(f.value == 500_500)
    }
}
