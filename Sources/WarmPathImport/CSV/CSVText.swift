import Foundation
import WarmPathSupport
import WarmPathModel

// NOTE (09:45 UTC): two helper sessions were given the same brief (CSV reader + LinkedIn
// importer) and both write here. The second one overwrote this file by accident at 09:41:59
// while creating it; this version restores the API CSVTable.swift uses
// (`CSVTextDecoder.decode(_:)` → bytes / encoding / firstInvalidLine). The second session has
// stopped writing to the tree and reported the duplication to the lead.

/// The text encoding a CSV file turned out to have.
public enum CSVEncoding: String, Sendable, Hashable, Codable {
    /// UTF-8 without byte-order mark.
    case utf8
    /// UTF-8 with a leading byte-order mark (stripped).
    case utf8BOM = "utf8-bom"
    /// UTF-16 little-endian (2018 LinkedIn files), transcoded to UTF-8.
    case utf16LE = "utf16le"
    /// UTF-16 big-endian, transcoded to UTF-8.
    case utf16BE = "utf16be"
    /// Not valid UTF-8: read as Windows-1252 (an issue is recorded).
    case windows1252 = "windows-1252"
}

/// Turns raw file bytes into UTF-8 bytes without a byte-order mark.
///
/// ```
/// let text = CSVTextDecoder.decode(raw)   // text.bytes is UTF-8, text.encoding says what it was
/// ```
enum CSVTextDecoder {
    struct Decoded: Sendable {
        /// UTF-8 text without a byte-order mark.
        var bytes: [UInt8]
        var encoding: CSVEncoding
        /// Physical line of the first byte that broke UTF-8 (set with `.windows1252`).
        var firstInvalidLine: Int?
    }

    static func decode(_ raw: [UInt8]) -> Decoded {
        let n = raw.count
        if n >= 3 && raw[0] == 0xEF && raw[1] == 0xBB && raw[2] == 0xBF {
            return validated(Array(raw[3...]), encoding: .utf8BOM)
        }
        if n >= 2 && raw[0] == 0xFF && raw[1] == 0xFE {
            return Decoded(bytes: utf16(raw, from: 2, littleEndian: true), encoding: .utf16LE, firstInvalidLine: nil)
        }
        if n >= 2 && raw[0] == 0xFE && raw[1] == 0xFF {
            return Decoded(bytes: utf16(raw, from: 2, littleEndian: false), encoding: .utf16BE, firstInvalidLine: nil)
        }
        // UTF-16 without a mark: ASCII text shows a zero in every other byte.
        if n >= 4 && raw[0] != 0 && raw[1] == 0 && raw[2] != 0 && raw[3] == 0 {
            return Decoded(bytes: utf16(raw, from: 0, littleEndian: true), encoding: .utf16LE, firstInvalidLine: nil)
        }
        if n >= 4 && raw[0] == 0 && raw[1] != 0 && raw[2] == 0 && raw[3] != 0 {
            return Decoded(bytes: utf16(raw, from: 0, littleEndian: false), encoding: .utf16BE, firstInvalidLine: nil)
        }
        return validated(raw, encoding: .utf8)
    }

    private static func validated(_ bytes: [UInt8], encoding: CSVEncoding) -> Decoded {
        guard let bad = firstInvalidUTF8(bytes) else {
            return Decoded(bytes: bytes, encoding: encoding, firstInvalidLine: nil)
        }
        var line = 1
        for i in 0..<bad where bytes[i] == 0x0A { line += 1 }
        return Decoded(bytes: windows1252ToUTF8(bytes), encoding: .windows1252, firstInvalidLine: line)
    }

    /// Offset of the first byte that breaks UTF-8, or nil when the whole buffer is valid.
    static func firstInvalidUTF8(_ bytes: [UInt8]) -> Int? {
        bytes.withUnsafeBufferPointer { buf -> Int? in
            let n = buf.count
            guard let base = buf.baseAddress else { return nil }
            let raw = UnsafeRawPointer(base)
            var i = 0
            while i < n {
                // ASCII fast path, 8 bytes at a time.
                while i + 8 <= n && raw.loadUnaligned(fromByteOffset: i, as: UInt64.self) & 0x8080_8080_8080_8080 == 0 {
                    i += 8
                }
                if i >= n { break }
                let b0 = buf[i]
                if b0 < 0x80 {
                    i += 1
                    continue
                }
                func cont(_ k: Int) -> Bool { i + k < n && buf[i + k] & 0xC0 == 0x80 }
                if b0 >= 0xC2 && b0 <= 0xDF {
                    guard cont(1) else { return i }
                    i += 2
                } else if b0 >= 0xE0 && b0 <= 0xEF {
                    guard cont(1), cont(2) else { return i }
                    let b1 = buf[i + 1]
                    if b0 == 0xE0 && b1 < 0xA0 { return i }  // overlong
                    if b0 == 0xED && b1 >= 0xA0 { return i }  // surrogate
                    i += 3
                } else if b0 >= 0xF0 && b0 <= 0xF4 {
                    guard cont(1), cont(2), cont(3) else { return i }
                    let b1 = buf[i + 1]
                    if b0 == 0xF0 && b1 < 0x90 { return i }
                    if b0 == 0xF4 && b1 >= 0x90 { return i }
                    i += 4
                } else {
                    return i
                }
            }
            return nil
        }
    }

    /// Windows-1252 code points for bytes 0x80–0x9F (undefined bytes map to the C1 control,
    /// as the WHATWG encoding standard does).
    static let cp1252High: [UInt32] = [
        0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
        0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008D, 0x017D, 0x008F,
        0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
        0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178,
    ]

    static func windows1252ToUTF8(_ bytes: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + bytes.count / 8)
        for b in bytes {
            if b < 0x80 {
                out.append(b)
                continue
            }
            let cp: UInt32 = b < 0xA0 ? cp1252High[Int(b - 0x80)] : UInt32(b)
            appendUTF8(cp, to: &out)
        }
        return out
    }

    static func appendUTF8(_ cp: UInt32, to out: inout [UInt8]) {
        switch cp {
        case 0..<0x80:
            out.append(UInt8(cp))
        case 0x80..<0x800:
            out.append(UInt8(0xC0 | (cp >> 6)))
            out.append(UInt8(0x80 | (cp & 0x3F)))
        case 0x800..<0x10000:
            out.append(UInt8(0xE0 | (cp >> 12)))
            out.append(UInt8(0x80 | ((cp >> 6) & 0x3F)))
            out.append(UInt8(0x80 | (cp & 0x3F)))
        default:
            out.append(UInt8(0xF0 | (cp >> 18)))
            out.append(UInt8(0x80 | ((cp >> 12) & 0x3F)))
            out.append(UInt8(0x80 | ((cp >> 6) & 0x3F)))
            out.append(UInt8(0x80 | (cp & 0x3F)))
        }
    }

    private static func utf16(_ raw: [UInt8], from start: Int, littleEndian: Bool) -> [UInt8] {
        var units: [UInt16] = []
        units.reserveCapacity((raw.count - start) / 2)
        var i = start
        while i + 1 < raw.count {
            let a = UInt16(raw[i])
            let b = UInt16(raw[i + 1])
            units.append(littleEndian ? (a | b << 8) : (a << 8 | b))
            i += 2
        }
        var s = String(decoding: units, as: UTF16.self)
        if s.hasPrefix("\u{FEFF}") { s.removeFirst() }
        return Array(s.utf8)
    }
}
