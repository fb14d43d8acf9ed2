import Foundation
import WarmPathSupport
import WarmPathModel

/// The graph file formats warmpath reads, recognised by content.
public enum GraphFileKind: String, Sendable, Hashable, CaseIterable {
    case graphml
    case gexf
    case nodeLink
    case cytoscape
    case graphology
    case gml
    case pajek
    case edgelist

    /// The matching source kind.
    public var sourceKind: SourceKind {
        switch self {
        case .graphml: .graphml
        case .gexf: .gexf
        case .nodeLink: .nodeLink
        case .cytoscape: .cytoscape
        case .graphology: .graphology
        case .gml: .gml
        case .pajek: .pajek
        case .edgelist: .edgelist
        }
    }
}

/// What ``GraphDetection/detect(head:fileName:)`` recognised.
public struct GraphDetectionResult: Sendable, Hashable {
    public var kind: GraphFileKind
    /// 0 ... 100, as in ``Detection``.
    public var confidence: Int
    /// What was seen, for `warmpath inspect` (`JSON object with nodes and edges`).
    public var reason: String

    public init(kind: GraphFileKind, confidence: Int, reason: String) {
        self.kind = kind
        self.confidence = confidence
        self.reason = reason
    }
}

/// Recognises a graph file from its first bytes (not its extension, which only breaks ties):
/// XML root `graphml` / `gexf`, the JSON shapes node-link / Cytoscape / graphology, GML's
/// `graph [`, Pajek's `*Vertices` / `*Network`, else a delimited edge list.
public enum GraphDetection {
    /// How many bytes of a file detection looks at.
    public static let headSize = 256 * 1024

    /// Detects the format of a file from `head` (its first bytes, possibly the whole file).
    /// Nil when the bytes are not a graph file warmpath reads.
    public static func detect(head: Data, fileName: String) -> GraphDetectionResult? {
        head.withUnsafeBytes { raw in
            detect(bytes: raw.bindMemory(to: UInt8.self), fileName: fileName)
        }
    }

    static func detect(bytes all: UnsafeBufferPointer<UInt8>, fileName: String) -> GraphDetectionResult? {
        // UTF-16: XML is read (libxml2 decodes it), every other format is refused by the caller
        // (``UTF16Sniff/refusal``), so only GraphML and GEXF are recognised here.
        if let utf8 = UTF16Sniff.utf8(all) {
            let decoded = utf8.withUnsafeBufferPointer { detectUTF8(bytes: $0, fileName: fileName) }
            guard var r = decoded, r.kind == .graphml || r.kind == .gexf else { return nil }
            r.reason += " (UTF-16)"
            return r
        }
        return detectUTF8(bytes: all, fileName: fileName)
    }

    static func detectUTF8(bytes all: UnsafeBufferPointer<UInt8>, fileName: String) -> GraphDetectionResult? {
        var start = 0
        if all.count >= 3 && all[0] == 0xEF && all[1] == 0xBB && all[2] == 0xBF { start = 3 }
        let b = UnsafeBufferPointer(rebasing: all[start...])
        let ext = (fileName as NSString).pathExtension.lowercased()
        // Binary files (zip, gzip, images) are never graph text.
        if b.count >= 2 && ((b[0] == 0x50 && b[1] == 0x4B) || (b[0] == 0x1F && b[1] == 0x8B)) { return nil }
        var i = 0
        skipSpace(b, &i)
        // JSON exports edited by hand may open with // or /* */ comments.
        while i + 1 < b.count && b[i] == 0x2F && (b[i + 1] == 0x2F || b[i + 1] == 0x2A) {
            if b[i + 1] == 0x2F {
                while i < b.count && b[i] != 0x0A { i += 1 }
            } else {
                i += 2
                while i + 1 < b.count && !(b[i] == 0x2A && b[i + 1] == 0x2F) { i += 1 }
                i += 2
            }
            skipSpace(b, &i)
        }
        guard i < b.count else { return nil }
        let first = b[i]
        if first == 0x3C { return detectXML(b, from: i, ext: ext) }
        if first == 0x7B || first == 0x5B { return detectJSON(b, from: i, ext: ext) }
        if let r = detectPajek(b) { return r }
        if let r = detectGML(b, ext: ext) { return r }
        return detectEdgeList(b, ext: ext)
    }

    // MARK: XML

