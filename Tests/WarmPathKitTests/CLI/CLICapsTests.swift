import Foundation
import Testing

/// `--k` and `--max-hops` have caps, refused as usage errors in plain words before any work.
@Suite(.enabled(if: CLIBinary.url != nil, "needs the warmpath binary: run `swift build` first"))
struct CLICapsTests {
    @Test func kIsCapped() throws {
        let e = try CLIErrorTests().failure(["report", "fixtures/linkedin", "--k", "1000000"], status: 64)
        #expect(e.hasPrefix("warmpath: --k must be between 1 and 50, not 1000000"), "\(e)")
        _ = try CLIErrorTests().failure(["report", "fixtures/linkedin", "--k", "0"], status: 64)
    }

    @Test func maxHopsIsCapped() throws {
        let e = try CLIErrorTests().failure(["report", "fixtures/linkedin", "--max-hops", "9"], status: 64)
        #expect(e.hasPrefix("warmpath: --max-hops must be between 1 and 8, not 9"), "\(e)")
    }
}
