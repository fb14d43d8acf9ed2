import Foundation
import WarmPathSupport
import WarmPathModel

/// Reads GML (Graph Modelling Language) files: `graph [ node [ id 1 label "a" ] edge [ source 1
/// target 2 ] ]`.
///
/// Lenient where igraph is (comments `#`, `+2`, `NaN`/`Inf` spellings, HTML entities in
/// strings, multi-line strings kept with their line breaks, nodes without `id` given one,
/// repeated keys: the last wins, a UTF-8 BOM noted as an info issue), strict about structure
/// like NetworkX (syntax errors, no graph and unbalanced brackets throw; duplicate node ids and
/// edges to undefined nodes are skipped with a warning; a second graph is ignored with a
/// warning). Nested lists (`graphics [ x 1 y 2 ]`) become dotted attributes (`graphics.x`).
/// `value` or `weight` on an edge is its weight.
public enum GMLReader {
    /// Reads one GML file.
    public static func read(_ data: Data, file: String, source: String) throws -> GraphReadResult {
        var log = IssueLog(source: source, file: file)
        let parsed: (Result<[GMLPair], GMLSyntaxError>, Bool) = data.withUnsafeBytes { raw in
            var t = GMLTokenizer(bytes: raw.bindMemory(to: UInt8.self))
            do throws(GMLSyntaxError) {
                return (.success(try t.parseDocument()), t.hadBOM)
            } catch {
                return (.failure(error), t.hadBOM)
            }
        }
        if parsed.1 {
            log.add(.info, "UTF-8 byte order mark at the start of the file (GML is meant to be ASCII)", line: 1)
        }
        let top: [GMLPair]
        switch parsed.0 {
        case .success(let p): top = p
        case .failure(let error): throw ImportError.malformed(path: file, line: error.line, reason: error.message)
        }
        let graphs = top.filter { $0.key == "graph" }
        guard let graphPair = graphs.first else {
            throw ImportError.malformed(
                path: file, line: top.first?.line ?? 0,
                reason: top.isEmpty ? "empty GML file: no graph [ … ]" : "no graph [ … ] in the GML file")
        }
        guard case .list(let items) = graphPair.value else {
            throw ImportError.malformed(path: file, line: graphPair.line, reason: "graph is not a list [ … ]")
        }
        for extra in graphs.dropFirst() {
            log.add(.warning, "a second graph in the file was ignored (only the first is read)", line: extra.line)
        }
        return build(items, graphLine: graphPair.line, top: top, log: &log)
    }

