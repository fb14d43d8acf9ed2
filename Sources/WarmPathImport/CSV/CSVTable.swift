import Foundation
import WarmPathSupport
import WarmPathModel

/// How ``CSVTable/open(_:requiredColumns:file:source:options:)`` reads a file.
public struct CSVOptions: Sendable, Hashable {
    /// The field separator; nil sniffs it from the header line among `,`, TAB and `;`.
    public var delimiter: UInt8?
    /// Read the literal placeholders `NA`, `N/A`, `n/a`, `null`, `NULL` as empty values.
    public var placeholdersAsEmpty: Bool
    /// How many records from the top are searched for the header row.
    public var headerSearchLimit: Int

    public init(delimiter: UInt8? = nil, placeholdersAsEmpty: Bool = true, headerSearchLimit: Int = 50) {
        self.delimiter = delimiter
        self.placeholdersAsEmpty = placeholdersAsEmpty
        self.headerSearchLimit = headerSearchLimit
    }

    public static let `default` = CSVOptions()
}

/// A column of a ``CSVTable``, resolved once from the header so that rows are read by index.
public struct CSVColumn: Sendable, Hashable {
    /// Zero-based field index.
    public let index: Int
    /// The header name as written in the file.
    public let name: String
}

/// Why a CSV file could not be opened at all.
public enum CSVError: Error, Sendable, Equatable, CustomStringConvertible {
    /// No row among the first records holds all required columns.
    case headerNotFound(file: String, required: [String], searched: Int)
    /// The file has no records.
    case empty(file: String)

    public var description: String {
        switch self {
        case .headerNotFound(let file, let required, let searched):
            "\(file): no header row with the columns \(required.joined(separator: ", ")) in the first \(searched) rows"
        case .empty(let file): "\(file): the file is empty"
        }
    }
}

extension CSVError: UserFacingError {
    public var message: String { description }
    public var exitStatus: ExitStatus { .nothingUsable }
}

/// An opened CSV file: encoding and delimiter detected, header row located by its column names
/// (after any preamble), columns looked up by normalised name.
///
/// ```
/// let table = try CSVTable.open(data, requiredColumns: ["First Name", "Last Name"], file: "Connections.csv")
/// let first = table.column("First Name")
/// var rows = table.records()
/// while let row = rows.next() { print(row.line, row[first]) }
/// issues += table.issues + rows.issues
/// ```
public struct CSVTable: Sendable {
    /// File name used in issues.
    public let file: String
    /// Source label used in issues.
    public let source: String
    public let options: CSVOptions
    /// Header names as written (trimmed); empty names are kept at their position.
    public let header: [String]
    /// Physical line of the header row.
    public let headerLine: Int
    public let delimiter: UInt8
    public let encoding: CSVEncoding
    /// Problems met while opening (for example the Windows-1252 fallback).
    public let issues: [ImportIssue]
    /// Records shorter than this are malformed (one past the last required column).
    public let requiredWidth: Int

    let bytes: [UInt8]
    let dataStart: Int
    let dataLine: Int
    private let lookup: [String: Int]

    /// Opens a CSV file held in memory.
    ///
    /// - Parameters:
    ///   - data: the file's bytes in any supported encoding (UTF-8 with or without BOM, UTF-16
    ///     with BOM, otherwise Windows-1252).
    ///   - requiredColumns: names (compared normalised) that the header row must contain; the
    ///     first of the top `options.headerSearchLimit` records holding all of them is the header.
    ///     Empty: the first non-empty record is the header.
    ///   - file: the file name for issues; `source`: the source label for issues.
    /// - Throws: ``CSVError`` when the file is empty or no header row is found.
    /// - Complexity: O(n) for encoding checks; records are read lazily by ``records()``.
    public static func open(
        _ data: Data, requiredColumns: [String] = [], file: String = "", source: String = "",
        options: CSVOptions = .default
    ) throws -> CSVTable {
        try open(bytes: [UInt8](data), requiredColumns: requiredColumns, file: file, source: source, options: options)
    }

