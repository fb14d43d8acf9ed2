import Foundation

/// Options for ``EdgeListReader``.
public struct EdgeListOptions: Sendable, Hashable {
    /// Field separator. `.auto` sniffs the first data line: a tab or a space → whitespace
    /// (runs of spaces and tabs, SNAP / KONECT / NCOL), else a comma, else a semicolon.
    public enum Delimiter: Sendable, Hashable { case auto, comma, semicolon, whitespace }
    /// Whether the first data line names the columns. `.auto`: yes when a field of the first
    /// data line is a known column name (`source`, `target`, `weight`, `Source,Target,Type,Id,Label,Weight`,
    /// `source_id target_id trust_value` …) or when its weight field is not a number while the
    /// second line's is.
    public enum Header: Sendable, Hashable { case auto, present, absent }
    /// Signed trust ratings (Bitcoin-OTC / Bitcoin-Alpha `SOURCE,TARGET,RATING,TIME`).
    /// See ``EdgeListReader`` for the rule.
    public enum Ratings: Sendable, Hashable {
        /// Ratings when every weight is an integer in −10…10 and at least one is negative.
        case auto
        /// Weights are used as written.
        case off
        /// Weights are ratings on −scale…scale.
        case scale(Double)
    }

    public var delimiter: Delimiter
    public var header: Header
    /// Direction of the edges; nil = from a KONECT `% sym` / `% asym` line, else directed.
    public var directed: Bool?
    public var ratings: Ratings
    /// Parser threads for large files (1 or 2 are useful on the target machine).
    public var threads: Int
    /// Detailed issues per kind of problem; the rest are counted in one summary issue.
    public var maxIssuesPerKind: Int

    public init(
        delimiter: Delimiter = .auto, header: Header = .auto, directed: Bool? = nil, ratings: Ratings = .auto,
        threads: Int = 2, maxIssuesPerKind: Int = 20
    ) {
        self.delimiter = delimiter
        self.header = header
        self.directed = directed
        self.ratings = ratings
        self.threads = threads
        self.maxIssuesPerKind = maxIssuesPerKind
    }
}

/// Reads edge lists: CSV, TSV and whitespace-separated files (SNAP, KONECT `out.*`, NCOL
/// `a b [w]`, Gephi edge tables, trust-rating CSVs) into a ``GraphDocument``.
///
/// Rules:
/// - **Layout.** Columns `source,target[,weight][,time]` by position, or by name when a header
///   is present (`Type` → per-edge direction, `Id` → edge id, `Label` → edge attribute `label`,
///   `time`/`timestamp` → edge attribute `time`; other named columns are ignored with an info issue).
/// - **Comments.** Lines whose first non-blank character is `#` or `%` are skipped anywhere; in
///   whitespace mode a field starting with `#` or `%` ends the line (a trailing comment). `#`
///   inside a name (`a#b`) stays part of the name. A KONECT `% sym` / `% bip` line before the
///   data makes the graph undirected, `% asym` directed (unless ``EdgeListOptions/directed`` is set).
/// - **Ids** are kept as written (strings; `1` and `01` and `1.0` are three nodes), interned in
///   first-appearance order. Names that are not valid UTF-8 are decoded as Latin-1 (info issue).
/// - **Weights**: a third column that is a number (`.8`, `1e-3`, `-2`) is the weight; a missing
///   one is NaN (no weight); an unreadable one leaves the edge without weight (warning).
/// - **Signed ratings** (``EdgeListOptions/Ratings``): rating `r` on `−s…s` becomes weight
///   `r / s`. So `r > 0` gives a trust probability `p = r/s` in `(0, 1]` (Bitcoin-OTC `+10` → 1.0,
///   `+1` → 0.1); `r ≤ 0` is distrust: the edge is kept with weight `r/s ≤ 0` and every path search
///   in ``PathSearch`` / ``Dijkstra`` excludes it (its cost `−ln w` is not finite). The raw rating
///   stays in the edge attribute `rating`.
/// - **Duplicates**: for a repeated ordered pair (unordered when undirected) the **last** line wins
///   (the OTC "rate" command overwrites); the earlier ones are dropped and counted in one info issue.
/// - **Self-loops** are kept and counted in one info issue.
/// - Lines with fewer than two fields, or an empty id, are skipped with a warning naming the line.
///
/// Speed: byte-level parsing over the file's bytes, decimal ids take a fast path (a direct
/// table instead of hashing), other ids an open-addressing table over byte slices; files over
/// 4 MB are parsed by two threads (split at a line boundary).
///
/// - Complexity: O(bytes + V + E) time; memory about 20 bytes per edge plus the file.
public enum EdgeListReader {
    /// Reads an edge list.
    /// - Parameters:
    ///   - file: name used in issues; `source`: source label used in issues.
    /// - Throws: ``ImportError/nothingUsable(path:reason:)`` when no line holds an edge.
    public static func read(_ data: Data, file: String, source: String, options: EdgeListOptions = .init()) throws
        -> GraphReadResult
    {
        let result = data.withUnsafeBytes { raw -> GraphReadResult? in
            guard let base = raw.baseAddress?.assumingMemoryBound(to: UInt8.self), raw.count > 0 else { return nil }
            var reader = Reader(base: base, count: raw.count, file: file, source: source, options: options)
            return reader.run()
        }
        guard let result, result.document.edgeCount > 0 || result.document.nodeCount > 0 else {
            throw ImportError.nothingUsable(path: file, reason: "no edges found (expected lines like 'source,target[,weight]')")
        }
        return result
    }

