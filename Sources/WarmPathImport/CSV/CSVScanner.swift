import WarmPathSupport
import WarmPathModel

/// Where one field's bytes live: in the input (`start >= 0`) or, when the field needed
/// unescaping (`""`, text after a closing quote), in the scratch buffer (`start < 0`, the
/// scratch range being `~start ..< end`).
struct CSVSpan: Sendable, Hashable {
    var start: Int
    var end: Int
}

/// What the scanner found wrong with one record.
enum CSVRecordProblem: Sendable, Hashable {
    /// A quoted field was still open at the end of the file; the record was re-read as its
    /// first physical line without quote handling.
    case unterminatedQuote
}

/// The byte-level RFC 4180 scanner: one record per call, fields as spans into the input.
///
/// Handles `""` escapes, quoted delimiters and line breaks, CRLF / LF / CR line ends (mixed),
/// stray CRs inside quoted cells, no final newline, text after a closing quote (kept) and an
/// unterminated quote at end of file (reported; the rest of the file is still read).
///
/// - Complexity: O(n) over the input; no per-field allocation.
struct CSVScanner: Sendable {
    let bytes: [UInt8]
    let delimiter: UInt8
    /// Offset of the next record.
    private(set) var position: Int
    /// Physical line (1-based) at `position`.
    private(set) var line: Int
    /// Offset of the last `"` in the input (computed once; bounds the unterminated-quote case).
    private let lastQuote: Int

    // Output of the last `next()`.
    private(set) var spans: [CSVSpan] = []
    private(set) var scratch: [UInt8] = []
    private(set) var recordLine: Int = 0
    private(set) var problem: CSVRecordProblem?

    init(bytes: [UInt8], delimiter: UInt8, position: Int = 0, line: Int = 1) {
        self.bytes = bytes
        self.delimiter = delimiter
        self.position = position
        self.line = line
        var lq = -1
        var i = bytes.count - 1
        while i >= 0 {
            if bytes[i] == 0x22 {
                lq = i
                break
            }
            i -= 1
        }
        self.lastQuote = lq
        spans.reserveCapacity(32)
    }

    var atEnd: Bool { position >= bytes.count }

    /// Reads the next record into ``spans`` / ``scratch``; false at end of input.
    mutating func next() -> Bool {
        let n = bytes.count
        guard position < n else { return false }
        spans.removeAll(keepingCapacity: true)
        scratch.removeAll(keepingCapacity: true)
        problem = nil
        recordLine = line
        let recordStart = position
        let startLine = line
        let ok: Bool = bytes.withUnsafeBufferPointer { buf in
            scanRecord(buf.baseAddress!, n)
        }
        if !ok {
            // Unterminated quote: re-read the first physical line literally and go on after it.
            spans.removeAll(keepingCapacity: true)
            scratch.removeAll(keepingCapacity: true)
            position = recordStart
            line = startLine
            problem = .unterminatedQuote
            bytes.withUnsafeBufferPointer { buf in
                scanLiteralLine(buf.baseAddress!, n)
            }
        }
        return true
    }

    /// Returns false when a quoted field is unterminated at end of input.
    private mutating func scanRecord(_ p: UnsafePointer<UInt8>, _ n: Int) -> Bool {
        let quote: UInt8 = 0x22
        let lf: UInt8 = 10
        let cr: UInt8 = 13
        let delim = delimiter
        var pos = position
        while true {
            if pos < n && p[pos] == quote {
                // Quoted field.
                if pos >= lastQuote { return false }
                pos += 1
                let contentStart = pos
                var segStart = pos
                var usesScratch = false
                var scratchStart = 0
                var i = pos
                var lines = 0
                while true {
                    // Find the next quote, counting line breaks.
                    while i < n {
                        let b = p[i]
                        if b == quote { break }
                        if b == lf {
                            lines += 1
                        } else if b == cr && (i + 1 >= n || p[i + 1] != lf) {
                            lines += 1
                        }
                        i += 1
                    }
                    if i >= n { return false }
                    if i + 1 < n && p[i + 1] == quote {
                        if !usesScratch {
                            usesScratch = true
                            scratchStart = scratch.count
                        }
                        scratch.append(contentsOf: UnsafeBufferPointer(start: p + segStart, count: i + 1 - segStart))
                        i += 2
                        segStart = i
                        continue
                    }
                    break
                }
                line += lines
                // p[i] is the closing quote.
                var after = i + 1
                if after < n && p[after] != delim && p[after] != lf && p[after] != cr {
                    // Text after the closing quote: keep it as part of the field.
                    if !usesScratch {
                        usesScratch = true
                        scratchStart = scratch.count
                    }
                    scratch.append(contentsOf: UnsafeBufferPointer(start: p + segStart, count: i - segStart))
                    var j = after
                    while j < n && p[j] != delim && p[j] != lf && p[j] != cr { j += 1 }
                    scratch.append(contentsOf: UnsafeBufferPointer(start: p + after, count: j - after))
                    spans.append(CSVSpan(start: ~scratchStart, end: scratch.count))
                    after = j
                } else if usesScratch {
                    scratch.append(contentsOf: UnsafeBufferPointer(start: p + segStart, count: i - segStart))
                    spans.append(CSVSpan(start: ~scratchStart, end: scratch.count))
                } else {
                    spans.append(CSVSpan(start: contentStart, end: i))
                }
                pos = after
            } else {
                var i = pos
                while i < n {
                    let b = p[i]
                    if b == delim || b == lf || b == cr { break }
                    i += 1
                }
                spans.append(CSVSpan(start: pos, end: i))
                pos = i
            }
            // Field separator, record end or end of input.
            if pos >= n {
                position = n
                return true
            }
            let b = p[pos]
            if b == delim {
                pos += 1
                continue
            }
            if b == cr {
                pos += 1
                if pos < n && p[pos] == lf { pos += 1 }
            } else {
                pos += 1
            }
            line += 1
            position = pos
            return true
        }
    }

    /// Splits the physical line at `position` on the delimiter, quotes taken literally.
    private mutating func scanLiteralLine(_ p: UnsafePointer<UInt8>, _ n: Int) {
        var pos = position
        var start = pos
        while pos < n {
            let b = p[pos]
            if b == delimiter {
                spans.append(CSVSpan(start: start, end: pos))
                start = pos + 1
            } else if b == 10 || b == 13 {
                break
            }
            pos += 1
        }
        spans.append(CSVSpan(start: start, end: pos))
        if pos < n {
            if p[pos] == 13 && pos + 1 < n && p[pos + 1] == 10 { pos += 1 }
            pos += 1
            line += 1
        }
        position = pos
    }

    /// The bytes of field `i` of the last record.
    @inline(__always)
    func withField<R>(_ i: Int, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        let s = spans[i]
        if s.start >= 0 {
            return bytes.withUnsafeBufferPointer { body(UnsafeBufferPointer(rebasing: $0[s.start..<s.end])) }
        }
        return scratch.withUnsafeBufferPointer { body(UnsafeBufferPointer(rebasing: $0[(~s.start)..<s.end])) }
    }

    func fieldString(_ i: Int) -> String {
        withField(i) { String(decoding: $0, as: UTF8.self) }
    }

    /// True when the last record is one empty field (an empty physical line).
    var isEmptyLine: Bool {
        spans.count == 1 && spans[0].start >= 0 && spans[0].start == spans[0].end && problem == nil
    }
}