    static func build(_ items: [GMLPair], graphLine: Int, top: [GMLPair], log: inout IssueLog) -> GraphReadResult {
        var directed = false
        var multigraph = false
        var graphAttrs: [String: AttributeValue] = [:]
        var nodes: [(items: [GMLPair], line: Int)] = []
        var edges: [(items: [GMLPair], line: Int)] = []
        for p in items {
            switch p.key {
            case "directed":
                let v = p.value.intValue
                if v == nil || !(v == 0 || v == 1) {
                    log.add(
                        .warning,
                        "directed \(p.value.text) is not 0 or 1; read as \(v == 0 ? "undirected" : "directed")",
                        line: p.line)
                }
                directed = (v ?? 1) != 0
            case "multigraph":
                multigraph = (p.value.intValue ?? 0) != 0
            case "node":
                if case .list(let l) = p.value {
                    nodes.append((l, p.line))
                } else {
                    log.add(.warning, "node is not a list [ … ]; skipped", line: p.line)
                }
            case "edge":
                if case .list(let l) = p.value {
                    edges.append((l, p.line))
                } else {
                    log.add(.warning, "edge is not a list [ … ]; skipped", line: p.line)
                }
            default:
                flatten(p.key, p.value) { graphAttrs[$0] = $1 }
            }
        }
        for p in top where p.key != "graph" {
            flatten(p.key, p.value) { k, v in if graphAttrs[k] == nil { graphAttrs[k] = v } }
        }
        var doc = GraphDocument(directed: directed, multigraph: multigraph)
        doc.graphAttributes = graphAttrs
        var nodeAttrs = AttributeTable()
        var edgeAttrs = AttributeTable()

        // Node ids: explicit ones first, so generated ids never collide with a later explicit id.
        var explicit = Set<String>()
        var ids: [String?] = []
        for n in nodes {
            let idPair = n.items.last { $0.key == "id" }
            let id = idPair.flatMap { $0.value.scalarText }
            ids.append(id)
            if let id { explicit.insert(id) }
        }
        var nextGenerated = 0
        for (k, n) in nodes.enumerated() {
            var id = ids[k]
            if id == nil {
                while explicit.contains(String(nextGenerated)) { nextGenerated += 1 }
                id = String(nextGenerated)
                explicit.insert(id!)
                log.add(.warning, "node without id; given id \(id!)", line: n.line, kind: "node without id")
            }
            guard let id else { continue }
            if doc.nodeIndex[id] != nil {
                log.add(
                    .warning, "duplicate node id \(id); the later node was skipped", line: n.line,
                    kind: "duplicate node id")
                continue
            }
            let slot = Int(doc.node(id, line: n.line))
            for p in n.items where p.key != "id" {
                flatten(p.key, p.value) { nodeAttrs.set($0, $1, at: slot) }
            }
        }

        var seenPairs = Set<UInt64>()
        var seenKeys = Set<String>()
        var parallel = 0
        for e in edges {
            let src = e.items.last { $0.key == "source" }?.value.scalarText
            let tgt = e.items.last { $0.key == "target" }?.value.scalarText
            guard let src, let tgt else {
                log.add(
                    .warning, "edge without \(src == nil ? "source" : "target"); skipped", line: e.line,
                    kind: "edge without endpoint")
                continue
            }
            guard let s = doc.nodeIndex[src], let t = doc.nodeIndex[tgt] else {
                let missing = doc.nodeIndex[src] == nil ? src : tgt
                log.add(
                    .warning, "edge refers to undefined node \(missing); skipped", line: e.line,
                    kind: "edge to undefined node")
                continue
            }
            var weight: Double?
            var weightKey: String?
            for k in ["weight", "value"] {
                if let v = e.items.last(where: { $0.key == k })?.value, let d = v.doubleValue {
                    weight = d
                    weightKey = k
                    break
                }
            }
            let idText = e.items.last { $0.key == "id" }?.value.scalarText
            let keyText = e.items.last { $0.key == "key" }?.value.scalarText
            let (a, b) = directed || s <= t ? (s, t) : (t, s)
            let pair = UInt64(UInt32(bitPattern: a)) << 32 | UInt64(UInt32(bitPattern: b))
            if !seenPairs.insert(pair).inserted {
                if !multigraph {
                    parallel += 1
                } else if let keyText, !seenKeys.insert("\(a) \(b) \(keyText)").inserted {
                    log.add(
                        .warning, "duplicate edge key \(keyText) between \(src) and \(tgt); kept", line: e.line,
                        kind: "duplicate edge key")
                }
            } else if multigraph, let keyText {
                seenKeys.insert("\(a) \(b) \(keyText)")
            }
            let slot = doc.edgeCount
            doc.addEdge(s, t, weight: weight, id: idText ?? keyText, line: e.line)
            for p in e.items {
                switch p.key {
                case "source", "target": continue
                case "id" where idText != nil: continue
                case "key" where idText == nil && keyText != nil: continue
                default:
                    if p.key == weightKey { continue }
                    flatten(p.key, p.value) { edgeAttrs.set($0, $1, at: slot) }
                }
            }
        }
        if parallel > 0 {
            log.add(
                .info,
                "\(Format.grouped(parallel)) parallel edge(s) in a graph without 'multigraph 1'; kept as separate edges",
                line: graphLine)
        }
        doc.nodeAttributes = nodeAttrs.finish(count: doc.nodeCount)
        doc.edgeAttributes = edgeAttrs.finish(count: doc.edgeCount)
        return GraphReadResult(document: doc, issues: log.finish())
    }

    /// Calls `set` for a scalar, or for every scalar inside a nested list with dotted names.
    static func flatten(_ key: String, _ value: GMLValue, _ set: (String, AttributeValue) -> Void) {
        switch value {
        case .list(let items):
            for p in items { flatten(key + "." + p.key, p.value, set) }
        default:
            if let a = value.attribute { set(key, a) }
        }
    }
}

/// A GML key with its value and line.
struct GMLPair {
    var key: String
    var value: GMLValue
    var line: Int
}

/// A GML value: numbers keep their text so ids are never reformatted.
enum GMLValue {
    case int(Int64, String)
    case real(Double, String)
    case string(String)
    case list([GMLPair])

