import Foundation

/// Arrays of millions of entries that graph code reads or writes at random (the CSR, edge
/// costs, per-node search state, scatter targets), backed by transparent huge pages where the
/// kernel offers them on request (`madvise(MADV_HUGEPAGE)`; Linux's default THP mode
/// `madvise`). One 2 MB page replaces 512 small ones, so a random access misses the TLB far
/// less often and a first touch faults once per 2 MB. `warmpath distances` on the generated L
/// graph (1M nodes, 10M edges) takes 56k minor page faults instead of 141k this way, and 0.03–
/// 0.1 s less (docs/performance.md).
///
/// The advice is a hint: the contents and the results are the same with or without it, and
/// smaller arrays (under 4 MB) or other systems get plain arrays.
public enum LargeArrays {
    /// Below this many bytes an array is left alone.
    public static let minimumBytes = 4 << 20

    /// Advises huge pages for the whole 2 MB pages inside `[base, base + bytes)`; must come
    /// before the memory is first written to take effect at once.
    public static func advise(_ base: UnsafeMutableRawPointer?, bytes: Int) {
        #if os(Linux)
            guard let base, bytes >= minimumBytes else { return }
            let huge = 2 << 20
            let start = (Int(bitPattern: base) + huge - 1) & ~(huge - 1)
            let end = (Int(bitPattern: base) + bytes) & ~(huge - 1)
            guard end > start, let p = UnsafeMutableRawPointer(bitPattern: start) else { return }
            _ = madvise(p, end - start, MADV_HUGEPAGE)
        #endif
    }

    /// `count` copies of `value`, huge pages advised before the first write.
    public static func repeating<T>(_ value: T, count: Int) -> [T] {
        [T](unsafeUninitializedCapacity: count) { buffer, initialized in
            advise(UnsafeMutableRawPointer(buffer.baseAddress), bytes: buffer.count * MemoryLayout<T>.stride)
            buffer.initialize(repeating: value)
            initialized = count
        }
    }

    /// An array of `count` entries left uninitialised, huge pages advised, for code that writes
    /// every entry before reading any (a scatter): only for trivial types (integers, floats).
    public static func uninitialized<T: BitwiseCopyable>(_: T.Type = T.self, count: Int) -> [T] {
        [T](unsafeUninitializedCapacity: count) { buffer, initialized in
            advise(UnsafeMutableRawPointer(buffer.baseAddress), bytes: buffer.count * MemoryLayout<T>.stride)
            initialized = count
        }
    }

    /// An empty array with room for `capacity` entries, huge pages advised, to be appended to.
    public static func reserved<T>(_: T.Type = T.self, capacity: Int) -> [T] {
        [T](unsafeUninitializedCapacity: capacity) { buffer, initialized in
            advise(UnsafeMutableRawPointer(buffer.baseAddress), bytes: buffer.count * MemoryLayout<T>.stride)
            initialized = 0
        }
    }
}
