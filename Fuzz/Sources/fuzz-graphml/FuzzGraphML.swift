import FuzzSupport
import WarmPathKit

/// GraphML: content detection on the head, then `GraphFile.read` as .graphml.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    FuzzInput.readGraph(FuzzInput.data(data, size), kind: .graphml, fileName: "fuzz.graphml")
    return 0
}

@main enum FuzzMain {
    static func main() { runFuzzer(fuzz) }
}