    var intValue: Int64? {
        switch self {
        case .int(let i, _): i
        case .real(let d, _): d.isFinite && d == d.rounded() ? Int64(d) : nil
        default: nil
        }
    }

    var doubleValue: Double? {
        switch self {
        case .int(let i, _): Double(i)
        case .real(let d, _): d
        case .string(let s): Double(s)
        case .list: nil
        }
    }

    /// Scalar as text (ids): numbers as written, strings as they are.
    var scalarText: String? {
        switch self {
        case .int(_, let t), .real(_, let t): t.hasPrefix("+") ? String(t.dropFirst()) : t
        case .string(let s): s
        case .list: nil
        }
    }

    var text: String { scalarText ?? "[…]" }

    var attribute: AttributeValue? {
        switch self {
        case .int(let i, _): .int(i)
        case .real(let d, _): .double(d)
        case .string(let s): .string(s)
        case .list: nil
        }
    }
}

struct GMLSyntaxError: Error {
    var line: Int
    var message: String
}

/// Tokenizer and recursive-descent parser for GML's `key value` lists.
struct GMLTokenizer {
    let b: UnsafeBufferPointer<UInt8>
    var pos = 0
    var line = 1
    var hadBOM = false
    var depth = 0

    init(bytes: UnsafeBufferPointer<UInt8>) {
        b = bytes
        if b.count >= 3 && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF {
            pos = 3
            hadBOM = true
        }
    }

    mutating func parseDocument() throws(GMLSyntaxError) -> [GMLPair] {
        let items = try parseList(closing: false)
        return items
    }

    mutating func skipSpace() {
        while pos < b.count {
            let c = b[pos]
            if c == 0x0A {
                line += 1
                pos += 1
            } else if c == 0x0D {
                line += 1
                pos += 1
                if pos < b.count && b[pos] == 0x0A { pos += 1 }
            } else if c == 0x20 || c == 0x09 || c == 0x0C || c == 0x0B {
                pos += 1
            } else if c == 0x23 {  // # comment to end of line
                while pos < b.count && b[pos] != 0x0A && b[pos] != 0x0D { pos += 1 }
            } else {
                return
            }
        }
    }

    static func isKeyStart(_ c: UInt8) -> Bool { (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A) || c == 0x5F }
    static func isKeyPart(_ c: UInt8) -> Bool { isKeyStart(c) || (c >= 0x30 && c <= 0x39) }

    func describe() -> String {
        guard pos < b.count else { return "end of file" }
        let c = b[pos]
        return c >= 0x21 && c < 0x7F ? "'\(Character(Unicode.Scalar(c)))'" : "byte 0x\(String(c, radix: 16))"
    }

    mutating func parseList(closing: Bool) throws(GMLSyntaxError) -> [GMLPair] {
        var items: [GMLPair] = []
        let openLine = line
        while true {
            skipSpace()
            guard pos < b.count else {
                if closing {
                    throw GMLSyntaxError(
                        line: openLine, message: "unterminated list: '[' opened on line \(openLine) is never closed")
                }
                return items
            }
            let c = b[pos]
            if c == 0x5D {
                guard closing else { throw GMLSyntaxError(line: line, message: "unexpected ']' with no open list") }
                pos += 1
                return items
            }
            guard GMLTokenizer.isKeyStart(c) else {
                throw GMLSyntaxError(line: line, message: "expected a key, found \(describe())")
            }
            let s = pos
            while pos < b.count && GMLTokenizer.isKeyPart(b[pos]) { pos += 1 }
            let key = String(decoding: UnsafeBufferPointer(rebasing: b[s..<pos]), as: UTF8.self)
            let keyLine = line
            skipSpace()
            guard pos < b.count else {
                throw GMLSyntaxError(line: keyLine, message: "key \(ErrorText.excerpt(key)) has no value (file ends)")
            }
            let value = try parseValue(key: key)
            items.append(GMLPair(key: key, value: value, line: keyLine))
        }
    }