    static func detectXML(_ b: UnsafeBufferPointer<UInt8>, from: Int, ext: String) -> GraphDetectionResult? {
        // Find the first element that is not a declaration, comment, or doctype.
        var i = from
        let n = b.count
        while i < n {
            guard b[i] == 0x3C else {
                i += 1
                continue
            }
            if i + 1 < n && (b[i + 1] == 0x3F || b[i + 1] == 0x21) {
                // <? ... ?> or <!-- ... --> or <!DOCTYPE ...>
                if i + 3 < n && b[i + 2] == 0x2D && b[i + 3] == 0x2D {
                    i += 4
                    while i + 2 < n && !(b[i] == 0x2D && b[i + 1] == 0x2D && b[i + 2] == 0x3E) { i += 1 }
                    i += 3
                } else {
                    while i < n && b[i] != 0x3E { i += 1 }
                    i += 1
                }
                continue
            }
            var j = i + 1
            while j < n
                && !(b[j] == 0x20 || b[j] == 0x3E || b[j] == 0x2F || b[j] == 0x0A || b[j] == 0x0D || b[j] == 0x09)
            {
                j += 1
            }
            var name = String(decoding: UnsafeBufferPointer(rebasing: b[(i + 1)..<j]), as: UTF8.self).lowercased()
            if let colon = name.lastIndex(of: ":") { name = String(name[name.index(after: colon)...]) }
            switch name {
            case "graphml": return GraphDetectionResult(kind: .graphml, confidence: 90, reason: "XML root <graphml>")
            case "gexf": return GraphDetectionResult(kind: .gexf, confidence: 90, reason: "XML root <gexf>")
            default: return nil
            }
        }
        return nil
    }

    // MARK: JSON

    /// Keys seen near the top of a JSON document without parsing all of it.
    struct JSONSketch {
        var topKeys: [String] = []
        /// Keys of the first element of each top-level array member (`nodes` → `[id, club]`).
        var firstElementKeys: [String: [String]] = [:]
        /// Keys inside `elements` (Cytoscape object form).
        var elementsKeys: [String] = []
        /// For a top-level array: keys of its first element.
        var arrayFirstKeys: [String] = []
        var topIsArray = false
    }

    static func detectJSON(_ b: UnsafeBufferPointer<UInt8>, from: Int, ext: String) -> GraphDetectionResult? {
        let s = sketch(b, from: from)
        let top = Set(s.topKeys)
        if s.topIsArray {
            let k = Set(s.arrayFirstKeys)
            if k.contains("data") && (k.contains("group") || k.isSubset(of: cytoscapeElementKeys)) {
                return GraphDetectionResult(
                    kind: .cytoscape, confidence: 80, reason: "JSON array of Cytoscape elements")
            }
            return nil
        }
        if top.contains("elements") {
            return GraphDetectionResult(
                kind: .cytoscape, confidence: 85, reason: "JSON object with elements (Cytoscape)")
        }
        guard top.contains("nodes") || top.contains("edges") || top.contains("links") else { return nil }
        let nodeKeys = Set(s.firstElementKeys["nodes"] ?? [])
        let edgeKeys = Set(s.firstElementKeys["edges"] ?? s.firstElementKeys["links"] ?? [])
        if nodeKeys.contains("key") && !nodeKeys.contains("id") || top.contains("options")
            || (nodeKeys.isEmpty && top.contains("attributes") && !top.contains("links"))
        {
            return GraphDetectionResult(
                kind: .graphology, confidence: 85, reason: "JSON object with nodes [{key, attributes}] (graphology)")
        }
        if top.contains("nodes") && (top.contains("links") || top.contains("edges")) {
            return GraphDetectionResult(
                kind: .nodeLink, confidence: 85,
                reason: "JSON object with nodes and \(top.contains("edges") ? "edges" : "links") (node-link)")
        }
        if !nodeKeys.isEmpty || edgeKeys.contains("source") {
            // `edges` may lie beyond the first bytes of a big file.
            return GraphDetectionResult(kind: .nodeLink, confidence: 70, reason: "JSON object with nodes (node-link)")
        }
        return nil
    }

    static let cytoscapeElementKeys: Set<String> = [
        "data", "group", "position", "classes", "selected", "selectable", "locked", "grabbable", "pannable", "removed",
        "renderedPosition", "scratch", "style",
    ]

