import Foundation

/// A file a reporter produced; the caller decides where to write it.
public struct ReportFile: Sendable, Hashable {
    /// File name relative to the report folder, for example `people.csv`.
    public var name: String
    public var contents: Data

    public init(name: String, contents: Data) {
        self.name = name
        self.contents = contents
    }

    public init(name: String, text: String) {
        self.name = name
        self.contents = Data(text.utf8)
    }

    /// The contents as text, a leading UTF-8 byte-order mark left out (CSV files start with one).
    public var text: String { String(decoding: withoutBOM.contents, as: UTF8.self) }

    /// Whether the contents start with the UTF-8 byte-order mark.
    public var hasBOM: Bool {
        contents.count >= 3 && contents[contents.startIndex] == 0xEF
            && contents[contents.startIndex + 1] == 0xBB && contents[contents.startIndex + 2] == 0xBF
    }

    /// The same file without a leading UTF-8 byte-order mark (`--no-bom`); unchanged when it has none.
    public var withoutBOM: ReportFile {
        hasBOM ? ReportFile(name: name, contents: Data(contents.dropFirst(3))) : self
    }
}

extension [ReportFile] {
    /// The files, with the byte-order mark taken off each one that has it when `bom` is false
    /// (`--no-bom`); unchanged when `bom` is true.
    public func csvBOM(_ bom: Bool) -> [ReportFile] { bom ? self : map(\.withoutBOM) }
}
