#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// First-appearance interning of strings: each distinct string gets the next index.
///
/// An open-addressing table over a 64-bit hash of the UTF-8 bytes, eight at a time. A
/// `[String: Int]` dictionary spent most of its time in `String`'s Unicode-normalising hash;
/// here strings are the same when their bytes are (canonically equivalent strings in different
/// normal forms get two entries, which is harmless for a table of output text).
///
/// ```
/// var t = StringTable()
/// t.index("a") == 0; t.index("b") == 1; t.index("a") == 0; t.strings == ["a", "b"]
/// ```
package struct StringTable: Sendable {
    /// The distinct strings in order of first appearance.
    package private(set) var strings: [String] = []
    private var hashes: [UInt64] = []
    /// Index into `strings` + 1; 0 is an empty slot.
    private var slots: [Int32] = []

    package init(capacity: Int = 64) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        slots = [Int32](repeating: 0, count: size)
        strings.reserveCapacity(capacity)
        hashes.reserveCapacity(capacity)
    }

    var count: Int { strings.count }

    /// The index of `s`, adding it when new.
    /// - Complexity: O(length of `s`) expected.
    package mutating func index(_ s: String) -> Int {
        var text = s
        let h = text.withUTF8 { StringTable.hash($0) }
        if (strings.count + 1) * 2 > slots.count { grow() }
        let mask = slots.count - 1
        var i = Int(truncatingIfNeeded: h) & mask
        while true {
            let k = Int(slots[i])
            if k == 0 {
                slots[i] = Int32(strings.count + 1)
                strings.append(text)
                hashes.append(h)
                return strings.count - 1
            }
            if hashes[k - 1] == h && StringTable.sameBytes(strings[k - 1], text) { return k - 1 }
            i = (i + 1) & mask
        }
    }

    private mutating func grow() {
        var bigger = [Int32](repeating: 0, count: slots.count * 2)
        let mask = bigger.count - 1
        for k in hashes.indices {
            var i = Int(truncatingIfNeeded: hashes[k]) & mask
            while bigger[i] != 0 { i = (i + 1) & mask }
            bigger[i] = Int32(k + 1)
        }
        slots = bigger
    }

    /// Byte equality: lengths, then the bytes (`memcmp`).
    static func sameBytes(_ a: String, _ b: String) -> Bool {
        var a = a
        var b = b
        return a.withUTF8 { x in
            b.withUTF8 { y in
                x.count == y.count && (x.count == 0 || memcmp(x.baseAddress!, y.baseAddress!, x.count) == 0)
            }
        }
    }

    /// A multiply-xorshift hash of the bytes, eight at a time.
    static func hash(_ b: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var h: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(b.count)
        guard let p = b.baseAddress else { return h }
        let raw = UnsafeRawPointer(p)
        var i = 0
        while i + 8 <= b.count {
            h = (h ^ raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)) &* 0xFF51_AFD7_ED55_8CCD
            h ^= h >> 32
            i += 8
        }
        var tail: UInt64 = 0
        var shift: UInt64 = 0
        while i < b.count {
            tail |= UInt64(p[i]) << shift
            shift += 8
            i += 1
        }
        h = (h ^ tail) &* 0xC4CE_B9FE_1A85_EC53
        h ^= h >> 29
        return h
    }
}
