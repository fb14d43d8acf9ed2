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
        guard Parallel.workers() >= 2 else { return }
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

    @Test func futureValueCanBeReadMoreThanOnce() {
        let f = Parallel.Future { (1...1_000).reduce(0, +) }
        #expect(f.value == 500_500)
        #expect(f.value == 500_500)
    }
}
