import Foundation

@testable import WarmPathSupport

/// Reading the CSV warmpath writes: files start with the UTF-8 byte-order mark and rows end in
/// CRLF (one `Character` in Swift, so split rows with ``csvRows``, not at "\n").
enum CSVFiles {
    /// The text of a CSV file on disk, its byte-order mark left out (like ``ReportFile/text``).
    static func text(_ url: URL) throws -> String {
        ReportFile(name: url.lastPathComponent, contents: try Data(contentsOf: url)).text
    }

    /// Whether the file on disk starts with the UTF-8 byte-order mark.
    static func hasBOM(_ url: URL) throws -> Bool {
        ReportFile(name: url.lastPathComponent, contents: try Data(contentsOf: url)).hasBOM
    }
}

extension StringProtocol {
    /// The rows of a CSV text (split at CRLF; a quoted line break inside a cell stays).
    var csvRows: [String] { String(self).split(separator: "\r\n" as Character).map(String.init) }
}