    /// ``open(_:requiredColumns:file:source:options:)`` over a byte array.
    public static func open(
        bytes raw: [UInt8], requiredColumns: [String] = [], file: String = "", source: String = "",
        options: CSVOptions = .default
    ) throws -> CSVTable {
        let decoded = CSVTextDecoder.decode(raw)
        var issues: [ImportIssue] = []
        if decoded.encoding == .windows1252 {
            issues.append(
                ImportIssue(
                    source: source, file: file, line: decoded.firstInvalidLine ?? 0, severity: .warning,
                    message: "not valid UTF-8; the file was read as Windows-1252"))
        }
        let bytes = decoded.bytes
        if bytes.allSatisfy({ $0 == 10 || $0 == 13 || $0 == 32 || $0 == 9 }) { throw CSVError.empty(file: file) }
        let required = requiredColumns.map(normalizedName)
        let candidates: [UInt8] = options.delimiter.map { [$0] } ?? [0x2C, 0x09, 0x3B]
        var found: (header: [String], line: Int, start: Int, dataLine: Int, delimiter: UInt8)?
        if required.isEmpty {
            let delim = options.delimiter ?? sniffDelimiter(bytes)
            var scanner = CSVScanner(bytes: bytes, delimiter: delim)
            while scanner.next() {
                if scanner.isEmptyLine { continue }
                let names = (0..<scanner.spans.count).map { scanner.fieldString($0) }
                found = (names, scanner.recordLine, scanner.position, scanner.line, delim)
                break
            }
        } else {
            search: for delim in candidates {
                var scanner = CSVScanner(bytes: bytes, delimiter: delim)
                var seen = 0
                while seen < options.headerSearchLimit && scanner.next() {
                    seen += 1
                    if scanner.isEmptyLine || scanner.spans.count < required.count { continue }
                    let names = (0..<scanner.spans.count).map { scanner.fieldString($0) }
                    let folded = Set(names.map(normalizedName))
                    if required.allSatisfy(folded.contains) {
                        found = (names, scanner.recordLine, scanner.position, scanner.line, delim)
                        break search
                    }
                }
            }
        }
        guard let found else {
            if required.isEmpty { throw CSVError.empty(file: file) }
            throw CSVError.headerNotFound(file: file, required: requiredColumns, searched: options.headerSearchLimit)
        }
        let header = found.header.map { cleanHeaderName($0) }
        var lookup: [String: Int] = [:]
        for (i, name) in header.enumerated() {
            let key = normalizedName(name)
            if !key.isEmpty && lookup[key] == nil { lookup[key] = i }
        }
        let width = required.compactMap { lookup[$0] }.max().map { $0 + 1 } ?? 0
        return CSVTable(
            file: file, source: source, options: options, header: header, headerLine: found.line,
            delimiter: found.delimiter, encoding: decoded.encoding, issues: issues, requiredWidth: width,
            bytes: bytes, dataStart: found.start, dataLine: found.dataLine, lookup: lookup)
    }

    /// The first column whose normalised name equals one of `names`, or nil.
    public func column(_ names: String...) -> CSVColumn? { column(anyOf: names) }

    /// The first of `names` (in order) that the header has.
    public func column(anyOf names: [String]) -> CSVColumn? {
        for n in names {
            if let i = lookup[CSVTable.normalizedName(n)] { return CSVColumn(index: i, name: header[i]) }
        }
        return nil
    }

    /// Whether the header has a column of that (normalised) name.
    public func has(_ name: String) -> Bool { lookup[CSVTable.normalizedName(name)] != nil }

    /// A reader over the data records after the header.
    public func records() -> CSVRecordReader { CSVRecordReader(table: self) }

    /// Column-name normalisation: lower-cased letters and digits only (`Connected_On`,
    /// `connected on` and `ConnectedOn` are equal).
    public static func normalizedName(_ raw: String) -> String {
        var out = ""
        for ch in raw.lowercased() where ch.isLetter || ch.isNumber { out.append(ch) }
        return out
    }

    static func cleanHeaderName(_ raw: String) -> String {
        var s = raw
        while s.first == "\u{FEFF}" { s.removeFirst() }
        return s.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// The delimiter among `,` TAB `;` that occurs most (outside quotes) in the first non-empty line.
    static func sniffDelimiter(_ bytes: [UInt8]) -> UInt8 {
        var counts: [UInt8: Int] = [0x2C: 0, 0x09: 0, 0x3B: 0]
        var inQuotes = false
        var sawText = false
        for b in bytes {
            if b == 0x22 {
                inQuotes.toggle()
            } else if !inQuotes && (b == 10 || b == 13) {
                if sawText { break }
            } else if !inQuotes, counts[b] != nil {
                counts[b]! += 1
                sawText = true
            } else {
                sawText = true
            }
        }
        var best: UInt8 = 0x2C
        for d: UInt8 in [0x2C, 0x09, 0x3B] where counts[d]! > counts[best]! { best = d }
        return best
    }
}

/// One data record. Values are read by pre-resolved ``CSVColumn``; a missing column or a
/// short row gives an empty value.
public struct CSVRecord: Sendable {
    /// Physical line (1-based) where the record starts.
    public let line: Int
    let scanner: CSVScanner
    let placeholdersAsEmpty: Bool

