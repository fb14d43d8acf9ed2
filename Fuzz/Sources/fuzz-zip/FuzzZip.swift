import FuzzSupport
import WarmPathKit

/// Zip: the bytes as a temporary `.zip` opened as a ``SourceContainer``; every entry's head and
/// body are read, then the standard registry detects and imports the archive.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let path = FuzzInput.file(with: FuzzInput.data(data, size), named: "fuzz.zip")
    guard let container = try? SourceContainer(path: path) else { return 0 }
    _ = container.issues(source: "fuzz")
    for entry in container.entries {
        _ = try? container.head(entry, bytes: 512)
        _ = try? container.read(entry)
    }
    if let (importer, _) = try? ImporterRegistry.standard.detect(container) {
        _ = try? importer.importSource(container, options: ImportOptions())
    }
    return 0
}

@main enum FuzzMain {
    static func main() { runFuzzer(fuzz) }
}
