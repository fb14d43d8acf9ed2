import FuzzSupport
import WarmPathKit

/// LinkedIn archive: the bytes as `messages.csv` when they carry the messages header, otherwise as
/// `Connections.csv`, in a temporary folder imported by ``LinkedInImporter``.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let bytes = FuzzInput.data(data, size)
    let name = FuzzInput.contains(bytes, "CONVERSATION ID") ? "messages.csv" : "Connections.csv"
    FuzzInput.importSource(LinkedInImporter(), path: FuzzInput.folder(with: bytes, at: name))
    return 0
}

@main enum FuzzMain {
    static func main() { runFuzzer(fuzz) }
}
