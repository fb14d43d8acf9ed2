import Foundation
import WarmPathSupport
import WarmPathModel

/// Text-to-value conversion shared by the GraphML and GEXF readers.
enum XMLGraphValues {
    /// ASCII whitespace as XML defines it.
    @inline(__always)
    static func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D }

    /// The bytes without leading and trailing XML whitespace.
    @inline(__always)
    static func trimmed(_ bytes: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
        var lo = 0
        var hi = bytes.count
        while lo < hi && isSpace(bytes[lo]) { lo += 1 }
        while hi > lo && isSpace(bytes[hi - 1]) { hi -= 1 }
        return UnsafeBufferPointer(rebasing: bytes[lo..<hi])
    }

    static func trimmed(_ s: String) -> String {
        var v = Substring(s)
        while let c = v.first, c == " " || c == "\t" || c == "\n" || c == "\r" { v.removeFirst() }
        while let c = v.last, c == " " || c == "\t" || c == "\n" || c == "\r" { v.removeLast() }
        return String(v)
    }

    /// Parses a decimal number (surrounding whitespace allowed). Plain decimals with up to 15
    /// significant digits use ``JSONNumber/decimal(_:)``'s exact fast path; everything else
    /// (`1e-5`, `INF`, `NaN`) goes through the C library. nil when the text is not a number.
    static func double(_ raw: UnsafeBufferPointer<UInt8>) -> Double? {
        let b = trimmed(raw)
        if b.isEmpty { return nil }
        return JSONNumber.decimal(b) ?? Double(String(decoding: b, as: UTF8.self))
    }

    static func double(_ s: String) -> Double? {
        var s = s
        return s.withUTF8 { double($0) }
    }

    /// Parses a 64-bit integer (whitespace allowed); `4.0` is accepted as 4.
    static func int(_ raw: UnsafeBufferPointer<UInt8>) -> Int64? {
        let b = trimmed(raw)
        if b.isEmpty { return nil }
        let s = String(decoding: b, as: UTF8.self)
        if let v = Int64(s) { return v }
        if let d = Double(s), d.isFinite, d == d.rounded(), abs(d) < 9.2e18 { return Int64(d) }
        return nil
    }

    /// `true`/`false` in any case and `1`/`0`, trimmed; whitespace-only is false (igraph).
    static func bool(_ raw: UnsafeBufferPointer<UInt8>) -> Bool? {
        let b = trimmed(raw)
        if b.isEmpty { return false }
        switch String(decoding: b, as: UTF8.self).lowercased() {
        case "true", "1": return true
        case "false", "0": return false
        default: return nil
        }
    }

    /// Whether the bytes are empty or only whitespace.
    static func isBlank(_ raw: UnsafeBufferPointer<UInt8>) -> Bool { trimmed(raw).isEmpty }

    /// Why a value did not convert, for issue messages.
    static func describe(_ type: AttributeType) -> String {
        switch type {
        case .int, .long: "an integer"
        case .float, .double: "a number"
        case .boolean: "a boolean (true/false/1/0)"
        case .string: "a string"
        case .list: "a list"
        }
    }

    /// Converts text to a value of `type`.
    ///
    /// - Returns: `.value(v)`, `.missing` (whitespace-only numbers) or `.invalid`.
    static func convert(_ raw: UnsafeBufferPointer<UInt8>, as type: AttributeType) -> Conversion {
        switch type {
        case .string, .list:
            return .value(.string(String(decoding: raw, as: UTF8.self)))
        case .int, .long:
            if isBlank(raw) { return .missing }
            return int(raw).map { .value(.int($0)) } ?? .invalid
        case .float, .double:
            if isBlank(raw) { return .missing }
            return double(raw).map { .value(.double($0)) } ?? .invalid
        case .boolean:
            return bool(raw).map { .value(.bool($0)) } ?? .invalid
        }
    }

    static func convert(_ s: String, as type: AttributeType) -> Conversion {
        var s = s
        return s.withUTF8 { convert($0, as: type) }
    }

    enum Conversion {
        case value(AttributeValue)
        case missing
        case invalid
    }

    /// Short quoted excerpt of a bad value for messages.
    /// A value as quoted in an issue (``ErrorText/excerpt(_:limit:)``: cut at 60 characters,
    /// control characters escaped).
    static func excerpt(_ raw: UnsafeBufferPointer<UInt8>) -> String {
        // 1 KB holds more than 60 characters: the rest of a huge value is never decoded.
        let head = String(decoding: UnsafeBufferPointer(rebasing: raw.prefix(1024)), as: UTF8.self)
        return raw.count > 1024 ? ErrorText.excerpt(head + "…", limit: 60) : excerpt(head)
    }

    static func excerpt(_ s: String) -> String { ErrorText.excerpt(s, limit: 60) }
}