    mutating func parseValue(key: String) throws(GMLSyntaxError) -> GMLValue {
        let c = b[pos]
        if c == 0x5B {
            pos += 1
            depth += 1
            if depth > 256 { throw GMLSyntaxError(line: line, message: "lists nested deeper than 256 levels") }
            let l = try parseList(closing: true)
            depth -= 1
            return .list(l)
        }
        if c == 0x22 {
            let startLine = line
            pos += 1
            let s = pos
            while pos < b.count && b[pos] != 0x22 {
                if b[pos] == 0x0A || (b[pos] == 0x0D && !(pos + 1 < b.count && b[pos + 1] == 0x0A)) { line += 1 }
                pos += 1
            }
            guard pos < b.count else { throw GMLSyntaxError(line: startLine, message: "unterminated string") }
            let raw = String(decoding: UnsafeBufferPointer(rebasing: b[s..<pos]), as: UTF8.self)
            pos += 1
            return .string(raw.contains("&") ? GMLTokenizer.decodeEntities(raw) : raw)
        }
        if c == 0x5D {
            throw GMLSyntaxError(line: line, message: "key \(ErrorText.excerpt(key)) has no value before ']'")
        }
        // A bare token: number, NaN/Inf, or an unquoted word.
        let s = pos
        while pos < b.count {
            let d = b[pos]
            if d == 0x20 || d == 0x09 || d == 0x0A || d == 0x0D || d == 0x5B || d == 0x5D || d == 0x22 || d == 0x23 {
                break
            }
            pos += 1
        }
        let text = String(decoding: UnsafeBufferPointer(rebasing: b[s..<pos]), as: UTF8.self)
        if let i = Int64(text.hasPrefix("+") ? String(text.dropFirst()) : text) { return .int(i, text) }
        let lower = text.lowercased()
        let unsigned = lower.hasPrefix("+") || lower.hasPrefix("-") ? String(lower.dropFirst()) : lower
        if unsigned == "nan" { return .real(.nan, text) }
        if unsigned == "inf" || unsigned == "infinity" {
            return .real(lower.hasPrefix("-") ? -.infinity : .infinity, text)
        }
        if let first = text.utf8.first,
            first == 0x2B || first == 0x2D || first == 0x2E || (first >= 0x30 && first <= 0x39)
        {
            if let d = Double(text.hasPrefix("+") ? String(text.dropFirst()) : text) { return .real(d, text) }
            throw GMLSyntaxError(
                line: line, message: "\(ErrorText.excerpt(text)) is not a number (value of \(ErrorText.excerpt(key)))")
        }
        guard text.utf8.allSatisfy({ GMLTokenizer.isKeyPart($0) || $0 >= 0x80 || $0 == 0x2D || $0 == 0x2E }) else {
            throw GMLSyntaxError(
                line: line, message: "unexpected \(ErrorText.excerpt(text)) as the value of \(ErrorText.excerpt(key))")
        }
        return .string(text)
    }

    static let namedEntities: [String: String] = [
        "amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "nbsp": "\u{A0}",
        "auml": "ä", "ouml": "ö", "uuml": "ü", "Auml": "Ä", "Ouml": "Ö", "Uuml": "Ü", "szlig": "ß",
        "eacute": "é", "egrave": "è", "ecirc": "ê", "aacute": "á", "agrave": "à", "iacute": "í", "oacute": "ó",
        "uacute": "ú", "ntilde": "ñ", "ccedil": "ç", "copy": "©", "reg": "®",
    ]

    /// `&amp;`, `&#34;`, `&#x4444;` and a few named entities; unknown or out-of-range
    /// references are left as written.
    static func decodeEntities(_ s: String) -> String {
        var out = ""
        var rest = Substring(s)
        while let amp = rest.firstIndex(of: "&") {
            out += rest[..<amp]
            let after = rest[rest.index(after: amp)...]
            guard let semi = after.prefix(12).firstIndex(of: ";") else {
                out += "&"
                rest = after
                continue
            }
            let name = after[..<semi]
            var replacement: String?
            if name.hasPrefix("#x") || name.hasPrefix("#X") {
                if let v = UInt32(name.dropFirst(2), radix: 16), let u = Unicode.Scalar(v) { replacement = String(u) }
            } else if name.hasPrefix("#") {
                if let v = UInt32(name.dropFirst()), let u = Unicode.Scalar(v) { replacement = String(u) }
            } else {
                replacement = namedEntities[String(name)]
            }
            if let replacement {
                out += replacement
                rest = after[after.index(after: semi)...]
            } else {
                out += "&"
                rest = after
            }
        }
        out += rest
        return out
    }
}