    /// Number of fields in this record.
    public var count: Int { scanner.spans.count }

    /// The trimmed value of `column`; placeholders (`NA`, `N/A`, `null`) read as empty unless
    /// the table's options say otherwise. Empty when the column is nil or the row is short.
    public subscript(_ column: CSVColumn?) -> String {
        guard let column, column.index < scanner.spans.count else { return "" }
        return value(at: column.index)
    }

    /// The trimmed value of field `index` (placeholders handled as for the column subscript).
    public func value(at index: Int) -> String {
        guard index >= 0 && index < scanner.spans.count else { return "" }
        let raw = scanner.withField(index) { buf -> String? in
            var lo = 0
            var hi = buf.count
            while lo < hi && (buf[lo] == 32 || buf[lo] == 9) { lo += 1 }
            while hi > lo && (buf[hi - 1] == 32 || buf[hi - 1] == 9) { hi -= 1 }
            if lo == hi { return nil }
            let slice = UnsafeBufferPointer(rebasing: buf[lo..<hi])
            if placeholdersAsEmpty && CSVRecord.isPlaceholder(slice) { return nil }
            return String(decoding: slice, as: UTF8.self)
        }
        return raw ?? ""
    }

    /// The untrimmed value exactly as in the file (placeholders kept).
    public func raw(_ column: CSVColumn?) -> String {
        guard let column, column.index < scanner.spans.count else { return "" }
        return scanner.fieldString(column.index)
    }

    /// Every field, untrimmed.
    public var fields: [String] { (0..<count).map { scanner.fieldString($0) } }

    /// True when every field is empty or whitespace.
    public var isBlank: Bool {
        for i in 0..<count where !value(at: i).isEmpty { return false }
        return true
    }

    /// The byte length of field `index` (for benchmarks and cheap checks).
    public func byteCount(at index: Int) -> Int {
        let s = scanner.spans[index]
        return s.end - (s.start >= 0 ? s.start : ~s.start)
    }

    static func isPlaceholder(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        switch b.count {
        case 2: return b[0] == 0x4E && b[1] == 0x41  // NA
        case 3:  // N/A n/a
            return (b[0] == 0x4E && b[1] == 0x2F && b[2] == 0x41) || (b[0] == 0x6E && b[1] == 0x2F && b[2] == 0x61)
        case 4:  // null NULL
            return (b[0] == 0x6E && b[1] == 0x75 && b[2] == 0x6C && b[3] == 0x6C)
                || (b[0] == 0x4E && b[1] == 0x55 && b[2] == 0x4C && b[3] == 0x4C)
        default: return false
        }
    }
}

/// Streams the data records of a ``CSVTable``, by the rule in `docs/limits.md` ("CSV rows"):
/// - empty lines are skipped silently;
/// - a line that repeats the header (two exports joined into one file) is skipped with an
///   ``ImportIssue`` ("repeated header line skipped");
/// - a record with more fields than the header is skipped with an issue: a comma in an
///   unquoted cell shifted its columns, so none of them can be trusted;
/// - a record with fewer fields than the header is kept when every required column is there
///   (the missing trailing columns read as empty), else skipped with an issue;
/// - a record with an unterminated quote is skipped with an issue.
/// The rest of the file is always read. Every issue names the record's first line.
public struct CSVRecordReader: Sendable, IteratorProtocol, Sequence {
    private var scanner: CSVScanner
    private let file: String
    private let source: String
    private let width: Int
    private let headerCount: Int
    /// The header's names normalised (``CSVTable/normalizedName(_:)``), to spot a repeated header.
    private let headerKeys: [String]
    /// The first header name's bytes, ASCII lower-cased: a cheap first test for a repeated header.
    private let headerFirst: [UInt8]
    private let placeholdersAsEmpty: Bool
    /// Issues for malformed records met so far.
    public private(set) var issues: [ImportIssue] = []
    /// Records skipped as malformed (unterminated quote, too many fields, too few for the
    /// required columns).
    public private(set) var malformedRows: Int = 0
    /// Lines skipped because they repeat the header.
    public private(set) var repeatedHeaders: Int = 0
    /// Empty physical lines skipped.
    public private(set) var emptyLines: Int = 0
    /// Records returned.
    public private(set) var rows: Int = 0
    /// Records starting at or after this offset are left to the next stretch
    /// (``CSVTable/readRecords(parts:minimumBytes:_:)``).
    private let limit: Int

