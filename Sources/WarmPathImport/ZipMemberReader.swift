// The only Swift file that imports zlib (the CInflate system-library target).
import CInflate
import Foundation

/// Where one zip member's data lies, from its central-directory record.
struct ZipMemberLocation: Sendable, Hashable {
    /// 0 stored, 8 deflate.
    var method: UInt16
    var compressedSize: UInt64
    var localHeaderOffset: UInt64
    /// The CRC-32 of the uncompressed data, checked when the member was read to its end.
    var crc32: UInt32
}

/// Reads one member of a zip file with bounded work: at most `compressedSize` bytes are read from
/// the archive, and a deflate stream that does not end within them is an error (ZIPFoundation's
/// Linux inflate loop reads past the member and spins at the end of the file on such a stream;
/// a fuzzing finding, `fixtures/hostile/fuzz/zip-1.zip`).
enum ZipMemberReader {
    enum Failure: Error, Equatable {
        /// Something the reader cannot use, in plain words.
        case damaged(String)
    }

    /// Streams the member's uncompressed bytes to `consume` in chunks of at most 256 KiB.
    /// `consume` may throw to stop early.
    static func read(
        _ url: URL, _ location: ZipMemberLocation, _ consume: (UnsafeBufferPointer<UInt8>) throws -> Void
    ) throws {
        let h: FileHandle
        do { h = try FileHandle(forReadingFrom: url) } catch { throw Failure.damaged("the archive cannot be opened") }
        defer { try? h.close() }
        // Local header: 30 bytes, then the name and the extra field; the data follows.
        guard (try? h.seek(toOffset: location.localHeaderOffset)) != nil,
            let header = try? h.read(upToCount: 30), header.count == 30,
            header[header.startIndex] == 0x50, header[header.startIndex + 1] == 0x4B,
            header[header.startIndex + 2] == 0x03, header[header.startIndex + 3] == 0x04
        else { throw Failure.damaged("its local header is missing or damaged") }
        let b = [UInt8](header)
        let skip = UInt64(b[26]) | UInt64(b[27]) << 8
        let extra = UInt64(b[28]) | UInt64(b[29]) << 8
        guard (try? h.seek(toOffset: location.localHeaderOffset + 30 + skip + extra)) != nil else {
            throw Failure.damaged("its data lies outside the archive")
        }
        var remaining = location.compressedSize
        var crc = CInflate.crc32(0, nil, 0)
        func check(_ chunk: UnsafeBufferPointer<UInt8>) throws {
            if let base = chunk.baseAddress { crc = CInflate.crc32(crc, base, uInt(chunk.count)) }
            try consume(chunk)
        }
        func nextInput() throws -> Data {
            let want = Int(min(remaining, 256 << 10))
            guard want > 0 else { return Data() }
            guard let d = try? h.read(upToCount: want), d.count == want else {
                throw Failure.damaged("its compressed data ends before its declared size")
            }
            remaining -= UInt64(want)
            return d
        }
        switch location.method {
        case 0:
            while remaining > 0 {
                let d = try nextInput()
                try d.withUnsafeBytes { try check($0.bindMemory(to: UInt8.self)) }
            }
        case 8:
            try inflate(nextInput: nextInput, hasMoreInput: { remaining > 0 }, check)
        default:
            throw Failure.damaged("compression method \(location.method) is not supported (only stored and deflate)")
        }
        if UInt32(truncatingIfNeeded: crc) != location.crc32 {
            throw Failure.damaged("its checksum does not match its data")
        }
    }

    private static func inflate(
        nextInput: () throws -> Data, hasMoreInput: () -> Bool,
        _ consume: (UnsafeBufferPointer<UInt8>) throws -> Void
    ) throws {
        var stream = z_stream()
        guard wp_inflate_init_raw(&stream) == Z_OK else { throw Failure.damaged("zlib could not start") }
        defer { inflateEnd(&stream) }
        var output = [UInt8](repeating: 0, count: 256 << 10)
        var ended = false
        while !ended {
            guard hasMoreInput() else {
                throw Failure.damaged("its compressed data ends before the end of the deflate stream")
            }
            var input = [UInt8](try nextInput())
            let inputCount = input.count
            try input.withUnsafeMutableBufferPointer { inBuf in
                stream.next_in = inBuf.baseAddress
                stream.avail_in = uInt(inputCount)
                repeat {
                    let produced = try output.withUnsafeMutableBufferPointer { outBuf -> Int in
                        stream.next_out = outBuf.baseAddress
                        stream.avail_out = uInt(outBuf.count)
                        let status = CInflate.inflate(&stream, Z_NO_FLUSH)
                        switch status {
                        case Z_STREAM_END: ended = true
                        case Z_OK, Z_BUF_ERROR: break
                        default: throw Failure.damaged("its deflate data is damaged (zlib status \(status))")
                        }
                        return outBuf.count - Int(stream.avail_out)
                    }
                    if produced > 0 {
                        try output.withUnsafeBufferPointer {
                            try consume(UnsafeBufferPointer(rebasing: $0[0..<produced]))
                        }
                    }
                    // More output may be pending while the output buffer came back full.
                } while !ended && (stream.avail_in > 0 || stream.avail_out == 0)
                stream.next_in = nil
            }
        }
    }
}
