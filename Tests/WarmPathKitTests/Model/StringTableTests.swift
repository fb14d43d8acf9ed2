import Testing
@testable import WarmPathKit

@Suite struct StringTableTests {
    @Test func firstAppearanceIndicesAcrossGrowth() {
        var t = StringTable(capacity: 2)
        var expected: [String: Int] = [:]
        var order: [String] = []
        var rng = SplitMix64(seed: 9)
        for _ in 0..<5_000 {
            // Short, 8-byte-boundary and long strings, ASCII and not, many repeated.
            let k = Int(rng.next() % 1_500)
            let s = ["", "x", "abcdefgh", "é\(k)", "messages.csv #\(k)", String(repeating: "ab", count: k % 40) + "\(k)"][k % 6]
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