    init(table: CSVTable, start: Int? = nil, line: Int? = nil, limit: Int = .max) {
        scanner = CSVScanner(
            bytes: table.bytes, delimiter: table.delimiter, position: start ?? table.dataStart,
            line: line ?? table.dataLine)
        self.limit = limit
        file = table.file
        source = table.source
        width = table.requiredWidth
        headerCount = table.header.count
        headerKeys = table.header.map(CSVTable.normalizedName)
        headerFirst = (table.header.first ?? "").utf8.map(CSVRecordReader.asciiLower)
        placeholdersAsEmpty = table.options.placeholdersAsEmpty
    }

    @inline(__always)
    static func asciiLower(_ b: UInt8) -> UInt8 { b >= 65 && b <= 90 ? b | 0x20 : b }

    /// Whether the record just scanned repeats the header line: as many fields, each the
    /// header's name (compared normalised, as columns are looked up).
    private func isRepeatedHeader() -> Bool {
        guard scanner.spans.count == headerCount, headerCount > 0 else { return false }
        // Cheap test first: field 0, without a byte-order mark and blanks, equals the first name.
        let first = headerFirst
        let sameFirst = scanner.withField(0) { buf -> Bool in
            var lo = 0
            var hi = buf.count
            while hi - lo >= 3 && buf[lo] == 0xEF && buf[lo + 1] == 0xBB && buf[lo + 2] == 0xBF { lo += 3 }
            while lo < hi && (buf[lo] == 32 || buf[lo] == 9) { lo += 1 }
            while hi > lo && (buf[hi - 1] == 32 || buf[hi - 1] == 9) { hi -= 1 }
            guard hi - lo == first.count else { return false }
            for k in 0..<first.count where CSVRecordReader.asciiLower(buf[lo + k]) != first[k] { return false }
            return true
        }
        guard sameFirst else { return false }
        for i in 0..<headerCount where CSVTable.normalizedName(scanner.fieldString(i)) != headerKeys[i] { return false }
        return true
    }

    /// Offset and physical line of the next record.
    var position: Int { scanner.position }
    var line: Int { scanner.line }

