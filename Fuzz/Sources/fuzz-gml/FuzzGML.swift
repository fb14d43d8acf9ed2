import FuzzSupport
import WarmPathKit

/// GML: content detection on the head, then `GraphFile.read` as .gml.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    FuzzInput.readGraph(FuzzInput.data(data, size), kind: .gml, fileName: "fuzz.gml")
    return 0
}

@main enum FuzzMain {
    static func main() { runFuzzer(fuzz) }
}
