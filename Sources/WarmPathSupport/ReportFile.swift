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

    public var text: String { String(decoding: contents, as: UTF8.self) }
}