    /// Reads an edge list and also returns its CSR (``CSRGraph/init(document:undirected:floatWeights:)``
    /// of the result, with ``CSRGraph/edgeIndex``). For a directed file without duplicates the CSR is
    /// the one built for duplicate detection on the second thread, so it costs nothing extra.
    /// - Complexity: O(bytes + V + E).
    public static func readGraph(_ data: Data, file: String, source: String, options: EdgeListOptions = .init()) throws
        -> (result: GraphReadResult, csr: CSRGraph)
    {
        let both = data.withUnsafeBytes { raw -> (GraphReadResult, CSRGraph?)? in
            guard let base = raw.baseAddress?.assumingMemoryBound(to: UInt8.self), raw.count > 0 else { return nil }
            var reader = Reader(base: base, count: raw.count, file: file, source: source, options: options)
            guard let r = reader.run() else { return nil }
            return (r, reader.csr)
        }
        guard let both, both.0.document.edgeCount > 0 || both.0.document.nodeCount > 0 else {
            throw ImportError.nothingUsable(path: file, reason: "no edges found (expected lines like 'source,target[,weight]')")
        }
        return (both.0, both.1 ?? CSRGraph(document: both.0.document))
    }

    /// Reads a file from disk (see ``read(_:file:source:options:)``).
    public static func read(contentsOf url: URL, source: String, options: EdgeListOptions = .init()) throws
        -> GraphReadResult
    {
        let data: Data
        do { data = try Data(contentsOf: url) } catch {
            throw ImportError.unreadable(path: url.path, reason: error.localizedDescription)
        }
        return try read(data, file: url.lastPathComponent, source: source, options: options)
    }
}

// MARK: - implementation

/// A raw byte pointer shared read-only between parser threads.
private struct SharedBytes: @unchecked Sendable {
    let base: UnsafePointer<UInt8>
}

/// Results written by worker threads into distinct slots.
private final class Slots<T>: @unchecked Sendable {
    var values: [T?]
    init(_ n: Int) { values = [T?](repeating: nil, count: n) }
}

private enum Token {
    static let sliceFlag: UInt64 = 1 << 63
    static let sideFlag: UInt64 = 1 << 62
    static let offsetBits: UInt64 = 40
    static let offsetMask: UInt64 = (1 << 40) - 1
    static let maxLength = (1 << 22) - 1
}

private enum Col: Sendable, Hashable {
    case source, target, weight, time, type, id, label, ignored
}

private struct Layout: Sendable {
    var columns: [Col]
    var mode: UInt8  // 0 whitespace, 1 comma, 2 semicolon
    var hasWeight: Bool { columns.contains(.weight) }
    func index(of c: Col) -> Int { columns.firstIndex(of: c) ?? -1 }
}

private struct ProblemCounter {
    var counts: [String: Int] = [:]
    var firstLine: [String: Int] = [:]
}

/// Output of one parser chunk; line numbers are local (0-based from the chunk start).
private struct ChunkOutput {
    var src: [UInt64] = []
    var tgt: [UInt64] = []
    var weights: [Double] = []
    var times: [Double] = []
    var typeDirected: [UInt8] = []  // 0 unknown, 1 directed, 2 undirected
    var ids: [String?] = []
    var labels: [String?] = []
    var lines: [Int32] = []
    var side: [String] = []
    var lineCount = 0
    var maxDecimal: UInt64 = 0
    var anyNonDecimal = false
    var issues: [(line: Int, severity: IssueSeverity, kind: String, message: String)] = []
    var issueCounts: [String: Int] = [:]
}

private struct Reader {
    let base: UnsafePointer<UInt8>
    let count: Int
    let file: String
    let source: String
    let options: EdgeListOptions
    var issues: [ImportIssue] = []
    /// The CSR of the edges when duplicate detection produced it (directed, nothing dropped).
    var csr: CSRGraph?

    init(base: UnsafePointer<UInt8>, count: Int, file: String, source: String, options: EdgeListOptions) {
        self.base = base
        self.count = count
        self.file = file
        self.source = source
        self.options = options
    }

    mutating func issue(_ line: Int, _ severity: IssueSeverity, _ message: String) {
        issues.append(ImportIssue(source: source, file: file, line: line, severity: severity, message: message))
    }

    // MARK: preamble

    /// Splits one line (without the newline) into fields for sniffing (rare path, allocates).
    static func splitFields(_ bytes: ArraySlice<UInt8>, mode: UInt8) -> [String] {
        var out: [String] = []
        if mode == 0 {
            var cur: [UInt8] = []
            for b in bytes {
                if b == 32 || b == 9 || b == 13 {
                    if !cur.isEmpty { out.append(String(decoding: cur, as: UTF8.self)); cur = [] }
                } else { cur.append(b) }
            }
            if !cur.isEmpty { out.append(String(decoding: cur, as: UTF8.self)) }
        } else {
            let sep: UInt8 = mode == 1 ? 44 : 59
            for part in bytes.split(separator: sep, omittingEmptySubsequences: false) {
                var s = String(decoding: part, as: UTF8.self).trimmingCharacters(in: .whitespaces)
                if s.hasSuffix("\r") { s.removeLast() }
                if s.count >= 2 && s.hasPrefix("\"") && s.hasSuffix("\"") { s = String(s.dropFirst().dropLast()) }
                out.append(s)
            }
        }
        return out
    }

    static func isNumber(_ s: String) -> Bool {
        guard !s.isEmpty else { return false }
        let t = s.hasPrefix(".") ? "0" + s : (s.hasPrefix("-.") ? "-0" + s.dropFirst() : s)
        return Double(t) != nil
    }

    static func column(named raw: String) -> Col? {
        let s = raw.lowercased().trimmingCharacters(in: .whitespaces)
        switch s {
        case "source", "src", "from", "source_id", "sourceid", "source id", "node1", "fromnodeid", "from_id", "u", "id1",
            "rater", "user", "user_id":
            return .source
        case "target", "dst", "to", "target_id", "targetid", "target id", "node2", "tonodeid", "to_id", "v", "id2", "ratee":
            return .target
        case "weight", "w", "trust", "trust_value", "value", "rating", "score", "strength", "edge_weight":
            return .weight
        case "time", "timestamp", "date", "ts", "epoch": return .time
        case "type", "kind", "directed": return .type
        case "id", "edge_id", "key": return .id
        case "label", "name": return .label
        default: return nil
        }
    }

