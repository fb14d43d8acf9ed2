import Foundation
import Testing
@testable import WarmPathKit

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

    @Test func futureValueCanBeReadMoreThanOnce() {
        let f = Parallel.Future { (1...1_000).reduce(0, +) }
        #expect(f.value == 500_500)
        #expect(f.value == 500_500)
    }
}
