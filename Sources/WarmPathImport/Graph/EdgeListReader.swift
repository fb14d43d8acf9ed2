import Foundation
import WarmPathSupport
import WarmPathModel

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
    /// Parser threads for large files: 1, or 2 or more to parse blocks in parallel and intern
    /// one window while the next is parsed (the default is the worker count, at most 2;
    /// `WARMPATH_THREADS=1` gives 1).
    public var threads: Int
    /// Detailed issues per kind of problem; the rest are counted in one summary issue.
    public var maxIssuesPerKind: Int

    public init(
        delimiter: Delimiter = .auto, header: Header = .auto, directed: Bool? = nil, ratings: Ratings = .auto,
        threads: Int = Parallel.workers(limit: 2), maxIssuesPerKind: Int = IssueLog.defaultCap
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
/// Speed and memory: byte-level parsing, decimal ids take a fast path (a direct table instead
/// of hashing), other ids an open-addressing table over byte slices. The input is processed in
/// windows of about 2 MB cut at line boundaries into blocks parsed in parallel (when
/// ``EdgeListOptions/threads`` ≥ 2); each window is interned in file order, a window of decimal
/// ids on one thread while the others parse the next window (in four blocks), and the parse
/// output is reused two windows later, so memory stays near the size of the result. The file
/// entry point (``readGraph(contentsOf:file:source:options:)``, which ``GraphFile`` uses for every
/// command) reads the file block by block into one reusable buffer, never the whole file.
///
/// - Complexity: O(bytes + V + E) time; memory about 20 bytes per edge (plus the CSR for
///   `readGraph`, and the input for the `Data` entry points).
public enum EdgeListReader {
    /// Bytes per parse block (two are parsed at a time). 1 MB measured faster than 4 or 16 MB on
    /// a 10M-edge file (the pair stays in cache) and keeps the parse output small. The internal
    /// entry points that take `blockSize` exist so that tests can force tiny blocks.
    static let defaultBlockSize = 1 << 20

    /// Reads an edge list.
    /// - Parameters:
    ///   - file: name used in issues; `source`: source label used in issues.
    /// - Throws: ``ImportError/nothingUsable(path:reason:)`` when no line holds an edge.
    public static func read(_ data: Data, file: String, source: String, options: EdgeListOptions = .init()) throws
        -> GraphReadResult
    {
        try read(data, file: file, source: source, options: options, blockSize: defaultBlockSize)
    }

    static func read(_ data: Data, file: String, source: String, options: EdgeListOptions, blockSize: Int) throws
        -> GraphReadResult
    {
        try readData(data, file: file, source: source, options: options, blockSize: blockSize).result
    }

    /// Reads an edge list and also returns its CSR (``CSRGraph/init(document:undirected:floatWeights:)``
    /// of the result, with ``CSRGraph/edgeIndex``). For a directed file without duplicates the CSR is
    /// the grouping built for duplicate detection, so it costs nothing extra.
    /// - Complexity: O(bytes + V + E).
    public static func readGraph(_ data: Data, file: String, source: String, options: EdgeListOptions = .init()) throws
        -> (result: GraphReadResult, csr: CSRGraph)
    {
        try readGraph(data, file: file, source: source, options: options, blockSize: defaultBlockSize)
    }

    static func readGraph(_ data: Data, file: String, source: String, options: EdgeListOptions, blockSize: Int) throws
        -> (result: GraphReadResult, csr: CSRGraph)
    {
        let (result, grouped) = try readData(data, file: file, source: source, options: options, blockSize: blockSize)
        return (result, csr(result, grouped))
    }

    /// Reads an edge list file block by block (never the whole file in memory) and returns the
    /// result with its CSR, like ``readGraph(_:file:source:options:)``.
    /// - Parameters:
    ///   - file: name used in issues (default: the file name of `url`).
    /// - Throws: ``ImportError/unreadable(path:reason:)`` when the file cannot be read,
    ///   ``ImportError/nothingUsable(path:reason:)`` when no line holds an edge.
    /// - Complexity: O(bytes + V + E); memory for the result plus two blocks.
    public static func readGraph(
        contentsOf url: URL, file: String? = nil, source: String, options: EdgeListOptions = .init()
    )
        throws -> (result: GraphReadResult, csr: CSRGraph)
    {
        try readGraph(contentsOf: url, file: file, source: source, options: options, blockSize: defaultBlockSize)
    }

    static func readGraph(contentsOf url: URL, file: String?, source: String, options: EdgeListOptions, blockSize: Int)
        throws -> (result: GraphReadResult, csr: CSRGraph)
    {
        let (result, grouped) = try readFile(url, file: file, source: source, options: options, blockSize: blockSize)
        return (result, csr(result, grouped))
    }

    // MARK: plumbing

    private static func readData(_ data: Data, file: String, source: String, options: EdgeListOptions, blockSize: Int)
        throws
        -> (result: GraphReadResult, grouped: GroupedEdges?)
    {
        let both = try data.withUnsafeBytes { raw -> (GraphReadResult, GroupedEdges?)? in
            guard let base = raw.baseAddress?.assumingMemoryBound(to: UInt8.self), raw.count > 0 else { return nil }
            var reader = Reader(file: file, source: source, options: options, blockSize: blockSize)
            guard let r = try reader.run(MemoryInput(base: base, count: raw.count)) else { return nil }
            return (r, reader.grouped)
        }
        return try usable(both, file: file)
    }

    private static func readFile(_ url: URL, file: String?, source: String, options: EdgeListOptions, blockSize: Int)
        throws
        -> (result: GraphReadResult, grouped: GroupedEdges?)
    {
        let name = file ?? url.lastPathComponent
        let input = try FileInput(url: url)
        defer { input.release() }
        var reader = Reader(file: name, source: source, options: options, blockSize: blockSize)
        let both = try reader.run(input).map { ($0, reader.grouped) }
        return try usable(both, file: name)
    }

    private static func usable(_ both: (GraphReadResult, GroupedEdges?)?, file: String) throws
        -> (result: GraphReadResult, grouped: GroupedEdges?)
    {
        guard let both, both.0.document.edgeCount > 0 || both.0.document.nodeCount > 0 else {
            throw ImportError.nothingUsable(
                path: file, reason: "no edges found (expected lines like 'source,target[,weight]')")
        }
        return both
    }

    /// The CSR from duplicate detection when it has one (identity ``CSRGraph/edgeIndex`` when the
    /// edges were already grouped by source), else built from the document.
    private static func csr(_ result: GraphReadResult, _ grouped: GroupedEdges?) -> CSRGraph {
        guard let g = grouped else { return CSRGraph(document: result.document) }
        let m = g.targets.count
        let index =
            g.perm
            ?? [Int32](unsafeUninitializedCapacity: m) { buf, n in
                for i in 0..<m { buf[i] = Int32(truncatingIfNeeded: i) }
                n = m
            }
        return CSRGraph(nodeCount: g.nodeCount, offsets: g.offsets, targets: g.targets, weights: nil, edgeIndex: index)
    }
}

// MARK: - implementation

/// A raw byte pointer shared read-only between parser threads.
private struct SharedBytes: @unchecked Sendable {
    let base: UnsafePointer<UInt8>
}

/// A job handed to one parser thread while the others parse (``Reader/parse(_:_:_:_:_:alongside:)``).
private struct UncheckedJob: @unchecked Sendable {
    let run: () -> Void
}

/// Node id strings and the id → index map built from an interner on a worker thread, into
/// storage reserved on the calling thread.
private final class NamesJob: @unchecked Sendable {
    var interner: Interner?
    var ids: [String] = []
    var index: [String: Int32]
    var nodeIndex = NodeIndex()
    var latin1 = 0
    var sameAfterDecoding = 0

    init(interner: Interner) {
        let n = Int(interner.count)
        self.interner = interner
        ids.reserveCapacity(n)
        // Decimal ids go through the direct table when it is in use: only the others are hashed.
        index = [String: Int32](minimumCapacity: interner.useDirect ? interner.sliceNode.count : n)
    }

    func run() {
        var ids = self.ids
        var index = self.index
        self.ids = []
        self.index = [:]
        (nodeIndex, latin1, sameAfterDecoding) = interner!.strings(into: &ids, others: &index)
        interner = nil
        self.ids = ids
    }
}

/// The parse output of one block, reused from pair to pair (one per thread).
private final class OutputBox: @unchecked Sendable {
    var out = ChunkOutput()
}

/// Edges grouped by source (the CSR of a directed file); `perm` nil = identity.
private struct GroupedEdges {
    var nodeCount: Int
    var offsets: [Int32]
    var targets: [Int32]
    var perm: [Int32]?
}

/// A window `[lo, hi)` over the input bytes at `base`. `load` makes at least `n` bytes
/// available from `lo` (fewer only at the end of the input, then `eof`); it may move the bytes,
/// so pointers into the window are valid only until the next `load`.
private protocol ByteInput: AnyObject {
    var base: UnsafePointer<UInt8> { get }
    var lo: Int { get }
    var hi: Int { get }
    var eof: Bool { get }
    /// Size of the whole input when known (0 if not), for estimates.
    var totalBytes: Int { get }
    func load(atLeast n: Int) throws
    func consume(_ n: Int)
    /// Frees buffers once every block is parsed.
    func release()
}

/// Bytes already in memory: blocks are sub-ranges, nothing is copied.
private final class MemoryInput: ByteInput {
    let base: UnsafePointer<UInt8>
    let totalBytes: Int
    var lo = 0
    var hi = 0
    var eof: Bool { hi == totalBytes }

    init(base: UnsafePointer<UInt8>, count: Int) {
        self.base = base
        totalBytes = count
    }

    func load(atLeast n: Int) { hi = max(hi, min(totalBytes, lo + n)) }
    func consume(_ n: Int) { lo += n }
    func release() {}
}

/// A file read with `pread` into one reusable buffer that grows only for a line (or a quoted
/// field) longer than the window.
private final class FileInput: ByteInput {
    private let handle: FileHandle
    private let path: String
    private var buffer: UnsafeMutablePointer<UInt8>?
    private var capacity = 0
    private var fileOffset: Int64 = 0
    let totalBytes: Int
    var lo = 0
    var hi = 0
    var eof = false
    var base: UnsafePointer<UInt8> { UnsafePointer(buffer!) }

    init(url: URL) throws {
        path = url.path
        do { handle = try FileHandle(forReadingFrom: url) } catch {
            throw ImportError.unreadable(path: url.path, reason: ErrorText.reason(error, path: url.path))
        }
        var st = stat()
        totalBytes = fstat(handle.fileDescriptor, &st) == 0 ? max(0, Int(st.st_size)) : 0
        buffer = .allocate(capacity: 1)
        capacity = 1
    }

    func load(atLeast n: Int) throws {
        if hi - lo >= n || eof { return }
        let have = hi - lo
        if n > capacity {
            let grown = UnsafeMutablePointer<UInt8>.allocate(capacity: n)
            if have > 0 { grown.initialize(from: buffer! + lo, count: have) }
            buffer!.deallocate()
            buffer = grown
            capacity = n
            lo = 0
            hi = have
        } else if lo + n > capacity {
            if have > 0 { memmove(buffer!, buffer! + lo, have) }
            lo = 0
            hi = have
        }
        while hi - lo < n {
            let r = pread(handle.fileDescriptor, buffer! + hi, lo + n - hi, off_t(fileOffset))
            if r < 0 {
                if errno == EINTR { continue }
                throw ImportError.unreadable(path: path, reason: String(cString: strerror(errno)))
            }
            if r == 0 {
                eof = true
                break
            }
            hi += r
            fileOffset += Int64(r)
        }
    }

    func consume(_ n: Int) { lo += n }

    /// Frees the buffer and closes the file.
    func release() {
        guard let b = buffer else { return }
        b.deallocate()
        buffer = nil
        capacity = 0
        try? handle.close()
    }

    deinit { buffer?.deallocate() }
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

/// Output of one parser block; line numbers are local (0-based from the block start).
/// Token offsets of byte-slice ids are relative to the base pointer the block was parsed with.
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
    /// A quoted field ran to the end of the block without its closing quote.
    var openQuote = false
    var issues: [(line: Int, severity: IssueSeverity, kind: String, message: String)] = []
    var issueCounts: [String: Int] = [:]

    /// Reserves room for every edge a block of `bytes` bytes can hold (an edge line takes at
    /// least 4 bytes: `a,b` and a newline). Called on the calling thread, so the storage comes
    /// from its malloc arena and the parser threads only fill it.
    mutating func prepare(bytes: Int, weights: Bool) {
        let edges = (bytes + 1) / 4 + 1
        src.reserveCapacity(edges)
        tgt.reserveCapacity(edges)
        lines.reserveCapacity(edges)
        if weights { self.weights.reserveCapacity(edges) }
    }

    /// Empties the output for the next block, keeping the arrays' storage.
    mutating func reset() {
        src.removeAll(keepingCapacity: true)
        tgt.removeAll(keepingCapacity: true)
        weights.removeAll(keepingCapacity: true)
        times.removeAll(keepingCapacity: true)
        typeDirected.removeAll(keepingCapacity: true)
        ids.removeAll(keepingCapacity: true)
        labels.removeAll(keepingCapacity: true)
        lines.removeAll(keepingCapacity: true)
        side.removeAll(keepingCapacity: true)
        lineCount = 0
        maxDecimal = 0
        anyNonDecimal = false
        openQuote = false
        issues.removeAll()
        issueCounts.removeAll()
    }
}

private struct Reader {
    let file: String
    let source: String
    let options: EdgeListOptions
    let blockSize: Int
    var log: IssueLog
    /// The edges grouped by source when duplicate detection produced them (directed, nothing dropped).
    var grouped: GroupedEdges?

    init(file: String, source: String, options: EdgeListOptions, blockSize: Int) {
        self.file = file
        self.source = source
        self.options = options
        self.blockSize = max(1, blockSize)
        log = IssueLog(source: source, file: file, cap: options.maxIssuesPerKind)
    }

    mutating func issue(_ line: Int, _ severity: IssueSeverity, _ message: String) {
        log.add(severity, message, line: line)
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
                } else {
                    cur.append(b)
                }
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
        case "source", "src", "from", "source_id", "sourceid", "source id", "node1", "fromnodeid", "from_id", "u",
            "id1",
            "rater", "user", "user_id":
            return .source
        case "target", "dst", "to", "target_id", "targetid", "target id", "node2", "tonodeid", "to_id", "v", "id2",
            "ratee":
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
    /// What the preamble scan found in the first complete lines.
    enum PreambleScan {
        /// Fewer than two data lines in the window and more input follows.
        case needMore
        /// No data line in the whole input.
        case empty
        case found(directed: Bool?, dataLines: [(start: Int, end: Int, line: Int)])
    }

    /// Skips a BOM, comments and KONECT `%` lines up to the first two data lines of
    /// `[0, count)` (complete lines only; `complete`: the input ends at `count`).
    static func scanPreamble(base: UnsafePointer<UInt8>, count: Int, complete: Bool) -> PreambleScan {
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
                        let words = Reader.splitFields(
                            UnsafeBufferPointer(start: base + q + 1, count: e - q - 1)[...].map { $0 }[...], mode: 0)
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
        if dataLines.count < 2 && !complete { return .needMore }
        if dataLines.isEmpty { return .empty }
        return .found(directed: directed, dataLines: dataLines)
    }

    /// The data start, the delimiter, the header and KONECT direction from a preamble scan of
    /// `[0, count)`.
    mutating func preamble(
        directed konect: Bool?, dataLines: [(start: Int, end: Int, line: Int)], base: UnsafePointer<UInt8>, count: Int
    )
        -> (start: Int, startLine: Int, layout: Layout, directed: Bool)
    {
        var directed = konect
        let first = dataLines[0]
        let firstBytes = Array(UnsafeBufferPointer(start: base + first.start, count: first.end - first.start))
        var mode: UInt8
        switch options.delimiter {
        case .comma: mode = 1
        case .semicolon: mode = 2
        case .whitespace: mode = 0
        case .auto:
            if firstBytes.contains(9) {
                mode = 0
            } else if firstBytes.contains(44) {
                mode = 1
            } else if firstBytes.contains(59) {
                mode = 2
            } else {
                mode = 0
            }
        }
        let f1 = Reader.splitFields(firstBytes[...], mode: mode)
        var f2: [String] = []
        if dataLines.count > 1 {
            let b2 = Array(
                UnsafeBufferPointer(start: base + dataLines[1].start, count: dataLines[1].end - dataLines[1].start))
            f2 = Reader.splitFields(b2[...], mode: mode)
        }
        var header: Bool
        switch options.header {
        case .present: header = true
        case .absent: header = false
        case .auto:
            let named = f1.prefix(2).contains { Reader.column(named: $0) != nil }
            let identifier =
                f1.count >= 3 && f1[2].first?.isLetter == true
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
                issue(
                    first.line, .info,
                    "header \(ErrorText.excerpt(f1.joined(separator: ","))) does not name source and target; columns 1 and 2 are used"
                )
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

    /// Bytes of the complete lines at the start of `[0, count)` (up to the last newline).
    static func completeLines(_ base: UnsafePointer<UInt8>, _ count: Int) -> Int {
        var i = count
        while i > 0 && base[i - 1] != 10 { i -= 1 }
        return i
    }

    /// Loads the first lines of the input and reads the preamble; nil when there is no data line.
    mutating func findPreamble(_ input: some ByteInput) throws -> (
        start: Int, startLine: Int, layout: Layout, directed: Bool
    )? {
        var want = 2 * blockSize
        while true {
            try input.load(atLeast: want)
            let avail = input.hi - input.lo
            let window = input.base + input.lo
            let complete = input.eof ? avail : Reader.completeLines(window, avail)
            switch Reader.scanPreamble(base: window, count: complete, complete: input.eof) {
            case .needMore:
                want = max(want, avail) * 2
            case .empty:
                return nil
            case .found(let directed, let dataLines):
                return preamble(directed: directed, dataLines: dataLines, base: window, count: complete)
            }
        }
    }

    /// Parses the blocks `[cuts[k], cuts[k + 1])` of `window` into `boxes[k]`, in parallel when
    /// there are two.
    static func parse(
        _ window: UnsafePointer<UInt8>, _ cuts: [Int], _ layout: Layout, _ maxIssues: Int, _ boxes: [OutputBox]
    ) {
        for k in 0..<(cuts.count - 1) { boxes[k].out.prepare(bytes: cuts[k + 1] - cuts[k], weights: layout.hasWeight) }
        if cuts.count == 2 {
            ChunkParser.parse(
                base: window, start: cuts[0], end: cuts[1], layout: layout, maxIssues: maxIssues, into: &boxes[0].out)
            return
        }
        let shared = SharedBytes(base: window)
        DispatchQueue.concurrentPerform(iterations: cuts.count - 1) { k in
            ChunkParser.parse(
                base: shared.base, start: cuts[k], end: cuts[k + 1], layout: layout, maxIssues: maxIssues,
                into: &boxes[k].out)
        }
    }

    /// ``parse(_:_:_:_:_:)`` with `alongside` run at the same time, as the first job: the
    /// threads take the blocks as they free up.
    static func parse(
        _ window: UnsafePointer<UInt8>, _ cuts: [Int], _ layout: Layout, _ maxIssues: Int, _ boxes: [OutputBox],
        alongside: () -> Void
    ) {
        for k in 0..<(cuts.count - 1) { boxes[k].out.prepare(bytes: cuts[k + 1] - cuts[k], weights: layout.hasWeight) }
        let shared = SharedBytes(base: window)
        withoutActuallyEscaping(alongside) { alongside in
            // Job 0 alone calls it, and it touches nothing the parser jobs do.
            let job = UncheckedJob(run: alongside)
            DispatchQueue.concurrentPerform(iterations: cuts.count) { j in
                if j == 0 {
                    job.run()
                    return
                }
                ChunkParser.parse(
                    base: shared.base, start: cuts[j - 1], end: cuts[j], layout: layout, maxIssues: maxIssues,
                    into: &boxes[j - 1].out)
            }
        }
    }

    /// Blocks a window is cut into while the previous window is interned alongside.
    static let blocksAlongside = 4

    /// Cuts `[0, usable)` of `window` into up to `parts` blocks of near-equal size at line ends.
    static func cuts(_ window: UnsafePointer<UInt8>, _ usable: Int, parts: Int) -> [Int] {
        var cuts = [0]
        for k in 1..<max(1, parts) {
            var cut = max(cuts[cuts.count - 1] + 1, usable * k / parts)
            while cut < usable && window[cut - 1] != 10 { cut += 1 }
            if cut < usable { cuts.append(cut) }
        }
        cuts.append(usable)
        return cuts
    }

    /// Reads the whole input: the preamble, then windows of about two `blockSize`s, cut into
    /// blocks at line boundaries, parsed in parallel and interned in file order (a window of
    /// decimal ids while the next one is parsed), so node order, line numbers and issues are
    /// those of one pass over the file; then duplicates, node ids and the document.
    /// - Complexity: O(bytes + V + E); memory: the result plus two windows' blocks and their
    ///   parse output.
    mutating func run(_ input: some ByteInput) throws -> GraphReadResult? {
        guard let pre = try findPreamble(input) else {
            input.release()
            return nil
        }
        input.consume(pre.start)
        let layout = pre.layout
        let maxIssues = options.maxIssuesPerKind
        let hasWeight = layout.hasWeight
        let hasTime = layout.index(of: .time) >= 0
        let hasType = layout.index(of: .type) >= 0
        let hasID = layout.index(of: .id) >= 0
        let hasLabel = layout.index(of: .label) >= 0
        let dataBytes = input.totalBytes - input.lo
        let pairBytes = 2 * blockSize
        let boxSets = (0..<2).map { _ in (0..<Reader.blocksAlongside).map { _ in OutputBox() } }

        var lineBase = pre.startLine
        var interner = Interner(expectedNodes: 16)
        var firstPair = true
        var sources: [Int32] = []
        var targets: [Int32] = []
        var lines: [Int32] = []
        var nodeLines: [Int32] = []
        var allWeights: [Double] = []
        var times: [Double] = []
        var types: [UInt8] = []
        var edgeIDList: [String?] = []
        var labels: [String?] = []
        var selfLoops = 0
        var firstSelfLoop = 0
        var sortedSources = true
        var lastSource: Int32 = 0
        var want = pairBytes
        // Interns the blocks of one window, in file order: node ids in first-appearance order,
        // edges, line numbers and issues. `window` is where the blocks were parsed: byte-slice
        // ids are read from it; nil when the blocks hold none (decimal ids only).
        func internBlocks(_ boxes: [OutputBox], _ blockCount: Int, usable: Int, window: UnsafePointer<UInt8>?) {
            if firstPair {
                // Reserve the result from the bytes per edge of the first pair (×1.05), so the
                // arrays do not double while growing.
                firstPair = false
                var edges = 0
                for k in 0..<blockCount { edges += boxes[k].out.src.count }
                let perEdge = edges > 0 ? Double(usable) / Double(edges) : 18
                let estimate = Int(min(Double(Int32.max), Double(max(dataBytes, usable)) / perEdge * 1.05)) + 16
                interner = Interner(expectedNodes: max(16, estimate / 4))
                nodeLines.reserveCapacity(max(16, estimate / 4))
                // Huge pages (LargeArrays): the sort reads them, the cost pass gathers weights.
                sources = LargeArrays.reserved(capacity: estimate)
                targets = LargeArrays.reserved(capacity: estimate)
                lines = LargeArrays.reserved(capacity: estimate)
                if hasWeight { allWeights = LargeArrays.reserved(capacity: estimate) }
                if hasTime { times.reserveCapacity(estimate) }
            }
            for k in 0..<blockCount {
                let c = boxes[k].out
                // Issues with absolute line numbers; the detail cap is per kind for the whole input.
                for i in c.issues { log.add(i.severity, i.message, line: lineBase + i.line + 1, kind: i.kind) }
                for (kind, n) in c.issueCounts.sorted(by: { $0.key < $1.key }) {
                    log.count(kind, .warning, n - c.issues.lazy.filter { $0.kind == kind }.count)
                }

                // Intern node ids in first-appearance order.
                interner.prepare(maxDecimal: c.maxDecimal)
                let lb = Int32(truncatingIfNeeded: lineBase + 1)
                let count = c.src.count
                let e0 = sources.count
                sources.append(contentsOf: repeatElement(0, count: count))
                targets.append(contentsOf: repeatElement(0, count: count))
                lines.append(contentsOf: repeatElement(0, count: count))
                if count > 0 && interner.useDirect && !c.anyNonDecimal && c.side.isEmpty {
                    sources.withUnsafeMutableBufferPointer { sp in
                        targets.withUnsafeMutableBufferPointer { tp in
                            lines.withUnsafeMutableBufferPointer { lp in
                                c.src.withUnsafeBufferPointer { cs in
                                    c.tgt.withUnsafeBufferPointer { ct in
                                        c.lines.withUnsafeBufferPointer { cl in
                                            let r = interner.internDecimalBlock(
                                                src: cs, tgt: ct, lines: cl, lineBase: lb,
                                                sources: sp.baseAddress! + e0, targets: tp.baseAddress! + e0,
                                                edgeLines: lp.baseAddress! + e0, nodeLines: &nodeLines,
                                                lastSource: &lastSource)
                                            if r.selfLoops > 0 {
                                                if selfLoops == 0 { firstSelfLoop = Int(r.firstSelfLoop) }
                                                selfLoops += r.selfLoops
                                            }
                                            if !r.sorted { sortedSources = false }
                                        }
                                    }
                                }
                            }
                        }
                    }
                } else {
                    sources.withUnsafeMutableBufferPointer { sp in
                        targets.withUnsafeMutableBufferPointer { tp in
                            lines.withUnsafeMutableBufferPointer { lp in
                                c.src.withUnsafeBufferPointer { cs in
                                    c.tgt.withUnsafeBufferPointer { ct in
                                        c.lines.withUnsafeBufferPointer { cl in
                                            for i in 0..<count {
                                                let line = cl[i] &+ lb
                                                let a = interner.intern(
                                                    cs[i], base: window, side: c.side, line: line, nodeLines: &nodeLines
                                                )
                                                let b = interner.intern(
                                                    ct[i], base: window, side: c.side, line: line, nodeLines: &nodeLines
                                                )
                                                sp[e0 + i] = a
                                                tp[e0 + i] = b
                                                lp[e0 + i] = line
                                                if a == b {
                                                    if selfLoops == 0 { firstSelfLoop = Int(line) }
                                                    selfLoops += 1
                                                }
                                                if a < lastSource { sortedSources = false }
                                                lastSource = a
                                            }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
                if hasWeight { allWeights.append(contentsOf: c.weights) }
                if hasTime { times.append(contentsOf: c.times) }
                if hasType { types.append(contentsOf: c.typeDirected) }
                if hasID { edgeIDList.append(contentsOf: c.ids) }
                if hasLabel { labels.append(contentsOf: c.labels) }
                lineBase += c.lineCount
            }
        }

        // While the parser threads read window k + 1, this thread interns window k when its ids
        // are all decimal (interning then needs none of its bytes, so the window may be
        // overwritten); else window k is interned before its bytes go.
        var pending: (boxes: [OutputBox], blockCount: Int, usable: Int)? = nil
        var current = 0
        while true {
            try input.load(atLeast: want)
            let avail = input.hi - input.lo
            if avail == 0 { break }
            let window = input.base + input.lo
            let usable = input.eof ? avail : Reader.completeLines(window, avail)
            if usable == 0 {  // a line longer than the window: read more
                want = avail * 2
                continue
            }
            let boxes = boxSets[current]
            var cuts = [0, usable]
            if options.threads >= 2 && usable > min(blockSize, 4 << 20) {
                // With a window to intern alongside, finer blocks keep both threads busy.
                let parts = pending == nil ? 2 : boxes.count
                cuts = Reader.cuts(window, usable, parts: parts)
            }
            if let p = pending {
                pending = nil
                Reader.parse(window, cuts, layout, maxIssues, boxes) {
                    internBlocks(p.boxes, p.blockCount, usable: p.usable, window: nil)
                }
            } else {
                Reader.parse(window, cuts, layout, maxIssues, boxes)
            }
            if cuts.count > 2 && boxes[0..<(cuts.count - 2)].contains(where: { $0.out.openQuote }) {
                // A quoted field runs over an inner cut: one block over the window.
                cuts = [0, usable]
                Reader.parse(window, cuts, layout, maxIssues, boxes)
            }
            if !input.eof && boxes[cuts.count - 2].out.openQuote {
                // A quoted field runs past the window: read more and parse again.
                want = avail * 2
                continue
            }
            let blockCount = cuts.count - 1
            if options.threads >= 2
                && boxes[0..<blockCount].allSatisfy({ !$0.out.anyNonDecimal && $0.out.side.isEmpty })
            {
                pending = (boxes, blockCount, usable)
                current ^= 1
            } else {
                internBlocks(boxes, blockCount, usable: usable, window: window)
            }
            input.consume(usable)
            want = pairBytes
        }
        if let p = pending { internBlocks(p.boxes, p.blockCount, usable: p.usable, window: nil) }
        for set in boxSets { for b in set { b.out = ChunkOutput() } }
        input.release()

        let m = sources.count
        let n = Int(interner.count)

        // Weights, times and the other columns.
        // NaN in the file and weights that are not numbers are kept (EdgeWeight) for the census.
        var weights: [Double]? =
            hasWeight && allWeights.contains { EdgeWeight.kind($0) != .none } ? allWeights : nil
        allWeights = []
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
        if hasTime && !times.isEmpty {
            var values: [AttributeValue?] = []
            values.reserveCapacity(m)
            for t in times { values.append(t.isNaN ? nil : .double(t)) }
            if values.contains(where: { $0 != nil }) {
                edgeAttributes.append(AttributeColumn(name: "time", type: .double, values: values))
            }
        }
        times = []
        if hasLabel {
            edgeAttributes.append(
                AttributeColumn(name: "label", type: .string, values: labels.map { $0.map(AttributeValue.string) }))
        }
        var edgeIDs: [String?]? = nil
        if hasID { edgeIDs = edgeIDList }
        var docDirected = pre.directed
        var edgeDirected: [Bool]? = nil
        if hasType {
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

        // The grouping by source (a counting sort on every core), then node ids (on a worker
        // thread) and the search for repeated pairs (on this thread) in parallel. The big arrays
        // are allocated on this thread, so that they come from its malloc arena.
        interner.releaseLookups()
        let undirected = !docDirected
        let names: ([String], NodeIndex, Int, Int)
        let dropped: [Int32]
        do {
            let bySource = Reader.grouped(
                nodeCount: n, sources: sources, targets: targets, undirected: undirected, sorted: sortedSources)
            let job = NamesJob(interner: interner)
            interner = Interner(expectedNodes: 0)
            let group = DispatchGroup()
            if m > 200_000 {
                DispatchQueue.global(qos: .userInitiated).async(group: group) { job.run() }
            } else {
                job.run()
            }
            let d = Reader.duplicates(in: bySource)
            group.wait()
            names = (job.ids, job.nodeIndex, job.latin1, job.sameAfterDecoding)
            dropped = d
            if !undirected && d.isEmpty { grouped = bySource }
        }
        let (nodeIDs, nodeIndex, latin1, sameAfterDecoding) = names
        if latin1 > 0 {
            issue(0, .info, "\(latin1) node ids are not valid UTF-8 and were decoded as Latin-1")
        }
        if sameAfterDecoding > 0 {
            issue(
                0, .warning,
                "\(sameAfterDecoding) node ids read the same after decoding; lookups by id find the first"
            )
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
                "\(dropped.count) duplicate \(undirected ? "unordered" : "ordered") pairs: the last line of each pair is kept (first dropped line \(firstLine))"
            )
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
        return GraphReadResult(document: doc, issues: log.finish())
    }

    /// The edges grouped by source (the CSR of the edges when directed), in which
    /// ``duplicates(in:)`` looks for repeated pairs.
    ///
    /// When the edges are directed and `sources` never decreases (`sorted`), the grouping is
    /// the input itself: offsets from one counting pass, `targets` shared, identity order.
    /// Otherwise a stable counting sort groups the edges by source (undirected: by the smaller
    /// endpoint).
    /// - Complexity: O(V + E).
    static func grouped(nodeCount n: Int, sources: [Int32], targets: [Int32], undirected: Bool, sorted: Bool)
        -> GroupedEdges
    {
        let built: GroupedEdges
        if !undirected && sorted {
            var offsets = [Int32](repeating: 0, count: n + 1)
            offsets.withUnsafeMutableBufferPointer { op in
                sources.withUnsafeBufferPointer { sp in
                    for s in sp { op[Int(s) + 1] &+= 1 }
                }
                for i in 0..<n { op[i + 1] &+= op[i] }
            }
            built = GroupedEdges(nodeCount: n, offsets: offsets, targets: targets, perm: nil)
        } else {
            var s = sources
            var t = targets
            if undirected {
                for i in 0..<s.count where s[i] > t[i] { swap(&s[i], &t[i]) }
            }
            let sorted = CSRGraph.countingSort(nodeCount: n, sources: s, targets: t, keepIndex: true)
            built = GroupedEdges(nodeCount: n, offsets: sorted.offsets, targets: sorted.targets, perm: sorted.perm)
        }
        return built
    }

    /// Indices of edges overridden by a later edge with the same pair, ascending: repeats
    /// inside a source's group of `built` (``grouped(nodeCount:sources:targets:undirected:sorted:)``);
    /// the earlier edge of each repeat is dropped.
    /// - Complexity: O(V + E).
    static func duplicates(in built: GroupedEdges) -> [Int32] {
        let n = built.nodeCount
        // A slot is dropped when a later slot of its group has the same target. Small groups
        // (most of them) are compared pairwise, which stays in cache; large ones use last[u], the
        // latest slot with target u (a slot at or after the group start is a repeat), an n-entry
        // table allocated only when such a group exists.
        var last: [Int32] = []
        var dropped: [Int32] = []
        let perm = built.perm
        built.offsets.withUnsafeBufferPointer { op in
            built.targets.withUnsafeBufferPointer { tp in
                for v in 0..<n {
                    let start = Int(op[v])
                    let end = Int(op[v + 1])
                    if end - start <= 16 {
                        var j = start
                        while j < end {
                            let u = tp[j]
                            var k = j + 1
                            while k < end && tp[k] != u { k += 1 }
                            if k < end {
                                let slot = Int32(truncatingIfNeeded: j)
                                dropped.append(perm.map { $0[j] } ?? slot)
                            }
                            j += 1
                        }
                        continue
                    }
                    if last.isEmpty { last = [Int32](repeating: -1, count: n) }
                    last.withUnsafeMutableBufferPointer { lt in
                        for j in start..<end {
                            let u = Int(tp[j])
                            let prev = lt[u]
                            if prev >= start {
                                dropped.append(perm.map { $0[Int(prev)] } ?? prev)
                            }
                            lt[u] = Int32(truncatingIfNeeded: j)
                        }
                    }
                }
            }
        }
        dropped.sort()
        return dropped
    }
}

// MARK: - chunk parser

private enum ChunkParser {
    @inline(__always)
    static func isBlank(_ c: UInt8) -> Bool { c == 32 || c == 9 || c == 13 }

    /// Parses lines of `[start, end)` into `out` (emptied first, its storage reused; reserved by
    /// ``ChunkOutput/prepare(bytes:weights:)`` on the calling thread).
    static func parse(
        base: UnsafePointer<UInt8>, start: Int, end: Int, layout: Layout, maxIssues: Int, into out: inout ChunkOutput
    ) {
        out.reset()
        // The columns are filled as locals (moved out and back), so that appending skips the
        // exclusivity and uniqueness checks of a field reached through the caller's box.
        var src = out.src
        var tgt = out.tgt
        var lns = out.lines
        var wts = out.weights
        var tms = out.times
        (out.src, out.tgt, out.lines, out.weights, out.times) = ([], [], [], [], [])
        defer { (out.src, out.tgt, out.lines, out.weights, out.times) = (src, tgt, lns, wts, tms) }
        let cols = layout.columns
        let wCol = layout.index(of: .weight)
        let timeCol = layout.index(of: .time)
        let typeCol = layout.index(of: .type)
        let idCol = layout.index(of: .id)
        let labelCol = layout.index(of: .label)
        let hasExtra = timeCol >= 0 || typeCol >= 0 || idCol >= 0 || labelCol >= 0
        let ws = layout.mode == 0
        let sep: UInt8 = layout.mode == 1 ? 44 : (layout.mode == 2 ? 59 : 0)
        var p = base + start
        let stop = base + end
        var line: Int32 = 0
        var maxDec: UInt64 = 0

        func report(
            _ kind: String, _ message: String, _ line: Int32, _ out: inout ChunkOutput,
            severity: IssueSeverity = .warning
        ) {
            let n = out.issueCounts[kind, default: 0]
            out.issueCounts[kind] = n + 1
            if n < maxIssues { out.issues.append((Int(line), severity, kind, kind + ": " + message)) }
        }

        let fastLayout =
            cols.count >= 2 && cols[0] == .source && cols[1] == .target
            && (cols.count < 3 || cols[2] == .weight) && typeCol < 0 && idCol < 0 && labelCol < 0
            && cols.dropFirst(3).allSatisfy { $0 == .ignored || $0 == .time }
        let hasWeightCol = wCol == 2
        // The tight path: lines of exactly `digits SEP digits [SEP decimal]` and a newline (the
        // common export of a numbered graph), in one pass with no bounds test per byte: the
        // block ends with a newline, and every step stops at a byte that is not a digit. Rows
        // go to small scratch columns appended in bulk. Any other line takes the paths below.
        let tight =
            end > start && base[end - 1] == 10 && cols.count >= 2 && cols.count <= 3 && cols[0] == .source
            && cols[1] == .target && (cols.count == 2 || hasWeightCol)
        let tightCap = tight ? 1024 : 0
        let scratchSrc = UnsafeMutablePointer<UInt64>.allocate(capacity: tightCap)
        let scratchTgt = UnsafeMutablePointer<UInt64>.allocate(capacity: tightCap)
        let scratchLine = UnsafeMutablePointer<Int32>.allocate(capacity: tightCap)
        let scratchWeight = UnsafeMutablePointer<Double>.allocate(capacity: tightCap)
        defer {
            scratchSrc.deallocate()
            scratchTgt.deallocate()
            scratchLine.deallocate()
            scratchWeight.deallocate()
        }
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
            if tight && c0 &- 48 < 10 {
                var n = 0
                var q = p
                lines: while n < tightCap && q < stop {
                    // A canonical decimal id (1–18 digits, no leading zero) and its separator.
                    var r = q
                    var ids: (UInt64, UInt64) = (0, 0)
                    for f in 0..<2 {
                        let first = r
                        var v: UInt64 = 0
                        var d = r.pointee &- 48
                        while d < 10 {
                            v = v &* 10 &+ UInt64(d)
                            r += 1
                            d = r.pointee &- 48
                        }
                        let len = r - first
                        if len == 0 || !isCanonicalDecimal(first, len) { break lines }
                        if v > maxDec { maxDec = v }
                        if f == 0 { ids.0 = v } else { ids.1 = v }
                        if f == 1 && !hasWeightCol { break }
                        let c = r.pointee
                        if ws ? (c != 32 && c != 9) : c != sep { break lines }
                        r += 1
                    }
                    var w = Double.nan
                    if hasWeightCol {
                        // Digits with at most one point, ≤ 15 digits: exact, as parseDouble.
                        var mant: UInt64 = 0
                        var digits = 0
                        var d = r.pointee &- 48
                        while d < 10 {
                            mant = mant &* 10 &+ UInt64(d)
                            digits += 1
                            r += 1
                            d = r.pointee &- 48
                        }
                        var frac = 0
                        if r.pointee == 46 {
                            r += 1
                            d = r.pointee &- 48
                            while d < 10 {
                                mant = mant &* 10 &+ UInt64(d)
                                digits += 1
                                frac += 1
                                r += 1
                                d = r.pointee &- 48
                            }
                        }
                        if digits == 0 || digits > 15 { break lines }
                        w = exactDecimal(mant, fractionDigits: frac)
                    }
                    if r.pointee == 13 { r += 1 }
                    if r.pointee != 10 { break lines }
                    scratchSrc[n] = ids.0
                    scratchTgt[n] = ids.1
                    scratchLine[n] = line
                    scratchWeight[n] = w
                    n += 1
                    line &+= 1
                    q = r + 1
                }
                if n > 0 {
                    src.append(contentsOf: UnsafeBufferPointer(start: scratchSrc, count: n))
                    tgt.append(contentsOf: UnsafeBufferPointer(start: scratchTgt, count: n))
                    lns.append(contentsOf: UnsafeBufferPointer(start: scratchLine, count: n))
                    if hasWeightCol { wts.append(contentsOf: UnsafeBufferPointer(start: scratchWeight, count: n)) }
                    p = q
                    continue
                }
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
                    if dec && isCanonicalDecimal(fs, len) {
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
                        } else {
                            ok = false
                        }
                        if ok && q < stop && q.pointee != 10 && q.pointee != 13 {
                            if !hasWeightCol { ok = false }
                            let fs = q
                            while q < stop {
                                c = q.pointee
                                if c == 10 || c == 13 || c == sep || (ws && (c == 32 || c == 9)) { break }
                                q += 1
                            }
                            if ok, let x = parseDouble(fs, q - fs) { w = EdgeWeight.read(x) } else { ok = false }
                            while ok && q < stop && (q.pointee == 13 || (ws && (q.pointee == 32 || q.pointee == 9))) {
                                q += 1
                            }
                            if q < stop && q.pointee != 10 { ok = false }
                        }
                    }
                }
                if ok {
                    src.append(toks.0)
                    tgt.append(toks.1)
                    lns.append(line)
                    if hasWeightCol { wts.append(w) }
                    if timeCol >= 0 { tms.append(.nan) }
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
                    var closed = false
                    p += 1
                    while p < stop {
                        let q = p.pointee
                        if q == 34 {
                            if p + 1 < stop && (p + 1).pointee == 34 { bytes.append(34); p += 2; continue }
                            p += 1
                            closed = true
                            break
                        }
                        bytes.append(q)
                        p += 1
                    }
                    if !closed { out.openQuote = true }
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
                        while q < fe {
                            let d = q.pointee &- 48; if d < 10 { v = v &* 10 &+ UInt64(d) } else { isDec = false };
                            q += 1
                        }
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
                    } else if isDec && isCanonicalDecimal(fs, len) {
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
                            if let x {
                                weight = EdgeWeight.read(x)
                            } else {
                                weight = EdgeWeight.unreadable
                                badWeight = true
                            }
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
                src.append(srcTok)
                tgt.append(tgtTok)
                lns.append(line)
                if wCol >= 0 { wts.append(weight) }
                if hasExtra {
                    if timeCol >= 0 { tms.append(time) }
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
        let x = exactDecimal(mant, fractionDigits: frac)
        return neg ? -x : x
    }

    /// A run of `len` ≥ 1 digits at `first` is a decimal id kept as its value: at most 18
    /// digits (fits the token) and no leading zero (`007` stays text, as written).
    @inline(__always)
    static func isCanonicalDecimal(_ first: UnsafePointer<UInt8>, _ len: Int) -> Bool {
        len <= 18 && (len == 1 || first.pointee != 48)
    }

    /// `mantissa` / 10^`fractionDigits` for a decimal of at most 15 significant digits: both are
    /// exact doubles, so the quotient is the correctly rounded value of the text.
    @inline(__always)
    static func exactDecimal(_ mantissa: UInt64, fractionDigits: Int) -> Double {
        Double(mantissa) / pow10[fractionDigits]
    }

    static func parseSlowBytes(_ s: UnsafePointer<UInt8>, _ len: Int) -> Double? {
        parseSlow(String(decoding: UnsafeBufferPointer(start: s, count: len), as: UTF8.self))
    }

    static func parseSlow(_ text: String) -> Double? {
        var t = text.trimmingCharacters(in: .whitespaces)
        if t.hasPrefix(".") {
            t = "0" + t
        } else if t.hasPrefix("-.") {
            t = "-0" + t.dropFirst()
        } else if t.hasPrefix("+") {
            t.removeFirst()
        }
        return Double(t)
    }
}

// MARK: - interning

/// First-appearance interning of tokens: canonical decimal ids through a direct table (or an
/// open-addressing table of integers once ids get too large for it), other ids through an
/// open-addressing table over byte slices copied into an arena (so a block's bytes may be
/// reused once the block is interned).
private struct Interner: Sendable {
    var count: Int32 = 0
    // decimal ids
    var direct: [Int32] = []
    var useDirect = true
    /// Decimal ids below this use the direct table (1M, or 16 per expected node, at most 64M).
    let directLimit: Int
    var intKeys: [UInt64] = []
    var intVals: [Int32] = []
    var intUsed = 0
    // byte-slice ids: entry of the slice → node
    var slices = ByteTable(capacity: 1 << 9)
    var sliceNode: [Int32] = []
    // node → how to print it: value >= 0 decimal value; < 0: -(slice index) - 1
    var kinds: [Int64] = []

    init(expectedNodes: Int) {
        directLimit = min(1 << 26, max(1 << 20, expectedNodes * 16))
        kinds.reserveCapacity(expectedNodes)
    }

    /// Makes room for the decimal ids of a block whose largest is `maxDecimal`: grows the
    /// direct table (at least doubling), or moves to the hash table when the id is too large.
    mutating func prepare(maxDecimal: UInt64) {
        guard useDirect, maxDecimal >= UInt64(direct.count) else { return }
        if maxDecimal >= UInt64(directLimit) {
            migrateToHash()
            return
        }
        let size = max(Int(maxDecimal) + 1, min(directLimit, direct.count * 2))
        direct.append(contentsOf: repeatElement(-1, count: size - direct.count))
    }

    /// Moves the decimal ids seen so far from the direct table to the hash table.
    mutating func migrateToHash() {
        useDirect = false
        var used = 0
        for v in direct where v >= 0 { used += 1 }
        var size = 1 << 10
        while used * 2 >= size { size <<= 1 }
        intKeys = [UInt64](repeating: .max, count: size)
        intVals = [Int32](repeating: -1, count: size)
        let mask = size - 1
        for i in 0..<direct.count where direct[i] >= 0 {
            let key = UInt64(i)
            var h = Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> 20) & mask
            while intKeys[h] != .max { h = (h + 1) & mask }
            intKeys[h] = key
            intVals[h] = direct[i]
        }
        intUsed = used
        direct = []
    }

    /// Frees the lookup tables that ``strings(into:others:)`` does not use (it keeps the
    /// direct table as the index of decimal ids).
    mutating func releaseLookups() {
        if !useDirect { direct = [] }
        intKeys = []
        intVals = []
        slices.releaseSlots()
    }

    @inline(__always)
    mutating func newNode(kind: Int64, line: Int32, nodeLines: inout [Int32]) -> Int32 {
        let id = count
        count += 1
        kinds.append(kind)
        nodeLines.append(line)
        return id
    }

    /// Interns a block whose ids are all decimal and below the direct table's size (after
    /// ``prepare(maxDecimal:)`` with the direct table in use): edge `i` gets the nodes of
    /// `src[i]`, `tgt[i]` and the line `lines[i] + lineBase`, written at `e0 + i` of the
    /// outputs, exactly as ``intern(_:base:side:line:nodeLines:)`` would, without its checks.
    /// - Returns: the self-loops of the block, the line of its first one, and whether the
    ///   sources never decrease (starting from `lastSource`, updated).
    mutating func internDecimalBlock(
        src: UnsafeBufferPointer<UInt64>, tgt: UnsafeBufferPointer<UInt64>, lines: UnsafeBufferPointer<Int32>,
        lineBase: Int32, sources: UnsafeMutablePointer<Int32>, targets: UnsafeMutablePointer<Int32>,
        edgeLines: UnsafeMutablePointer<Int32>, nodeLines: inout [Int32], lastSource: inout Int32
    ) -> (selfLoops: Int, firstSelfLoop: Int32, sorted: Bool) {
        var selfLoops = 0
        var firstSelfLoop: Int32 = 0
        var sorted = true
        var last = lastSource
        var next = count
        var kinds = self.kinds
        self.kinds = []
        direct.withUnsafeMutableBufferPointer { dp in
            let table = dp.baseAddress!
            /// The node of decimal id `value`, a new one (first seen on `line`) when unseen.
            @inline(__always) func node(_ value: UInt64, _ line: Int32) -> Int32 {
                let v = Int(value)
                if table[v] >= 0 { return table[v] }
                table[v] = next
                next &+= 1
                kinds.append(Int64(v))
                nodeLines.append(line)
                return table[v]
            }
            for i in 0..<src.count {
                let line = lines[i] &+ lineBase
                let a = node(src[i], line)
                let b = node(tgt[i], line)
                sources[i] = a
                targets[i] = b
                edgeLines[i] = line
                if a == b {
                    if selfLoops == 0 { firstSelfLoop = line }
                    selfLoops += 1
                }
                if a < last { sorted = false }
                last = a
            }
        }
        self.kinds = kinds
        count = next
        lastSource = last
        return (selfLoops, firstSelfLoop, sorted)
    }

    /// The node of a token of a block parsed at `base` (whose quoted ids are in `side`; `base`
    /// may be nil for a block without byte-slice ids).
    @inline(__always)
    mutating func intern(
        _ tok: UInt64, base: UnsafePointer<UInt8>?, side: [String], line: Int32, nodeLines: inout [Int32]
    ) -> Int32 {
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
        // A byte-slice id is read from the block's bytes; blocks interned without them hold none.
        return internBytes(base! + off, len, line: line, nodeLines: &nodeLines)
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

    mutating func internBytes(_ p: UnsafePointer<UInt8>, _ n: Int, line: Int32, nodeLines: inout [Int32]) -> Int32 {
        let (entry, isNew) = slices.index(of: UnsafeBufferPointer(start: p, count: n))
        if !isNew { return sliceNode[entry] }
        let id = newNode(kind: -Int64(entry) - 1, line: line, nodeLines: &nodeLines)
        sliceNode.append(id)
        return id
    }

    /// Appends the node id strings to `ids` and returns the id → node index: canonical decimal
    /// ids by value through the direct table when it is in use (no hashing), the others in a
    /// dictionary, the first node winning when two ids read the same.
    /// - Returns: the index, how many ids were decoded as Latin-1, and how many read the same
    ///   as an earlier id after decoding.
    /// - Complexity: O(V + total id bytes).
    func strings(into ids: inout [String], others index: inout [String: Int32]) -> (
        index: NodeIndex, latin1: Int, sameAfterDecoding: Int
    ) {
        var latin1 = 0
        for k in kinds {
            if k >= 0 {
                ids.append(String(UInt64(k)))
            } else {
                slices.withKey(Int(-k - 1)) { buf in
                    if let str = String(validating: buf, as: UTF8.self) {
                        ids.append(str)
                    } else {
                        latin1 += 1
                        ids.append(String(String.UnicodeScalarView(buf.map { Unicode.Scalar($0) })))
                    }
                }
            }
        }
        let byValue = useDirect
        var decimals = 0
        var same = 0
        // Decimal ids whose quoted spelling came first: that node is the one a lookup finds.
        var quotedFirst: [Int] = []
        for (i, k) in kinds.enumerated() {
            if k >= 0 && byValue {
                decimals += 1
                continue
            }
            let s = ids[i]
            if index[s] != nil {
                same += 1
                continue
            }
            if byValue, let v = NodeIndex.decimalValue(s), v < direct.count, direct[v] >= 0 {
                // A quoted spelling of a decimal id interned by value: one of the two is a repeat.
                same += 1
                if direct[v] < Int32(i) { continue }
                quotedFirst.append(v)
            }
            index[s] = Int32(i)
        }
        var decimal = byValue ? direct : []
        for v in quotedFirst { decimal[v] = -1 }
        let nodeIndex = NodeIndex(others: index, decimal: decimal, decimalCount: decimals - quotedFirst.count)
        index = [:]
        return (nodeIndex, latin1, same)
    }
}