    /// Finds the data start, the delimiter, the header and KONECT direction.
    mutating func preamble() -> (start: Int, startLine: Int, layout: Layout, directed: Bool)? {
        var p = 0
        if count >= 3 && base[0] == 0xEF && base[1] == 0xBB && base[2] == 0xBF { p = 3 }
        let line = 0  // lines consumed before p
        var directed: Bool? = nil
        var dataLines: [(start: Int, end: Int, line: Int)] = []
        var scan = p
        var scanLine = line
        while scan < count && dataLines.count < 2 {
            var e = scan
            while e < count && base[e] != 10 { e += 1 }
            var q = scan
            while q < e && (base[q] == 32 || base[q] == 9 || base[q] == 13) { q += 1 }
            if q < e {
                if base[q] == 37 || base[q] == 35 {  // % or #
                    if dataLines.isEmpty && base[q] == 37 {
                        let words = Reader.splitFields(UnsafeBufferPointer(start: base + q + 1, count: e - q - 1)[...].map { $0 }[...], mode: 0)
                        if let w = words.first?.lowercased() {
                            if w == "sym" || w == "bip" { directed = false } else if w == "asym" { directed = true }
                        }
                    }
                } else {
                    dataLines.append((q, e, scanLine + 1))
                }
            }
            scanLine += 1
            scan = e + 1
        }
        guard let first = dataLines.first else { return nil }
        let firstBytes = Array(UnsafeBufferPointer(start: base + first.start, count: first.end - first.start))
        var mode: UInt8
        switch options.delimiter {
        case .comma: mode = 1
        case .semicolon: mode = 2
        case .whitespace: mode = 0
        case .auto:
            if firstBytes.contains(9) { mode = 0 } else if firstBytes.contains(44) { mode = 1 } else if firstBytes.contains(59) {
                mode = 2
            } else { mode = 0 }
        }
        let f1 = Reader.splitFields(firstBytes[...], mode: mode)
        var f2: [String] = []
        if dataLines.count > 1 {
            let b2 = Array(UnsafeBufferPointer(start: base + dataLines[1].start, count: dataLines[1].end - dataLines[1].start))
            f2 = Reader.splitFields(b2[...], mode: mode)
        }
        var header: Bool
        switch options.header {
        case .present: header = true
        case .absent: header = false
        case .auto:
            let named = f1.prefix(2).contains { Reader.column(named: $0) != nil }
            let identifier = f1.count >= 3 && f1[2].first?.isLetter == true
                && f1[2].allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" || $0 == " " }
            let weightWord = identifier && f2.count >= 3 && Reader.isNumber(f2[2])
            header = named || weightWord
        }
        var columns: [Col] = []
        if header {
            var used = Set<Col>()
            for name in f1 {
                if let c = Reader.column(named: name), !used.contains(c) {
                    columns.append(c)
                    used.insert(c)
                } else {
                    columns.append(.ignored)
                }
            }
            // Positional fallback for unnamed source/target/weight.
            if !used.contains(.source) || !used.contains(.target) {
                columns = f1.indices.map { i in i == 0 ? .source : i == 1 ? .target : i == 2 ? .weight : .ignored }
                issue(first.line, .info, "header '\(f1.joined(separator: ","))' does not name source and target; columns 1 and 2 are used")
            }
            let ignored = zip(f1, columns).filter { $0.1 == .ignored }.map(\.0)
            if !ignored.isEmpty {
                issue(first.line, .info, "columns ignored: \(ignored.joined(separator: ", "))")
            }
        } else {
            columns = [.source, .target, .weight, .time]
        }
        if let d = options.directed { directed = d }
        let start = header ? min(first.end + 1, count) : first.start
        let startLine = header ? first.line : first.line - 1
        return (start, startLine, Layout(columns: columns, mode: mode), directed ?? true)
    }

    // MARK: run

    mutating func run() -> GraphReadResult? {
        guard let pre = preamble() else { return nil }
        let layout = pre.layout
        // Split at a line boundary.
        var bounds: [Int] = [pre.start]
        let remaining = count - pre.start
        if options.threads >= 2 && remaining > 4 << 20 {
            let parts = min(options.threads, 2)
            for k in 1..<parts {
                var cut = pre.start + remaining * k / parts
                while cut < count && base[cut - 1] != 10 { cut += 1 }
                bounds.append(cut)
            }
        }
        bounds.append(count)
        let nChunks = bounds.count - 1
        let shared = SharedBytes(base: base)
        let slots = Slots<ChunkOutput>(nChunks)
        let maxIssues = options.maxIssuesPerKind
        if nChunks == 1 {
            slots.values[0] = ChunkParser.parse(
                base: shared.base, start: bounds[0], end: bounds[1], layout: layout, maxIssues: maxIssues)
        } else {
            let b = bounds
            DispatchQueue.concurrentPerform(iterations: nChunks) { k in
                let out = ChunkParser.parse(base: shared.base, start: b[k], end: b[k + 1], layout: layout, maxIssues: maxIssues)
                slots.values[k] = out
            }
        }
        var chunks = slots.values.map { $0! }
        return assemble(&chunks, layout: layout, startLine: pre.startLine, directed: pre.directed)
    }

    // MARK: assemble

