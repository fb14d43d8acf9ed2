#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// First-appearance interning of strings: each distinct string gets the next index.
///
/// A ``ByteTable`` over the UTF-8 bytes. A `[String: Int]` dictionary spent most of its time in
/// `String`'s Unicode-normalising hash; here strings are the same when their bytes are
/// (canonically equivalent strings in different normal forms get two entries, which is harmless
/// for a table of output text).
///
/// ```
/// var t = StringTable()
/// t.index("a") == 0; t.index("b") == 1; t.index("a") == 0; t.strings == ["a", "b"]
/// ```
package struct StringTable: Sendable {
    /// The distinct strings in order of first appearance.
    package private(set) var strings: [String] = []
    private var table: ByteTable

    package init(capacity: Int = 64) {
        table = ByteTable(capacity: capacity)
        strings.reserveCapacity(capacity)
    }

    var count: Int { strings.count }

    /// The index of `s`, adding it when new.
    /// - Complexity: O(length of `s`) expected.
    package mutating func index(_ s: String) -> Int {
        let (i, isNew) = table.index(of: s)
        if isNew { strings.append(s) }
        return i
    }
}

/// Byte-keyed open-addressing table: each distinct byte string gets the next index, in order
/// of first appearance. The one byte-keyed hash table of the code base: ``StringTable`` (output
/// text), the edge-list reader's id interner and the GraphML / GEXF id and key tables use it.
///
/// Keys are copied into one arena; a slot holds an entry number, the entry's full 64-bit hash
/// is compared before its bytes (`memcmp`). Strings that are canonically equivalent but have
/// different bytes are different keys, which is what byte-level readers want.
///
/// ```
/// var t = ByteTable()
/// t.index(of: "a") == (0, true); t.index(of: "b") == (1, true); t.index(of: "a") == (0, false)
/// ```
package struct ByteTable: Sendable {
    private var arena: [UInt8] = []
    /// Key `i` is `arena[starts[i] ..< starts[i + 1]]`.
    private var starts: [Int] = [0]
    private var hashes: [UInt64] = []
    /// Entry + 1; 0 is an empty slot.
    private var slots: [Int32]

    package init(capacity: Int = 64) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        slots = [Int32](repeating: 0, count: size)
        hashes.reserveCapacity(capacity)
        starts.reserveCapacity(capacity + 1)
    }

    /// Number of keys.
    package var count: Int { hashes.count }

    /// The entry of `key`, or nil.
    /// - Complexity: O(key length) expected.
    @inline(__always)
    package func find(_ key: UnsafeBufferPointer<UInt8>) -> Int? {
        let h = Self.hash(key)
        let mask = slots.count - 1
        var i = Int(truncatingIfNeeded: h) & mask
        while true {
            let k = Int(slots[i])
            if k == 0 { return nil }
            if hashes[k - 1] == h && keyEquals(k - 1, key) { return k - 1 }
            i = (i + 1) & mask
        }
    }

    /// The entry of `key`, adding it when new (`isNew`).
    /// - Complexity: O(key length) expected, amortised.
    @inline(__always)
    package mutating func index(of key: UnsafeBufferPointer<UInt8>) -> (entry: Int, isNew: Bool) {
        let h = Self.hash(key)
        if (count + 1) * 2 > slots.count { grow() }
        let mask = slots.count - 1
        var i = Int(truncatingIfNeeded: h) & mask
        while true {
            let k = Int(slots[i])
            if k == 0 {
                slots[i] = Int32(count + 1)
                hashes.append(h)
                arena.append(contentsOf: key)
                starts.append(arena.count)
                return (count - 1, true)
            }
            if hashes[k - 1] == h && keyEquals(k - 1, key) { return (k - 1, false) }
            i = (i + 1) & mask
        }
    }

    /// The entry of a string's UTF-8 bytes, adding it when new.
    package mutating func index(of s: String) -> (entry: Int, isNew: Bool) {
        var s = s
        return s.withUTF8 { index(of: $0) }
    }

    /// Calls `body` with the bytes of key `entry`.
    package func withKey<R>(_ entry: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        try arena.withUnsafeBufferPointer { a in
            try body(UnsafeBufferPointer(rebasing: a[starts[entry]..<starts[entry + 1]]))
        }
    }

    /// Frees the lookup slots; ``withKey(_:_:)`` still works, ``find(_:)`` and
    /// ``index(of:)`` start over from an empty slot array.
    package mutating func releaseSlots() {
        slots = [Int32](repeating: 0, count: 16)
        if count > 0 { grow() }
    }

    @inline(__always)
    private func keyEquals(_ entry: Int, _ key: UnsafeBufferPointer<UInt8>) -> Bool {
        let lo = starts[entry]
        let n = starts[entry + 1] - lo
        guard n == key.count else { return false }
        if n == 0 { return true }
        return arena.withUnsafeBufferPointer { a in memcmp(a.baseAddress! + lo, key.baseAddress!, n) == 0 }
    }

    private mutating func grow() {
        var size = max(16, slots.count)
        while (count + 1) * 2 > size { size <<= 1 }
        var bigger = [Int32](repeating: 0, count: size)
        let mask = size - 1
        for k in hashes.indices {
            var i = Int(truncatingIfNeeded: hashes[k]) & mask
            while bigger[i] != 0 { i = (i + 1) & mask }
            bigger[i] = Int32(k + 1)
        }
        slots = bigger
    }

    /// A multiply-xorshift hash of the bytes, eight at a time.
    @inline(__always)
    package static func hash(_ b: UnsafeBufferPointer<UInt8>) -> UInt64 {
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
