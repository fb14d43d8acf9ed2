import Foundation

/// RFC 4180 CSV output: UTF-8, rows ended by CRLF, quotes where needed, and formula
/// neutralisation: a cell that starts with `=`, `+`, `-`, `@`, TAB or CR gets a leading `'` so
/// spreadsheets do not execute it (OWASP "CSV injection"). Control characters other than tab,
/// LF and CR (``ControlCharacters``: NUL, ESC, BEL, DEL, C1…) are replaced with U+FFFD.
///
/// A file (``file(named:)``) starts with the UTF-8 byte-order mark, which Excel needs to read
/// accented names; ``bytes`` and ``text`` (for standard output) have none, and
/// ``ReportFile/withoutBOM`` takes it off a file (`--no-bom`).
///
/// ```
/// var w = CSVWriter(header: ["name", "note"])
/// w.row(["=HYPERLINK(\"x\")", "a, b"])
/// w.text == "name,note\r\n\"'=HYPERLINK(\"\"x\"\")\",\"a, b\"\r\n"
/// w.file(named: "notes.csv").contents.prefix(3) == Data(CSVWriter.byteOrderMark)
/// ```
public struct CSVWriter: Sendable {
    /// The UTF-8 byte-order mark (EF BB BF) that starts every CSV file.
    public static let byteOrderMark: [UInt8] = [0xEF, 0xBB, 0xBF]
    /// The end of a row: CRLF (RFC 4180).
    public static let rowEnd: [UInt8] = [13, 10]

    /// The file so far, UTF-8, without a byte-order mark.
    public private(set) var bytes: [UInt8] = []
    private var cellsInRow = 0

    public init(header: [String]) {
        bytes.reserveCapacity(1 << 16)
        row(header)
    }

    /// The file so far as text, without a byte-order mark (for standard output).
    public var text: String { String(decoding: bytes, as: UTF8.self) }

    /// The finished file: the byte-order mark, then the rows.
    public func file(named name: String) -> ReportFile {
        var data = Data(capacity: bytes.count + 3)
        data.append(contentsOf: CSVWriter.byteOrderMark)
        data.append(contentsOf: bytes)
        return ReportFile(name: name, contents: data)
    }

    public mutating func row(_ cells: [String]) {
        for c in cells { cell(c) }
        endRow()
    }

    /// Adds one cell to the current row (cell by cell, without building an array per row).
    public mutating func cell(_ raw: String) {
        if cellsInRow > 0 { bytes.append(44) }
        cellsInRow += 1
        var raw = raw
        raw.withUTF8 { CSVWriter.append($0, to: &bytes) }
    }

    /// Ends the current row (CRLF).
    public mutating func endRow() {
        bytes.append(13)
        bytes.append(10)
        cellsInRow = 0
    }

    /// Neutralises formula cells, then quotes per RFC 4180.
    public static func escape(_ raw: String) -> String {
        var out: [UInt8] = []
        var raw = raw
        raw.withUTF8 { append($0, to: &out) }
        return String(decoding: out, as: UTF8.self)
    }

    /// Appends one escaped cell: control characters replaced with U+FFFD, a leading `'` before
    /// `= + - @` TAB or CR (a plain negative number stays as it is), quotes around cells holding
    /// `,` `"` LF or CR, quotes doubled.
    package static func append(_ cell: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) {
        if ControlCharacters.containsUnsafe(cell, keepingCR: true) {
            let clean = ControlCharacters.replacingUnsafe(cell, keepingCR: true)
            clean.withUnsafeBufferPointer { appendClean($0, to: &out) }
        } else {
            appendClean(cell, to: &out)
        }
    }

    /// ``append(_:to:)`` for a cell without control characters.
    private static func appendClean(_ cell: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) {
        var formula = false
        if let f = cell.first, f == 61 || f == 43 || f == 45 || f == 64 || f == 9 || f == 13 {
            // Plain negative numbers are data, not formulas.
            formula = !(f == 45 && Double(String(decoding: cell, as: UTF8.self)) != nil)
        }
        var needsQuotes = false
        for u in cell where u == 44 || u == 34 || u == 10 || u == 13 {
            needsQuotes = true
            break
        }
        if needsQuotes { out.append(34) }
        if formula { out.append(39) }
        if needsQuotes {
            for u in cell {
                out.append(u)
                if u == 34 { out.append(34) }
            }
            out.append(34)
        } else {
            out.append(contentsOf: cell)
        }
    }
}