    /// A small tolerant scanner: records top-level keys and the keys of first array elements.
    static func sketch(_ b: UnsafeBufferPointer<UInt8>, from: Int) -> JSONSketch {
        var s = JSONSketch()
        let n = b.count
        var i = from
        // Stack of containers: true = object.
        var stack: [Bool] = []
        // For each level: the key that opened it (objects' member keys), and element index in arrays.
        var keyAt: [String?] = []
        var indexAt: [Int] = []
        var expectingKey = false
        var lastKey: String?
        while i < n {
            let c = b[i]
            switch c {
            case 0x7B, 0x5B:
                stack.append(c == 0x7B)
                keyAt.append(lastKey)
                indexAt.append(0)
                lastKey = nil
                expectingKey = c == 0x7B
                if stack.count == 1 { s.topIsArray = c == 0x5B }
                i += 1
            case 0x7D, 0x5D:
                if !stack.isEmpty {
                    stack.removeLast()
                    keyAt.removeLast()
                    indexAt.removeLast()
                }
                expectingKey = false
                i += 1
                if stack.isEmpty { return s }
            case 0x2C:
                if stack.last == false { indexAt[indexAt.count - 1] += 1 }
                expectingKey = stack.last == true
                i += 1
            case 0x22:
                var j = i + 1
                while j < n && b[j] != 0x22 {
                    if b[j] == 0x5C { j += 1 }
                    j += 1
                }
                guard j < n else { return s }
                let text = String(decoding: UnsafeBufferPointer(rebasing: b[(i + 1)..<j]), as: UTF8.self)
                i = j + 1
                if expectingKey {
                    expectingKey = false
                    lastKey = text
                    record(key: text, stack: stack, keyAt: keyAt, indexAt: indexAt, into: &s)
                }
            default:
                i += 1
            }
        }
        return s
    }

    private static func record(key: String, stack: [Bool], keyAt: [String?], indexAt: [Int], into s: inout JSONSketch) {
        let d = stack.count
        if d == 1 {
            if !s.topKeys.contains(key) { s.topKeys.append(key) }
        } else if d == 2 && !stack[0] && indexAt[0] == 0 {
            s.arrayFirstKeys.append(key)
        } else if d == 2 && stack[0] && keyAt[1] == "elements" {
            s.elementsKeys.append(key)
        } else if d == 3 && stack[0] && !stack[1] && indexAt[1] == 0, let parent = keyAt[1] {
            s.firstElementKeys[parent, default: []].append(key)
        }
    }

    // MARK: Text formats

    static func detectPajek(_ b: UnsafeBufferPointer<UInt8>) -> GraphDetectionResult? {
        for line in firstLines(b, 200) {
            let t = line.trimmingCharacters(in: .whitespaces).lowercased()
            if t.isEmpty || t.hasPrefix("%") { continue }
            if t.hasPrefix("*vertices") || t.hasPrefix("*network") {
                return GraphDetectionResult(
                    kind: .pajek, confidence: 85, reason: "Pajek \(t.hasPrefix("*net") ? "*Network" : "*Vertices") line"
                )
            }
            if t.hasPrefix("*") { return nil }
        }
        return nil
    }

    static func detectGML(_ b: UnsafeBufferPointer<UInt8>, ext: String) -> GraphDetectionResult? {
        // Tokens until `graph [`: only key/value pairs (Creator "…", Version 2) and comments may come first.
        var lines = 0
        var previousWord = ""
        for line in firstLines(b, 400) {
            lines += 1
            let t = line.trimmingCharacters(in: .whitespaces)
            if t.isEmpty || t.hasPrefix("#") { continue }
            var words = t.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
            if previousWord.lowercased() == "graph" && words.first?.hasPrefix("[") == true {
                return GraphDetectionResult(kind: .gml, confidence: 80, reason: "GML graph [")
            }
            if let f = words.first, f.lowercased() == "graph" {
                if words.count == 1 {
                    previousWord = "graph"
                    continue
                }
                if words[1].hasPrefix("[") {
                    return GraphDetectionResult(kind: .gml, confidence: 80, reason: "GML graph [")
                }
                return nil
            }
            if let f = words.first?.lowercased(), f == "graph[" {
                return GraphDetectionResult(kind: .gml, confidence: 80, reason: "GML graph [")
            }
            // A leading key/value pair such as Creator "…" or Version 2.
            guard let key = words.first, key.first?.isLetter == true,
                key.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" })
            else { return nil }
            words.removeFirst()
            previousWord = key
            if lines > 50 { return nil }
        }
        return nil
    }

