import Testing
@testable import WarmPathAnalysis
@testable import WarmPathImport
import WarmPathKit
@testable import WarmPathModel
@testable import WarmPathPipeline
@testable import WarmPathReport
@testable import WarmPathSupport

@Suite struct StringTableTests {
    @Test func firstAppearanceIndicesAcrossGrowth() {
        var t = StringTable(capacity: 2)
        var expected: [String: Int] = [:]
        var order: [String] = []
        var rng = SplitMix64(seed: 9)
        for _ in 0..<5_000 {
            // Short, 8-byte-boundary and long strings, ASCII and not, many repeated.
            let k = Int(rng.next() % 1_500)
            let s = [
                "", "x", "abcdefgh", "é\(k)", "messages.csv #\(k)", String(repeating: "ab", count: k % 40) + "\(k)",
            ][k % 6]
            if expected[s] == nil {
                expected[s] = order.count
                order.append(s)
            }
            #expect(t.index(s) == expected[s])
        }
        #expect(t.strings == order)
        #expect(t.count == order.count)
    }

    @Test func bytesDecideSameness() {
        var t = StringTable()
        // "é" precomposed and decomposed are equal Strings but different bytes: two entries.
        #expect(t.index("\u{E9}") == 0)
        #expect(t.index("e\u{301}") == 1)
        #expect(t.index("\u{E9}") == 0)
    }
}

@Suite struct NetworkBuilderPartsTests {
    @Test func permuteMatchesMap() {
        var rng = SplitMix64(seed: 21)
        for n in [0, 1, 2, 7, 300] {
            let items = (0..<n).map { "item \($0)" }
            var order = Array(0..<n)
            order.shuffle(using: &rng)
            var permuted = items
            NetworkBuilder.permute(&permuted, order)
            #expect(permuted == order.map { items[$0] })
        }
    }

    @Test func resolvingWithoutMergesGivesTheBuiltNetwork() throws {
        let url = try #require(LinkedInTestData.fixture)
        let imported = try LinkedInTestData.importFolder(url)
        let resolved = IdentityResolver.resolve(imports: [imported])
        let built = NetworkBuilder().build([imported])
        #expect(resolved.network.people == built.people)
        #expect(resolved.network.events == built.events)
        #expect(resolved.network.sourceOwners == built.sourceOwners)
        #expect(!built.events.isEmpty)
    }
}
