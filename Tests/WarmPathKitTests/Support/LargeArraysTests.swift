import Foundation
import Testing

@testable import WarmPathSupport

/// Arrays made with huge pages advised hold what plain arrays hold, above and below the size
/// from which the advice is given.
struct LargeArraysTests {
    @Test(arguments: [0, 1, 1000, LargeArrays.minimumBytes / 8 + 12_345])
    func sameContentsAsPlainArrays(_ count: Int) {
        #expect(LargeArrays.repeating(Double.infinity, count: count) == [Double](repeating: .infinity, count: count))
        #expect(LargeArrays.repeating(Int32(-1), count: count) == [Int32](repeating: -1, count: count))
        #expect(LargeArrays.repeating(false, count: count) == [Bool](repeating: false, count: count))

        var scattered = LargeArrays.uninitialized(Int64.self, count: count)
        #expect(scattered.count == count)
        scattered.withUnsafeMutableBufferPointer { b in
            for i in b.indices { b[(i * 7919) % count] = Int64((i * 7919) % count) }
        }
        #expect(scattered == (0..<count).map(Int64.init))

        var appended = LargeArrays.reserved(UInt64.self, capacity: count)
        #expect(appended.isEmpty && appended.capacity >= count)
        for i in 0..<count { appended.append(UInt64(i)) }
        #expect(appended == (0..<count).map(UInt64.init))
    }

    @Test func adviceOutsideWholeHugePagesIsHarmless() {
        // Regions smaller than the threshold, or without a whole 2 MB page inside, are left alone.
        let bytes = 3 << 20
        let p = UnsafeMutableRawPointer.allocate(byteCount: bytes, alignment: 4096)
        defer { p.deallocate() }
        LargeArrays.advise(p, bytes: bytes)
        LargeArrays.advise(nil, bytes: 1 << 30)
        p.initializeMemory(as: UInt8.self, repeating: 7, count: bytes)
        #expect(p.load(fromByteOffset: bytes - 1, as: UInt8.self) == 7)
    }
}