    static func detectEdgeList(_ b: UnsafeBufferPointer<UInt8>, ext: String) -> GraphDetectionResult? {
        var data = 0
        var multiColumn = 0
        for line in firstLines(b, 50) {
            let t = line.trimmingCharacters(in: .whitespaces)
            if t.isEmpty || t.hasPrefix("#") || t.hasPrefix("%") || t.hasPrefix("//") { continue }
            data += 1
            let fields = t.split(whereSeparator: { $0 == "," || $0 == "\t" || $0 == " " || $0 == ";" }).filter {
                !$0.isEmpty
            }
            if fields.count >= 2 { multiColumn += 1 }
        }
        guard data > 0, multiColumn * 10 >= data * 9 else { return nil }
        let known = ["csv", "tsv", "txt", "edges", "edgelist", "el", "ncol", "dat", "tab"].contains(ext)
        if !known && !ext.isEmpty { return nil }
        return GraphDetectionResult(
            kind: .edgelist, confidence: known ? 30 : 20, reason: "delimited rows of two or more columns (edge list)")
    }

    static func skipSpace(_ b: UnsafeBufferPointer<UInt8>, _ i: inout Int) {
        while i < b.count && (b[i] == 0x20 || b[i] == 0x0A || b[i] == 0x0D || b[i] == 0x09) { i += 1 }
    }

    /// The first `count` lines (the last one may be cut off by the head size).
    static func firstLines(_ b: UnsafeBufferPointer<UInt8>, _ count: Int) -> [String] {
        var out: [String] = []
        var s = 0
        var i = 0
        while i < b.count && out.count < count {
            if b[i] == 0x0A || b[i] == 0x0D {
                out.append(String(decoding: UnsafeBufferPointer(rebasing: b[s..<i]), as: UTF8.self))
                if b[i] == 0x0D && i + 1 < b.count && b[i + 1] == 0x0A { i += 1 }
                s = i + 1
            }
            i += 1
        }
        if out.count < count && s < b.count {
            out.append(String(decoding: UnsafeBufferPointer(rebasing: b[s..<b.count]), as: UTF8.self))
        }
        return out
    }
}

// MARK: - Helpers shared by the JSON, GML and Pajek graph readers

/// Builds attribute columns for nodes or edges while reading: values are set per slot, the
/// column type is inferred from the values seen.
struct AttributeTable {
    private(set) var columns: [AttributeColumn] = []
    private var index: [String: Int] = [:]
    private var seen: [UInt8] = []

    static let sawInt: UInt8 = 1
    static let sawLong: UInt8 = 2
    static let sawDouble: UInt8 = 4
    static let sawBool: UInt8 = 8
    static let sawString: UInt8 = 16
    static let sawList: UInt8 = 32

    var isEmpty: Bool { columns.isEmpty }

    /// Sets attribute `name` of element `slot` (a repeated name: the last value wins).
    mutating func set(_ name: String, _ value: AttributeValue, at slot: Int) {
        let c: Int
        if let existing = index[name] {
            c = existing
        } else {
            c = columns.count
            index[name] = c
            columns.append(AttributeColumn(name: name, type: .string))
            seen.append(0)
        }
        switch value {
        case .int(let i): seen[c] |= (i < Int64(Int32.min) || i > Int64(Int32.max)) ? Self.sawLong : Self.sawInt
        case .double: seen[c] |= Self.sawDouble
        case .bool: seen[c] |= Self.sawBool
        case .string: seen[c] |= Self.sawString
        case .list: seen[c] |= Self.sawList
        }
        let count = columns[c].values.count
        if count == slot {
            columns[c].values.append(value)
        } else if count > slot {
            columns[c].values[slot] = value
        } else {
            columns[c].values.reserveCapacity(slot + 1)
            columns[c].values.append(contentsOf: repeatElement(nil, count: slot - count))
            columns[c].values.append(value)
        }
    }

    func value(_ name: String, at slot: Int) -> AttributeValue? {
        guard let c = index[name], slot < columns[c].values.count else { return nil }
        return columns[c].values[slot]
    }

    /// Columns padded to `count` slots with their types inferred.
    func finish(count: Int) -> [AttributeColumn] {
        var out = columns
        for c in out.indices {
            if out[c].values.count < count {
                out[c].values.append(contentsOf: repeatElement(nil, count: count - out[c].values.count))
            }
            let s = seen[c]
            let type: AttributeType
            if s == Self.sawInt {
                type = .int
            } else if s & ~(Self.sawInt | Self.sawLong) == 0 {
                type = .long
            } else if s & ~(Self.sawInt | Self.sawLong | Self.sawDouble) == 0 {
                type = .double
            } else if s == Self.sawBool {
                type = .boolean
            } else if s == Self.sawList {
                type = .list
            } else {
                type = .string
            }
            out[c].type = type
        }
        return out
    }
}
