import Foundation

/// Reads a LinkedIn "Get a copy of your data" archive (zip, folder or loose CSVs).
public struct LinkedInImporter: SourceImporter {
    public init() {}
    public var kinds: [SourceKind] { [.linkedin] }
    public var name: String { "LinkedIn archive" }

    public func detect(_ container: SourceContainer) -> Detection? {
        if !container.find("Connections.csv").isEmpty {
            return Detection(kind: .linkedin, confidence: 80, reason: "Connections.csv")
        }
        if !container.find("messages.csv").isEmpty {
            return Detection(kind: .linkedin, confidence: 60, reason: "messages.csv")
        }
        return nil
    }

    public func importSource(_ container: SourceContainer, options: ImportOptions) throws -> SourceImport {
        throw ImportError.nothingUsable(path: container.path, reason: "LinkedIn importer is being written")
    }
}
