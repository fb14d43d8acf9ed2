/// RFC 4180 CSV output: UTF-8, CRLF-free (`\n` rows), quotes where needed, and formula
/// neutralisation: a cell that starts with `=`, `+`, `-`, `@`, TAB or CR gets a leading `'` so
/// spreadsheets do not execute it (OWASP "CSV injection").
///
/// ```
/// var w = CSVWriter(header: ["name", "note"])
/// w.row(["=HYPERLINK(\"x\")", "a, b"])
/// w.text == "name,note\n\"'=HYPERLINK(\"\"x\"\")\",\"a, b\"\n"
/// ```
public struct CSVWriter: Sendable {
    public private(set) var text: String

    public init(header: [String]) {
        text = ""
        row(header)
    }

    public mutating func row(_ cells: [String]) {
        var first = true
        for c in cells {
            if !first { text.append(",") }
            first = false
            text.append(CSVWriter.escape(c))
        }
        text.append("\n")
    }

    /// Neutralises formula cells, then quotes per RFC 4180.
    public static func escape(_ raw: String) -> String {
        var cell = raw
        if let f = cell.unicodeScalars.first, f == "=" || f == "+" || f == "-" || f == "@" || f == "\t" || f == "\r" {
            // Plain negative numbers are data, not formulas.
            if !(f == "-" && Double(cell) != nil) { cell = "'" + cell }
        }
        var needsQuotes = false
        for u in cell.utf8 where u == UInt8(ascii: ",") || u == UInt8(ascii: "\"") || u == 10 || u == 13 {
            needsQuotes = true
            break
        }
        if !needsQuotes { return cell }
        var bytes: [UInt8] = [34]
        bytes.reserveCapacity(cell.utf8.count + 8)
        for u in cell.utf8 {
            bytes.append(u)
            if u == 34 { bytes.append(34) }
        }
        bytes.append(34)
        return String(decoding: bytes, as: UTF8.self)
    }
}

import Foundation