/// Graph-wide steps shared by the XML readers.
enum XMLGraphFinisher {
    /// Whether the document holds parallel edges: two edges with the same endpoints and the
    /// same direction (either order for undirected edges). O(n + m), no hashing.
    static func hasParallelEdges(_ doc: GraphDocument) -> Bool {
        let n = doc.nodeCount
        let m = doc.edgeCount
        if m < 2 || n == 0 { return false }
        var first = [Int32](repeating: 0, count: n + 1)
        var keyA = [Int32](repeating: 0, count: m)
        var keyB = [Int32](repeating: 0, count: m)
        for e in 0..<m {
            var a = doc.edgeSources[e]
            var b = doc.edgeTargets[e]
            let directed = doc.isDirected(edge: e)
            if !directed && b < a { swap(&a, &b) }
            keyA[e] = a
            keyB[e] = b &* 2 &+ (directed ? 1 : 0)
            first[Int(a) + 1] += 1
        }
        for i in 0..<n { first[i + 1] += first[i] }
        var fill = first
        var sorted = [Int32](repeating: 0, count: m)
        for e in 0..<m {
            let a = Int(keyA[e])
            sorted[Int(fill[a])] = keyB[e]
            fill[a] += 1
        }
        var stamp = [Int32](repeating: -1, count: 2 * n + 2)
        for a in 0..<n {
            let lo = Int(first[a])
            let hi = Int(first[a + 1])
            if hi - lo < 2 { continue }
            for j in lo..<hi {
                let k = Int(sorted[j])
                if stamp[k] == Int32(a) { return true }
                stamp[k] = Int32(a)
            }
        }
        return false
    }

    /// Pads every attribute column to one slot per node / edge.
    static func padColumns(_ doc: inout GraphDocument) {
        for i in doc.nodeAttributes.indices where doc.nodeAttributes[i].values.count < doc.nodeCount {
            doc.nodeAttributes[i].values.append(
                contentsOf: repeatElement(nil, count: doc.nodeCount - doc.nodeAttributes[i].values.count))
        }
        for i in doc.edgeAttributes.indices where doc.edgeAttributes[i].values.count < doc.edgeCount {
            doc.edgeAttributes[i].values.append(
                contentsOf: repeatElement(nil, count: doc.edgeCount - doc.edgeAttributes[i].values.count))
        }
    }
}