    public mutating func next() -> CSVRecord? {
        while scanner.position < limit && scanner.next() {
            if scanner.isEmptyLine {
                emptyLines += 1
                continue
            }
            if scanner.problem == .unterminatedQuote {
                malformedRows += 1
                issues.append(
                    ImportIssue(
                        source: source, file: file, line: scanner.recordLine, severity: .warning,
                        message: "unterminated quoted field; the row was skipped"))
                continue
            }
            if scanner.spans.count > headerCount {
                malformedRows += 1
                issues.append(
                    ImportIssue(
                        source: source, file: file, line: scanner.recordLine, severity: .warning,
                        message:
                            "malformed row: \(scanner.spans.count) fields, the header has \(headerCount) (an unquoted "
                            + "delimiter?); its columns cannot be trusted, the row was skipped"))
                continue
            }
            if isRepeatedHeader() {
                repeatedHeaders += 1
                issues.append(
                    ImportIssue(
                        source: source, file: file, line: scanner.recordLine, severity: .warning,
                        message: "repeated header line skipped (two exports joined into one file?)"))
                continue
            }
            if scanner.spans.count < width {
                malformedRows += 1
                issues.append(
                    ImportIssue(
                        source: source, file: file, line: scanner.recordLine, severity: .warning,
                        message:
                            "malformed row: \(scanner.spans.count) field(s), expected \(headerCount); the row was skipped"
                    ))
                continue
            }
            rows += 1
            return CSVRecord(line: scanner.recordLine, scanner: scanner, placeholdersAsEmpty: placeholdersAsEmpty)
        }
        return nil
    }
}

extension CSVTable {
    /// Reads the data records in up to `parts` consecutive stretches of the file, one per thread,
    /// and returns each stretch's result with its reader (for issues and counts), in file order.
    /// `body` drains the reader it is given.
    ///
    /// Stretches start after a line break that quote parity puts outside quoted fields. Each
    /// split is checked against where the stretch before it really ended (offset and line): a
    /// file whose quoting fools the parity count (a stray quote inside an unquoted cell) is read
    /// again in one stretch, so the records, lines and issues are always those of one
    /// sequential read. Files under `minimumBytes` per part are read in one stretch.
    ///
    /// - Complexity: O(n) over the bytes, spread over `parts` threads, plus one counting pass
    ///   over the bytes before the last split.
    public func readRecords<T: Sendable>(
        parts: Int = Parallel.workers(), minimumBytes: Int = 4 << 20,
        _ body: @escaping @Sendable (inout CSVRecordReader) -> T
    ) -> [(result: T, reader: CSVRecordReader)] {
        let total = bytes.count - dataStart
        let k = min(parts, total / max(1, minimumBytes))
        func whole() -> [(result: T, reader: CSVRecordReader)] {
            var reader = records()
            let result = body(&reader)
            return [(result, reader)]
        }
        guard k >= 2 else { return whole() }
        let splits = recordSplits(count: k)
        guard splits.count == k - 1 else { return whole() }
        let starts = [(offset: dataStart, line: dataLine)] + splits
        let table = self
        let jobs: [@Sendable () -> (result: T, reader: CSVRecordReader)] = starts.indices.map { j in
            {
                let end = j + 1 < starts.count ? starts[j + 1].offset : Int.max
                var reader = CSVRecordReader(table: table, start: starts[j].offset, line: starts[j].line, limit: end)
                let result = body(&reader)
                return (result, reader)
            }
        }
        let out = Parallel.map(jobs, threads: k)
        // Each stretch must end exactly where the next one began, on the same line.
        for j in 0..<(out.count - 1)
        where out[j].reader.position != starts[j + 1].offset || out[j].reader.line != starts[j + 1].line {
            return whole()
        }
        return out
    }

    /// Up to `count - 1` split points (offset just after a line break, and that offset's
    /// physical line) near equal fractions of the data, where quote parity says no quoted
    /// field is open. Lines are counted as the scanner counts them (LF, CR-LF or a lone CR).
    func recordSplits(count: Int) -> [(offset: Int, line: Int)] {
        bytes.withUnsafeBufferPointer { p in
            let n = p.count
            var out: [(offset: Int, line: Int)] = []
            var pos = dataStart
            var line = dataLine
            var quotes = 0
            for j in 1..<count {
                let target = dataStart + (n - dataStart) * j / count
                guard target > pos else { continue }
                let c = CSVTable.countQuotesAndLines(p, pos, target)
                quotes &+= c.quotes
                line += c.lines
                pos = target
                // A CR-LF pair cut at the target counts once, at its LF.
                if pos > 0 && p[pos - 1] == 13 && pos < n && p[pos] == 10 { line -= 1 }
                // Walk to the next line break outside quotes.
                var found = false
                while pos < n {
                    let b = p[pos]
                    pos += 1
                    if b == 0x22 {
                        quotes &+= 1
                    } else if b == 10 || b == 13 {
                        if b == 13 && pos < n && p[pos] == 10 { pos += 1 }
                        line += 1
                        if quotes & 1 == 0 {
                            found = true
                            break
                        }
                    }
                }
                guard found, pos < n else { break }
                out.append((pos, line))
            }
            return out
        }
    }

    /// Quote bytes and line breaks in `p[from..<to]` (a CR followed by LF counts once; a CR at
    /// `to - 1` counts as a lone CR). Branch-free counting the compiler vectorises; CR-LF pairs
    /// are counted in a second pass only when there are CRs.
    static func countQuotesAndLines(_ p: UnsafeBufferPointer<UInt8>, _ from: Int, _ to: Int) -> (
        quotes: Int, lines: Int
    ) {
        guard from < to, let base = p.baseAddress else { return (0, 0) }
        var quotes = 0
        var lf = 0
        var cr = 0
        for i in from..<to {
            let b = base[i]
            quotes &+= b == 0x22 ? 1 : 0
            lf &+= b == 10 ? 1 : 0
            cr &+= b == 13 ? 1 : 0
        }
        var crlf = 0
        if cr > 0 && to - from >= 2 {
            for i in from..<(to - 1) { crlf &+= base[i] == 13 && base[i + 1] == 10 ? 1 : 0 }
        }
        return (quotes, lf + cr - crlf)
    }
}
