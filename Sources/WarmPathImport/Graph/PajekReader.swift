import Foundation
import WarmPathSupport
import WarmPathModel

/// Reads Pajek `.net` files.
///
/// Sections (case-insensitive): `*Network [name]`, `*Vertices N [N1]` with lines `id "label" [x y
/// [z]] [shape] [key value]…`, `*Arcs` / `*Edges` (`from to [weight] [drawing parameters…]`,
/// negative weights allowed, parameters ignored), `*Arcslist` / `*Edgeslist` (`from to1 to2 …`)
/// and `*Matrix` (N rows of N numbers; a non-zero entry is an arc with that weight). `*Arcs`,
/// `*Arcslist` and `*Matrix` make the graph directed; `*Edges` edges in such a file keep their
/// own (undirected) direction. Comments start with `%`; a UTF-8 BOM and CRLF line ends are
/// accepted; other sections (`*Partition`, `*Vector`) are skipped with an info issue.
///
/// Node ids are the vertex labels when every vertex has a distinct label, else the vertex
/// numbers (the label stays an attribute). Invalid headers (`*Vertices` without a count, a
/// bipartite count above the total, extra numbers) throw; bad vertex or edge lines are skipped
/// with a warning.
public enum PajekReader {
    /// Reads one Pajek file.
    public static func read(_ data: Data, file: String, source: String) throws -> GraphReadResult {
        var log = IssueLog(source: source, file: file)
        var text = String(decoding: data, as: UTF8.self)
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        let lines = splitLines(text)

        var vertexCount = -1
        var labels: [String?] = []
        var vertexAttrs: [[(String, String)]] = []
        var vertexLines: [Int] = []
        struct RawEdge {
            var s: Int
            var t: Int
            var w: Double?
            var directed: Bool
            var line: Int
        }
        var edges: [RawEdge] = []
        var anyDirected = false
        var networkName: String?
        enum Section { case none, vertices, arcs, edges, arcslist, edgeslist, matrix, other }
        var section = Section.none
        var matrixRow = 0
        var sawHeader = false

        for (k, raw) in lines.enumerated() {
            let lineNo = k + 1
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("%") { continue }
            if line.hasPrefix("*") {
                sawHeader = true
                let words = line.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
                let head = words[0].lowercased()
                switch head {
                case "*network", "*net":
                    let name = words.dropFirst().joined(separator: " ")
                    networkName = name.isEmpty ? nil : name
                    section = .none
                case "*vertices":
                    guard vertexCount < 0 else {
                        throw ImportError.malformed(path: file, line: lineNo, reason: "a second *Vertices section")
                    }
                    guard words.count >= 2, let n = Int(words[1]), n >= 0 else {
                        throw ImportError.malformed(
                            path: file, line: lineNo, reason: "*Vertices needs a vertex count, for example *Vertices 34"
                        )
                    }
                    if words.count > 3 {
                        throw ImportError.malformed(
                            path: file, line: lineNo, reason: "too many numbers after *Vertices")
                    }
                    if words.count == 3 {
                        guard let n1 = Int(words[2]), n1 >= 0, n1 <= n else {
                            throw ImportError.malformed(
                                path: file, line: lineNo,
                                reason: "the two-mode count \(words[2]) is not between 0 and \(n)")
                        }
                    }
                    let bound = maxVertices(fileBytes: data.count)
                    if n > bound {
                        throw ImportError.malformed(
                            path: file, line: lineNo,
                            reason:
                                "*Vertices \(Format.grouped(n)) is more than a \(Format.grouped(data.count))-byte file "
                                + "can hold: warmpath reads at most \(Format.grouped(bound)) vertices from it "
                                + "(\(Format.grouped(minVertexBound)), or one per \(bytesPerVertex) bytes of the file)")
                    }
                    vertexCount = n
                    labels = [String?](repeating: nil, count: n)
                    vertexAttrs = [[(String, String)]](repeating: [], count: n)
                    vertexLines = [Int](repeating: 0, count: n)
                    section = .vertices
                case "*arcs":
                    section = .arcs
                    anyDirected = true
                case "*edges":
                    section = .edges
                case "*arcslist":
                    section = .arcslist
                    anyDirected = true
                case "*edgeslist":
                    section = .edgeslist
                case "*matrix":
                    section = .matrix
                    anyDirected = true
                    matrixRow = 0
                default:
                    log.add(.info, "section \(words[0]) is not read", line: lineNo, kind: "section not read")
                    section = .other
                }
                if [.arcs, .edges, .arcslist, .edgeslist, .matrix].contains(section) && vertexCount < 0 {
                    throw ImportError.malformed(path: file, line: lineNo, reason: "\(words[0]) before *Vertices")
                }
                continue
            }
            switch section {
            case .none:
                if !sawHeader { continue }  // free text before the first section
                log.add(.warning, "line outside any section; skipped", line: lineNo, kind: "line outside section")
            case .other:
                continue
            case .vertices:
                let tokens = tokenize(line)
                guard let id = Int(tokens[0]), id >= 1, id <= vertexCount else {
                    log.add(
                        .warning, "vertex number \(tokens[0]) is not between 1 and \(vertexCount); line skipped",
                        line: lineNo,
                        kind: "bad vertex number")
                    continue
                }
                let v = id - 1
                vertexLines[v] = lineNo
                if tokens.count >= 2 { labels[v] = tokens[1] }
                var i = 2
                var coords = 0
                while i < tokens.count && coords < 3 && Double(tokens[i]) != nil {
                    i += 1
                    coords += 1
                }
                var attrs: [(String, String)] = []
                if coords > 0 {
                    let names = ["x", "y", "z"]
                    for c in 0..<coords { attrs.append((names[c], tokens[2 + c])) }
                }
                if i < tokens.count && shapes.contains(tokens[i].lowercased()) {
                    attrs.append(("shape", tokens[i]))
                    i += 1
                }
                while i + 1 < tokens.count {
                    attrs.append((tokens[i], tokens[i + 1]))
                    i += 2
                }
                vertexAttrs[v] = attrs
            case .arcs, .edges:
                let tokens = tokenize(line)
                guard tokens.count >= 2, let s = Int(tokens[0]), let t = Int(tokens[1]) else {
                    log.add(
                        .warning, "edge line needs two vertex numbers; skipped", line: lineNo, kind: "bad edge line")
                    continue
                }
                guard (1...max(vertexCount, 1)).contains(s), (1...max(vertexCount, 1)).contains(t), vertexCount > 0
                else {
                    log.add(
                        .warning, "vertex number out of range 1…\(vertexCount) in edge \(s) \(t); skipped",
                        line: lineNo,
                        kind: "edge vertex out of range")
                    continue
                }
                var w: Double?
                if tokens.count >= 3 {
                    if let x = Double(tokens[2]) {
                        w = x
                    } else if !isParameter(tokens[2]) {
                        w = EdgeWeight.unreadable
                        log.add(
                            .warning,
                            "weight \(ErrorText.excerpt(tokens[2])) is not a number; edge read without weight",
                            line: lineNo,
                            kind: "bad weight")
                    }
                }
                edges.append(RawEdge(s: s - 1, t: t - 1, w: w, directed: section == .arcs, line: lineNo))
            case .arcslist, .edgeslist:
                let tokens = tokenize(line)
                guard let s = Int(tokens[0]), (1...max(vertexCount, 1)).contains(s), vertexCount > 0 else {
                    log.add(
                        .warning, "list line must start with a vertex number; skipped", line: lineNo,
                        kind: "bad edge line")
                    continue
                }
                for tok in tokens.dropFirst() {
                    guard let t = Int(tok), (1...vertexCount).contains(t) else {
                        log.add(
                            .warning, "\(ErrorText.excerpt(tok)) is not a vertex number; skipped", line: lineNo,
                            kind: "edge vertex out of range")
                        continue
                    }
                    edges.append(RawEdge(s: s - 1, t: t - 1, w: nil, directed: section == .arcslist, line: lineNo))
                }
            case .matrix:
                let tokens = tokenize(line)
                guard matrixRow < vertexCount else {
                    log.add(
                        .warning, "more matrix rows than vertices; row skipped", line: lineNo, kind: "extra matrix row")
                    continue
                }
                if tokens.count != vertexCount {
                    log.add(
                        .warning, "matrix row has \(tokens.count) entries, expected \(vertexCount)", line: lineNo,
                        kind: "matrix row length")
                }
                for (c, tok) in tokens.prefix(vertexCount).enumerated() {
                    guard let x = Double(tok) else {
                        log.add(
                            .warning, "matrix entry \(ErrorText.excerpt(tok)) is not a number; skipped", line: lineNo,
                            kind: "bad matrix entry")
                        continue
                    }
                    if x != 0 { edges.append(RawEdge(s: matrixRow, t: c, w: x, directed: true, line: lineNo)) }
                }
                matrixRow += 1
            }
        }
        guard vertexCount >= 0 else {
            throw ImportError.malformed(path: file, line: 0, reason: "no *Vertices section: not a Pajek network")
        }

        // Node ids: labels when all present and distinct, else vertex numbers.
        var useLabels = vertexCount > 0 && labels.allSatisfy { $0 != nil && !$0!.isEmpty }
        if useLabels && Set(labels.map { $0! }).count != vertexCount {
            useLabels = false
            log.add(.info, "vertex labels repeat; vertices are identified by number (labels kept as attribute 'label')")
        }
        var doc = GraphDocument(directed: anyDirected)
        if let networkName { doc.graphAttributes["name"] = .string(networkName) }
        var nodeAttrs = AttributeTable()
        for v in 0..<vertexCount {
            let id = useLabels ? labels[v]! : String(v + 1)
            let slot = Int(doc.node(id, line: vertexLines[v]))
            if !useLabels, let l = labels[v] { nodeAttrs.set("label", .string(l), at: slot) }
            for (k, val) in vertexAttrs[v] {
                let a: AttributeValue
                if let i = Int64(val) {
                    a = .int(i)
                } else if let d = Double(val), k == "x" || k == "y" || k == "z" {
                    a = .double(d)
                } else {
                    a = .string(val)
                }
                nodeAttrs.set(k, a, at: slot)
            }
        }
        for e in edges {
            doc.addEdge(Int32(e.s), Int32(e.t), weight: e.w, directed: e.directed, line: e.line)
        }
        doc.nodeAttributes = nodeAttrs.finish(count: doc.nodeCount)
        return GraphReadResult(document: doc, issues: log.finish())
    }