    mutating func assemble(_ chunks: inout [ChunkOutput], layout: Layout, startLine: Int, directed: Bool) -> GraphReadResult {
        let m = chunks.reduce(0) { $0 + $1.src.count }
        var lineBase = [Int](repeating: startLine, count: chunks.count)
        for k in 1..<max(1, chunks.count) { lineBase[k] = lineBase[k - 1] + chunks[k - 1].lineCount }
        // Issues from chunks, in file order, with absolute line numbers.
        var kindCounts: [String: Int] = [:]
        for (k, c) in chunks.enumerated() {
            for i in c.issues {
                issue(lineBase[k] + i.line + 1, i.severity, i.message)
            }
            for (kind, n) in c.issueCounts { kindCounts[kind, default: 0] += n }
        }
        for (kind, n) in kindCounts.sorted(by: { $0.key < $1.key }) {
            let shown = issues.filter { $0.message.hasPrefix(kind) }.count
            if n > shown { issue(0, .warning, "\(kind): \(n - shown) more lines not listed (\(n) in all)") }
        }

        // Intern node ids in first-appearance order.
        let maxDec = chunks.map(\.maxDecimal).max() ?? 0
        var interner = Interner(maxDecimal: maxDec, expectedNodes: max(16, m / 4), base: base)
        var sources = [Int32](repeating: 0, count: m)
        var targets = [Int32](repeating: 0, count: m)
        var lines = [Int32](repeating: 0, count: m)
        var nodeLines: [Int32] = []
        nodeLines.reserveCapacity(max(16, m / 4))
        var selfLoops = 0
        var firstSelfLoop = 0
        var e = 0
        for (k, c) in chunks.enumerated() {
            let lb = Int32(truncatingIfNeeded: lineBase[k] + 1)
            sources.withUnsafeMutableBufferPointer { sp in
                targets.withUnsafeMutableBufferPointer { tp in
                    lines.withUnsafeMutableBufferPointer { lp in
                        c.src.withUnsafeBufferPointer { cs in
                            c.tgt.withUnsafeBufferPointer { ct in
                                c.lines.withUnsafeBufferPointer { cl in
                                    for i in 0..<cs.count {
                                        let line = cl[i] &+ lb
                                        let a = interner.intern(cs[i], side: c.side, line: line, nodeLines: &nodeLines)
                                        let b = interner.intern(ct[i], side: c.side, line: line, nodeLines: &nodeLines)
                                        sp[e] = a
                                        tp[e] = b
                                        lp[e] = line
                                        if a == b {
                                            if selfLoops == 0 { firstSelfLoop = Int(line) }
                                            selfLoops += 1
                                        }
                                        e += 1
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        let n = Int(interner.count)

        // Weights, times and the other columns.
        var weights: [Double]? = nil
        if layout.hasWeight {
            var w: [Double] = []
            w.reserveCapacity(m)
            for c in chunks { w.append(contentsOf: c.weights) }
            weights = w.contains { !$0.isNaN } ? w : nil
        }
        var ratingColumn: AttributeColumn? = nil
        if var w = weights {
            var scale: Double? = nil
            switch options.ratings {
            case .off: break
            case .scale(let s): scale = s
            case .auto:
                var allInt = true
                var anyNeg = false
                var lo = 0.0
                var hi = 0.0
                for x in w where !x.isNaN {
                    if x != x.rounded() { allInt = false; break }
                    if x < 0 { anyNeg = true }
                    lo = min(lo, x)
                    hi = max(hi, x)
                }
                if allInt && anyNeg && lo >= -10 && hi <= 10 { scale = 10 }
            }
            if let scale, scale > 0 {
                var values = [AttributeValue?](repeating: nil, count: m)
                var negatives = 0
                for i in 0..<m where !w[i].isNaN {
                    values[i] = w[i] == w[i].rounded() && abs(w[i]) < 1e15 ? .int(Int64(w[i])) : .double(w[i])
                    if w[i] <= 0 { negatives += 1 }
                    w[i] = w[i] / scale
                }
                ratingColumn = AttributeColumn(name: "rating", type: .double, values: values)
                weights = w
                issue(
                    0, .info,
                    "signed ratings on -\(Format.fixed(scale, 0))..\(Format.fixed(scale, 0)): weight = rating/\(Format.fixed(scale, 0)) "
                        + "(trust probability for rating > 0); \(negatives) edges with rating <= 0 kept as distrust "
                        + "(weight <= 0, excluded from path search); raw value in edge attribute 'rating'")
            }
        }
        var edgeAttributes: [AttributeColumn] = []
        if let ratingColumn { edgeAttributes.append(ratingColumn) }
        if layout.index(of: .time) >= 0 && chunks.contains(where: { !$0.times.isEmpty }) {
            var values: [AttributeValue?] = []
            values.reserveCapacity(m)
            for c in chunks {
                for t in c.times { values.append(t.isNaN ? nil : .double(t)) }
            }
            if values.contains(where: { $0 != nil }) {
                edgeAttributes.append(AttributeColumn(name: "time", type: .double, values: values))
            }
        }
        if layout.index(of: .label) >= 0 {
            var values: [AttributeValue?] = []
            for c in chunks { values.append(contentsOf: c.labels.map { $0.map(AttributeValue.string) }) }
            edgeAttributes.append(AttributeColumn(name: "label", type: .string, values: values))
        }
        var edgeIDs: [String?]? = nil
        if layout.index(of: .id) >= 0 {
            var ids: [String?] = []
            for c in chunks { ids.append(contentsOf: c.ids) }
            edgeIDs = ids
        }
        var docDirected = directed
        var edgeDirected: [Bool]? = nil
        if layout.index(of: .type) >= 0 {
            var types: [UInt8] = []
            for c in chunks { types.append(contentsOf: c.typeDirected) }
            let und = types.filter { $0 == 2 }.count
            let dir = types.filter { $0 == 1 }.count
            if options.directed == nil {
                if und > 0 && dir == 0 {
                    docDirected = false
                } else if und > 0 {
                    docDirected = true
                    edgeDirected = types.map { $0 != 2 }
                }
            }
        }

        // Node ids (thread A) and duplicate detection (thread B) in parallel.
        let nodeBox = Slots<([String], [String: Int32], Int)>(1)
        let dupBox = Slots<([Int32], (offsets: [Int32], targets: [Int32], perm: [Int32]?))>(1)
        let frozenInterner = interner
        let s0 = sources
        let t0 = targets
        let undirected = !docDirected
        let work: @Sendable (Int) -> Void = { job in
            if job == 0 {
                nodeBox.values[0] = frozenInterner.strings()
            } else {
                dupBox.values[0] = Reader.duplicates(nodeCount: n, sources: s0, targets: t0, undirected: undirected)
            }
        }
        if m > 200_000 {
            DispatchQueue.concurrentPerform(iterations: 2, execute: work)
        } else {
            work(0)
            work(1)
        }
        let (nodeIDs, nodeIndex, latin1) = nodeBox.values[0]!
        let (dropped, grouped) = dupBox.values[0]!
        if !undirected && dropped.isEmpty {
            csr = CSRGraph(nodeCount: n, offsets: grouped.offsets, targets: grouped.targets, weights: nil, edgeIndex: grouped.perm)
        }
        if latin1 > 0 {
            issue(0, .info, "\(latin1) node ids are not valid UTF-8 and were decoded as Latin-1")
        }
        if nodeIndex.count < nodeIDs.count {
            issue(0, .warning, "\(nodeIDs.count - nodeIndex.count) node ids read the same after decoding; lookups by id find the first")
        }
        if selfLoops > 0 {
            issue(firstSelfLoop, .info, "\(selfLoops) self-loops kept (first on line \(firstSelfLoop))")
        }

        var doc = GraphDocument(directed: docDirected)
        if !dropped.isEmpty {
            // dropped: indices of earlier duplicates, ascending.
            let firstLine = Int(lines[Int(dropped[0])])
            issue(
                firstLine, .info,
                "\(dropped.count) duplicate \(undirected ? "unordered" : "ordered") pairs: the last line of each pair is kept (first dropped line \(firstLine))")
            var keep = [Bool](repeating: true, count: m)
            for d in dropped { keep[Int(d)] = false }
            func compact<T>(_ a: [T]) -> [T] {
                var out: [T] = []
                out.reserveCapacity(m - dropped.count)
                for i in 0..<a.count where keep[i] { out.append(a[i]) }
                return out
            }
            sources = compact(sources)
            targets = compact(targets)
            lines = compact(lines)
            if let w = weights { weights = compact(w) }
            if let d = edgeDirected { edgeDirected = compact(d) }
            if let ids = edgeIDs { edgeIDs = compact(ids) }
            for i in edgeAttributes.indices { edgeAttributes[i].values = compact(edgeAttributes[i].values) }
        }
        doc.nodeIDs = nodeIDs
        doc.nodeIndex = nodeIndex
        doc.nodeLines = nodeLines
        doc.edgeSources = sources
        doc.edgeTargets = targets
        doc.edgeLines = lines
        doc.edgeWeights = weights
        doc.edgeDirected = edgeDirected
        doc.edgeIDs = edgeIDs
        doc.edgeAttributes = edgeAttributes
        return GraphReadResult(document: doc, issues: issues)
    }

    /// Indices of edges overridden by a later edge with the same pair, ascending, and the
    /// grouping by source it used (the CSR of the edges when directed).
    /// - Complexity: O(V + E): groups edges by source with a counting sort, then marks repeats.
    static func duplicates(nodeCount n: Int, sources: [Int32], targets: [Int32], undirected: Bool)
        -> ([Int32], (offsets: [Int32], targets: [Int32], perm: [Int32]?))
    {
        var s = sources
        var t = targets
        if undirected {
            for i in 0..<s.count where s[i] > t[i] { swap(&s[i], &t[i]) }
        }
        let built = CSRGraph.countingSort(nodeCount: n, sources: s, targets: t, keepIndex: true)
        var stamp = [Int32](repeating: -1, count: n)
        var lastEdge = [Int32](repeating: 0, count: n)
        var dropped: [Int32] = []
        built.offsets.withUnsafeBufferPointer { op in
            built.targets.withUnsafeBufferPointer { tp in
                built.perm!.withUnsafeBufferPointer { pp in
                    stamp.withUnsafeMutableBufferPointer { st in
                        lastEdge.withUnsafeMutableBufferPointer { le in
                            for v in 0..<n {
                                let vv = Int32(v)
                                for j in Int(op[v])..<Int(op[v + 1]) {
                                    let u = Int(tp[j])
                                    if st[u] == vv {
                                        dropped.append(le[u])  // stable sort: earlier edge first
                                    }
                                    st[u] = vv
                                    le[u] = pp[j]
                                }
                            }
                        }
                    }
                }
            }
        }
        dropped.sort()
        return (dropped, built)
    }
}

// MARK: - chunk parser

private enum ChunkParser {
    @inline(__always)
    static func isBlank(_ c: UInt8) -> Bool { c == 32 || c == 9 || c == 13 }

    /// Parses lines of `[start, end)`.
    static func parse(base: UnsafePointer<UInt8>, start: Int, end: Int, layout: Layout, maxIssues: Int) -> ChunkOutput {
        var out = ChunkOutput()
        let estimate = max(16, (end - start) / 18)
        out.src.reserveCapacity(estimate)
        out.tgt.reserveCapacity(estimate)
        out.lines.reserveCapacity(estimate)
        let cols = layout.columns
        let wCol = layout.index(of: .weight)
        let timeCol = layout.index(of: .time)
        let typeCol = layout.index(of: .type)
        let idCol = layout.index(of: .id)
        let labelCol = layout.index(of: .label)
        let hasExtra = timeCol >= 0 || typeCol >= 0 || idCol >= 0 || labelCol >= 0
        if wCol >= 0 { out.weights.reserveCapacity(estimate) }
        let ws = layout.mode == 0
        let sep: UInt8 = layout.mode == 1 ? 44 : (layout.mode == 2 ? 59 : 0)
        var p = base + start
        let stop = base + end
        var line: Int32 = 0
        var maxDec: UInt64 = 0

        func report(_ kind: String, _ message: String, _ line: Int32, _ out: inout ChunkOutput, severity: IssueSeverity = .warning) {
            let n = out.issueCounts[kind, default: 0]
            out.issueCounts[kind] = n + 1
            if n < maxIssues { out.issues.append((Int(line), severity, kind, kind + ": " + message)) }
        }

        let fastLayout = cols.count >= 2 && cols[0] == .source && cols[1] == .target
            && (cols.count < 3 || cols[2] == .weight) && typeCol < 0 && idCol < 0 && labelCol < 0
            && cols.dropFirst(3).allSatisfy { $0 == .ignored || $0 == .time }
        let hasWeightCol = wCol == 2
        while p < stop {
            // Skip leading blanks.
            while p < stop && isBlank(p.pointee) { p += 1 }
            if p >= stop { break }
            let c0 = p.pointee
            if c0 == 10 { p += 1; line &+= 1; continue }
            if c0 == 35 || c0 == 37 {
                while p < stop && p.pointee != 10 { p += 1 }
                p += 1
                line &+= 1
                continue
            }
            if fastLayout && c0 != 34 {
                // Fast path: `id SEP id [SEP number]` with nothing else on the line.
                var q = p
                var ok = true
                var toks: (UInt64, UInt64) = (0, 0)
                var w = Double.nan
                var fieldsSeen = 0
                var anySlice = false
                for f in 0..<2 {
                    let fs = q
                    var v: UInt64 = 0
                    var dec = true
                    while q < stop {
                        let c = q.pointee
                        if c == sep || c == 10 || c == 13 || c == 32 || c == 9 { break }
                        let d = c &- 48
                        if d < 10 { v = v &* 10 &+ UInt64(d) } else { dec = false }
                        q += 1
                    }
                    let len = q - fs
                    if len == 0 || len > 4096 { ok = false; break }
                    let tok: UInt64
                    if dec && len <= 18 && (len == 1 || fs.pointee != 48) {
                        tok = v
                        if v > maxDec { maxDec = v }
                    } else {
                        let c = fs.pointee
                        if c == 34 || (f == 1 && ws && (c == 35 || c == 37)) { ok = false; break }
                        tok = Token.sliceFlag | (UInt64(len) << Token.offsetBits) | UInt64(fs - base)
                        anySlice = true
                    }
                    if f == 0 { toks.0 = tok } else { toks.1 = tok }
                    fieldsSeen += 1
                    if f == 0 {
                        // exactly one separator (comma mode) or a run of blanks (whitespace mode)
                        if q >= stop { ok = false; break }
                        let c = q.pointee
                        if ws {
                            if c != 32 && c != 9 { ok = false; break }
                            while q < stop && (q.pointee == 32 || q.pointee == 9) { q += 1 }
                        } else {
                            if c != sep { ok = false; break }
                            q += 1
                        }
                    }
                }
                if ok && fieldsSeen == 2 {
                    // optional weight
                    if q < stop && q.pointee != 10 {
                        var c = q.pointee
                        if ws {
                            while q < stop && (q.pointee == 32 || q.pointee == 9 || q.pointee == 13) { q += 1 }
                        } else if c == sep {
                            q += 1
                        } else if c == 13 {
                            q += 1
                        } else { ok = false }
                        if ok && q < stop && q.pointee != 10 && q.pointee != 13 {
                            if !hasWeightCol { ok = false }
                            let fs = q
                            while q < stop {
                                c = q.pointee
                                if c == 10 || c == 13 || c == sep || (ws && (c == 32 || c == 9)) { break }
                                q += 1
                            }
                            if ok, let x = parseDouble(fs, q - fs) { w = x } else { ok = false }
                            while ok && q < stop && (q.pointee == 13 || (ws && (q.pointee == 32 || q.pointee == 9))) { q += 1 }
                            if q < stop && q.pointee != 10 { ok = false }
                        }
                    }
                }
                if ok {
                    out.src.append(toks.0)
                    out.tgt.append(toks.1)
                    out.lines.append(line)
                    if hasWeightCol { out.weights.append(w) }
                    if timeCol >= 0 { out.times.append(.nan) }
                    if anySlice { out.anyNonDecimal = true }
                    p = q
                    if p < stop { p += 1 }
                    line &+= 1
                    continue
                }
            }
            var field = 0
            var srcTok: UInt64 = 0
            var tgtTok: UInt64 = 0
            var haveSrc = false
            var haveTgt = false
            var weight = Double.nan
            var time = Double.nan
            var badWeight = false
            var typeVal: UInt8 = 0
            var idVal: String? = nil
            var labelVal: String? = nil
            var tooLong = false
            // Fields.
            while true {
                // p at field start (leading blanks skipped)
                if p >= stop { break }
                var c = p.pointee
                if c == 10 { break }
                if ws && field > 0 && (c == 35 || c == 37) {  // trailing comment
                    while p < stop && p.pointee != 10 { p += 1 }
                    break
                }
                let col: Col = field < cols.count ? cols[field] : .ignored
                var fs = p
                var quoted: String? = nil
                if !ws && c == 34 {  // quoted field
                    var bytes: [UInt8] = []
                    p += 1
                    while p < stop {
                        let q = p.pointee
                        if q == 34 {
                            if p + 1 < stop && (p + 1).pointee == 34 { bytes.append(34); p += 2; continue }
                            p += 1
                            break
                        }
                        bytes.append(q)
                        p += 1
                    }
                    quoted = String(decoding: bytes, as: UTF8.self)
                    while p < stop && p.pointee != sep && p.pointee != 10 { p += 1 }
                    fs = p
                }
                // Scan an unquoted field, accumulating a decimal value.
                var v: UInt64 = 0
                var isDec = true
                if quoted == nil {
                    if ws {
                        while p < stop {
                            c = p.pointee
                            if c == 32 || c == 9 || c == 10 || c == 13 { break }
                            let d = c &- 48
                            if d < 10 { v = v &* 10 &+ UInt64(d) } else { isDec = false }
                            p += 1
                        }
                    } else {
                        while p < stop {
                            c = p.pointee
                            if c == sep || c == 10 { break }
                            let d = c &- 48
                            if d < 10 { v = v &* 10 &+ UInt64(d) } else { isDec = false }
                            p += 1
                        }
                    }
                }
                var fe = p
                if !ws && quoted == nil {
                    // trim trailing blanks (and CR)
                    var trimmed = false
                    while fe > fs && isBlank((fe - 1).pointee) { fe -= 1; trimmed = true }
                    if trimmed {
                        v = 0
                        isDec = fe > fs
                        var q = fs
                        while q < fe { let d = q.pointee &- 48; if d < 10 { v = v &* 10 &+ UInt64(d) } else { isDec = false }; q += 1 }
                    }
                }
                let len = fe - fs
                switch col {
                case .source, .target:
                    var tok: UInt64
                    var ok = true
                    if let quoted {
                        if quoted.isEmpty { ok = false }
                        tok = Token.sliceFlag | Token.sideFlag | UInt64(out.side.count)
                        if ok { out.side.append(quoted) }
                    } else if len == 0 {
                        ok = false
                        tok = 0
                    } else if isDec && len <= 18 && (len == 1 || fs.pointee != 48) {
                        tok = v
                        if v > maxDec { maxDec = v }
                    } else if len > Token.maxLength {
                        ok = false
                        tooLong = true
                        tok = 0
                    } else {
                        tok = Token.sliceFlag | (UInt64(len) << Token.offsetBits) | UInt64(fs - base)
                    }
                    if ok {
                        if col == .source { srcTok = tok; haveSrc = true } else { tgtTok = tok; haveTgt = true }
                    }
                case .weight, .time:
                    if len > 0 || quoted != nil {
                        let x: Double? = quoted != nil ? parseSlow(quoted!) : parseDouble(fs, len)
                        if col == .weight {
                            if let x { weight = x } else { badWeight = true }
                        } else {
                            time = x ?? .nan
                        }
                    }
                case .type:
                    let s = quoted ?? String(decoding: UnsafeBufferPointer(start: fs, count: len), as: UTF8.self)
                    let l = s.lowercased()
                    typeVal = l.hasPrefix("undirected") || l == "false" || l == "0" ? 2 : (l.isEmpty ? 0 : 1)
                case .id:
                    let s = quoted ?? String(decoding: UnsafeBufferPointer(start: fs, count: len), as: UTF8.self)
                    idVal = s.isEmpty ? nil : s
                case .label:
                    let s = quoted ?? String(decoding: UnsafeBufferPointer(start: fs, count: len), as: UTF8.self)
                    labelVal = s.isEmpty ? nil : s
                case .ignored:
                    break
                }
                field += 1
                // Advance to the next field.
                if p >= stop { break }
                c = p.pointee
                if c == 10 { break }
                if ws {
                    while p < stop && isBlank(p.pointee) { p += 1 }
                } else {
                    if c == sep { p += 1 }
                    while p < stop && (p.pointee == 32 || p.pointee == 9) { p += 1 }
                    if p >= stop || p.pointee == 10 {
                        // trailing separator: an empty last field
                        if c == sep {
                            let col2: Col = field < cols.count ? cols[field] : .ignored
                            if col2 == .source || col2 == .target { field += 1 }
                        }
                        break
                    }
                    if p.pointee == 13 {
                        var q = p
                        while q < stop && isBlank(q.pointee) { q += 1 }
                        if q >= stop || q.pointee == 10 { p = q; break }
                    }
                }
            }
            // End of line.
            if haveSrc && haveTgt {
                out.src.append(srcTok)
                out.tgt.append(tgtTok)
                out.lines.append(line)
                if wCol >= 0 { out.weights.append(weight) }
                if hasExtra {
                    if timeCol >= 0 { out.times.append(time) }
                    if typeCol >= 0 { out.typeDirected.append(typeVal) }
                    if idCol >= 0 { out.ids.append(idVal) }
                    if labelCol >= 0 { out.labels.append(labelVal) }
                }
                if srcTok & Token.sliceFlag != 0 || tgtTok & Token.sliceFlag != 0 { out.anyNonDecimal = true }
                if badWeight { report("weight is not a number; edge kept without weight", "", line, &out) }
            } else if tooLong {
                report("node id longer than 4 MB; line skipped", "", line, &out)
            } else if field < 2 {
                report("fewer than two fields; line skipped", "", line, &out)
            } else {
                report("empty source or target; line skipped", "", line, &out)
            }
            if p < stop && p.pointee == 10 { p += 1 }
            line &+= 1
        }
        out.lineCount = Int(line)
        out.maxDecimal = maxDec
        return out
    }

    static let pow10: [Double] = (0...22).map { i in
        var x = 1.0
        for _ in 0..<i { x *= 10 }
        return x
    }

    /// Decimal text to Double, exact: ≤ 15 significant digits and no exponent take the
    /// fast path (an exact integer divided by an exact power of ten is correctly rounded);
    /// anything else goes through `strtod`.
    @inline(__always)
    static func parseDouble(_ s: UnsafePointer<UInt8>, _ len: Int) -> Double? {
        var i = 0
        var neg = false
        if s[0] == 45 { neg = true; i = 1 } else if s[0] == 43 { i = 1 }
        var mant: UInt64 = 0
        var digits = 0
        var frac = 0
        var sawDot = false
        var any = false
        while i < len {
            let c = s[i]
            let d = c &- 48
            if d < 10 {
                mant = mant &* 10 &+ UInt64(d)
                digits += 1
                if sawDot { frac += 1 }
                any = true
            } else if c == 46 && !sawDot {
                sawDot = true
            } else {
                return parseSlowBytes(s, len)
            }
            i += 1
        }
        if !any { return nil }
        if digits > 15 { return parseSlowBytes(s, len) }
        let x = Double(mant) / pow10[frac]
        return neg ? -x : x
    }

    static func parseSlowBytes(_ s: UnsafePointer<UInt8>, _ len: Int) -> Double? {
        parseSlow(String(decoding: UnsafeBufferPointer(start: s, count: len), as: UTF8.self))
    }

    static func parseSlow(_ text: String) -> Double? {
        var t = text.trimmingCharacters(in: .whitespaces)
        if t.hasPrefix(".") { t = "0" + t } else if t.hasPrefix("-.") { t = "-0" + t.dropFirst() } else if t.hasPrefix("+") {
            t.removeFirst()
        }
        return Double(t)
    }
}

// MARK: - interning

/// First-appearance interning of tokens: canonical decimal ids through a direct table (or an
/// open-addressing table of integers when ids are huge), other ids through an
/// open-addressing table over byte slices copied into an arena.
private struct Interner: Sendable {
    let base: SharedBytes
    var count: Int32 = 0
    // decimal ids
    var direct: [Int32]
    let useDirect: Bool
    var intKeys: [UInt64] = []
    var intVals: [Int32] = []
    var intUsed = 0
    // byte-slice ids
    var arena: [UInt8] = []
    var sliceStart: [Int] = []
    var sliceLen: [Int32] = []
    var sliceNode: [Int32] = []
    var table: [Int32] = []  // index into slice arrays, -1 empty
    // node → how to print it: value >= 0 decimal value; < 0: -(slice index) - 1
    var kinds: [Int64] = []

    init(maxDecimal: UInt64, expectedNodes: Int, base: UnsafePointer<UInt8>) {
        self.base = SharedBytes(base: base)
        useDirect = maxDecimal < 1 << 26 && Int(maxDecimal) < max(1 << 20, expectedNodes * 16)
        direct = useDirect ? [Int32](repeating: -1, count: Int(maxDecimal) + 1) : []
        kinds.reserveCapacity(expectedNodes)
        if !useDirect {
            intKeys = [UInt64](repeating: .max, count: 1 << 10)
            intVals = [Int32](repeating: -1, count: 1 << 10)
        }
    }

    @inline(__always)
    mutating func newNode(kind: Int64, line: Int32, nodeLines: inout [Int32]) -> Int32 {
        let id = count
        count += 1
        kinds.append(kind)
        nodeLines.append(line)
        return id
    }

    @inline(__always)
    mutating func intern(_ tok: UInt64, side: [String], line: Int32, nodeLines: inout [Int32]) -> Int32 {
        if tok & Token.sliceFlag == 0 {
            if useDirect {
                let i = Int(tok)
                let cur = direct[i]
                if cur >= 0 { return cur }
                let id = newNode(kind: Int64(tok), line: line, nodeLines: &nodeLines)
                direct[i] = id
                return id
            }
            return internInt(tok, line: line, nodeLines: &nodeLines)
        }
        if tok & Token.sideFlag != 0 {
            let s = side[Int(tok & Token.offsetMask)]
            var bytes = Array(s.utf8)
            return bytes.withUnsafeMutableBufferPointer { bp in
                internBytes(UnsafePointer(bp.baseAddress!), bp.count, line: line, nodeLines: &nodeLines)
            }
        }
        let off = Int(tok & Token.offsetMask)
        let len = Int((tok >> Token.offsetBits) & UInt64(Token.maxLength))
        return internBytes(base.base + off, len, line: line, nodeLines: &nodeLines)
    }

    mutating func internInt(_ key: UInt64, line: Int32, nodeLines: inout [Int32]) -> Int32 {
        if intUsed * 2 >= intKeys.count { growInt() }
        let mask = intKeys.count - 1
        var h = Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> 20) & mask
        while true {
            let k = intKeys[h]
            if k == key { return intVals[h] }
            if k == .max {
                let id = newNode(kind: Int64(key), line: line, nodeLines: &nodeLines)
                intKeys[h] = key
                intVals[h] = id
                intUsed += 1
                return id
            }
            h = (h + 1) & mask
        }
    }

    mutating func growInt() {
        let oldK = intKeys
        let oldV = intVals
        let size = oldK.count * 2
        intKeys = [UInt64](repeating: .max, count: size)
        intVals = [Int32](repeating: -1, count: size)
        let mask = size - 1
        for i in 0..<oldK.count where oldK[i] != .max {
            var h = Int(truncatingIfNeeded: (oldK[i] &* 0x9E37_79B9_7F4A_7C15) >> 20) & mask
            while intKeys[h] != .max { h = (h + 1) & mask }
            intKeys[h] = oldK[i]
            intVals[h] = oldV[i]
        }
    }

    @inline(__always)
    static func hash(_ p: UnsafePointer<UInt8>, _ n: Int) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for i in 0..<n { h = (h ^ UInt64(p[i])) &* 0x0000_0100_0000_01B3 }
        return h ^ (h >> 29)
    }

    mutating func internBytes(_ p: UnsafePointer<UInt8>, _ n: Int, line: Int32, nodeLines: inout [Int32]) -> Int32 {
        if table.isEmpty { table = [Int32](repeating: -1, count: 1 << 10) }
        if sliceNode.count * 2 >= table.count { growTable() }
        let mask = table.count - 1
        var h = Int(truncatingIfNeeded: Interner.hash(p, n)) & mask
        while true {
            let s = Int(table[h])
            if s < 0 { break }
            if Int(sliceLen[s]) == n {
                let st = sliceStart[s]
                let equal = arena.withUnsafeBufferPointer { ap in memcmp(ap.baseAddress! + st, p, n) == 0 }
                if equal { return sliceNode[s] }
            }
            h = (h + 1) & mask
        }
        let sIndex = sliceNode.count
        sliceStart.append(arena.count)
        sliceLen.append(Int32(n))
        arena.append(contentsOf: UnsafeBufferPointer(start: p, count: n))
        let id = newNode(kind: -Int64(sIndex) - 1, line: line, nodeLines: &nodeLines)
        sliceNode.append(id)
        table[h] = Int32(sIndex)
        return id
    }

    mutating func growTable() {
        let size = table.count * 2
        table = [Int32](repeating: -1, count: size)
        let mask = size - 1
        arena.withUnsafeBufferPointer { ap in
            for s in 0..<sliceNode.count {
                var h = Int(truncatingIfNeeded: Interner.hash(ap.baseAddress! + sliceStart[s], Int(sliceLen[s]))) & mask
                while table[h] >= 0 { h = (h + 1) & mask }
                table[h] = Int32(s)
            }
        }
    }

    /// Node id strings, the id → index map and how many ids were decoded as Latin-1.
    /// - Complexity: O(V + total id bytes).
    func strings() -> ([String], [String: Int32], Int) {
        var ids: [String] = []
        ids.reserveCapacity(Int(count))
        var latin1 = 0
        arena.withUnsafeBufferPointer { ap in
            for k in kinds {
                if k >= 0 {
                    ids.append(String(UInt64(k)))
                } else {
                    let s = Int(-k - 1)
                    let buf = UnsafeBufferPointer(start: ap.baseAddress! + sliceStart[s], count: Int(sliceLen[s]))
                    if let str = String(validating: buf, as: UTF8.self) {
                        ids.append(str)
                    } else {
                        latin1 += 1
                        ids.append(String(String.UnicodeScalarView(buf.map { Unicode.Scalar($0) })))
                    }
                }
            }
        }
        var index: [String: Int32] = [:]
        index.reserveCapacity(ids.count)
        for (i, s) in ids.enumerated() where index[s] == nil { index[s] = Int32(i) }
        return (ids, index, latin1)
    }
}
