import FuzzSupport
import WarmPathKit

/// GEXF: content detection on the head, then `GraphFile.read` as .gexf.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    FuzzInput.readGraph(FuzzInput.data(data, size), kind: .gexf, fileName: "fuzz.gexf")
    return 0
}

@main enum FuzzMain {
    static func main() { runFuzzer(fuzz) }
}