/// Escaping for the XML writers.
package enum XMLEscaper {
    /// Escapes text for an attribute value or element content. Tabs, line feeds and carriage
    /// returns become character references so attribute normalisation cannot change them;
    /// characters XML 1.0 cannot hold (other C0 controls, U+FFFE/U+FFFF) become U+FFFD.
    package static func escape(_ s: String) -> String {
        var needs = false
        for u in s.utf8 {
            if u == 0x26 || u == 0x3C || u == 0x3E || u == 0x22 || u == 0x27 || u < 0x20 || u == 0xEF {
                needs = true
                break
            }
        }
        if !needs { return s }
        var out = ""
        out.reserveCapacity(s.utf8.count + 16)
        for scalar in s.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            case "\t": out += "&#9;"
            case "\n": out += "&#10;"
            case "\r": out += "&#13;"
            default:
                if scalar.value < 0x20 || scalar.value == 0xFFFE || scalar.value == 0xFFFF {
                    out += "\u{FFFD}"
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out
    }

    /// A double in a form every reader (Java, Python, C, Swift) parses back to the same value.
    package static func number(_ d: Double) -> String {
        if d.isNaN { return "NaN" }
        if d.isInfinite { return d > 0 ? "Infinity" : "-Infinity" }
        return d.description
    }

    /// The text of a value as the writers emit it.
    package static func valueText(_ v: AttributeValue) -> String {
        switch v {
        case .double(let d): number(d)
        case .int(let i): String(i)
        case .bool(let b): b ? "true" : "false"
        case .string(let s): s
        case .list(let l): l.map(valueText).joined(separator: "|")
        }
    }
}

/// Node ids (and GraphML key ids) of a GraphML / GEXF file → values (node indices), looked up
/// straight from libxml2's attribute bytes, without creating a `String`: a ``ByteTable``, plus a
/// direct array for ids of the form `<prefix><canonical decimal>` (`0`, `17`, `n42`: the usual
/// generated ids), which skip hashing on lookup. The prefix (up to 8 non-digit bytes) is learned
/// from the first id that has this form; canonical means no leading zeros, so the bytes and the
/// number determine each other. Two byte strings can be one `String` under Unicode canonical
/// equivalence, so values are the document's node indices, not entry numbers.
struct XMLNodeIDTable {
    private var table: ByteTable
    private var values: [Int32] = []
    private var numericPrefix: UInt64 = 0
    private var numericPrefixLength = -1
    /// Entry of a numeric id by its number; -1 = none.
    private var numeric: [Int32] = []

    init(capacity: Int = 1024) {
        table = ByteTable(capacity: capacity)
    }

    var count: Int { values.count }

    @inline(__always)
    private static func load(_ b: UnsafeBufferPointer<UInt8>, from: Int) -> UInt64 {
        var w: UInt64 = 0
        let n = Swift.min(8, b.count - from)
        var j = 0
        while j < n {
            w |= UInt64(b[from + j]) << (8 * UInt64(j))
            j += 1
        }
        return w
    }

    @inline(__always)
    private func numericValue(_ b: UnsafeBufferPointer<UInt8>) -> Int? {
        let pc = numericPrefixLength
        if pc < 0 || b.count <= pc || b.count - pc > 9 { return nil }
        if pc > 0 && Self.load(UnsafeBufferPointer(rebasing: b[0..<pc]), from: 0) != numericPrefix { return nil }
        if b[pc] == 0x30 && b.count - pc > 1 { return nil }
        var v = 0
        var j = pc
        while j < b.count {
            let d = b[j] &- 0x30
            if d > 9 { return nil }
            v = v &* 10 &+ Int(d)
            j += 1
        }
        return v
    }

    private mutating func learnPrefix(_ b: UnsafeBufferPointer<UInt8>) {
        var pc = 0
        while pc < b.count && (b[pc] < 0x30 || b[pc] > 0x39) { pc += 1 }
        guard pc < b.count, pc <= 8, b.count - pc <= 9 else { return }
        for j in pc..<b.count where b[j] < 0x30 || b[j] > 0x39 { return }
        numericPrefixLength = pc
        numericPrefix = pc > 0 ? Self.load(UnsafeBufferPointer(rebasing: b[0..<pc]), from: 0) : 0
    }

    /// The value stored for id `b`, or nil.
    @inline(__always)
    func find(_ b: UnsafeBufferPointer<UInt8>) -> Int32? {
        if let v = numericValue(b), v < numeric.count {
            let e = numeric[v]
            if e >= 0 { return values[Int(e)] }
        }
        return table.find(b).map { values[$0] }
    }

    /// Adds id `b` (the caller checked it is new) with its node index.
    mutating func insert(_ b: UnsafeBufferPointer<UInt8>, value: Int32) {
        let (entry, isNew) = table.index(of: b)
        guard isNew else { return }
        values.append(value)
        if numericPrefixLength < 0 { learnPrefix(b) }
        // Numeric ids also go to the direct array while it stays within a few times the id count.
        if let v = numericValue(b), v < max(1 << 16, 8 * values.count) {
            if v >= numeric.count {
                numeric.append(contentsOf: repeatElement(-1, count: max(v + 1, 2 * numeric.count) - numeric.count))
            }
            numeric[v] = Int32(entry)
        }
    }
}

extension GraphDocument {
    /// The index of the node whose id is in attribute `i` of `e`, creating the node when new.
    /// - Returns: the index and whether the node was created.
    @inline(__always)
    mutating func xmlNode(_ e: XMLStartElement, attribute i: Int, table: inout XMLNodeIDTable, line: Int) -> (
        Int32, Bool
    ) {
        e.withAttributeBytes(at: i) { b in
            if let n = table.find(b) { return (n, false) }
            let before = nodeCount
            let n = node(String(decoding: b, as: UTF8.self), line: line)
            table.insert(b, value: n)
            return (n, nodeCount != before)
        }
    }
}
