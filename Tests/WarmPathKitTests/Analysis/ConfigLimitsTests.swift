import Foundation
import Testing
@testable import WarmPathSupport
@testable import WarmPathAnalysis

/// Config files and path search parameters are bounded: no alias expansion, no huge file,
/// no unbounded k or hop count even when the library is called directly.
@Suite struct ConfigLimitsTests {
    /// A "billion laughs" nested inside a real key: 9 levels of 9 aliases, 9^9 leaves if expanded.
    static let bomb: String = {
        var lines = [
            "cred_base: 0.5", "top_endorsers:",
            "  a0: &a0 [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]",
        ]
        for i in 1...9 {
            let refs = Array(repeating: "*a\(i - 1)", count: 9).joined(separator: ",")
            lines.append("  a\(i): &a\(i) [\(refs)]")
        }
        return lines.joined(separator: "\n") + "\n"
    }()

    @Test func anAliasBombFailsFastWithAPlainMessage() throws {
        let clock = ContinuousClock()
        let start = clock.now
        let error = #expect(throws: ScoringConfigError.self) {
            try ScoringConfig.parse(yaml: Self.bomb, path: "bomb.yaml")
        }
        #expect(
            error?.description == "scoring config bomb.yaml:4: aliases are not allowed in config files (found '*a0')")
        // Refused before parsing; a smoke bound only (the expansion would take minutes and gigabytes).
        #expect(clock.now - start < .seconds(5))
    }

    @Test func aliasScanIgnoresQuotesAndComments() {
        #expect(ScoringConfig.firstAlias(in: "a: 1 # see *b\nb: '*c'\nc: \"x \\\" *d\"\n") == nil)
        #expect(ScoringConfig.firstAlias(in: "a: 1\nb: [1, *x]\n")?.name == "x")
        #expect(ScoringConfig.firstAlias(in: "a: 1\nb: [1, *x]\n")?.line == 2)
        #expect(ScoringConfig.firstAlias(in: "a: 2*3\n") == nil)
    }

    @Test func aHugeConfigFileIsRefusedUnread() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("wp-config-\(UUID().uuidString).yaml")
        defer { try? FileManager.default.removeItem(at: url) }
        try Data(repeating: UInt8(ascii: "#"), count: Int(ScoringConfig.maxFileBytes) + 1).write(to: url)
        let error = #expect(throws: ScoringConfigError.self) { try ScoringConfig.load(path: url.path) }
        #expect(
            error?.description
                == "scoring config \(url.path): 1,048,577 bytes is over the 1,048,576-byte limit for config files")
    }

    @Test func pathSearchParametersAreCappedInTheLibrary() {
        var config = PathConfig()
        config.k = 1_000_000
        config.maxHops = 1_000
        #expect(config.k == PathConfig.maxK && config.k == 50)
        #expect(config.maxHops == PathConfig.maxMaxHops && config.maxHops == 8)
        config.k = -3
        config.maxHops = 0
        #expect(config.k == 1 && config.maxHops == 1)
    }
}
