import Foundation
import WarmPathSupport

/// Recognises UTF-16 text from a file's first bytes, for detection only.
///
/// XML files in UTF-16 (GraphML, GEXF, xCard) are read: libxml2 decodes them, from the byte
/// order mark or from the `<?xml` pattern, so detection only needs to see their first element
/// in UTF-8 (``utf8(_:)``). Every other format warmpath reads (CSV, edge lists, GML, Pajek,
/// JSON, vCard) is UTF-8 only, and a UTF-16 file of those is refused as "unsupported encoding"
/// (``refusal``) rather than "not a source warmpath knows".
///
/// ```swift
/// UTF16Sniff.byteOrder(Array("<a/>".utf16LEBytesWithBOM))   // .littleEndian
/// UTF16Sniff.utf8(head)                                     // "<?xml version=…" as UTF-8 bytes
/// ```
public enum UTF16Sniff {
    public enum ByteOrder: Sendable, Hashable {
        case littleEndian
        case bigEndian
    }

    /// The reason given when a UTF-16 file is not XML.
    public static let refusal =
        "unsupported encoding: the file is UTF-16; warmpath reads this format in UTF-8 only (save it as UTF-8)"

    /// The byte order of UTF-16 text: from its byte order mark (FF FE, FE FF), or, without one,
    /// when at least three quarters of the first 64 byte pairs are an ASCII character and a zero
    /// byte (what UTF-16 text in Latin letters looks like). Nil for anything else.
    public static func byteOrder(_ b: some Collection<UInt8>) -> ByteOrder? {
        let head = Array(b.prefix(128))
        if head.count >= 2 {
            if head[0] == 0xFF && head[1] == 0xFE {
                // FF FE 00 00 is the UTF-32 LE mark: not UTF-16.
                if head.count >= 4 && head[2] == 0 && head[3] == 0 { return nil }
                return .littleEndian
            }
            if head[0] == 0xFE && head[1] == 0xFF { return .bigEndian }
        }
        let pairs = head.count / 2
        guard pairs >= 2 else { return nil }
        var le = 0
        var be = 0
        for p in 0..<pairs {
            let x = head[2 * p]
            let y = head[2 * p + 1]
            if y == 0 && x != 0 && x < 0x80 { le += 1 }
            if x == 0 && y != 0 && y < 0x80 { be += 1 }
        }
        if le * 4 >= pairs * 3 { return .littleEndian }
        if be * 4 >= pairs * 3 { return .bigEndian }
        return nil
    }

    /// The first bytes of UTF-16 text as UTF-8 (byte order mark dropped, a cut last character
    /// dropped, unpaired surrogates as U+FFFD); nil when `b` is not UTF-16 (``byteOrder(_:)``).
    public static func utf8(_ b: some Collection<UInt8>) -> [UInt8]? {
        guard let order = byteOrder(b) else { return nil }
        var bytes = Array(b)
        if bytes.count >= 2 && ((bytes[0] == 0xFF && bytes[1] == 0xFE) || (bytes[0] == 0xFE && bytes[1] == 0xFF)) {
            bytes.removeFirst(2)
        }
        var units: [UInt16] = []
        units.reserveCapacity(bytes.count / 2)
        var i = 0
        while i + 1 < bytes.count {
            let lo = UInt16(bytes[i])
            let hi = UInt16(bytes[i + 1])
            units.append(order == .littleEndian ? hi << 8 | lo : lo << 8 | hi)
            i += 2
        }
        // A high surrogate cut off at the end of the head is dropped, not repaired.
        if let last = units.last, last >= 0xD800 && last < 0xDC00 { units.removeLast() }
        return Array(String(decoding: units, as: UTF16.self).utf8)
    }
}
