import FuzzSupport
import WarmPathKit

/// Pajek: content detection on the head, then `GraphFile.read` as .pajek.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    FuzzInput.readGraph(FuzzInput.data(data, size), kind: .pajek, fileName: "fuzz.net")
    return 0
}

@main enum FuzzMain {
    static func main() { runFuzzer(fuzz) }
}