    /// Vertices any Pajek file may declare, whatever its size.
    public static let minVertexBound = 100_000
    /// Bytes of file per declared vertex above ``minVertexBound``: a vertex line is at least a
    /// number and a line end.
    public static let bytesPerVertex = 2

    /// The most vertices `*Vertices` may declare in a file of `fileBytes` bytes. Vertices are
    /// allocated from the declared count before any line is read, so without this bound a
    /// 20-byte file declaring `*Vertices 3333872` would build 3.3 million nodes.
    public static func maxVertices(fileBytes: Int) -> Int {
        max(minVertexBound, fileBytes / bytesPerVertex)
    }

    static let shapes: Set<String> = ["ellipse", "box", "diamond", "triangle", "cross", "empty", "man", "woman"]

    /// Drawing parameters Pajek allows after an edge's vertices (`c Blue`, `w 2`, `l "x"`, …).
    static func isParameter(_ t: String) -> Bool {
        [
            "w", "c", "p", "s", "a", "ap", "l", "lp", "lr", "lphi", "lc", "la", "fos", "font", "h1", "h2", "a1", "a2",
            "k1", "k2",
        ]
        .contains(t.lowercased())
    }

    /// Whitespace-separated tokens; double quotes group (and are removed).
    static func tokenize(_ line: String) -> [String] {
        var out: [String] = []
        var cur = ""
        var inQuote = false
        var have = false
        for ch in line {
            if inQuote {
                if ch == "\"" {
                    inQuote = false
                } else {
                    cur.append(ch)
                }
            } else if ch == "\"" {
                inQuote = true
                have = true
            } else if ch == " " || ch == "\t" {
                if have {
                    out.append(cur)
                    cur = ""
                    have = false
                }
            } else {
                cur.append(ch)
                have = true
            }
        }
        if have { out.append(cur) }
        return out.isEmpty ? [""] : out
    }

    /// Lines split on LF, CRLF or CR.
    static func splitLines(_ s: String) -> [Substring] {
        var out: [Substring] = []
        var start = s.startIndex
        var i = s.startIndex
        while i < s.endIndex {
            let c = s[i]
            if c == "\n" || c == "\r" || c == "\r\n" {
                out.append(s[start..<i])
                start = s.index(after: i)
            }
            i = s.index(after: i)
        }
        if start < s.endIndex { out.append(s[start...]) }
        return out
    }
}
